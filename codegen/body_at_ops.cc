// The built-in @ operators: @kderef/@uderef read SIZE bytes (1, 2, 4 or
// 8, zero-extended) at an address with the runtime's fault-safe readers;
// @const is the named C constant; @uregister(N) / @kregister(N) the user /
// kernel register with DWARF number N; @perf("NAME") the current thread's
// count of the perf counter NAME (runtime/perf.h).
#include "codegen/body_emitter.h"

namespace stap {

std::string BodyEmitter::emit_at_op(const AtOpExpr *e) {
  std::string t = f_.temp(Type::long_);
  if (e->op == "const") {
    const auto *name = static_cast<const StringLit *>(e->args[0]);
    w_.line(t + " = (s64)(" + name->value + ");");
    return t;
  }
  if (e->op == "kderef" || e->op == "uderef") {
    const Expr *size = e->args[0];
    int64_t n = size->kind == ExprKind::number
                    ? static_cast<const NumberLit *>(size)->value
                    : 0;
    if (n != 1 && n != 2 && n != 4 && n != 8) {
      unsupported(size, "a size of '@" + e->op + "' other than 1, 2, 4 or 8");
      return t;
    }
    std::string addr = emit_expr(e->args[1]);
    const char *reader =
        e->op == "kderef" ? "stp_kernel_read_int" : "stp_user_read_int";
    w_.line(t + " = " + reader + "(c, (unsigned long)" + addr + ", " +
            std::to_string(n) + ", false);");
    check_error();
    return t;
  }
  if (e->op == "perf") {
    const auto *name = static_cast<const StringLit *>(e->args[0]);
    w_.line(t + " = stp_perf_read(" + c_string_literal(name->value) + ");");
    return t;
  }
  if (e->op == "uregister" || e->op == "kregister") {
    std::string regno = emit_expr(e->args[0]);
    w_.line(t + " = stp_" + (e->op == "uregister" ? "user" : "kernel") +
            "_dwarf_register(c, " + regno + ");");
    check_error();
    return t;
  }
  unsupported(e, "'@" + e->op + "' in this probe type");
  return t;
}

}  // namespace stap
