// netfilter probes: netfilter.hook("H").pf("P")[.priority("N")] run as a
// netfilter hook function of init_net (runtime/netfilter.c). The names a
// script may use are listed once, below, for pass 2's checks and pass 3's
// numbers. Target variables: elaborate/netfilter_target_vars.cc.
#include <charconv>
#include <climits>
#include <string>

#include "probes/family.h"
#include "probes/probe_registry.h"

namespace stap {

namespace {

struct NamedValue {
  std::string name;
  int64_t value;
};

// A protocol family, its hooks (<linux/netfilter_*.h>) and the named
// priorities stapprobes(3stap) lets a script use for it.
struct ProtocolFamily {
  const char *name;
  int value;  // NFPROTO_*
  std::vector<NamedValue> hooks;
  std::vector<NamedValue> priorities;
};

std::vector<NamedValue> inet_hooks(const char *prefix) {
  std::vector<NamedValue> out;
  const char *names[] = {"PRE_ROUTING", "LOCAL_IN", "FORWARD", "LOCAL_OUT",
                         "POST_ROUTING"};
  for (int64_t i = 0; i < 5; ++i)
    out.push_back({prefix + std::string(names[i]), i});
  return out;
}

std::vector<NamedValue> ip_priorities(const char *prefix, bool v4) {
  std::vector<std::pair<const char *, int64_t>> pri = {
      {"FIRST", INT_MIN},
      {"RAW_BEFORE_DEFRAG", -450},
      {"CONNTRACK_DEFRAG", -400},
      {"RAW", -300},
      {"SELINUX_FIRST", -225},
      {"CONNTRACK", -200},
      {"MANGLE", -150},
      {"NAT_DST", -100},
      {"FILTER", 0},
      {"SECURITY", 50},
      {"NAT_SRC", 100},
      {"SELINUX_LAST", 225},
      {"CONNTRACK_HELPER", 300},
      {"LAST", INT_MAX}};
  if (v4) pri.push_back({"CONNTRACK_CONFIRM", INT_MAX});
  std::vector<NamedValue> out;
  for (auto &[n, v] : pri) out.push_back({prefix + std::string(n), v});
  return out;
}

const std::vector<ProtocolFamily> &families() {
  static const std::vector<ProtocolFamily> all = [] {
    std::vector<ProtocolFamily> f;
    auto v4 = inet_hooks("NF_INET_"), ip = inet_hooks("NF_IP_");
    v4.insert(v4.end(), ip.begin(), ip.end());
    f.push_back({"NFPROTO_IPV4", 2, v4, ip_priorities("NF_IP_PRI_", true)});
    auto v6 = inet_hooks("NF_INET_"), ip6 = inet_hooks("NF_IP6_");
    v6.insert(v6.end(), ip6.begin(), ip6.end());
    f.push_back({"NFPROTO_IPV6", 10, v6, ip_priorities("NF_IP6_PRI_", false)});
    f.push_back({"NFPROTO_ARP",
                 3,
                 {{"NF_ARP_IN", 0}, {"NF_ARP_OUT", 1}, {"NF_ARP_FORWARD", 2}},
                 {}});
    f.push_back({"NFPROTO_BRIDGE", 7, inet_hooks("NF_BR_"), {}});
    return f;
  }();
  return all;
}

void register_types(ProbeRegistry &reg) {
  const char *forms[] = {"netfilter.hook(string).pf(string)",
                         "netfilter.pf(string).hook(string)"};
  // has_target_vars: $hooknum, $skb, $in, $out, $okfn, $verdict.
  for (const char *f : forms) {
    reg.add({.pattern = f,
             .action = "probe.netfilter",
             .description = "runs at a netfilter hook for a protocol family",
             .has_target_vars = true});
    reg.add({.pattern = std::string(f) + ".priority(string)",
             .action = "probe.netfilter",
             .description = "runs at a netfilter hook with a given priority",
             .has_target_vars = true});
  }
}

// What a concrete point asks for, or the complaint about it.
struct HookPoint {
  int pf = 0;
  int64_t hook = 0, priority = 0;
  ProbeFamilyDef::PointError error;
};

int component_of(const ProbePoint &pp, std::string_view name) {
  for (size_t i = 0; i < pp.components.size(); ++i)
    if (pp.components[i].name == name) return int(i);
  return 0;
}

std::string text_of(const ProbePoint &pp, std::string_view name) {
  const Expr *e = pp.arg_of(name);
  return e && e->kind == ExprKind::string
             ? static_cast<const StringLit *>(e)->value
             : std::string();
}

const NamedValue *find(const std::vector<NamedValue> &v,
                       const std::string &name) {
  for (const NamedValue &n : v)
    if (name == n.name) return &n;
  return nullptr;
}

std::string names_of(const std::vector<NamedValue> &v) {
  std::string out;
  for (const NamedValue &n : v) out += (out.empty() ? "" : ", ") + n.name;
  return out;
}

HookPoint parse(const ProbePoint &pp) {
  HookPoint h;
  auto fail = [&](std::string msg, std::string_view comp) {
    h.error = {std::move(msg), component_of(pp, comp)};
    return h;
  };
  std::string pf = text_of(pp, "pf"), hook = text_of(pp, "hook");
  const ProtocolFamily *fam = nullptr;
  for (const ProtocolFamily &f : families())
    if (pf == f.name) fam = &f;
  if (!fam)
    return fail("unsupported netfilter protocol family \"" + pf +
                    "\" (one of NFPROTO_IPV4, NFPROTO_IPV6, NFPROTO_ARP, "
                    "NFPROTO_BRIDGE)",
                "pf");
  h.pf = fam->value;
  const NamedValue *hv = find(fam->hooks, hook);
  if (!hv)
    return fail("unsupported netfilter hook \"" + hook +
                    "\" for protocol family \"" + pf + "\" (one of " +
                    names_of(fam->hooks) + ")",
                "hook");
  h.hook = hv->value;
  if (!pp.arg_of("priority")) return h;
  std::string pri = text_of(pp, "priority");
  if (const NamedValue *pv = find(fam->priorities, pri)) {
    h.priority = pv->value;
    return h;
  }
  int v = 0;
  const char *end = pri.data() + pri.size();
  auto [ptr, ec] = std::from_chars(pri.data(), end, v);
  if (pri.empty() || ec != std::errc() || ptr != end)
    return fail("unsupported netfilter priority \"" + pri +
                    "\" for protocol family \"" + pf + "\" (a decimal int" +
                    (fam->priorities.empty() ? "" : " or an NF_IP*_PRI_ name") +
                    ")",
                "priority");
  h.priority = v;
  return h;
}

ProbeFamilyDef::PointError check_point(const ProbePoint &pp) {
  return parse(pp).error;
}

// One struct stp_netfilter_probe per probe (runtime/netfilter.h).
std::vector<std::string> emit_providers(const std::vector<FamilyProbe> &probes,
                                        CWriter &out, Diagnostics &diags) {
  {
    auto t = out.block(
        "static struct stp_netfilter_probe stp_netfilter_probes[] =", ";");
    for (const FamilyProbe &p : probes) {
      HookPoint h = parse(*p.point);
      if (!h.error.message.empty())
        diags.error(DiagId::internal_error, p.point->loc,
                    "internal error: " + h.error.message);
      out.line("{ .probe = &" + p.probe + ", .pf = " + std::to_string(h.pf) +
               ", .hooknum = " + std::to_string(h.hook) + ", .priority = " +
               (h.priority == INT_MIN ? std::string("(-2147483647 - 1)")
                                      : std::to_string(h.priority)) +
               " },");
    }
  }
  return {"{ &stp_provider_netfilter, stp_netfilter_probes, "
          "ARRAY_SIZE(stp_netfilter_probes) },"};
}

}  // namespace

const ProbeFamilyDef netfilter_family = {.name = "netfilter",
                                         .register_types = register_types,
                                         .emit_providers = emit_providers,
                                         .check_point = check_point};

}  // namespace stap
