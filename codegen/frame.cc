#include "codegen/frame.h"

namespace stap {

std::string c_ident(const std::string &name) {
  std::string out;
  for (char c : name)
    out += (std::isalnum(static_cast<unsigned char>(c)) || c == '_') ? c : '_';
  return out;
}

std::string Frame::add_field(const std::string &name, Shape shape) {
  fields_.emplace_back(name, shape);
  return "F->" + name;
}

std::string Frame::local(const VarDecl *v) {
  auto it = locals_.find(v);
  if (it != locals_.end()) return it->second;
  // Two locals may share a name in different scopes of one body (a catch
  // variable, say): number them so fields never collide.
  std::string name = "l_" + c_ident(v->name) + "_" + std::to_string(locals_.size());
  std::string lv = add_field(name, shape_of(v->type));
  locals_[v] = lv;
  return lv;
}

std::string Frame::take_temp(Shape shape) {
  auto &pool = free_[shape];
  std::string lv;
  if (pool.empty()) {
    lv = add_field((shape == kLong || shape == kString ? "t" : "v") +
                       std::to_string(temps_++),
                   shape);
  } else {
    lv = pool.back();
    pool.pop_back();
  }
  live_.emplace_back(lv, shape);
  return lv;
}

std::string Frame::temp(Type t) { return take_temp(shape_of(t)); }

std::string Frame::vals(size_t count) { return take_temp(count ? count : 1); }

void Frame::release(size_t mark) {
  while (live_.size() > mark) {
    auto &[lv, shape] = live_.back();
    free_[shape].push_back(lv);
    live_.pop_back();
  }
}

std::string Frame::ret(Type t) {
  if (!has_ret_) {
    has_ret_ = true;
    fields_.emplace_back("ret", shape_of(t));
  }
  return "F->ret";
}

std::string Frame::next_flag() {
  if (!has_next_flag_) {
    has_next_flag_ = true;
    fields_.emplace_back("next_overload", kLong);
  }
  return "F->next_overload";
}

std::string Frame::definition() const {
  std::string out = "struct " + struct_name_ + " {\n";
  if (fields_.empty()) out += "  char unused;\n";
  for (const auto &[name, shape] : fields_) {
    if (shape == kString) out += "  char " + name + "[MAXSTRINGLEN];\n";
    else if (shape == kLong) out += "  s64 " + name + ";\n";
    else out += "  struct stp_val " + name + "[" + std::to_string(shape) + "];\n";
  }
  return out + "};\n";
}

}  // namespace stap
