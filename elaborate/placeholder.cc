// The elaborator is being written; this keeps the library non-empty.
namespace stap::elaborate_detail {
int library_anchor = 0;
}
