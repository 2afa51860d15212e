// The privilege pass lands in issue 3; this keeps the library non-empty.
namespace stap::privilege_detail {
int library_anchor = 0;
}
