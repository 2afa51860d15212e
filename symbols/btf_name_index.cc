#include "symbols/btf_name_index.h"

#include <bpf/btf.h>

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace stap {

namespace {

// An open-addressing table of type ids keyed by (name, kind): one flat
// array, no allocation per type (a vmlinux has over 100,000 named types,
// and a node-based map spent more time in malloc than in hashing).
class Index {
public:
  explicit Index(const struct btf *b) : b_(b) {
    const struct btf *base = btf__base_btf(b);
    uint32_t first = base ? btf__type_cnt(base) : 1;
    uint32_t end = btf__type_cnt(b);
    size_t size = 16;
    while (size < 2 * size_t(end - first)) size *= 2;
    slots_.assign(size, Slot{0, -1});
    for (uint32_t id = first; id < end; ++id) {
      const struct btf_type *t = btf__type_by_id(b, id);
      if (!t || !t->name_off) continue;
      const char *name = btf__name_by_offset(b, t->name_off);
      if (!name || !*name) continue;
      Slot &s = slots_[probe(name, int(btf_kind(t)))];
      if (s.id < 0) s = Slot{hash(name, int(btf_kind(t))), int32_t(id)};
    }
  }

  int32_t find(std::string_view name, int kind) const {
    return slots_[probe(name, kind)].id;
  }

private:
  struct Slot {
    uint32_t hash;
    int32_t id;  // -1: empty
  };

  static uint32_t hash(std::string_view name, int kind) {
    uint32_t h = 2166136261u ^ uint32_t(kind);  // FNV-1a
    for (char c : name) h = (h ^ uint8_t(c)) * 16777619u;
    return h;
  }

  // The slot holding (name, kind), or the empty one where it would go.
  size_t probe(std::string_view name, int kind) const {
    uint32_t h = hash(name, kind);
    size_t mask = slots_.size() - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
      const Slot &s = slots_[i];
      if (s.id < 0) return i;
      if (s.hash != h) continue;
      const struct btf_type *t = btf__type_by_id(b_, uint32_t(s.id));
      if (int(btf_kind(t)) == kind &&
          name == btf__name_by_offset(b_, t->name_off))
        return i;
    }
  }

  const struct btf *b_;
  std::vector<Slot> slots_;  // a power of two, at most half full
};

std::mutex lock;
std::map<const struct btf *, std::unique_ptr<Index>> indexes;

const Index &index_of(const struct btf *b) {
  auto &slot = indexes[b];
  if (!slot) slot = std::make_unique<Index>(b);
  return *slot;
}

}  // namespace

int32_t btf_find(const struct btf *b, std::string_view name, int kind) {
  std::lock_guard<std::mutex> guard(lock);
  for (const struct btf *in : {btf__base_btf(b), b}) {
    if (!in) continue;
    if (int32_t id = index_of(in).find(name, kind); id >= 0) return id;
  }
  return -1;
}

void btf_forget(const struct btf *b) {
  std::lock_guard<std::mutex> guard(lock);
  indexes.erase(b);
}

}  // namespace stap
