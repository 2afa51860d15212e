// =~ and !~: the pattern becomes DFA tables at translate time; the module
// only walks them (runtime/regex.c). A script that reads submatches also
// gets each pattern's capture program (runtime/regex_capture.c).
#include <algorithm>

#include "codegen/body_emitter.h"
#include "elaborate/regex_capture.h"
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

// The capture program's tables, as `struct stp_re_prog NAME_cap`.
void emit_capture_tables(CWriter &t, const std::string &name,
                         const CaptureProgram &p) {
  std::string states, edges, sets;
  for (const auto &s : p.states)
    states += "{ " + std::to_string(s.on_byte) + ", " + std::to_string(s.set) +
              ", " + std::to_string(s.edge_first) + ", " +
              std::to_string(s.edge_count) + ", " + std::to_string(s.tag) +
              " },\n    ";
  for (const auto &e : p.edges)
    edges +=
        "{ " + std::to_string(e.to) + ", " + std::to_string(e.kind) + " }, ";
  for (const auto &set : p.sets)
    sets += c_array(set.data(), set.size()) + ",\n    ";
  // C has no empty initialisers: a pattern without byte edges ("^$")
  // still gets one unused set.
  if (p.sets.empty()) sets = "{ 0 }";
  t.line("static const struct stp_re_state " + name +
         "_cap_states[] = {\n    " + states + "};");
  t.line("static const struct stp_re_edge " + name + "_cap_edges[] = { " +
         edges + "};");
  t.line("static const unsigned char " + name + "_cap_sets[][32] = { " + sets +
         "};");
  t.line("static const struct stp_re_prog " + name + "_cap = { " + name +
         "_cap_states, " + name + "_cap_edges, " + name + "_cap_sets, " +
         std::to_string(p.states.size()) + ", " +
         std::to_string(p.edges.size()) + ", " + std::to_string(p.start) +
         ", " + std::to_string(p.accept) + ", " + std::to_string(p.ncap()) +
         " };");
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
           std::to_string(r.dfa.classes) + ", " + name + "_next, " + name + "_accept };");
    if (sym_.regex_captures) {
      CaptureResult c = compile_capture(pattern);
      if (!c.ok) {
        diags_.error(DiagId::sem_bad_regex, e->pattern->loc,
                     "invalid regular expression: " + c.error);
        failed_ = true;
        return "0";
      }
      emit_capture_tables(t, name, c.program);
      sym_.regex_max_ncap =
          std::max<size_t>(sym_.regex_max_ncap, c.program.ncap());
      sym_.regex_max_work =
          std::max(sym_.regex_max_work, c.program.work_bytes());
    }
    it = sym_.regex_names.emplace(pattern, name).first;
  }
  std::string subject = f_.temp(Type::string);
  assign_to(subject, Type::string, emit_expr(e->lhs));
  std::string t = f_.temp(Type::long_);
  w_.line(t + " = stp_dfa_match(&" + it->second + ", " + subject + ");");
  if (sym_.regex_captures)
    w_.line("stp_regex_record(STP_REGEX_LAST(c), STP_REGEX_WORK(c), &" +
            it->second + "_cap, " + subject + ", " + t + ");");
  if (e->negated) w_.line(t + " = !" + t + ";");
  return t;
}

}  // namespace stap
