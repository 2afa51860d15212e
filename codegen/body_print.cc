// The print family. Formats go to the runtime's own formatter (never the
// kernel's printf with a user-supplied format).
#include "codegen/body_emitter.h"

namespace stap {

// Evaluates `e` into a temporary now (so later arguments or keys cannot
// change it) and returns it as a runtime value: "STP_LONG(t)"/"STP_STR(t)".
std::string BodyEmitter::emit_val(const Expr *e) {
  std::string t = f_.temp(e->type);
  assign_to(t, e->type, emit_expr(e));
  return (e->type == Type::string ? "STP_STR(" : "STP_LONG(") + t + ")";
}

std::string join_vals(const std::vector<std::string> &vals) {
  std::string out;
  for (size_t i = 0; i < vals.size(); ++i) out += (i ? ", " : "") + vals[i];
  return out;
}

// emit_val() of args[first..], in order, joined by ", ".
std::string BodyEmitter::value_list(const std::vector<Expr *> &args,
                                    size_t first) {
  std::vector<std::string> vals;
  for (size_t i = first; i < args.size(); ++i) vals.push_back(emit_val(args[i]));
  return join_vals(vals);
}

std::string BodyEmitter::emit_print(const PrintExpr *e) {
  const std::string &n = e->name;
  if (e->has_format()) {
    if (e->args.empty() || e->args[0]->kind != ExprKind::string) {
      unsupported(e, "a format that is not a string literal");
      return "0";
    }
    std::string fmt =
        c_string_literal(static_cast<const StringLit *>(e->args[0])->value);
    std::string vals = value_list(e->args, 1);
    auto blk = w_.block("");
    if (vals.empty()) w_.line("const struct stp_val *a_ = NULL;");
    else w_.line("const struct stp_val a_[] = { " + vals + " };");
    std::string count = vals.empty() ? "0" : "ARRAY_SIZE(a_)";
    if (n == "printf") {
      w_.line("stp_printf(c, " + fmt + ", a_, " + count + ");");
      check_error();
      return "0";
    }
    // The script's own format: a conversion the runtime refuses (%m
    // without memory.kernel.read) is a run-time error.
    std::string t = f_.temp(Type::string);
    w_.line("stp_sprintf_checked(c, " + t + ", MAXSTRINGLEN, " + fmt + ", a_, " +
            count + ");");
    check_error();
    return t;
  }

  // print/println/printd/printdln and their sprint forms: values side by
  // side, with a delimiter for the d forms and a newline for the ln forms.
  bool delimited = n.find("printd") != std::string::npos;
  bool newline = n.ends_with("ln");
  // print(@hist_log(s)): the runtime draws the histogram; sprint() draws
  // it into a string (truncated at MAXSTRINGLEN, as any string).
  if (!e->has_format() && e->args.size() == 1 && e->args[0]->kind == ExprKind::hist) {
    auto *h = static_cast<const HistExpr *>(e->args[0]);
    if (e->is_sprint()) return emit_hist_sprint(h);
    emit_hist_print(h);
    return "0";
  }
  std::string fmt;
  size_t first = delimited ? 1 : 0;
  // A literal delimiter goes into the format; any other is evaluated once
  // (first, in source order) and passed as a "%s" argument between values.
  std::string delim, delim_value;
  if (delimited && !e->args.empty() && e->args[0]->kind == ExprKind::string) {
    delim = static_cast<const StringLit *>(e->args[0])->value;
  } else if (delimited && !e->args.empty()) {
    delim_value = emit_val(e->args[0]);
  }
  std::vector<std::string> vals;
  for (size_t i = first; i < e->args.size(); ++i) {
    if (i > first) {
      if (!delim_value.empty()) {
        fmt += "%s";
        vals.push_back(delim_value);
      }
      for (char ch : delim) fmt += ch == '%' ? std::string("%%") : std::string(1, ch);
    }
    fmt += e->args[i]->type == Type::string ? "%s" : "%d";
    vals.push_back(emit_val(e->args[i]));
  }
  if (newline) fmt += "\n";
  std::string list = join_vals(vals);
  auto blk = w_.block("");
  if (list.empty()) w_.line("const struct stp_val *a_ = NULL;");
  else w_.line("const struct stp_val a_[] = { " + list + " };");
  std::string count = list.empty() ? "0" : "ARRAY_SIZE(a_)";
  if (!e->is_sprint()) {
    w_.line("stp_printf(c, " + c_string_literal(fmt) + ", a_, " + count + ");");
    return "0";
  }
  std::string t = f_.temp(Type::string);
  w_.line("stp_sprintf(" + t + ", MAXSTRINGLEN, " + c_string_literal(fmt) +
          ", a_, " + count + ");");
  return t;
}

}  // namespace stap
