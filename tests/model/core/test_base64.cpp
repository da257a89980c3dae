// base64 as RFC 4648 writes it: its test vectors both ways, every byte value through a round trip, and
// nothing but exact text decoded.
#include "core/base64.h"
#include "minitest.h"

using sevila::decodeBase64;
using sevila::encodeBase64;

TEST(rfc_4648_test_vectors) {
  const std::pair<const char*, const char*> vectors[] = {{"", ""},
                                                         {"f", "Zg=="},
                                                         {"fo", "Zm8="},
                                                         {"foo", "Zm9v"},
                                                         {"foob", "Zm9vYg=="},
                                                         {"fooba", "Zm9vYmE="},
                                                         {"foobar", "Zm9vYmFy"}};
  for (const auto& [plain, coded] : vectors) {
    CHECK_EQ(encodeBase64(plain), std::string(coded));
    CHECK(decodeBase64(coded) == std::string(plain));
  }
}

TEST(every_byte_round_trips) {
  std::string bytes;
  for (int i = 0; i < 256; ++i) bytes.push_back(static_cast<char>(i));
  for (size_t cut = 0; cut < 4; ++cut) {
    const std::string part = bytes.substr(cut);
    CHECK(decodeBase64(encodeBase64(part)) == part);
  }
  CHECK_EQ(encodeBase64(std::string("\xff\xfe", 2)), std::string("//4="));
}

TEST(only_exact_text_is_decoded) {
  for (const char* bad : {"Zg", "Zg=", "Z===", "Zm9v\n", "Zm 9", "Zm9-", "Zh==", "Zm9=", "=Zm9", "Zg==Zg=="})
    CHECK(!decodeBase64(bad));
}

MINITEST_MAIN
