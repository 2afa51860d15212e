// Finding a BTF type by name and kind. libbpf's btf__find_by_name_kind
// compares every type's name (over 100,000 in a vmlinux) on each call, and
// pass 2 asks once per @cast and per probed function: hundreds of scans
// for `probe syscall.*`. Here each BTF is scanned once into a hash index.
#pragma once

#include <cstdint>
#include <string_view>

struct btf;

namespace stap {

// The id of the first type named `name` of BTF kind `kind` in `b` (its
// base's types first, as libbpf searches), or -1.
int32_t btf_find(const struct btf *b, std::string_view name, int kind);

// Drops the index of `b`: call before btf__free(b).
void btf_forget(const struct btf *b);

}  // namespace stap
