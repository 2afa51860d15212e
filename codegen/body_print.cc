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

// The values (emit_val() results) stored in a frame array of their own:
// "F->v2", or "NULL" for none. Never a C local or compound literal, whose
// storage the compiler keeps to the end of the C block.
std::string BodyEmitter::val_array(const std::vector<std::string> &vals) {
  if (vals.empty()) return "NULL";
  std::string array = f_.vals(vals.size());
  for (size_t i = 0; i < vals.size(); ++i)
    w_.line(array + "[" + std::to_string(i) + "] = " + vals[i] + ";");
  return array;
}

// The runtime's (args, nargs) pair for a formatter call.
std::string BodyEmitter::val_args(const std::vector<std::string> &vals) {
  return val_array(vals) + ", " + std::to_string(vals.size());
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
    std::vector<std::string> vals;
    for (size_t i = 1; i < e->args.size(); ++i) vals.push_back(emit_val(e->args[i]));
    return emit_format(e, fmt, vals, true);
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
  return emit_format(e, c_string_literal(fmt), vals, false);
}

// printf/sprintf of the C format literal `fmt` with the evaluated values.
// The script's own format may hold a conversion the runtime refuses (%m
// without memory.kernel.read): a run-time error, so it is checked.
std::string BodyEmitter::emit_format(const PrintExpr *e, const std::string &fmt,
                                     const std::vector<std::string> &vals,
                                     bool script_format) {
  std::string args = val_args(vals);
  if (!e->is_sprint()) {
    w_.line("stp_printf(c, " + fmt + ", " + args + ");");
    if (script_format) check_error();
    return "0";
  }
  std::string t = f_.temp(Type::string);
  if (script_format) {
    w_.line("stp_sprintf_checked(c, " + t + ", MAXSTRINGLEN, " + fmt + ", " +
            args + ");");
    check_error();
  } else {
    w_.line("stp_sprintf(" + t + ", MAXSTRINGLEN, " + fmt + ", " + args + ");");
  }
  return t;
}

}  // namespace stap
