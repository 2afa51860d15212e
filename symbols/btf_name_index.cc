#include "symbols/btf_name_index.h"

#include <bpf/btf.h>

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace stap {

namespace {

struct Key {
  std::string_view name;  // in the BTF's string section, alive with it
  int kind;
  bool operator==(const Key &) const = default;
};

struct KeyHash {
  size_t operator()(const Key &k) const {
    return std::hash<std::string_view>()(k.name) * 31 + size_t(k.kind);
  }
};

// The types `b` adds to its base (all of them for a vmlinux).
using Index = std::unordered_map<Key, int32_t, KeyHash>;

std::unique_ptr<Index> build(const struct btf *b) {
  auto index = std::make_unique<Index>();
  const struct btf *base = btf__base_btf(b);
  uint32_t first = base ? btf__type_cnt(base) : 1;
  uint32_t end = btf__type_cnt(b);
  index->reserve(end - first);
  for (uint32_t id = first; id < end; ++id) {
    const struct btf_type *t = btf__type_by_id(b, id);
    if (!t || !t->name_off) continue;
    const char *name = btf__name_by_offset(b, t->name_off);
    if (!name || !*name) continue;
    index->emplace(Key{name, int(btf_kind(t))}, int32_t(id));
  }
  return index;
}

std::mutex lock;
std::map<const struct btf *, std::unique_ptr<Index>> indexes;

const Index &index_of(const struct btf *b) {
  auto &slot = indexes[b];
  if (!slot) slot = build(b);
  return *slot;
}

}  // namespace

int32_t btf_find(const struct btf *b, std::string_view name, int kind) {
  std::lock_guard<std::mutex> guard(lock);
  for (const struct btf *in : {btf__base_btf(b), b}) {
    if (!in) continue;
    const Index &index = index_of(in);
    auto it = index.find(Key{name, kind});
    if (it != index.end()) return it->second;
  }
  return -1;
}

void btf_forget(const struct btf *b) {
  std::lock_guard<std::mutex> guard(lock);
  indexes.erase(b);
}

}  // namespace stap
