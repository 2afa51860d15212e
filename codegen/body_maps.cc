// Associative arrays and statistics on the runtime's map and stat API:
// keys go as arrays of stp_val in the frame (val_array), reused by the
// next statement like any temporary.
#include <set>

#include "codegen/body_emitter.h"
#include "parser/visitor.h"

namespace stap {

namespace {

const char *stat_op(const std::string &op) {
  if (op == "count") return "STP_STAT_COUNT";
  if (op == "sum") return "STP_STAT_SUM";
  if (op == "min") return "STP_STAT_MIN";
  if (op == "max") return "STP_STAT_MAX";
  if (op == "avg") return "STP_STAT_AVG";
  if (op == "variance") return "STP_STAT_VARIANCE";
  return nullptr;
}

const VarDecl *global_of(const Expr *base) {
  if (base && base->kind == ExprKind::symbol) {
    const VarDecl *v = static_cast<const Symbol *>(base)->decl;
    if (v && v->scope == VarScope::global) return v;
  }
  return nullptr;
}

// A statistics array lives in a per-CPU map (runtime/pmap.h).
bool is_per_cpu(const Expr *base) {
  const VarDecl *g = global_of(base);
  return g && g->is_array && g->type == Type::stats;
}

}  // namespace

std::string BodyEmitter::map_of(const Expr *base) {
  const VarDecl *g = global_of(base);
  if (!g || !sym_.globals.count(g)) {
    unsupported(base, "indexing something that is not a global array");
    return "NULL";
  }
  return sym_.globals.at(g);
}

std::string BodyEmitter::map_name(const Expr *base) {
  const VarDecl *g = global_of(base);
  return g ? g->name : std::string("?");
}

std::string BodyEmitter::eval_keys(const std::vector<Expr *> &keys, const Node *at,
                                   const char *what) {
  std::vector<std::string> vals;
  for (const Expr *k : keys) {
    if (!k) {
      unsupported(at, what);
      return "NULL";
    }
    vals.push_back(emit_val(k));
  }
  return val_array(vals);
}

std::string BodyEmitter::map_keys(const IndexExpr *e) {
  return eval_keys(e->indices, e, "a '*' index outside 'delete'");
}

std::string BodyEmitter::hist_desc(const HistExpr *h) {
  const Expr *base = h->operand->kind == ExprKind::index
                         ? static_cast<const IndexExpr *>(h->operand)->base
                         : h->operand;
  const VarDecl *g = global_of(base);
  if (!g || !sym_.stat_descs.count(g)) {
    unsupported(h, "a histogram of this expression");
    return "";
  }
  return "&" + sym_.stat_descs.at(g);
}

// @hist_log(s)[i]: the count in one bucket.
std::string BodyEmitter::emit_bucket_read(const IndexExpr *e) {
  auto *h = static_cast<const HistExpr *>(e->base);
  std::string desc = hist_desc(h);
  bool may_be_missing = false;
  std::string src = stat_source(h->operand, &may_be_missing);
  if (e->indices.size() != 1 || !e->indices[0] || desc.empty()) {
    if (!desc.empty()) unsupported(e, "a histogram index that is not one number");
    return "0";
  }
  std::string index = f_.temp(Type::long_);
  assign_to(index, Type::long_, emit_expr(e->indices[0]));
  std::string t = f_.temp(Type::long_);
  auto blk = w_.block("");
  w_.line("const struct stp_stat *st_ = " + src + ";");
  w_.line("STP_STMT(c, " + c_string_literal("histogram index at " + where(e)) + ");");
  w_.line("stp_stat_bucket(c, " + desc + ", st_, " + index + ", &" + t + ");");
  check_error();
  return t;
}

std::string BodyEmitter::emit_index_read(const IndexExpr *e) {
  if (e->base->kind == ExprKind::hist) return emit_bucket_read(e);
  std::string m = map_of(e->base);
  std::string keys = map_keys(e);
  std::string t = f_.temp(e->type);
  if (e->type == Type::string)
    w_.line("stp_str_copy(" + t + ", stp_map_get_str(" + m + ", " + keys + "));");
  else
    w_.line(t + " = stp_map_get_long(" + m + ", " + keys + ");");
  return t;
}

void BodyEmitter::emit_map_store(const std::string &map, const std::string &keys,
                                 Type t, const std::string &value, const Expr *at) {
  // "near identifier 'a' at ...": an overflowing array names itself.
  w_.line("STP_STMT(c, " + c_string_literal("identifier '" + map_name(at) + "' at " + where(at)) + ");");
  const char *fn = t == Type::string ? "stp_map_set_str" : "stp_map_set_long";
  w_.line(std::string(fn) + "(c, " + map + ", " + keys + ", " + value + ");");
  check_error();
}

std::string BodyEmitter::emit_index_assign(const AssignExpr *e) {
  auto *ix = static_cast<const IndexExpr *>(e->lhs);
  std::string m = map_of(ix->base);
  std::string keys = map_keys(ix);
  // The key temporaries are reused for the read and the write below.
  std::string rhs = emit_expr(e->rhs);
  if (e->op == "<<<") {
    w_.line("STP_STMT(c, " + c_string_literal("identifier '" + map_name(ix->base) + "' at " + where(ix->base)) + ");");
    w_.line("stp_pmap_add(c, &" + m + ", " + keys + ", " + rhs + ");");
    check_error();
    return rhs;
  }
  Type t = e->lhs->type;
  std::string result = f_.temp(t);
  if (e->op == "=") {
    assign_to(result, t, rhs);
  } else if (t == Type::string && e->op == ".=") {
    w_.line("stp_str_concat(" + result + ", stp_map_get_str(" + m + ", " + keys +
            "), " + rhs + ");");
  } else if (t == Type::long_) {
    std::string old = f_.temp(Type::long_);
    w_.line(old + " = stp_map_get_long(" + m + ", " + keys + ");");
    w_.line(result + " = " + arith(e->op.substr(0, e->op.size() - 1), old, rhs, e) + ";");
  } else {
    unsupported(e, "operator '" + e->op + "' on this array");
    return result;
  }
  emit_map_store(m, keys, t, result, ix->base);
  return result;
}

std::string BodyEmitter::emit_index_incdec(const IncDecExpr *e) {
  auto *ix = static_cast<const IndexExpr *>(e->operand);
  std::string m = map_of(ix->base);
  std::string keys = map_keys(ix);
  std::string old = f_.temp(Type::long_), now = f_.temp(Type::long_);
  w_.line(old + " = stp_map_get_long(" + m + ", " + keys + ");");
  w_.line(now + " = " + (e->increment ? "stp_add(" : "stp_sub(") + old + ", 1);");
  emit_map_store(m, keys, Type::long_, now, ix->base);
  return e->prefix ? now : old;
}

// The map to walk: a per-CPU map is merged first (into m_, declared here).
std::string BodyEmitter::walkable_map(const Expr *base) {
  std::string m = map_of(base);
  if (!is_per_cpu(base)) return m;
  w_.line("struct stp_map *m_ = stp_pmap_aggregate(c, &" + m + ");");
  check_error();
  return "m_";
}

std::string BodyEmitter::emit_in(const InExpr *e) {
  for (const Expr *k : e->keys)
    if (!k) return emit_in_slice(e);
  std::string keys = eval_keys(e->keys, e, "a '*' key in 'in'");
  std::string t = f_.temp(Type::long_);
  if (is_per_cpu(e->array))
    w_.line(t + " = stp_pmap_exists(&" + map_of(e->array) + ", " + keys + ");");
  else
    w_.line(t + " = stp_map_exists(" + map_of(e->array) + ", " + keys + ");");
  return t;
}

// A `const struct stp_stat *` expression for a scalar statistic or one
// element of a statistics array; the latter may be absent (NULL).
std::string BodyEmitter::stat_source(const Expr *operand, bool *may_be_missing) {
  *may_be_missing = false;
  if (operand->kind == ExprKind::index) {
    auto *ix = static_cast<const IndexExpr *>(operand);
    std::string m = map_of(ix->base);
    *may_be_missing = true;
    return "stp_pmap_get_stat(&" + m + ", " + map_keys(ix) + ")";
  }
  const VarDecl *g = global_of(operand);
  if (!g || !sym_.globals.count(g)) {
    unsupported(operand, "a statistic that is not a global");
    return "NULL";
  }
  return "stp_pstat_aggregate(&" + sym_.globals.at(g) + ")";
}

std::string BodyEmitter::emit_stat(const StatExpr *e) {
  const char *op = stat_op(e->op);
  if (!op) {
    unsupported(e, "'@" + e->op + "'");
    return "0";
  }
  bool may_be_missing = false;
  std::string src = stat_source(e->operand, &may_be_missing);
  std::string t = f_.temp(Type::long_);
  auto blk = w_.block("");
  w_.line("const struct stp_stat *st_ = " + src + ";");
  if (may_be_missing) {
    // A missing element has no values: @count and @sum are 0, the rest
    // have nothing to extract from.
    bool zero = e->op == "count" || e->op == "sum";
    auto miss = w_.block("if (!st_)");
    if (zero) {
      w_.line(t + " = 0;");
    } else {
      w_.line("STP_STMT(c, " + c_string_literal("@" + e->op + " at " + where(e)) + ");");
      w_.line("stp_error(c, \"aggregate element not found\");");
      check_error();
    }
  }
  const VarDecl *g =
      global_of(e->operand->kind == ExprKind::index
                    ? static_cast<const IndexExpr *>(e->operand)->base
                    : e->operand);
  std::string desc =
      g && sym_.stat_descs.count(g) ? "&" + sym_.stat_descs.at(g) : "NULL";
  w_.line("if (st_) stp_stat_get(c, " + desc + ", st_, " + std::string(op) +
          ", &" + t + ");");
  check_error();
  return t;
}

void BodyEmitter::emit_hist_print(const HistExpr *h) {
  bool may_be_missing = false;
  std::string src = stat_source(h->operand, &may_be_missing);
  std::string desc = hist_desc(h);
  if (desc.empty()) return;
  auto blk = w_.block("");
  w_.line("const struct stp_stat *st_ = " + src + ";");
  w_.line("if (st_) stp_stat_print_hist(c, " + desc + ", st_);");
}

std::string BodyEmitter::emit_hist_sprint(const HistExpr *h) {
  bool may_be_missing = false;
  std::string src = stat_source(h->operand, &may_be_missing);
  std::string desc = hist_desc(h);
  std::string t = f_.temp(Type::string);
  if (desc.empty()) return t;
  auto blk = w_.block("");
  w_.line("const struct stp_stat *st_ = " + src + ";");
  w_.line("if (st_) stp_stat_sprint_hist(" + t + ", " + desc + ", st_);");
  w_.line("else " + t + "[0] = '\\0';");
  return t;
}

void BodyEmitter::emit_delete_map(const DeleteStmt *s) {
  if (s->target->kind == ExprKind::symbol) {
    const VarDecl *g = global_of(s->target);
    if (g && g->type == Type::stats && !g->is_array)
      w_.line("stp_pstat_clear(&" + sym_.globals.at(g) + ");");
    else if (is_per_cpu(s->target))
      w_.line("stp_pmap_clear(&" + map_of(s->target) + ");");
    else
      w_.line("stp_map_clear(" + map_of(s->target) + ");");
    return;
  }
  auto *ix = static_cast<const IndexExpr *>(s->target);
  std::string m = map_of(ix->base);
  bool wildcard = false;
  for (const Expr *k : ix->indices) wildcard |= k == nullptr;
  bool per_cpu = is_per_cpu(ix->base);
  if (!wildcard) {
    if (per_cpu)
      w_.line("stp_pmap_delete(&" + m + ", " + map_keys(ix) + ");");
    else
      w_.line("stp_map_delete(" + m + ", " + map_keys(ix) + ");");
    return;
  }
  // delete a[*, k]: every element whose given keys match; a per-CPU map
  // walks the merged keys, deleting each from every CPU.
  std::vector<std::string> fixed = slice_values(ix->indices);
  auto blk = w_.block("");
  w_.line("struct stp_map_entry *e_, *n_;");
  std::string pmap = m;
  m = walkable_map(ix->base);
  auto loop = w_.block("for (e_ = stp_map_first(" + m + "); e_; e_ = n_)");
  w_.line("STP_ACTION(c, 1);");
  w_.line("n_ = stp_map_next(" + m + ", e_);");
  emit_slice_skip(m, ix->indices, fixed);
  const VarDecl *g = global_of(ix->base);
  std::vector<std::string> entry_keys;
  for (size_t i = 0; i < ix->indices.size(); ++i) {
    std::string idx = std::to_string(i);
    bool str = g && i < g->index_types.size() && g->index_types[i] == Type::string;
    entry_keys.push_back((str ? "STP_STR(stp_map_key_str(" : "STP_LONG(stp_map_key_long(") +
                         m + ", e_, " + idx + "))");
  }
  std::string keys = val_array(entry_keys);
  if (per_cpu)
    w_.line("stp_pmap_delete(&" + pmap + ", " + keys + ");");
  else
    w_.line("stp_map_delete(" + m + ", " + keys + ");");
}

// The loop's limit counter: `if (count++ >= limit) break;` in the loop.
std::string BodyEmitter::foreach_limit(const ForeachStmt *s, std::string *count) {
  if (!s->limit) return "";
  std::string limit = f_.temp(Type::long_);
  w_.line(limit + " = " + emit_expr(s->limit) + ";");
  *count = f_.temp(Type::long_);
  w_.line(*count + " = 0;");
  return limit;
}

void BodyEmitter::emit_foreach(const ForeachStmt *s) {
  if (s->base->kind == ExprKind::hist) {
    emit_hist_foreach(s);
    return;
  }
  const VarDecl *g = global_of(s->base);
  std::string m = map_of(s->base);
  bool per_cpu = is_per_cpu(s->base);
  std::vector<std::string> fixed = slice_values(s->slice);
  std::string count;
  std::string limit = foreach_limit(s, &count);
  auto blk = w_.block("");
  w_.line("struct stp_map_entry *e_;");
  if (per_cpu) {
    // Merge the CPUs once; a foreach nested in this one over the same
    // array walks the same merged map.
    w_.line("struct stp_map *m_;");
    if (iterating_.count(g)) {
      w_.line("m_ = " + m + ".agg;");
    } else {
      w_.line("STP_STMT(c, " + c_string_literal("identifier '" + g->name + "' at " + where(s->base)) + ");");
      w_.line("m_ = stp_pmap_aggregate(c, &" + m + ");");
      check_error();
    }
    m = "m_";
  }
  if (s->sort_column != 0) {
    // Runtime columns: 0 is the value, 1..n the keys.
    int column = s->sort_column < 0 ? 0 : s->sort_column;
    const char *op = stat_op(s->sort_aggregate.empty() ? "count" : s->sort_aggregate);
    w_.line("stp_map_sort(" + m + ", " + std::to_string(column) + ", " +
            (s->sort_descending ? "-1" : "1") + ", " + op + ");");
  }
  auto loop = w_.block("for (e_ = stp_map_first(" + m + "); e_; e_ = stp_map_next(" +
                       m + ", e_))");
  w_.line("STP_ACTION(c, 1);");
  emit_slice_skip(m, s->slice, fixed);
  if (!limit.empty()) w_.line("if (" + count + "++ >= " + limit + ") break;");
  for (size_t i = 0; i < s->keys.size(); ++i) {
    const VarDecl *k = s->keys[i]->decl;
    if (!k) continue;
    std::string idx = std::to_string(i);
    if (k->type == Type::string)
      w_.line("stp_str_copy(" + f_.local(k) + ", stp_map_key_str(" + m + ", e_, " + idx + "));");
    else
      w_.line(f_.local(k) + " = stp_map_key_long(" + m + ", e_, " + idx + ");");
  }
  if (s->value && s->value->decl) {
    const VarDecl *v = s->value->decl;
    if (g && g->type == Type::stats)
      unsupported(s, "the value form of 'foreach' over statistics");
    else if (v->type == Type::string)
      w_.line("stp_str_copy(" + f_.local(v) + ", stp_map_entry_str(" + m + ", e_));");
    else
      w_.line(f_.local(v) + " = stp_map_entry_long(" + m + ", e_);");
  }
  if (per_cpu && g) {
    bool outermost = iterating_.insert(g).second;
    emit_stmt(s->body);
    if (outermost) iterating_.erase(g);
  } else {
    emit_stmt(s->body);
  }
}

// foreach (b in @hist_log(s)): the bucket indices, in index order or
// sorted by count, with `v = [b]` giving each bucket's count.
void BodyEmitter::emit_hist_foreach(const ForeachStmt *s) {
  auto *h = static_cast<const HistExpr *>(s->base);
  std::string desc = hist_desc(h);
  if (desc.empty()) return;
  if (s->keys.size() != 1) {
    unsupported(s, "a histogram 'foreach' with more than one key");
    return;
  }
  bool may_be_missing = false;
  std::string src = stat_source(h->operand, &may_be_missing);
  std::string count;
  std::string limit = foreach_limit(s, &count);
  auto blk = w_.block("");
  w_.line("const struct stp_stat *st_ = " + src + ";");
  w_.line("int b_;");
  std::string order = std::string(s->sort_column < 0 ? "0" : "1") + ", " +
                      (s->sort_column == 0 ? "0" : s->sort_descending ? "-1" : "1");
  auto loop = w_.block("for (b_ = stp_stat_next_bucket(" + desc + ", st_, -1, " + order +
                       "); b_ >= 0; b_ = stp_stat_next_bucket(" + desc + ", st_, b_, " +
                       order + "))");
  w_.line("STP_ACTION(c, 1);");
  if (!limit.empty()) w_.line("if (" + count + "++ >= " + limit + ") break;");
  if (const VarDecl *k = s->keys[0]->decl) w_.line(f_.local(k) + " = b_;");
  if (s->value && s->value->decl)
    w_.line("stp_stat_bucket(c, " + desc + ", st_, b_, &" + f_.local(s->value->decl) + ");");
  emit_stmt(s->body);
}

}  // namespace stap
