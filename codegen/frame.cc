#include "codegen/frame.h"

namespace stap {

std::string c_ident(const std::string &name) {
  std::string out;
  for (char c : name)
    out += (std::isalnum(static_cast<unsigned char>(c)) || c == '_') ? c : '_';
  return out;
}

std::string Frame::add_field(const std::string &name, Type t) {
  fields_.emplace_back(name, t);
  return "F->" + name;
}

std::string Frame::local(const VarDecl *v) {
  auto it = locals_.find(v);
  if (it != locals_.end()) return it->second;
  // Two locals may share a name in different scopes of one body (a catch
  // variable, say): number them so fields never collide.
  std::string name = "l_" + c_ident(v->name) + "_" + std::to_string(locals_.size());
  std::string lv = add_field(name, v->type == Type::string ? Type::string : Type::long_);
  locals_[v] = lv;
  return lv;
}

std::string Frame::temp(Type t) {
  Type kind = t == Type::string ? Type::string : Type::long_;
  auto &pool = kind == Type::string ? free_string_ : free_long_;
  std::string lv;
  if (pool.empty()) {
    lv = add_field("t" + std::to_string(temps_++), kind);
  } else {
    lv = pool.back();
    pool.pop_back();
  }
  live_.emplace_back(lv, kind);
  return lv;
}

void Frame::release(size_t mark) {
  while (live_.size() > mark) {
    auto &[lv, kind] = live_.back();
    (kind == Type::string ? free_string_ : free_long_).push_back(lv);
    live_.pop_back();
  }
}

std::string Frame::ret(Type t) {
  if (!has_ret_) {
    has_ret_ = true;
    fields_.emplace_back("ret", t == Type::string ? Type::string : Type::long_);
  }
  return "F->ret";
}

std::string Frame::definition() const {
  std::string out = "struct " + struct_name_ + " {\n";
  if (fields_.empty()) out += "  char unused;\n";
  for (const auto &[name, t] : fields_)
    out += t == Type::string ? "  char " + name + "[MAXSTRINGLEN];\n"
                             : "  s64 " + name + ";\n";
  return out + "};\n";
}

}  // namespace stap
