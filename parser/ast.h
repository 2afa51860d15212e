// The script's syntax tree. Nodes are owned by an AstContext (arena-like:
// created with ctx.make<T>(...), freed together); everything else holds raw
// non-owning pointers. Every node has a source range (Location).
//
// Pass 2 annotates nodes in place (types, resolved declarations); it does not
// replace the tree structure except where noted (alias expansion builds new
// ProbeDecls).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parser/source.h"

namespace stap {

// ---------------------------------------------------------------- types
enum class Type : uint8_t { unknown, long_, string, stats };
const char *type_name(Type t);  // "unknown", "long", "string", "stats"

struct Node {
  Location loc;
  virtual ~Node() = default;
};

struct VarDecl;
struct FunctionDecl;
struct Expr;
struct Stmt;
struct Block;

// ---------------------------------------------------------------- expressions
enum class ExprKind : uint8_t {
  number, string, symbol, target, cast, atvar, entry, defined, probewrite,
  unary, incdec, binary, logical, compare, regex, concat, ternary, assign,
  index, in, call, print, stat, hist, embedded_expr, autocast, at_op,
};

struct Expr : Node {
  const ExprKind kind;
  Type type = Type::unknown;  // set by pass 2
  explicit Expr(ExprKind k) : kind(k) {}
};

struct NumberLit : Expr {
  int64_t value = 0;
  // The literal as written, kept for a probe point's argument over
  // INT64_MAX (an address) that would otherwise print as negative.
  std::string spelling;
  NumberLit() : Expr(ExprKind::number) {}
};

struct StringLit : Expr {
  std::string value;  // escapes already decoded
  StringLit() : Expr(ExprKind::string) {}
};

// A plain identifier: a local, a global, or (as the base of an index or
// foreach) an array. Resolved in pass 2.
struct Symbol : Expr {
  std::string name;
  VarDecl *decl = nullptr;  // pass 2
  Symbol() : Expr(ExprKind::symbol) {}
};

// One step after a target expression: ->field / .field, [index].
struct TargetComponent {
  enum Kind : uint8_t { field, index_literal, index_expr } kind = field;
  std::string name;        // field
  int64_t literal = 0;     // index_literal
  Expr *index = nullptr;   // index_expr
  Location loc;
};

// Pretty-printing suffix: $var$ and $var$$.
enum class PrettySuffix : uint8_t { none, one, two };

// $name, $$vars, $$parms, $$locals, $$return (name kept with its $ signs).
struct TargetSymbol : Expr {
  std::string name;  // e.g. "$fd" or "$$parms"
  std::vector<TargetComponent> components;
  PrettySuffix pretty = PrettySuffix::none;
  bool address_of = false;  // &$var
  TargetSymbol() : Expr(ExprKind::target) {}
};

// @cast(expr, "type" [, "module"])->a->b
struct CastExpr : Expr {
  Expr *operand = nullptr;
  std::string type_name;
  std::string module;  // empty when not given
  std::vector<TargetComponent> components;
  PrettySuffix pretty = PrettySuffix::none;
  bool address_of = false;
  CastExpr() : Expr(ExprKind::cast) {}
};

// @var("name@file" [, "module"])->a
struct AtVarExpr : Expr {
  std::string name;  // "name@file" as written
  std::string module;
  std::vector<TargetComponent> components;
  PrettySuffix pretty = PrettySuffix::none;
  bool address_of = false;
  AtVarExpr() : Expr(ExprKind::atvar) {}
};

// ->field and [index] after any other expression: `(f(x))->a`, `p->b[2]`,
// `(e)[3]`. The C type comes from what the operand holds (SystemTap's
// autocast), which pass 2 must find.
struct AutocastExpr : Expr {
  Expr *operand = nullptr;
  std::vector<TargetComponent> components;
  PrettySuffix pretty = PrettySuffix::none;
  bool address_of = false;
  AutocastExpr() : Expr(ExprKind::autocast) {}
};

// The built-in @ operators that read memory, registers or counters:
// @kderef(size, addr), @uderef(size, addr), @kregister(n), @uregister(n),
// @const("NAME") (a C constant), @perf("counter").
struct AtOpExpr : Expr {
  std::string op;  // without the @
  std::vector<Expr *> args;
  AtOpExpr() : Expr(ExprKind::at_op) {}
  bool guru_only() const {
    return op == "kderef" || op == "kregister" || op == "const";
  }
};

struct EntryExpr : Expr {  // @entry(expr)
  Expr *operand = nullptr;
  EntryExpr() : Expr(ExprKind::entry) {}
};

struct DefinedExpr : Expr {  // @defined(expr)
  Expr *operand = nullptr;
  DefinedExpr() : Expr(ExprKind::defined) {}
};

struct ProbeWriteExpr : Expr {  // @probewrite(var)
  Expr *operand = nullptr;
  // Set when an alias is expanded: whether the handler written by the user
  // assigns the variable (1) or not (0); -1 outside an alias.
  int written = -1;
  ProbeWriteExpr() : Expr(ExprKind::probewrite) {}
};

// ! ~ - +
struct UnaryExpr : Expr {
  std::string op;
  Expr *operand = nullptr;
  UnaryExpr() : Expr(ExprKind::unary) {}
};

// ++x --x x++ x--
struct IncDecExpr : Expr {
  bool increment = true;
  bool prefix = true;
  Expr *operand = nullptr;
  IncDecExpr() : Expr(ExprKind::incdec) {}
};

// + - * / % << >> >>> & | ^  (numeric)
struct BinaryExpr : Expr {
  std::string op;
  Expr *lhs = nullptr, *rhs = nullptr;
  Location op_loc;  // the operator itself (division by zero points there)
  BinaryExpr() : Expr(ExprKind::binary) {}
};

// && ||
struct LogicalExpr : Expr {
  std::string op;
  Expr *lhs = nullptr, *rhs = nullptr;
  LogicalExpr() : Expr(ExprKind::logical) {}
};

// < <= > >= == !=  (numbers or strings)
struct CompareExpr : Expr {
  std::string op;
  Expr *lhs = nullptr, *rhs = nullptr;
  CompareExpr() : Expr(ExprKind::compare) {}
};

// =~ !~  (rhs must be a string literal)
struct RegexExpr : Expr {
  bool negated = false;
  Expr *lhs = nullptr;
  StringLit *pattern = nullptr;
  RegexExpr() : Expr(ExprKind::regex) {}
};

// a . b
struct ConcatExpr : Expr {
  Expr *lhs = nullptr, *rhs = nullptr;
  ConcatExpr() : Expr(ExprKind::concat) {}
};

struct TernaryExpr : Expr {
  Expr *cond = nullptr, *then_expr = nullptr, *else_expr = nullptr;
  TernaryExpr() : Expr(ExprKind::ternary) {}
};

// = += -= *= /= %= <<= >>= &= |= ^= .= <<<
struct AssignExpr : Expr {
  std::string op;
  Expr *lhs = nullptr, *rhs = nullptr;
  AssignExpr() : Expr(ExprKind::assign) {}
};

// base[i, j, ...]; base is a Symbol (array) or a HistExpr (bucket access).
struct IndexExpr : Expr {
  Expr *base = nullptr;
  std::vector<Expr *> indices;  // empty slot = wildcard `*` in delete/in
  IndexExpr() : Expr(ExprKind::index) {}
};

// k in arr, [a, b] in arr
struct InExpr : Expr {
  std::vector<Expr *> keys;  // nullptr entries are `*` wildcards
  Symbol *array = nullptr;
  bool bracketed = false;  // written with [ ]
  InExpr() : Expr(ExprKind::in) {}
};

struct CallExpr : Expr {
  std::string name;
  std::vector<Expr *> args;
  FunctionDecl *decl = nullptr;  // pass 2 (chosen by arity; the first overload)
  CallExpr() : Expr(ExprKind::call) {}
};

// print println printf printd printdln sprint sprintln sprintf
struct PrintExpr : Expr {
  std::string name;
  std::vector<Expr *> args;  // for printf/sprintf args[0] is the format
  PrintExpr() : Expr(ExprKind::print) {}
  bool has_format() const { return name == "printf" || name == "sprintf"; }
  bool is_sprint() const { return name.rfind("sprint", 0) == 0; }
};

// @count @sum @min @max @avg @variance (x)
struct StatExpr : Expr {
  std::string op;  // "count", "sum", ... (without @)
  Expr *operand = nullptr;  // usually a Symbol or IndexExpr
  // @variance(s, N): the bit shift that keeps N more bits of precision;
  // empty when not written (a written one may be out of range: pass 2).
  std::optional<int64_t> shift;
  StatExpr() : Expr(ExprKind::stat) {}
};

// @hist_linear(v, lo, hi, step), @hist_log(v)
struct HistExpr : Expr {
  bool linear = false;
  Expr *operand = nullptr;
  std::vector<Expr *> params;  // lo, hi, step for linear
  HistExpr() : Expr(ExprKind::hist) {}
};

// %{ C expression %} inside a function body used as an expression
struct EmbeddedExpr : Expr {
  std::string code;
  EmbeddedExpr() : Expr(ExprKind::embedded_expr) {}
};

// ---------------------------------------------------------------- statements
enum class StmtKind : uint8_t {
  block, expr, if_, while_, for_, foreach, break_, continue_, next, return_,
  delete_, try_, null, embedded,
};

struct Stmt : Node {
  const StmtKind kind;
  explicit Stmt(StmtKind k) : kind(k) {}
};

struct Block : Stmt {
  std::vector<Stmt *> stmts;
  Block() : Stmt(StmtKind::block) {}
};

struct ExprStmt : Stmt {
  Expr *expr = nullptr;
  ExprStmt() : Stmt(StmtKind::expr) {}
};

struct IfStmt : Stmt {
  Expr *cond = nullptr;
  Stmt *then_stmt = nullptr, *else_stmt = nullptr;
  IfStmt() : Stmt(StmtKind::if_) {}
};

struct WhileStmt : Stmt {
  Expr *cond = nullptr;
  Stmt *body = nullptr;
  WhileStmt() : Stmt(StmtKind::while_) {}
};

struct ForStmt : Stmt {
  Stmt *init = nullptr;  // ExprStmt or nullptr
  Expr *cond = nullptr;  // may be nullptr
  Stmt *step = nullptr;  // ExprStmt or nullptr
  Stmt *body = nullptr;
  ForStmt() : Stmt(StmtKind::for_) {}
};

// foreach (v = [k1, k2] in arr- limit 10) body
// foreach ([k1, k2+] in arr) body
// foreach (k in @hist_log(s)) body       (base may be a HistExpr)
struct ForeachStmt : Stmt {
  Symbol *value = nullptr;  // `v =` form, else nullptr
  std::vector<Symbol *> keys;
  bool bracketed = false;
  Expr *base = nullptr;  // Symbol (array) or HistExpr
  // `in arr[*, 3]`: only the elements whose keys match; nullptr is `*`.
  // Empty when the whole array is walked.
  std::vector<Expr *> slice;
  // 0 = unsorted; 1..n = sort by key n; -1 = sort by value
  int sort_column = 0;
  bool sort_descending = false;
  // `in stats @sum-`: the aggregate a statistics array sorts by ("count",
  // "sum", ...); empty means @count.
  std::string sort_aggregate;
  Expr *limit = nullptr;
  Stmt *body = nullptr;
  ForeachStmt() : Stmt(StmtKind::foreach) {}
};

struct BreakStmt : Stmt { BreakStmt() : Stmt(StmtKind::break_) {} };
struct ContinueStmt : Stmt { ContinueStmt() : Stmt(StmtKind::continue_) {} };
struct NextStmt : Stmt { NextStmt() : Stmt(StmtKind::next) {} };

struct ReturnStmt : Stmt {
  Expr *value = nullptr;  // nullptr for a bare `return`
  ReturnStmt() : Stmt(StmtKind::return_) {}
};

// delete arr[k], delete arr, delete scalar, delete arr[*, k]
struct DeleteStmt : Stmt {
  Expr *target = nullptr;  // Symbol or IndexExpr
  DeleteStmt() : Stmt(StmtKind::delete_) {}
};

struct TryStmt : Stmt {
  Block *try_block = nullptr;
  Symbol *catch_var = nullptr;  // optional `catch (msg)`
  Block *catch_block = nullptr;
  TryStmt() : Stmt(StmtKind::try_) {}
};

struct NullStmt : Stmt { NullStmt() : Stmt(StmtKind::null) {} };

// %{ C %} statement inside a function or probe body (guru only)
struct EmbeddedStmt : Stmt {
  std::string code;
  EmbeddedStmt() : Stmt(StmtKind::embedded) {}
};

// ---------------------------------------------------------------- declarations
enum class VarScope : uint8_t { global, local, param };

struct VarDecl : Node {
  std::string name;
  VarScope scope = VarScope::local;
  Type type = Type::unknown;       // value type
  bool type_declared = false;      // written as `name:long` (parameters)
  bool is_array = false;           // pass 2 (or from declaration with [N])
  std::vector<Type> index_types;   // pass 2, arrays only
  bool is_private = false;         // `private global`
  int64_t size_hint = 0;           // `global a[100]`; 0 = default
  bool wrapping = false;           // `global a%[100]` (wrap-around array)
  Expr *init = nullptr;            // `global x = 5`; literal only
  FileId file = kNoFile;           // declaring file (private scoping)
  bool written = false, read = false;  // pass 2 bookkeeping
  bool from_tapset = false;
};

// `kernel.function("foo").return?` — a dotted list of components.
struct ProbePointComponent {
  std::string name;            // may contain * wildcards, or be "**"
  Expr *arg = nullptr;  // NumberLit or StringLit when present
  Location loc;
};

struct ProbePoint : Node {
  std::vector<ProbePointComponent> components;
  bool optional = false;    // trailing ?
  bool sufficient = false;  // trailing !
  Expr *condition = nullptr;  // `if (expr)`
  // process(PID).function(...) after pass 2 named PID's executable in
  // the process component: the probe fires only in PID (0: anywhere).
  int64_t pid = 0;
  // kernel.trace("GROUP:NAME") after pass 2 found NAME in a module's BTF:
  // that module (armed while it is loaded); empty for vmlinux's.
  std::string trace_module;
  // A kernel source line (kernel.statement("f@file:N")) after pass 2
  // found it in the kernel's DWARF: the kprobe goes at
  // kernel_symbol+kernel_offset, which the kernel resolves when arming.
  std::string kernel_symbol;
  uint64_t kernel_offset = 0;
  // An inlined copy of a kernel function placed so: the copy's DIE in
  // vmlinux's DWARF (its variables are the copy's); 0 for other points.
  uint64_t kernel_inline_die = 0;
  // kernel.function("F").callee("G") of a G that F calls out of line: the
  // kprobe is G's, run only from these return places of F's calls to it
  // ("F+0x4e"); empty for other points.
  std::vector<std::string> kernel_callers;
  // Pass 2 made this point from a pattern with wildcards: what the
  // pattern covers need not all be there (a module never loaded).
  bool from_wildcard = false;
  // Written in a tapset (an alias's point): a plain kernel.function
  // there leaves the function's inlined copies out (wildcard_expand.cc).
  bool in_tapset = false;
  std::string to_string() const;  // canonical "a.b("x").c"
  // The argument of the first component called `name`; null when there is
  // no such component or it has no argument.
  const Expr *arg_of(std::string_view name) const;
};

// probe p1, p2 if (c) { body }
struct ProbeDecl : Node {
  std::vector<ProbePoint *> points;
  Block *body = nullptr;
  std::vector<VarDecl *> locals;  // pass 2
  bool is_private = false;
  bool from_tapset = false;
  FileId file = kNoFile;
  // pass 2: the alias chain that produced this probe (outermost first)
  std::vector<struct AliasDecl *> via_aliases;
};

// probe name.a = target.points { prologue }     (epilogue: +=)
// probe name.a = target.points { prologue }, { epilogue }   (both)
struct AliasDecl : Node {
  std::vector<ProbePoint *> names;    // the alias names (may be several)
  std::vector<ProbePoint *> targets;  // what they expand to
  bool epilogue = false;              // += form
  Block *body = nullptr;
  Block *epilogue_body = nullptr;     // the second block of the `=` form
  bool from_tapset = false;
  FileId file = kNoFile;
};

// Embedded-C pragmas written as /* pure */ etc. in a %{ %} function body.
struct Pragmas {
  bool pure = false;
  bool unprivileged = false;
  bool myproc_unprivileged = false;
  bool guru = false;
  bool unmangled = false;
  bool stable = false;
};

struct FunctionDecl : Node {
  std::string name;
  std::vector<VarDecl *> params;  // declared types in VarDecl::type
  Type return_type = Type::unknown;  // declared or inferred
  bool return_type_declared = false;
  Block *body = nullptr;          // script function
  std::string embedded_code;      // %{ %} function (body == nullptr)
  bool is_embedded = false;
  Pragmas pragmas;                // embedded functions only
  std::vector<VarDecl *> locals;  // pass 2
  bool is_private = false;
  bool from_tapset = false;
  FileId file = kNoFile;
  Location name_loc;
  Location embedded_loc;  // the '%{' of an embedded body
  // Pass 2: the next definition of the same name and arity in the same
  // file (SystemTap's overloading). A call runs the first; `next` in one
  // falls through to its successor, with the same arguments.
  FunctionDecl *next_overload = nullptr;
};

// %{ ... %} at top level
struct EmbeddedDecl : Node {
  std::string code;
  bool from_tapset = false;
  FileId file = kNoFile;
};

// One parsed file: the script or a tapset.
struct ParsedFile : Node {  // a Node only so that AstContext owns it
  FileId file = kNoFile;
  std::vector<VarDecl *> globals;
  std::vector<ProbeDecl *> probes;
  std::vector<AliasDecl *> aliases;
  std::vector<FunctionDecl *> functions;
  std::vector<EmbeddedDecl *> embeds;
  // Declarations in source order, for the -p1 printer.
  std::vector<Node *> order;
};

// ---------------------------------------------------------------- ownership
class AstContext {
public:
  template <typename T, typename... Args> T *make(Args &&...args) {
    auto p = std::make_unique<T>(std::forward<Args>(args)...);
    T *raw = p.get();
    nodes_.push_back(std::move(p));
    return raw;
  }
  template <typename T> T *make_at(Location loc) {
    T *n = make<T>();
    n->loc = loc;
    return n;
  }
  size_t size() const { return nodes_.size(); }

private:
  std::vector<std::unique_ptr<Node>> nodes_;
};

}  // namespace stap
