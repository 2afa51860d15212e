#include "elaborate/module_limits.h"

#include <algorithm>
#include <bit>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <map>
#include <set>

#include "parser/visitor.h"
// The runtime's tunables and their defaults, so both sides read one table.
#include "runtime/config.h"

namespace stap {

namespace {

constexpr uint64_t align8(uint64_t n) { return (n + 7) & ~uint64_t{7}; }

// struct stp_map_entry's hlist_node and list_head: four pointers.
constexpr uint64_t kEntryHeader = 32;
// struct stp_map itself and its allocator's rounding, generously.
constexpr uint64_t kMapHeader = 256;
// struct stp_stat before its buckets: count, sum, min, max, sumsq.
constexpr uint64_t kStatHeader = 40;

// The buckets each statistic is drawn with (0 without a histogram): the
// runtime keeps one set per statistic. A linear histogram whose bounds
// are not literals is counted at the most the runtime allows.
class HistBuckets : public Visitor<HistBuckets> {
public:
  std::map<const VarDecl *, unsigned> buckets;
  void visit_hist(HistExpr *h) {
    Expr *base = h->operand;
    if (base && base->kind == ExprKind::index)
      base = static_cast<IndexExpr *>(base)->base;
    if (base && base->kind == ExprKind::symbol) {
      if (const VarDecl *d = static_cast<Symbol *>(base)->decl) {
        unsigned &n = buckets[d];
        n = std::max(n, count(h));
      }
    }
    Visitor::visit_hist(h);
  }

private:
  static unsigned count(const HistExpr *h) {
    if (!h->linear) return STP_LOG_BUCKETS;
    int64_t p[3];
    for (size_t i = 0; i < 3; ++i) {
      if (i >= h->params.size() || h->params[i]->kind != ExprKind::number)
        return STP_MAX_HIST_BUCKETS + 2;
      p[i] = static_cast<const NumberLit *>(h->params[i])->value;
    }
    if (p[2] <= 0 || p[1] <= p[0]) return STP_MAX_HIST_BUCKETS + 2;
    uint64_t inner = (static_cast<uint64_t>(p[1]) - static_cast<uint64_t>(p[0]) +
                      static_cast<uint64_t>(p[2]) - 1) /
                     static_cast<uint64_t>(p[2]);
    // Underflow and overflow buckets around the range.
    return static_cast<unsigned>(std::min<uint64_t>(inner, STP_MAX_HIST_BUCKETS) + 2);
  }
};

// String literals used as values: not formats (printed, never stored)
// and not regex patterns (compiled at translation).
class LongLiterals : public Visitor<LongLiterals> {
public:
  LongLiterals(uint64_t max_len, Diagnostics &diags)
      : max_len_(max_len), diags_(diags) {}
  void visit_string(StringLit *s) {
    if (s->value.size() <= max_len_ || !seen_.insert(s).second) return;
    diags_.report(DiagId::sem_string_truncated, s->loc,
                  "string literal of " + std::to_string(s->value.size()) +
                      " bytes is longer than a string value holds (" +
                      std::to_string(max_len_) +
                      " bytes, MAXSTRINGLEN - 1); it is truncated at run time");
  }
  void visit_print(PrintExpr *p) {
    for (size_t i = p->has_format() ? 1 : 0; i < p->args.size(); ++i)
      visit(p->args[i]);
  }
  void visit_regex(RegexExpr *r) { visit(r->lhs); }

private:
  uint64_t max_len_;
  Diagnostics &diags_;
  std::set<const StringLit *> seen_;
};

uint64_t stat_bytes(unsigned buckets) {
  return kStatHeader + uint64_t{buckets} * 8;
}

uint64_t slot_bytes(Type t, const ModuleLimits &limits, unsigned buckets) {
  if (t == Type::string) return align8(limits.max_string_len);
  if (t == Type::stats) return align8(stat_bytes(buckets));
  return 8;
}

// Saturating, so a huge declared size cannot wrap to a small total.
uint64_t mul(uint64_t a, uint64_t b) {
  return b && a > UINT64_MAX / b ? UINT64_MAX : a * b;
}
uint64_t add(uint64_t a, uint64_t b) {
  return a > UINT64_MAX - b ? UINT64_MAX : a + b;
}

std::string mib(uint64_t bytes) {
  uint64_t tenths = bytes / (1024 * 1024 / 10);
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) +
         " MiB";
}

uint64_t define_value(const std::vector<std::string> &defines,
                      const std::string &name, uint64_t fallback,
                      Diagnostics &diags) {
  uint64_t value = fallback;
  for (const std::string &d : defines) {
    if (d.compare(0, name.size() + 1, name + "=") != 0) continue;
    std::string text = d.substr(name.size() + 1);
    errno = 0;
    char *end = nullptr;
    unsigned long long v = std::strtoull(text.c_str(), &end, 0);
    if (text.empty() || *end || errno || text[0] == '-') {
      diags.error(DiagId::opt_bad, {},
                  "-D " + name + " needs a plain integer, got '" + text + "'");
      continue;
    }
    value = v;
  }
  return value;
}

}  // namespace

std::vector<std::string> defines_within_bounds(
    const std::vector<std::string> &defines, Diagnostics &diags) {
  std::vector<std::string> kept;
  // What a module may spend of the kernel's time, stack and memory.
  static const std::pair<const char *, uint64_t> kBounds[] = {
      {"MAXACTION", MAXACTION},
      {"MAXACTION_INTERRUPTIBLE", MAXACTION_INTERRUPTIBLE},
      {"MAXSTRINGLEN", MAXSTRINGLEN},
      {"MAXMAPENTRIES", MAXMAPENTRIES},
      {"MAXNESTING", MAXNESTING},
      {"MAXSKIPPED", MAXSKIPPED},
      {"MAXTRYLOCK", MAXTRYLOCK},
      {"TRYLOCKDELAY", TRYLOCKDELAY},
      {"STP_OVERLOAD_THRESHOLD", STP_OVERLOAD_THRESHOLD},
      {"STP_PRINT_BUF_SIZE", STP_PRINT_BUF_SIZE},
      {"STP_BUFSIZE", STP_BUFSIZE},
      {"STP_CTL_BUFSIZE", STP_CTL_BUFSIZE},
      {"STP_MAX_HIST_BUCKETS", STP_MAX_HIST_BUCKETS},
      {"STP_MAX_PREALLOC", STP_MAX_PREALLOC},
      {"STP_MAX_PROBES", STP_MAX_PROBES},
  };
  for (const std::string &d : defines) {
    std::string name = d.substr(0, d.find('='));
    if (name == "STP_NO_OVERLOAD") {
      diags.error(DiagId::opt_bad, {},
                  "-D STP_NO_OVERLOAD turns off overload protection, which "
                  "only stapdev may do");
      continue;
    }
    // A value that is not a plain integer is reported here once (a C
    // expression such as 1e9 could still raise the bound) and dropped.
    bool refused = false;
    for (const auto &[bound, fallback] : kBounds) {
      if (name != bound) continue;
      size_t errors = diags.error_count();
      uint64_t value = define_value({d}, name, fallback, diags);
      refused = diags.error_count() > errors;
      if (!refused && value > fallback) {
        diags.error(DiagId::opt_bad, {},
                    "-D " + d + " raises a bound above its default, which "
                    "only stapdev may do");
        refused = true;
      }
    }
    if (!refused) kept.push_back(d);
  }
  return kept;
}

ModuleLimits module_limits(const std::vector<std::string> &defines,
                           Diagnostics &diags) {
  ModuleLimits l;
  l.max_prealloc = define_value(defines, "STP_MAX_PREALLOC", STP_MAX_PREALLOC, diags);
  l.max_probes = define_value(defines, "STP_MAX_PROBES", STP_MAX_PROBES, diags);
  l.max_string_len = define_value(defines, "MAXSTRINGLEN", MAXSTRINGLEN, diags);
  l.max_map_entries = define_value(defines, "MAXMAPENTRIES", MAXMAPENTRIES, diags);
  return l;
}

PreallocCost prealloc_cost(const VarDecl &g, const ModuleLimits &limits,
                           unsigned hist_buckets) {
  PreallocCost c;
  if (!g.is_array) {
    if (g.type == Type::stats) {  // struct stp_pstat: per CPU plus the sum
      c.shared = stat_bytes(hist_buckets);
      c.per_cpu = stat_bytes(hist_buckets);
    }
    return c;
  }
  uint64_t entries = g.size_hint > 0 ? static_cast<uint64_t>(g.size_hint)
                                     : limits.max_map_entries;
  uint64_t entry = kEntryHeader;
  for (Type t : g.index_types) entry += slot_bytes(t, limits, 0);
  entry = align8(entry + slot_bytes(g.type, limits, hist_buckets));
  uint64_t buckets = entries > (uint64_t{1} << 62) ? UINT64_MAX
                                                   : std::bit_ceil(entries);
  uint64_t map = add(add(mul(entries, entry), mul(buckets, 8)), kMapHeader);
  if (g.type == Type::stats) {  // struct stp_pmap: a map per CPU, one merged
    c.shared = add(map, stat_bytes(hist_buckets));
    c.per_cpu = add(map, 8);
  } else {
    c.shared = map;
  }
  return c;
}

PreallocCost check_module_limits(const Program &program,
                                 const ModuleLimits &limits,
                                 Diagnostics &diags) {
  HistBuckets hists;
  LongLiterals literals(limits.max_string_len ? limits.max_string_len - 1 : 0,
                        diags);
  std::set<const Block *> seen;
  for (ProbeDecl *p : program.probes) {
    for (ProbePoint *pp : p->points) {
      hists.visit(pp->condition);
      literals.visit(pp->condition);
    }
    if (!seen.insert(p->body).second) continue;  // wildcard-expanded copies
    hists.visit(p->body);
    literals.visit(p->body);
  }
  for (FunctionDecl *f : program.functions) {
    if (f->is_embedded) continue;
    hists.visit(f->body);
    literals.visit(f->body);
  }
  for (VarDecl *g : program.globals) literals.visit(g->init);

  if (program.probes.size() > limits.max_probes) {
    const ProbeDecl *p = program.probes[limits.max_probes];
    Location at = p->points.empty() ? p->loc : p->points[0]->loc;
    diags.error(DiagId::sem_module_limit, at,
                "the module would have " + std::to_string(program.probes.size()) +
                    " probes, over the limit of " +
                    std::to_string(limits.max_probes) + " (STP_MAX_PROBES)");
  }

  // Declaration order: the global that crosses the limit is reported.
  PreallocCost sum;
  for (const VarDecl *g : program.globals) {
    if (g->size_hint > static_cast<int64_t>(UINT_MAX)) {
      diags.error(DiagId::sem_module_limit, g->loc,
                  "array '" + g->name + "' declares " +
                      std::to_string(g->size_hint) + " entries, over the " +
                      "runtime's maximum of " + std::to_string(UINT_MAX));
      return sum;
    }
    auto it = hists.buckets.find(g);
    PreallocCost c = prealloc_cost(*g, limits,
                                   it == hists.buckets.end() ? 0 : it->second);
    sum.shared = add(sum.shared, c.shared);
    sum.per_cpu = add(sum.per_cpu, c.per_cpu);
    uint64_t one_cpu = add(c.shared, c.per_cpu);
    uint64_t total = add(sum.shared, sum.per_cpu);
    if (total <= limits.max_prealloc) continue;
    diags.error(DiagId::sem_module_limit, g->loc,
                std::string(g->is_array ? "array '" : "statistic '") + g->name +
                    "' preallocates " + std::to_string(one_cpu) + " bytes (" +
                    mib(one_cpu) + (c.per_cpu ? " on one CPU" : "") +
                    "), bringing the module to " + std::to_string(total) +
                    " bytes, over the limit of " +
                    std::to_string(limits.max_prealloc) + " bytes (" +
                    mib(limits.max_prealloc) + ", STP_MAX_PREALLOC)");
    return sum;
  }
  return sum;
}

}  // namespace stap
