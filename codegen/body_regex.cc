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
      // Pass 2 (operand_checks) refuses a pattern that does not compile.
      diags_.error(DiagId::internal_error, e->pattern->loc,
                   "internal error: regular expression reached pass 3 "
                   "without compiling: " +
                       r.error);
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
           std::to_string(r.dfa.classes) + ", " + name + "_next, " + name +
           "_accept, " + std::to_string(r.dfa.groups) + " };");
    it = sym_.regex_names.emplace(pattern, name).first;
  }
  std::string subject = f_.temp(Type::string);
  assign_to(subject, Type::string, emit_expr(e->lhs));
  std::string t = f_.temp(Type::long_);
  w_.line(t + " = " + (e->negated ? "!" : "") + "stp_regex_match(c, &" +
          it->second + ", " + subject + ");");
  return t;
}

}  // namespace stap
