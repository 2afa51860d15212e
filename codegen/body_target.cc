// Target expressions ($count, $file->f_pos, $return, @cast(...)->x): the
// plan pass 2 resolved from BTF (elaborate/target_access.h), read through
// the runtime's fault-safe accessors.
#include "codegen/body_emitter.h"
#include "elaborate/defined_fold.h"

namespace stap {

namespace {

// A register value narrowed to the parameter's C type.
std::string narrowed(const std::string &v, unsigned bits, bool sign) {
  if (bits >= 64) return v;
  const char *t = bits <= 8    ? (sign ? "signed char" : "unsigned char")
                  : bits <= 16 ? (sign ? "short" : "unsigned short")
                               : (sign ? "int" : "unsigned int");
  return "(s64)(" + std::string(t) + ")(" + v + ")";
}

// The bits of `v` from `shift` up (a value's piece inside a register).
std::string shifted(const std::string &v, unsigned shift) {
  if (!shift) return v;
  return "(s64)((u64)" + v + " >> " + std::to_string(shift) + ")";
}

// What @cast(operand, ...) and operand->x read through.
const Expr *operand_of(const Expr *e) {
  if (e && e->kind == ExprKind::cast)
    return static_cast<const CastExpr *>(e)->operand;
  if (e && e->kind == ExprKind::autocast)
    return static_cast<const AutocastExpr *>(e)->operand;
  return nullptr;
}

}  // namespace

// "identifier '$info' at f.stp:3:5", "operator '@cast' at ...".
std::string BodyEmitter::fault_site(const Expr *e) const {
  std::string what = "operator '->'";
  if (e->kind == ExprKind::target)
    what = "identifier '" + static_cast<const TargetSymbol *>(e)->name + "'";
  else if (e->kind == ExprKind::cast)
    what = "operator '@cast'";
  return what + " at " + where(e);
}

const TargetAccess *BodyEmitter::access_of(const Expr *e) const {
  for (const ProbeTargets *m : {sym_.probe_targets, sym_.function_targets}) {
    if (!m) continue;
    auto it = m->find(e);
    if (it != m->end()) return &it->second;
  }
  return nullptr;
}

// A target expression is defined when pass 2 resolved it here (a
// resolution made inside @defined is not an error when it fails).
bool BodyEmitter::is_defined(const Expr *op) const {
  ExprKind k = op->kind;
  bool target = k == ExprKind::target || k == ExprKind::cast ||
                k == ExprKind::atvar || k == ExprKind::entry ||
                k == ExprKind::autocast;
  return !target || access_of(op);
}

std::optional<bool> BodyEmitter::folded_defined(const Expr *cond) const {
  return fold_defined(cond, [&](const Expr *op) -> std::optional<bool> {
    return is_defined(op);
  });
}

std::string BodyEmitter::emit_target(const Expr *e) {
  const TargetAccess *a = access_of(e);
  if (!a) {
    unsupported(e, "target variable access here");
    return "0";
  }
  if (a->base == TargetAccess::Base::literal) return c_string_literal(a->text);
  if (a->base == TargetAccess::Base::procfs_value) {
    // A copy: the buffer may hold more than MAXSTRINGLEN (.maxsize(N)).
    std::string s = f_.temp(Type::string);
    w_.line("stp_str_copy(" + s + ", stp_procfs_get(c));");
    return s;
  }
  if (!a->parts.empty() ||
      (a->type == Type::string && a->read == TargetAccess::Read::value))
    return emit_parms(*a, e);
  return emit_access(*a, e);
}

// "file=0xffff... buf=0x7ffc... count=0x2000", as SystemTap prints $$parms.
// $var$ and $$parms$: the pretty format pass 2 built, filled by the parts.
std::string BodyEmitter::emit_parms(const TargetAccess &a, const Expr *e) {
  std::string fmt;
  std::vector<std::string> vals;
  if (const Expr *operand = operand_of(e)) {
    operand_value_ = f_.temp(Type::long_);
    w_.line(operand_value_ + " = " + emit_expr(operand) + ";");
  }
  for (const auto &[name, part] : a.parts) {
    // $$vars' "name=?": a value that cannot be found where the probe is.
    if (part.base == TargetAccess::Base::literal) {
      fmt += (fmt.empty() ? "" : " ") + name + "=" + part.text;
      continue;
    }
    if (a.format.empty()) fmt += (fmt.empty() ? "" : " ") + name + "=0x%x";
    if (part.read == TargetAccess::Read::string) {
      vals.push_back("STP_STR(" + emit_access(part, nullptr) + ")");
      continue;
    }
    std::string t = f_.temp(Type::long_);
    w_.line(t + " = " + emit_access(part, nullptr) + ";");
    vals.push_back("STP_LONG(" + t + ")");
  }
  operand_value_.clear();
  if (!a.format.empty()) fmt = a.format;
  if (vals.empty()) return c_string_literal(fmt);
  std::string out = f_.temp(Type::string);
  w_.line("stp_sprintf(" + out + ", MAXSTRINGLEN, " + c_string_literal(fmt) +
          ", " + val_args(vals) + ");");
  return out;
}

std::string BodyEmitter::emit_access(const TargetAccess &a, const Expr *e) {
  std::string v = f_.temp(Type::long_);
  const char *sign = a.base_signed ? "true" : "false";
  switch (a.base) {
  case TargetAccess::Base::param:
  case TargetAccess::Base::netfilter_verdict:
    w_.line(v + " = stp_arg(c, " + std::to_string(a.param) + ", " +
            std::to_string(a.base_bits) + ", " + sign + ");");
    break;
  case TargetAccess::Base::entry_param:
    w_.line(v + " = stp_entry_arg(c, " + std::to_string(a.param) + ", " +
            std::to_string(a.base_bits) + ", " + sign + ");");
    break;
  case TargetAccess::Base::return_value:
    w_.line(v + " = " +
            narrowed("stp_register(c, \"rax\", false)", a.base_bits,
                     a.base_signed) +
            ";");
    break;
  case TargetAccess::Base::register_value:
    w_.line(v + " = " +
            narrowed(shifted("stp_register(c, " + c_string_literal(a.reg) +
                                 ", false)",
                             a.base_shift),
                     a.base_bits, a.base_signed) +
            ";");
    break;
  case TargetAccess::Base::constant:
    w_.line(v + " = " +
            narrowed(shifted(std::to_string(a.constant) + "LL", a.base_shift),
                     a.base_bits, a.base_signed) +
            ";");
    break;
  case TargetAccess::Base::sdt_arg:
    w_.line(v + " = stp_sdt_arg(c, " + std::to_string(a.param) + ");");
    break;
  case TargetAccess::Base::module_address:
    w_.line(v + " = (s64)stp_umodule_address(c, " + c_string_literal(a.text) +
            ", " + std::to_string(a.constant) + "UL);");
    break;
  case TargetAccess::Base::literal:
  case TargetAccess::Base::procfs_value:
    unsupported(e, "a string target value inside an expression");
    return "0";
  case TargetAccess::Base::operand: {
    if (!operand_value_.empty()) {
      w_.line(v + " = " + operand_value_ + ";");
      break;
    }
    const Expr *operand = operand_of(e);
    if (!operand) {
      unsupported(e, "a cast without an operand");
      return "0";
    }
    w_.line(v + " = " + emit_expr(operand) + ";");
    break;
  }
  }
  check_error();
  bool reads_memory = a.read == TargetAccess::Read::integer ||
                      a.read == TargetAccess::Read::string;
  for (const TargetAccess::Step &s : a.steps)
    reads_memory |= s.kind == TargetAccess::Step::load_pointer;
  // A read fault is reported here, not at the last call or operator.
  if (e && reads_memory)
    w_.line("STP_STMT(c, " + c_string_literal(fault_site(e)) + ");");
  const std::string read_int =
      a.user_memory ? "stp_user_read_int" : "stp_kernel_read_int";
  for (const TargetAccess::Step &s : a.steps) {
    switch (s.kind) {
    case TargetAccess::Step::add:
      if (s.offset) w_.line(v + " += " + std::to_string(s.offset) + "LL;");
      break;
    case TargetAccess::Step::load_pointer:
      w_.line(v + " = " + read_int + "(c, (unsigned long)" + v +
              ", 8, false);");
      check_error();
      break;
    case TargetAccess::Step::add_index: {
      std::string i = emit_expr(s.index);
      w_.line(v + " += (" + i + ") * " + std::to_string(s.scale) + "LL;");
      break;
    }
    }
  }
  switch (a.read) {
  case TargetAccess::Read::value:
  case TargetAccess::Read::address:
    return v;
  case TargetAccess::Read::integer: {
    bool plain_sign = a.is_signed && !a.bit_size;
    w_.line(v + " = " + read_int + "(c, (unsigned long)" + v + ", " +
            std::to_string(a.size) + ", " + (plain_sign ? "true" : "false") +
            ");");
    check_error();
    if (a.bit_size) {
      // Little-endian: BTF counts bit offsets from the lowest bit.
      unsigned shift = 64 - a.bit_size;
      // Shifted as unsigned: an unsigned field's top bit is no sign.
      w_.line(v + " = (s64)(((u64)" + v + " << " +
              std::to_string(shift - a.bit_offset) + ") >> " +
              std::to_string(shift) + ");");
      if (a.is_signed)
        w_.line(v + " = ((s64)((u64)" + v + " << " + std::to_string(shift) +
                ")) >> " + std::to_string(shift) + ";");
    }
    return v;
  }
  case TargetAccess::Read::string: {
    std::string s = f_.temp(Type::string);
    w_.line(
        std::string(a.user_memory ? "stp_user_string" : "stp_kernel_string") +
        "(c, " + s + ", (unsigned long)" + v + ", MAXSTRINGLEN);");
    check_error();
    return s;
  }
  }
  return v;
}

}  // namespace stap
