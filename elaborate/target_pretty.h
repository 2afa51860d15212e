// $var$ and $var$$ (and $$parms$, $$vars$): a target value printed with
// its members, as stapprobes(3stap) describes it:
//   $p$   "{.a=%i, .b=%u, .c={...}, .d=[...]}"   one level of members
//   $p$$  "{.a=%i, .b=%u, .c={.x=%p, .y=%i}, .d=[%i, %i]}"   all levels
// A pointer to a struct or union is followed at the top; any other pointer
// is printed as an address (nothing is read through it); char arrays are
// printed as quoted strings. The result is one format and the reads that
// fill it (TargetAccess::format and parts), so pass 3 prints it with one
// sprintf. Shared by BTF (kernel) and DWARF (process) types.
#pragma once

#include "elaborate/target_walk.h"

namespace stap {

template <class Ref> class TargetPretty {
public:
  TargetPretty(TargetWalk<Ref> &walk, bool deep) : walk_(walk), deep_(deep) {}

  // Appends the value at `cur` (reached by `base`) to `out`.
  bool value(const TargetAccess &base, TargetCursor<Ref> cur, const Expr *n,
             TargetAccess &out, int depth = 0) {
    auto t = describe(cur.type);
    if (full(out)) {
      out.format += "...";
      return true;
    }
    switch (t.kind) {
    case CKind::integer:
    case CKind::enumeration:
      if (!cur.bit_size && t.size != 1 && t.size != 2 && t.size != 4 &&
          t.size != 8)
        break;  // __int128: no script value holds it
      out.format += t.is_signed ? "%d" : "%u";
      return read(base, cur, n, out);
    case CKind::pointer:
      if (depth == 0 && describe(t.inner).kind == CKind::record &&
          cur.pieces.empty()) {
        TargetAccess a = base;
        TargetCursor<Ref> c = cur;
        deref(a, c, t.inner);
        return value(a, c, n, out, depth);
      }
      out.format += "%p";
      return read(base, cur, n, out);
    case CKind::record: {
      if (!cur.in_memory && cur.pieces.empty()) break;
      if (depth > 0 && !deep_) {
        out.format += "{...}";
        return true;
      }
      out.format += "{";
      bool first = true;
      for (const std::string &name : member_names(cur.type)) {
        auto m = find_member(cur.type, name);
        if (!m) continue;
        out.format += std::string(first ? "" : ", ") + "." + name + "=";
        first = false;
        TargetCursor<Ref> c = cur;
        c.offset += int64_t(m->bit_offset / 8);
        c.bit_size = m->bit_size;
        c.bit_offset = m->bit_size ? m->bit_offset % 8 : 0;
        c.type = m->type;
        if (!value(base, c, n, out, depth + 1)) return false;
        if (full(out)) break;
      }
      out.format += "}";
      return true;
    }
    case CKind::array: {
      if (!cur.in_memory && cur.pieces.empty()) break;
      auto elem = describe(t.inner);
      if (elem.is_char && !cur.pieces.empty()) break;  // no string there
      if (elem.is_char) {
        out.format += "\"%s\"";
        return read(base, cur, n, out);
      }
      if (depth > 0 && !deep_) {
        out.format += "[...]";
        return true;
      }
      uint64_t size = elem.kind == CKind::pointer ? 8 : elem.size;
      out.format += "[";
      for (uint32_t i = 0; size && i < t.elems && !full(out); ++i) {
        TargetCursor<Ref> c = cur;
        c.type = t.inner;
        c.offset += int64_t(size * i);
        out.format += i ? ", " : "";
        if (!value(base, c, n, out, depth + 1)) return false;
      }
      out.format += "]";
      return true;
    }
    default: break;
    }
    out.format += "?";
    return true;
  }

private:
  // Enough for MAXSTRINGLEN of output: the rest is left out ("...").
  static bool full(const TargetAccess &out) {
    return out.parts.size() >= 96 || out.format.size() >= 1024;
  }

  bool read(const TargetAccess &base, TargetCursor<Ref> cur, const Expr *n,
            TargetAccess &out) {
    TargetAccess part = base;
    if (!walk_.finish(part, cur, n)) return false;
    out.parts.push_back({"", std::move(part)});
    return true;
  }

  static void deref(TargetAccess &a, TargetCursor<Ref> &cur, Ref to) {
    if (cur.in_memory) {
      a.steps.push_back({TargetAccess::Step::add, cur.offset});
      a.steps.push_back({TargetAccess::Step::load_pointer});
    }
    cur = TargetCursor<Ref>{to, true, 0};
  }

  TargetWalk<Ref> &walk_;
  bool deep_;
};

// $x->y$: the walk along `components`, then the value printed with its
// members.
template <class Ref>
std::optional<TargetAccess>
pretty_target(TargetWalk<Ref> &walk, TargetAccess a, TargetCursor<Ref> cur,
              const std::vector<TargetComponent> &components,
              PrettySuffix pretty, const Expr *n) {
  if (!walk.walk(a, cur, components)) return std::nullopt;
  TargetAccess out;
  out.type = Type::string;
  out.read = TargetAccess::Read::value;
  TargetPretty<Ref> printer(walk, pretty == PrettySuffix::two);
  if (!printer.value(a, cur, n, out)) return std::nullopt;
  return out;
}

// `p->field` (or `p->field$`) where pass 2 knows that p points at `to`
// (typed_values.h): the plan reading through the operand, and in
// `pointee` what the result points at. An unknown `to` is reported.
template <class Ref>
std::optional<TargetAccess> autocast_target(
    TargetWalk<Ref> &walk, Diagnostics &diags, std::optional<Ref> to,
    const AutocastExpr *n, bool user_memory, std::optional<Ref> *pointee,
    const std::string &why_untyped = "the C type of this value is not known") {
  if (!to) {
    diags.error(DiagId::sem_target_unavailable, n->loc,
                "unknown type in dereference: " + why_untyped +
                    "; name it with @cast(value, \"struct T\")");
    return std::nullopt;
  }
  TargetAccess a;
  a.base = TargetAccess::Base::operand;
  a.user_memory = user_memory;
  TargetCursor<Ref> cur{*to, true, 0};
  if (n->pretty != PrettySuffix::none)
    return pretty_target(walk, std::move(a), cur, n->components, n->pretty, n);
  return walk.complete(std::move(a), cur, n->components, n->address_of, n,
                       pointee);
}

}  // namespace stap
