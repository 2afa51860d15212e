#include "symbols/btf_types.h"

#include <bpf/btf.h>

#include <algorithm>

#include "symbols/btf_name_index.h"

namespace stap {

namespace {

constexpr int kMaxDepth = 32;  // bounds loops in malformed BTF

const struct btf_type *type_of(BtfRef t) {
  return t.btf && t.id ? btf__type_by_id(t.btf, t.id) : nullptr;
}

std::string name_of(BtfRef t, const struct btf_type *bt) {
  const char *n = btf__name_by_offset(t.btf, bt->name_off);
  return n ? n : "";
}

// Typedefs, const, volatile, restrict and type tags looked through.
BtfRef strip(BtfRef t) {
  for (int i = 0; i < kMaxDepth; ++i) {
    const struct btf_type *bt = type_of(t);
    if (!bt) return t;
    if (!btf_is_typedef(bt) && !btf_is_mod(bt) && !btf_is_type_tag(bt)) return t;
    t.id = bt->type;
  }
  return {t.btf, 0};
}

void collect_members(BtfRef t, std::vector<std::string> &out, int depth) {
  t = strip(t);
  const struct btf_type *bt = type_of(t);
  if (!bt || !btf_is_composite(bt) || depth > kMaxDepth) return;
  const struct btf_member *m = btf_members(bt);
  for (uint16_t i = 0; i < btf_vlen(bt); ++i) {
    const char *n = btf__name_by_offset(t.btf, m[i].name_off);
    if (n && *n) out.emplace_back(n);
    else collect_members({t.btf, m[i].type}, out, depth + 1);
  }
}

std::optional<Member> member_in(BtfRef t, std::string_view name, int depth) {
  t = strip(t);
  const struct btf_type *bt = type_of(t);
  if (!bt || !btf_is_composite(bt) || depth > kMaxDepth) return std::nullopt;
  const struct btf_member *m = btf_members(bt);
  for (uint16_t i = 0; i < btf_vlen(bt); ++i) {
    const char *n = btf__name_by_offset(t.btf, m[i].name_off);
    Member here{btf_member_bit_offset(bt, i), btf_member_bitfield_size(bt, i),
                {t.btf, m[i].type}};
    if (n && *n) {
      if (name == n) return here;
      continue;
    }
    if (auto inner = member_in(here.type, name, depth + 1)) {
      inner->bit_offset += here.bit_offset;
      return inner;
    }
  }
  return std::nullopt;
}

std::string spell(BtfRef t, const std::string &suffix, int depth) {
  const struct btf_type *bt = type_of(t);
  if (!bt || depth > kMaxDepth)
    return "void" + (suffix.empty() ? "" : " " + suffix);
  auto with = [&](std::string base) {
    return suffix.empty() ? base : base + " " + suffix;
  };
  switch (btf_kind(bt)) {
  case BTF_KIND_INT: case BTF_KIND_FLOAT: case BTF_KIND_TYPEDEF:
    return with(name_of(t, bt));
  case BTF_KIND_STRUCT: return with("struct " + name_of(t, bt));
  case BTF_KIND_UNION: return with("union " + name_of(t, bt));
  case BTF_KIND_ENUM: case BTF_KIND_ENUM64: return with("enum " + name_of(t, bt));
  case BTF_KIND_FWD:
    return with((btf_kflag(bt) ? "union " : "struct ") + name_of(t, bt));
  case BTF_KIND_CONST: case BTF_KIND_VOLATILE: {
    // "const char *" for a qualified base type, "char *const" otherwise.
    std::string q = btf_is_const(bt) ? "const" : "volatile";
    const struct btf_type *to = type_of({t.btf, bt->type});
    bool base = to && (btf_is_int(to) || btf_is_composite(to) ||
                       btf_is_any_enum(to) || btf_is_typedef(to) ||
                       btf_is_fwd(to) || btf_is_float(to));
    if (base) return q + " " + spell({t.btf, bt->type}, suffix, depth + 1);
    return spell({t.btf, bt->type}, q + (suffix.empty() ? "" : " " + suffix),
                 depth + 1);
  }
  case BTF_KIND_PTR: {
    const struct btf_type *to = type_of({t.btf, bt->type});
    if (to && btf_is_func_proto(to))
      return spell({t.btf, to->type}, "(*" + suffix + ")(...)", depth + 1);
    return spell({t.btf, bt->type}, "*" + suffix, depth + 1);
  }
  case BTF_KIND_ARRAY: {
    const struct btf_array *a = btf_array(bt);
    return spell({t.btf, a->type},
                 suffix + "[" + std::to_string(a->nelems) + "]", depth + 1);
  }
  case BTF_KIND_FUNC_PROTO:
    return spell({t.btf, bt->type}, suffix + "(...)", depth + 1);
  default: return spell({t.btf, bt->type}, suffix, depth + 1);
  }
}

}  // namespace

CType describe(BtfRef t) {
  CType c;
  t = strip(t);
  const struct btf_type *bt = type_of(t);
  if (!bt) {
    c.kind = t.id == 0 ? CKind::void_ : CKind::unknown;
    return c;
  }
  switch (btf_kind(bt)) {
  case BTF_KIND_INT: {
    uint32_t enc = btf_int_encoding(bt);
    c.kind = CKind::integer;
    c.size = bt->size;
    c.is_signed = enc & BTF_INT_SIGNED;
    c.is_char = bt->size == 1;
    break;
  }
  case BTF_KIND_ENUM: case BTF_KIND_ENUM64:
    c.kind = CKind::enumeration;
    c.size = bt->size;
    c.is_signed = btf_kflag(bt);
    c.name = name_of(t, bt);
    break;
  case BTF_KIND_PTR:
    c.kind = CKind::pointer;
    c.size = 8;
    c.inner = {t.btf, bt->type};
    break;
  case BTF_KIND_ARRAY: {
    const struct btf_array *a = btf_array(bt);
    c.kind = CKind::array;
    c.inner = {t.btf, a->type};
    c.elems = a->nelems;
    __s64 sz = btf__resolve_size(t.btf, t.id);
    c.size = sz > 0 ? uint32_t(sz) : 0;
    break;
  }
  case BTF_KIND_STRUCT: case BTF_KIND_UNION: case BTF_KIND_FWD:
    c.kind = CKind::record;
    c.size = btf_is_fwd(bt) ? 0 : bt->size;
    c.is_union = btf_is_union(bt) || (btf_is_fwd(bt) && btf_kflag(bt));
    c.name = name_of(t, bt);
    break;
  case BTF_KIND_FUNC_PROTO: case BTF_KIND_FUNC: c.kind = CKind::function; break;
  case BTF_KIND_FLOAT:
    c.kind = CKind::floating;
    c.size = bt->size;
    break;
  default: break;
  }
  return c;
}

std::string c_type_name(BtfRef t) {
  std::string s = spell(t, "", 0);
  // "char *[16]" reads better than "char *[16]" with a doubled space.
  size_t p;
  while ((p = s.find("  ")) != std::string::npos) s.erase(p, 1);
  return s;
}

std::optional<Member> find_member(BtfRef t, std::string_view name) {
  return member_in(t, name, 0);
}

std::vector<std::string> member_names(BtfRef t) {
  std::vector<std::string> out;
  collect_members(t, out, 0);
  return out;
}

std::optional<FunctionProto> function_proto(const struct btf *b,
                                            std::string_view name) {
  std::string n(name);
  __s32 id = btf_find(b, n.c_str(), BTF_KIND_FUNC);
  if (id <= 0) return std::nullopt;
  const struct btf_type *fn = btf__type_by_id(b, uint32_t(id));
  const struct btf_type *proto = fn ? btf__type_by_id(b, fn->type) : nullptr;
  if (!proto || !btf_is_func_proto(proto)) return std::nullopt;
  FunctionProto out;
  out.ret = {b, proto->type};
  const struct btf_param *p = btf_params(proto);
  for (uint16_t i = 0; i < btf_vlen(proto); ++i) {
    const char *pn = btf__name_by_offset(b, p[i].name_off);
    // A trailing "..." is a param with type 0 and no name.
    if (p[i].type == 0) break;
    out.params.emplace_back(pn ? pn : "", BtfRef{b, p[i].type});
  }
  return out;
}

std::optional<FunctionProto> tracepoint_proto(const struct btf *b,
                                              std::string_view name) {
  std::string n = "btf_trace_" + std::string(name);
  __s32 id = btf_find(b, n.c_str(), BTF_KIND_TYPEDEF);
  if (id <= 0) return std::nullopt;
  CType ptr = describe({b, btf__type_by_id(b, uint32_t(id))->type});
  if (ptr.kind != CKind::pointer) return std::nullopt;
  const struct btf_type *proto = btf__type_by_id(ptr.inner.btf, ptr.inner.id);
  if (!proto || !btf_is_func_proto(proto) || btf_vlen(proto) < 1)
    return std::nullopt;
  FunctionProto out;
  const struct btf_param *p = btf_params(proto);
  for (uint16_t i = 1; i < btf_vlen(proto); ++i) {
    const char *pn = btf__name_by_offset(b, p[i].name_off);
    out.params.emplace_back(pn ? pn : "", BtfRef{b, p[i].type});
  }
  return out;
}

std::optional<BtfRef> find_c_type(const struct btf *b, std::string_view name) {
  auto trim = [](std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    return s;
  };
  name = trim(name);
  struct Prefix { std::string_view word; int kind; };
  const Prefix prefixes[] = {{"struct ", BTF_KIND_STRUCT},
                             {"union ", BTF_KIND_UNION},
                             {"enum ", BTF_KIND_ENUM}};
  int kind = BTF_KIND_TYPEDEF;
  for (const Prefix &p : prefixes)
    if (name.starts_with(p.word)) {
      kind = p.kind;
      name = trim(name.substr(p.word.size()));
    }
  std::string n(name);
  __s32 id = btf_find(b, n.c_str(), kind);
  // A bare "task_struct" is accepted for a struct, as SystemTap does.
  if (id <= 0 && kind == BTF_KIND_TYPEDEF)
    id = btf_find(b, n.c_str(), BTF_KIND_STRUCT);
  if (id <= 0 && kind == BTF_KIND_ENUM)
    id = btf_find(b, n.c_str(), BTF_KIND_ENUM64);
  if (id <= 0) return std::nullopt;
  return BtfRef{b, uint32_t(id)};
}

}  // namespace stap
