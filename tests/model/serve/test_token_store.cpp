// Tokens from a file: comments and blank lines skipped, weak or exposed files refused, only whole
// tokens let in.
#include <filesystem>
#include <fstream>

#include "minitest.h"
#include "serve/token_store.h"

namespace fs = std::filesystem;
using sevila::serve::TokenStore;

namespace {
const fs::path kWork = fs::path(SEVILA_BINARY_DIR) / "test_token_store";

std::string file(const std::string& name, const std::string& text, bool privateFile = true) {
  fs::create_directories(kWork);
  const fs::path path = kWork / name;
  std::ofstream(path) << text;
  fs::permissions(path, privateFile ? fs::perms::owner_read | fs::perms::owner_write
                                    : fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
  return path.string();
}
}  // namespace

TEST(whole_tokens_only) {
  const TokenStore store = TokenStore::fromFile(
      file("tokens", "# the team\n\n  alice-0123456789abcdef  \r\nbob-0123456789abcdef\n"));
  CHECK_EQ(store.size(), size_t(2));
  CHECK(store.enabled());
  CHECK(store.allows("Bearer alice-0123456789abcdef"));
  CHECK(store.allows("Bearer bob-0123456789abcdef"));
  CHECK(!store.allows("Bearer alice-0123456789abcde"));    // a prefix
  CHECK(!store.allows("Bearer alice-0123456789abcdefX"));  // longer
  CHECK(!store.allows("bearer alice-0123456789abcdef"));
  CHECK(!store.allows("alice-0123456789abcdef"));
  CHECK(!store.allows(""));
  CHECK(TokenStore().allows(""));  // no tokens: everything (the loopback only; server.h)
}

TEST(bad_files_are_refused) {
  CHECK_THROWS_WITH(TokenStore::fromFile((kWork / "missing").string()), "cannot read");
  CHECK_THROWS_WITH(TokenStore::fromFile(file("short", "abc\n")), "at least 16");
  CHECK_THROWS_WITH(TokenStore::fromFile(file("spaces", "abc def ghi jkl mno\n")), "spaces");
  CHECK_THROWS_WITH(TokenStore::fromFile(file("empty", "# nothing\n")), "holds no token");
  CHECK_THROWS_WITH(TokenStore::fromFile(file("shared", "alice-0123456789abcdef\n", false)), "chmod 600");
}

MINITEST_MAIN
