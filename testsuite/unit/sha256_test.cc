#include "kbuild/sha256.h"

#include <gtest/gtest.h>

namespace stap {
namespace {

// Test vectors from FIPS 180-4 examples.
TEST(Sha256, KnownVectors) {
  EXPECT_EQ(Sha256().hex(),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256().update("abc").hex(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(
      Sha256()
          .update("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
          .hex(),
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(Sha256, SplitUpdatesMatchOneUpdate) {
  std::string s(1000, 'x');
  Sha256 a;
  a.update(s.substr(0, 333)).update(s.substr(333));
  EXPECT_EQ(a.hex(), Sha256().update(s).hex());
}

TEST(Sha256, FieldsAreLengthPrefixed) {
  EXPECT_NE(Sha256().field("ab").field("c").hex(),
            Sha256().field("a").field("bc").hex());
}

}  // namespace
}  // namespace stap
