// Array slices: `delete a[*, k]`, `[1, *] in a`, `foreach ([i, j] in a[*, k])`.
// The fixed keys are evaluated once before the walk; each entry whose keys
// differ from them is skipped.
#include "codegen/body_emitter.h"

namespace stap {

std::vector<std::string> BodyEmitter::slice_values(const std::vector<Expr *> &keys) {
  std::vector<std::string> fixed(keys.size());
  for (size_t i = 0; i < keys.size(); ++i)
    if (keys[i]) {
      fixed[i] = f_.temp(keys[i]->type);
      assign_to(fixed[i], keys[i]->type, emit_expr(keys[i]));
    }
  return fixed;
}

void BodyEmitter::emit_slice_skip(const std::string &m, const std::vector<Expr *> &keys,
                                  const std::vector<std::string> &fixed) {
  for (size_t i = 0; i < keys.size(); ++i) {
    if (!keys[i]) continue;
    std::string idx = std::to_string(i);
    if (keys[i]->type == Type::string)
      w_.line("if (stp_str_cmp(stp_map_key_str(" + m + ", e_, " + idx + "), " +
              fixed[i] + ")) continue;");
    else
      w_.line("if (stp_map_key_long(" + m + ", e_, " + idx + ") != " + fixed[i] +
              ") continue;");
  }
}

// `[1, *] in a`: whether any entry matches the fixed keys.
std::string BodyEmitter::emit_in_slice(const InExpr *e) {
  std::vector<std::string> fixed = slice_values(e->keys);
  std::string t = f_.temp(Type::long_);
  w_.line(t + " = 0;");
  auto blk = w_.block("");
  w_.line("struct stp_map_entry *e_;");
  std::string m = walkable_map(e->array);
  auto loop = w_.block("for (e_ = stp_map_first(" + m + "); e_; e_ = stp_map_next(" +
                       m + ", e_))");
  w_.line("STP_ACTION(c, 1);");
  emit_slice_skip(m, e->keys, fixed);
  w_.line(t + " = 1;");
  w_.line("break;");
  return t;
}

}  // namespace stap
