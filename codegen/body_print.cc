// The print family. Formats go to the runtime's own formatter (never the
// kernel's printf with a user-supplied format).
#include "codegen/body_emitter.h"

namespace stap {

// "STP_LONG(x), STP_STR(y)" for args[first..]; each evaluated into a
// temporary first so later arguments cannot change earlier ones.
std::string BodyEmitter::value_list(const std::vector<Expr *> &args,
                                    size_t first) {
  std::vector<std::string> vals;
  for (size_t i = first; i < args.size(); ++i) {
    std::string t = f_.temp(args[i]->type);
    assign_to(t, args[i]->type, emit_expr(args[i]));
    vals.push_back(args[i]->type == Type::string ? "STP_STR(" + t + ")"
                                                 : "STP_LONG(" + t + ")");
  }
  std::string out;
  for (size_t i = 0; i < vals.size(); ++i) out += (i ? ", " : "") + vals[i];
  return out;
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
      return "0";
    }
    std::string t = f_.temp(Type::string);
    w_.line("stp_sprintf(" + t + ", MAXSTRINGLEN, " + fmt + ", a_, " + count + ");");
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
    delim_value = f_.temp(Type::string);
    assign_to(delim_value, Type::string, emit_expr(e->args[0]));
  }
  std::vector<std::string> vals;
  for (size_t i = first; i < e->args.size(); ++i) {
    if (i > first) {
      if (!delim_value.empty()) {
        fmt += "%s";
        vals.push_back("STP_STR(" + delim_value + ")");
      }
      for (char ch : delim) fmt += ch == '%' ? std::string("%%") : std::string(1, ch);
    }
    fmt += e->args[i]->type == Type::string ? "%s" : "%d";
    std::string t = f_.temp(e->args[i]->type);
    assign_to(t, e->args[i]->type, emit_expr(e->args[i]));
    vals.push_back(e->args[i]->type == Type::string ? "STP_STR(" + t + ")"
                                                    : "STP_LONG(" + t + ")");
  }
  if (newline) fmt += "\n";
  std::string joined;
  for (size_t i = 0; i < vals.size(); ++i) joined += (i ? ", " : "") + vals[i];
  std::string vals_c = joined;
  auto blk = w_.block("");
  if (vals_c.empty()) w_.line("const struct stp_val *a_ = NULL;");
  else w_.line("const struct stp_val a_[] = { " + vals_c + " };");
  std::string count = vals_c.empty() ? "0" : "ARRAY_SIZE(a_)";
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
