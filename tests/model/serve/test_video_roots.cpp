// Paths from clients stay inside the video roots, symbolic links included.
#include <filesystem>
#include <fstream>

#include "core/error.h"
#include "minitest.h"
#include "serve/video_roots.h"

namespace fs = std::filesystem;
using sevila::serve::PathRefused;
using sevila::serve::VideoRoots;

namespace {
const fs::path kWork = fs::path(SEVILA_BINARY_DIR) / "test_video_roots";

std::string refusal(const VideoRoots& roots, const std::string& path) {
  try {
    roots.resolve(path);
  } catch (const PathRefused& e) {
    return e.reason;
  }
  return "";
}

void prepare() {
  fs::remove_all(kWork);
  fs::create_directories(kWork / "a" / "sub");
  fs::create_directories(kWork / "b");
  fs::create_directories(kWork / "ab");
  std::ofstream(kWork / "a" / "sub" / "v.mp4") << "x";
  std::ofstream(kWork / "ab" / "w.mp4") << "x";
  std::ofstream(kWork / "b" / "secret.mp4") << "x";
  fs::create_symlink(kWork / "b" / "secret.mp4", kWork / "a" / "out.mp4");
  fs::create_symlink("sub/v.mp4", kWork / "a" / "in.mp4");
  fs::create_directory_symlink(kWork / "ab", kWork / "a" / "sibling");  // "/a" is a prefix of "/ab"
}
}  // namespace

TEST(names_resolve_inside_their_root) {
  prepare();
  const VideoRoots roots({"clips=" + (kWork / "a").string(), (kWork / "b").string()});
  CHECK_EQ(roots.roots().size(), size_t(2));
  CHECK_EQ(roots.roots()[1].first, std::string("b"));  // named after its folder
  CHECK_EQ(roots.resolve("clips/sub/v.mp4"), fs::canonical(kWork / "a" / "sub" / "v.mp4").string());
  CHECK_EQ(roots.resolve("clips/in.mp4"),
           fs::canonical(kWork / "a" / "sub" / "v.mp4").string());  // link inside
  CHECK_EQ(roots.resolve("b/secret.mp4"), fs::canonical(kWork / "b" / "secret.mp4").string());
  CHECK_EQ(roots.resolveFolder("clips"), fs::canonical(kWork / "a").string());
  CHECK_EQ(roots.resolveFolder("clips/sub"), fs::canonical(kWork / "a" / "sub").string());
}

TEST(escapes_are_refused) {
  prepare();
  const VideoRoots roots({"clips=" + (kWork / "a").string()});
  CHECK(refusal(roots, "clips/out.mp4").find("outside") != std::string::npos);
  CHECK(refusal(roots, "clips/sibling/w.mp4").find("outside") != std::string::npos);
  CHECK(refusal(roots, "clips/../b/secret.mp4").find("'..'") != std::string::npos);
  CHECK(refusal(roots, "clips/sub/./v.mp4").find("'.'") != std::string::npos);
  CHECK(refusal(roots, "clips//sub/v.mp4").find("empty") != std::string::npos);
  CHECK(refusal(roots, "/etc/passwd").find("absolute") != std::string::npos);
  CHECK(refusal(roots, std::string("clips/sub/v.mp4\0x", 17)).find("NUL") != std::string::npos);
  CHECK(refusal(roots, "nope/v.mp4").find("no video root") != std::string::npos);
  CHECK(refusal(roots, "clips/sub").find("not a regular file") != std::string::npos);
  CHECK(refusal(roots, "clips").find("no file inside") != std::string::npos);
  CHECK(refusal(roots, "").find("empty") != std::string::npos);
  bool refused = false;
  try {
    roots.inside((kWork / "b" / "secret.mp4").string());  // a file the server found, outside every root
  } catch (const PathRefused&) {
    refused = true;
  }
  CHECK(refused);
}

TEST(bad_roots_are_errors) {
  prepare();
  CHECK_THROWS_WITH(VideoRoots({(kWork / "missing").string()}), "is not a folder");
  CHECK_THROWS_WITH(VideoRoots({"x=" + (kWork / "a").string(), "x=" + (kWork / "b").string()}),
                    "two video roots");
  CHECK_THROWS_WITH(VideoRoots({"a b=" + (kWork / "a").string()}), "name may hold only");
}

MINITEST_MAIN
