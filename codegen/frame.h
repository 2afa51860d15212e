// The storage of one probe handler or script function body: its locals and
// the temporaries expression evaluation needs. It lives in the per-CPU
// context (never on the kernel stack); frames are indexed by call depth so
// recursion gets a fresh frame per level.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "parser/ast.h"

namespace stap {

class Frame {
public:
  explicit Frame(std::string struct_name) : struct_name_(std::move(struct_name)) {}

  // The C lvalue of a local or parameter ("F->l_count").
  std::string local(const VarDecl *v);
  // A temporary of the given type ("F->t3"); strings are buffers. It is
  // not handed out again before release() of a mark taken before it.
  std::string temp(Type t);
  // An array of `count` struct stp_val (map keys, print arguments), a
  // temporary like the others. Kept here rather than in a C compound
  // literal: a compound literal lives to the end of its C block, so a
  // long probe body would stack one per statement on the kernel stack.
  std::string vals(size_t count);
  // Temporaries live for one statement: take a mark before emitting it
  // and release after, and the next statement reuses them, so a frame is
  // as big as its deepest statement, not the sum of all of them.
  size_t mark() const { return live_.size(); }
  void release(size_t mark);
  // The return slot of a function frame.
  std::string ret(Type t);
  // The flag an overload sets when it runs `next`: the caller then tries
  // the next overload.
  std::string next_flag();

  const std::string &struct_name() const { return struct_name_; }
  // `struct NAME { ... };`
  std::string definition() const;

private:
  // What a field holds: 0 a long, SIZE_MAX a string buffer, n > 0 an
  // array of n values. Free temporaries are pooled by shape.
  using Shape = size_t;
  static constexpr Shape kLong = 0, kString = SIZE_MAX;
  static Shape shape_of(Type t) { return t == Type::string ? kString : kLong; }
  std::string add_field(const std::string &name, Shape shape);
  std::string take_temp(Shape shape);
  std::string struct_name_;
  std::vector<std::pair<std::string, Shape>> fields_;
  std::map<const VarDecl *, std::string> locals_;
  int temps_ = 0;
  std::vector<std::pair<std::string, Shape>> live_;  // in allocation order
  std::map<Shape, std::vector<std::string>> free_;
  bool has_ret_ = false;
  bool has_next_flag_ = false;
};

// A C identifier fragment from a script name (a-z, 0-9, _ kept).
std::string c_ident(const std::string &name);

}  // namespace stap
