// The part of resolving a target expression that does not care where the
// types come from: following `->field`, `.field` and `[i]` from a base
// value to the final read, with the errors ("has no member; did you
// mean"). Kernel probes walk BTF types (BtfRef), process probes a binary's
// DWARF (DwarfType): both answer describe/find_member/member_names/
// c_type_name, so one walk serves both.
#pragma once

#include <utility>

#include "elaborate/suggest.h"
#include "elaborate/target_access.h"
#include "parser/diagnostics.h"
#include "symbols/btf_types.h"

namespace stap {

// One piece of a value split across places (DWARF's DW_OP_piece): `size`
// bytes held by `base` (a register or constant), or in memory at `base`
// plus `offset` when `in_memory`; kept nowhere when `missing`.
struct ValuePiece {
  TargetAccess base;
  bool in_memory = false;
  int64_t offset = 0;
  uint64_t size = 0;
  bool missing = false;
};

// A value being resolved: either held (a parameter, a loaded pointer),
// living in memory at the access's address plus `offset`, or held in
// `pieces`, of which byte `offset` on is wanted.
template <class Ref> struct TargetCursor {
  Ref type;
  bool in_memory = false;
  int64_t offset = 0;
  uint64_t bit_offset = 0;  // of a bitfield inside its storage
  uint32_t bit_size = 0;
  // @cast(p, "T"): p may point into an array of T, so a first `[i]`
  // picks element i (`@cast(0, "T")[1]` is how sizeof is written).
  bool array_of_type = false;
  std::vector<ValuePiece> pieces;
};

template <class Ref> class TargetWalk {
public:
  explicit TargetWalk(Diagnostics &diags) : diags_(diags) {}

  bool walk(TargetAccess &a, TargetCursor<Ref> &cur,
            const std::vector<TargetComponent> &comps) {
    for (const TargetComponent &c : comps) {
      auto t = describe(cur.type);
      bool array_of_type = std::exchange(cur.array_of_type, false);
      if (c.kind == TargetComponent::field) {
        // SystemTap reads `.` and `->` alike: follow a pointer if there is one.
        if (t.kind == CKind::pointer) {
          if (!deref(a, cur, c.loc)) return false;
          cur.type = t.inner;
          t = describe(cur.type);
        }
        if (t.kind != CKind::record || !addressable(cur)) {
          diags_.error(DiagId::sem_target_type, c.loc,
                       "'" + c.name + "' is not a member: the value is '" +
                           c_type_name(cur.type) + "', not a struct or union");
          return false;
        }
        auto m = find_member(cur.type, c.name);
        if (!m) {
          std::string msg =
              "'" + c_type_name(cur.type) + "' has no member '" + c.name + "'";
          std::string near = closest_name(c.name, member_names(cur.type));
          if (!near.empty()) msg += "; did you mean '" + near + "'?";
          diags_.error(DiagId::sem_target_type, c.loc, msg);
          return false;
        }
        cur.offset += int64_t(m->bit_offset / 8);
        cur.bit_size = m->bit_size;
        cur.bit_offset = m->bit_size ? m->bit_offset % 8 : 0;
        cur.type = m->type;
        continue;
      }
      // [index]: on a pointer or an array.
      if (t.kind == CKind::pointer) {
        if (!deref(a, cur, c.loc)) return false;
        cur.type = t.inner;
      } else if (t.kind == CKind::array && addressable(cur) &&
                 (cur.in_memory || c.kind == TargetComponent::index_literal)) {
        cur.type = t.inner;
      } else if (!array_of_type || !cur.in_memory) {
        diags_.error(DiagId::sem_target_type, c.loc,
                     "cannot index a '" + c_type_name(cur.type) + "'");
        return false;
      }
      auto elem = describe(cur.type);
      uint64_t size = elem.size;
      if (elem.kind == CKind::pointer) size = 8;
      if (size == 0) {
        diags_.error(DiagId::sem_target_type, c.loc,
                     "cannot index: elements of type '" +
                         c_type_name(cur.type) + "' have no size");
        return false;
      }
      if (c.kind == TargetComponent::index_literal) {
        cur.offset += int64_t(size) * c.literal;
      } else {
        a.steps.push_back({TargetAccess::Step::add, cur.offset});
        cur.offset = 0;
        a.steps.push_back({TargetAccess::Step::add_index, 0, c.index, size});
      }
    }
    return true;
  }

  std::optional<TargetAccess>
  address_of(TargetAccess &a, TargetCursor<Ref> &cur, const Expr *n) {
    if (!cur.pieces.empty() && !take_piece(a, cur, 1, n->loc)) return {};
    if (!cur.in_memory || cur.bit_size) {
      diags_.error(DiagId::sem_target_type, n->loc,
                   "cannot take the address of this value");
      return std::nullopt;
    }
    a.steps.push_back({TargetAccess::Step::add, cur.offset});
    a.read = TargetAccess::Read::address;
    a.type = Type::long_;
    return a;
  }

  bool finish(TargetAccess &a, TargetCursor<Ref> &cur, const Expr *n) {
    auto t = describe(cur.type);
    bool aggregate = t.kind == CKind::record || t.kind == CKind::array;
    if (!cur.pieces.empty() && !aggregate) {
      uint64_t size = t.kind == CKind::pointer ? 8 : t.size;
      if (cur.bit_size || (size != 1 && size != 2 && size != 4 && size != 8)) {
        diags_.error(DiagId::opt_not_implemented, n->loc,
                     "a '" + c_type_name(cur.type) +
                         "' inside a value split into pieces cannot be read "
                         "yet");
        return false;
      }
      if (!take_piece(a, cur, size, n->loc)) return false;
      if (!cur.in_memory) {
        a.base_bits = unsigned(size * 8);
        a.base_signed = t.is_signed;
      }
    }
    if (!cur.pieces.empty()) return not_readable(cur, n);  // a whole struct
    if (!cur.in_memory) {
      a.read = TargetAccess::Read::value;
      if (aggregate) {
        diags_.error(DiagId::opt_not_implemented, n->loc,
                     "a struct passed by value is not supported yet");
        return false;
      }
      a.type = Type::long_;
      return true;
    }
    a.steps.push_back({TargetAccess::Step::add, cur.offset});
    switch (t.kind) {
    case CKind::integer:
    case CKind::enumeration:
    case CKind::pointer:
      a.read = TargetAccess::Read::integer;
      a.size = t.kind == CKind::pointer ? 8 : t.size;
      a.is_signed = t.is_signed;
      a.bit_offset = unsigned(cur.bit_offset);
      a.bit_size = cur.bit_size;
      if (a.bit_size) {
        // Read the bytes that hold the bitfield.
        unsigned bytes = (a.bit_offset + a.bit_size + 7) / 8;
        a.size = bytes <= 1 ? 1 : bytes <= 2 ? 2 : bytes <= 4 ? 4 : 8;
      }
      if (a.size != 1 && a.size != 2 && a.size != 4 && a.size != 8) break;
      a.type = Type::long_;
      return true;
    case CKind::array:
      if (describe(t.inner).is_char) {
        a.read = TargetAccess::Read::string;
        a.type = Type::string;
        return true;
      }
      break;
    default: break;
    }
    return not_readable(cur, n);
  }

  bool not_readable(const TargetCursor<Ref> &cur, const Expr *n) {
    diags_.error(DiagId::sem_target_type, n->loc,
                 "a value of type '" + c_type_name(cur.type) +
                     "' cannot be read as a number or string; name a member "
                     "or element");
    return false;
  }

  // The whole tail: components, then `&` or the final read. `pointee`
  // receives what the result points at, when it is an address (a pointer
  // member, or `&`): the type `->` on it follows (SystemTap's autocast).
  std::optional<TargetAccess> complete(TargetAccess a, TargetCursor<Ref> cur,
                                       const std::vector<TargetComponent> &c,
                                       bool address, const Expr *n,
                                       std::optional<Ref> *pointee = nullptr) {
    if (!walk(a, cur, c)) return std::nullopt;
    if (address) {
      auto r = address_of(a, cur, n);
      if (r && pointee) *pointee = cur.type;
      return r;
    }
    if (!finish(a, cur, n)) return std::nullopt;
    auto t = describe(cur.type);
    if (pointee && t.kind == CKind::pointer) *pointee = t.inner;
    return a;
  }

  // Makes the piece that holds bytes [cur.offset, cur.offset + size) of a
  // value split into pieces the access's base; an error when no single
  // piece holds them all or that piece is kept nowhere.
  bool take_piece(TargetAccess &a, TargetCursor<Ref> &cur, uint64_t size,
                  const Location &loc) {
    uint64_t want = uint64_t(cur.offset), start = 0;
    for (const ValuePiece &p : cur.pieces) {
      if (want >= start && want + size <= start + p.size && !p.missing) {
        bool user = a.user_memory;
        a = p.base;
        a.user_memory = user;
        cur.in_memory = p.in_memory;
        cur.offset = p.in_memory ? p.offset + int64_t(want - start) : 0;
        if (!p.in_memory) a.base_shift += unsigned(want - start) * 8;
        cur.pieces.clear();
        return true;
      }
      start += p.size;
    }
    diags_.error(DiagId::sem_target_unavailable, loc,
                 "this value is optimized out at this probe point: bytes " +
                     std::to_string(want) + "-" +
                     std::to_string(want + size - 1) +
                     " of the variable are not kept in one place there");
    return false;
  }

private:
  static bool addressable(const TargetCursor<Ref> &cur) {
    return cur.in_memory || !cur.pieces.empty();
  }

  // Brings a held value of pointer type into memory at its target.
  bool deref(TargetAccess &a, TargetCursor<Ref> &cur, const Location &loc) {
    if (!cur.pieces.empty() && !take_piece(a, cur, 8, loc)) return false;
    if (cur.in_memory) {
      a.steps.push_back({TargetAccess::Step::add, cur.offset});
      a.steps.push_back({TargetAccess::Step::load_pointer});
    }
    cur.in_memory = true;
    cur.offset = 0;
    return true;
  }

  Diagnostics &diags_;
};

}  // namespace stap
