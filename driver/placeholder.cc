// The driver pipeline is being written; this keeps the library non-empty.
namespace stap::driver_detail {
int library_anchor = 0;
}
