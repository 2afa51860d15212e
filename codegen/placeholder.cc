// The code generator lands in issue 4; this keeps the library non-empty.
namespace stap::codegen_detail {
int library_anchor = 0;
}
