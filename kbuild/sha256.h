// SHA-256 (FIPS 180-4), used for module cache keys and feature-test cache
// keys: collisions would let one script reuse another's module.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace stap {

class Sha256 {
public:
  Sha256();
  Sha256 &update(std::string_view data);
  // Adds a length-prefixed field, so ("ab","c") and ("a","bc") differ.
  Sha256 &field(std::string_view data);
  std::array<uint8_t, 32> digest();
  std::string hex();

private:
  void block(const uint8_t *p);
  std::array<uint32_t, 8> h_;
  uint8_t buf_[64];
  size_t used_ = 0;
  uint64_t total_ = 0;
};

}  // namespace stap
