// =~ and !~: the pattern becomes DFA tables at translate time; the module
// only walks them (runtime/regex.c).
#include "codegen/body_emitter.h"
#include "elaborate/regex_dfa.h"

namespace stap {

namespace {

template <typename T>
std::string c_array(const T *values, size_t n) {
  std::string out = "{ ";
  for (size_t i = 0; i < n; ++i) {
    out += std::to_string(static_cast<unsigned>(values[i])) + ",";
    out += (i % 16 == 15) ? "\n    " : " ";
  }
  return out + "}";
}

}  // namespace

std::string BodyEmitter::emit_regex(const RegexExpr *e) {
  const std::string &pattern = e->pattern->value;
  auto it = sym_.regex_names.find(pattern);
  if (it == sym_.regex_names.end()) {
    DfaResult r = compile_regex(pattern);
    if (!r.ok) {
      Location at = e->pattern->loc;
      // Point into the literal when its text is the pattern as written.
      if (at.end > at.begin + 1 + r.error_offset &&
          sm_.text(at).substr(1, pattern.size()) == pattern) {
        at.begin += 1 + static_cast<uint32_t>(r.error_offset);
        at.end = at.begin + 1;
      }
      diags_.error(DiagId::sem_bad_regex, at,
                   "invalid regular expression: " + r.error);
      failed_ = true;
      return "0";
    }
    std::string name = "stp_re_" + std::to_string(sym_.regex_names.size());
    CWriter &t = *sym_.regex_tables;
    t.comment("regex '" + pattern + "': " +
              std::to_string(r.dfa.states()) + " states, " +
              std::to_string(r.dfa.classes) + " byte classes");
    t.line("static const u8 " + name + "_class[256] = " + c_array(r.dfa.byte_class, 256) + ";");
    t.line("static const u16 " + name + "_next[] = " + c_array(r.dfa.next.data(), r.dfa.next.size()) + ";");
    t.line("static const u8 " + name + "_accept[] = " + c_array(r.dfa.accept.data(), r.dfa.accept.size()) + ";");
    t.line("static const struct stp_dfa " + name + " = { " + name + "_class, " +
           std::to_string(r.dfa.classes) + ", " + name + "_next, " + name + "_accept };");
    it = sym_.regex_names.emplace(pattern, name).first;
  }
  std::string subject = f_.temp(Type::string);
  assign_to(subject, Type::string, emit_expr(e->lhs));
  std::string t = f_.temp(Type::long_);
  w_.line(t + " = " + (e->negated ? "!" : "") + "stp_dfa_match(&" + it->second + ", " +
          subject + ");");
  return t;
}

}  // namespace stap
