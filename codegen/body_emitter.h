// Emits the C of one probe handler or function body. Every expression is
// evaluated into a temporary of the body's Frame in source order, so the
// C compiler's evaluation order never changes what a script means; errors
// jump to the innermost catch block, or to the body's `out:` label.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "codegen/frame.h"
#include "elaborate/target_access.h"
#include "parser/ast.h"
#include "parser/diagnostics.h"
#include "probes/c_writer.h"

namespace stap {

// One C statement for `next` in a function body, and for STAP_NEXT in an
// embedded-C one: with a next overload (`has_next`), set the frame's flag so
// the call tries that overload; without, SystemTap 4.8's run-time error
// "all functions exhausted" at the call site (the caller fills in
// last_stmt, innermost call first). Then leave the body.
std::string next_overload_c(Frame &frame, bool has_next);

// What the whole program's emission shares with each body.
struct ProgramSymbols {
  // Statistic globals: the C name of their stp_stat_desc.
  std::map<const VarDecl *, std::string> stat_descs;
  std::map<const VarDecl *, std::string> globals;          // C names
  std::map<const FunctionDecl *, std::string> functions;   // C names
  std::map<const FunctionDecl *, Frame *> function_frames;
  // Each distinct regex pattern: its DFA tables, emitted once.
  std::map<std::string, std::string> regex_names;
  CWriter *regex_tables = nullptr;
  // The script calls matched()/matched_str(): every =~ also records its
  // groups (regex_capture.h), and the context needs room for the largest
  // pattern's slots and work area.
  bool regex_captures = false;
  size_t regex_max_ncap = 2;
  size_t regex_max_work = 0;
  // Resolved target expressions: the probe being emitted (nullptr in
  // functions) and the @casts of functions.
  const ProbeTargets *probe_targets = nullptr;
  const ProbeTargets *function_targets = nullptr;
};

class BodyEmitter {
public:
  BodyEmitter(CWriter &w, Frame &frame, ProgramSymbols &symbols,
              const SourceManager &sm, Diagnostics &diags)
      : w_(w), f_(frame), sym_(symbols), sm_(sm), diags_(diags) {}

  void emit_stmt(const Stmt *s);
  // Returns a C expression for the value: an s64 expression for longs, a
  // `const char *` for strings. Any code it needs is already written.
  std::string emit_expr(const Expr *e);
  // Initialises the body's locals (SystemTap locals start as 0 and "").
  void init_locals(const std::vector<VarDecl *> &locals);
  bool failed() const { return failed_; }
  // A function body: `next` there falls through to the next overload
  // (`falls_through`), else ends the probe with SystemTap's error.
  void set_in_function(bool falls_through) {
    in_function_ = true;
    falls_through_ = falls_through;
  }
  // The return half of a uretprobe probe: these expressions are read from
  // the values its entry half saved (C expressions).
  void set_entry_reads(const std::map<const Expr *, std::string> *reads) {
    entry_reads_ = reads;
  }

private:
  // expressions
  std::string emit_binary(const BinaryExpr *e);
  std::string emit_logical(const LogicalExpr *e);
  std::string emit_compare(const CompareExpr *e);
  std::string emit_assign(const AssignExpr *e);
  std::string emit_incdec(const IncDecExpr *e);
  std::string emit_call(const CallExpr *e);
  void emit_overload_call(const CallExpr *e, const FunctionDecl *fn,
                          const std::vector<std::string> &args,
                          const std::string &result, int depth);
  std::string emit_print(const PrintExpr *e);
  std::string emit_ternary(const TernaryExpr *e);
  std::string emit_concat(const ConcatExpr *e);
  std::string emit_regex(const RegexExpr *e);
  std::string lvalue(const Expr *e);  // C lvalue of a scalar variable
  // target expressions (body_target.cc)
  const TargetAccess *access_of(const Expr *e) const;
  // A condition made of @defined: its value in this probe (pass 2 left out
  // the branch it rules out, so neither is it emitted).
  std::optional<bool> folded_defined(const Expr *cond) const;
  bool is_defined(const Expr *operand) const;
  std::string emit_target(const Expr *e);
  std::string emit_parms(const TargetAccess &a, const Expr *e);
  std::string emit_access(const TargetAccess &a, const Expr *e);
  std::string arith(const std::string &op, const std::string &a,
                    const std::string &b, const Expr *where);
  std::string emit_val(const Expr *e);  // "STP_LONG(t)" / "STP_STR(t)"
  std::string val_array(const std::vector<std::string> &vals);  // "F->v0"
  std::string val_args(const std::vector<std::string> &vals);   // "F->v0, 2"
  std::string emit_format(const PrintExpr *e, const std::string &fmt,
                          const std::vector<std::string> &vals,
                          bool script_format);

  // arrays and statistics (body_maps.cc)
  std::string map_of(const Expr *base);           // the global's C name
  std::string map_keys(const IndexExpr *e);       // "F->v0", keys in the frame
  std::string eval_keys(const std::vector<Expr *> &keys, const Node *at, const char *what);
  std::string hist_desc(const HistExpr *h);       // "&NAME_stat", "" if none
  std::string emit_bucket_read(const IndexExpr *e);
  std::string foreach_limit(const ForeachStmt *s, std::string *count);
  void emit_hist_foreach(const ForeachStmt *s);
  std::string emit_index_read(const IndexExpr *e);
  std::string emit_index_assign(const AssignExpr *e);
  std::string emit_index_incdec(const IncDecExpr *e);
  std::string emit_in(const InExpr *e);
  std::string emit_stat(const StatExpr *e);
  std::string stat_source(const Expr *operand, bool *may_be_missing);
  void emit_hist_print(const HistExpr *h);
  std::string emit_hist_sprint(const HistExpr *h);
  void emit_map_store(const std::string &map, const std::string &keys, Type t,
                      const std::string &value, const Expr *at);
  std::string map_name(const Expr *base);  // the global's script name
  void emit_foreach(const ForeachStmt *s);
  void emit_delete_map(const DeleteStmt *s);

  // array slices `a[*, k]` (body_slices.cc)
  std::vector<std::string> slice_values(const std::vector<Expr *> &keys);
  void emit_slice_skip(const std::string &m, const std::vector<Expr *> &keys,
                       const std::vector<std::string> &fixed);
  std::string walkable_map(const Expr *base);
  std::string emit_in_slice(const InExpr *e);
  std::string emit_at_op(const AtOpExpr *e);  // @kderef, @const... (body_at_ops.cc)

  // statements
  void emit_block(const Block *b);
  void emit_for(const ForStmt *s);
  void emit_while(const WhileStmt *s);
  void emit_try(const TryStmt *s);
  void emit_delete(const DeleteStmt *s);

  // helpers
  void check_error();  // after anything that may set c->last_error
  // A construct pass 2 let through but pass 3 cannot emit: an internal
  // error at `n` (a translator bug, never the user's).
  void unsupported(const Node *n, const std::string &what);
  std::string where(const Node *n) const;  // "file.stp:3:5"
  std::string fault_site(const Expr *e) const;
  std::string assign_to(const std::string &lv, Type t, const std::string &v);
  std::string new_label(const char *stem);

  CWriter &w_;
  Frame &f_;
  ProgramSymbols &sym_;
  const SourceManager &sm_;
  Diagnostics &diags_;
  bool in_function_ = false;
  bool falls_through_ = false;
  const std::map<const Expr *, std::string> *entry_reads_ = nullptr;
  // The operand of a pretty-printed @cast or autocast, evaluated once for
  // all its parts (emit_parms); empty otherwise.
  std::string operand_value_;
  bool failed_ = false;
  std::vector<std::string> error_labels_;  // innermost catch last
  // Statistics arrays whose merged map an enclosing foreach walks.
  std::set<const VarDecl *> iterating_;
  int labels_ = 0;
};

}  // namespace stap
