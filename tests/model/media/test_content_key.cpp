// A video's content key sees every byte: an edit anywhere changes it, even one that keeps the size and
// the file's ends; a copy or a rename keeps it; a remembered key never outlives an edit, even when the
// modification time is set back.
#include <fcntl.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "media/content_key.h"
#include "media_test_util.h"

namespace fs = std::filesystem;
using sevila::media::contentKey;

namespace {
const fs::path kWork = fs::path(SEVILA_BINARY_DIR) / "test_content_key";

void flipByte(const fs::path& path, std::streamoff at) {
  std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
  f.seekg(at);
  char c = 0;
  f.read(&c, 1);
  c = static_cast<char>(c ^ 0x01);
  f.seekp(at);
  f.write(&c, 1);
}
}  // namespace

TEST(an_edit_anywhere_changes_the_key) {
  fs::create_directories(kWork);
  const fs::path video = kWork / "movie.avi";
  fs::copy_file(mediatest::dataFile("kphotoalbum-movie.avi"), video, fs::copy_options::overwrite_existing);
  const std::string original = contentKey(video.string());
  CHECK_EQ(original.substr(0, original.find('-')), std::to_string(fs::file_size(video)));
  for (const std::streamoff at :
       {std::streamoff(0), std::streamoff(200000), std::streamoff(fs::file_size(video) - 1)}) {
    flipByte(video, at);
    const std::string edited = contentKey(video.string());
    if (edited == original)
      minitest::fail(__FILE__, __LINE__, "an edit at byte " + std::to_string(at) + " kept the key");
    flipByte(video, at);  // undone: the content, so the key, is the original again
    CHECK_EQ(contentKey(video.string()), original);
  }
}

TEST(a_copy_or_a_rename_keeps_the_key) {
  fs::create_directories(kWork);
  const std::string original = contentKey(mediatest::dataFile("pens.mp4"));
  fs::copy_file(mediatest::dataFile("pens.mp4"), kWork / "pens copy.mp4",
                fs::copy_options::overwrite_existing);
  CHECK_EQ(contentKey((kWork / "pens copy.mp4").string()), original);
  fs::rename(kWork / "pens copy.mp4", kWork / "renamed.mp4");
  CHECK_EQ(contentKey((kWork / "renamed.mp4").string()), original);
  CHECK(contentKey(mediatest::dataFile("alea.mpg")) != original);
}

TEST(a_remembered_key_does_not_outlive_an_edit_with_its_time_set_back) {
  fs::create_directories(kWork);
  const fs::path video = kWork / "touched.avi";
  fs::copy_file(mediatest::dataFile("kphotoalbum-movie.avi"), video, fs::copy_options::overwrite_existing);
  const std::string original = contentKey(video.string());  // now remembered
  struct stat before {};
  REQUIRE(::stat(video.c_str(), &before) == 0);
  flipByte(video, 200000);
  const timespec times[2] = {before.st_atim, before.st_mtim};  // as `touch -r` would
  REQUIRE(::utimensat(AT_FDCWD, video.c_str(), times, 0) == 0);
  CHECK(contentKey(video.string()) != original);
}

TEST(an_unreadable_file_is_named) {
  CHECK_THROWS_WITH(contentKey((kWork / "missing.mp4").string()), "missing.mp4");
}

MINITEST_MAIN
