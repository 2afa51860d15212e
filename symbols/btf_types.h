// Questions pass 2 asks about kernel C types, answered from BTF: what a
// type is (integer, pointer, array, struct...), its C spelling, where a
// member lives (anonymous members and bitfields included), and a
// function's prototype. A type is named by (btf, id); split module BTF
// resolves vmlinux's ids through its base.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct btf;

namespace stap {

struct BtfRef {
  const struct btf *btf = nullptr;
  uint32_t id = 0;  // 0 is void
};

enum class CKind : uint8_t {
  void_, integer, enumeration, pointer, array, record, function, floating,
  unknown,
};

// A type with typedefs and qualifiers looked through. `Ref` names a type
// in its source: BTF here, a binary's DWARF in user_dwarf.h.
template <class Ref> struct CTypeOf {
  CKind kind = CKind::unknown;
  uint32_t size = 0;      // bytes; 0 for void and functions
  bool is_signed = false;
  bool is_char = false;   // a one-byte integer (char arrays read as strings)
  bool is_union = false;
  Ref inner;              // pointee or element type
  uint32_t elems = 0;     // array length
  std::string name;       // record or enum name, possibly empty
};
using CType = CTypeOf<BtfRef>;

CType describe(BtfRef t);

// The C spelling: "struct file *", "size_t", "char [16]", "int (*)(...)".
std::string c_type_name(BtfRef t);

template <class Ref> struct MemberOf {
  uint64_t bit_offset = 0;  // from the start of the record
  uint32_t bit_size = 0;    // bitfield width, 0 for a plain member
  Ref type;
};
using Member = MemberOf<BtfRef>;

// Member `name` of record `t` (typedefs looked through), searching inside
// anonymous struct/union members; nullopt when absent.
std::optional<Member> find_member(BtfRef t, std::string_view name);
// Every member name reachable like find_member does (for "did you mean").
std::vector<std::string> member_names(BtfRef t);

struct FunctionProto {
  BtfRef ret;  // id 0: void
  std::vector<std::pair<std::string, BtfRef>> params;
};

// The prototype of function `name` (BTF_KIND_FUNC) in `b`.
std::optional<FunctionProto> function_proto(const struct btf *b,
                                            std::string_view name);

// The arguments of tracepoint `name` (vmlinux or a module): the
// parameters of its btf_trace_NAME typedef, `void (*)(void *, args...)`,
// after the first (the probe's data pointer). ret is void.
std::optional<FunctionProto> tracepoint_proto(const struct btf *b,
                                              std::string_view name);

// "struct task_struct", "union x", "enum y" or a typedef name.
std::optional<BtfRef> find_c_type(const struct btf *b, std::string_view name);

}  // namespace stap
