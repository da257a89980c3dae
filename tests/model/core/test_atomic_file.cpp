// AtomicFile replaces a file whole or not at all; UniqueFd closes on every path; the path facts.
#include "core/atomic_file.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <string>

#include "core/error.h"
#include "core/file_paths.h"
#include "core/unique_fd.h"
#include "minitest.h"

using namespace sevila;

namespace {

std::string scratchDir() {
  const std::string dir = std::string(SEVILA_BINARY_DIR) + "/test_tmp/atomic_file";
  ::mkdir((std::string(SEVILA_BINARY_DIR) + "/test_tmp").c_str(), 0755);
  ::mkdir(dir.c_str(), 0755);
  return dir;
}

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

int entriesIn(const std::string& dir) {
  int n = 0;
  if (DIR* d = ::opendir(dir.c_str())) {
    while (const dirent* e = ::readdir(d))
      if (std::string(e->d_name) != "." && std::string(e->d_name) != "..") ++n;
    ::closedir(d);
  }
  return n;
}

bool fdIsOpen(int fd) {
  return ::fcntl(fd, F_GETFD) != -1;
}

}  // namespace

TEST(uniqueFdClosesOnEveryPath) {
  int raw = -1;
  {
    UniqueFd fd(::open("/dev/null", O_RDONLY | O_CLOEXEC));
    REQUIRE(fd.valid());
    raw = fd.get();
    CHECK(fdIsOpen(raw));
  }
  CHECK(!fdIsOpen(raw));  // closed by the destructor
  UniqueFd a(::open("/dev/null", O_RDONLY | O_CLOEXEC));
  raw = a.get();
  UniqueFd b(std::move(a));
  CHECK(!a.valid());
  CHECK_EQ(b.get(), raw);
  CHECK_EQ(b.close(), 0);
  CHECK(!fdIsOpen(raw));
  CHECK_EQ(b.close(), 0);  // closing twice is harmless
}

TEST(commitReplacesAndAnAbandonedWriteLeavesTheOldFile) {
  const std::string dir = scratchDir() + "/replace";
  ::mkdir(dir.c_str(), 0755);
  const std::string path = dir + "/labels.json";
  writeFileAtomically(path, "old");
  CHECK_EQ(read(path), std::string("old"));
  ::chmod(path.c_str(), 0600);
  {
    AtomicFile file(path);
    file.write("half of the new");
    // No commit: as if the process failed here.
  }
  CHECK_EQ(read(path), std::string("old"));
  CHECK_EQ(entriesIn(dir), 1);  // no temporary file left
  {
    AtomicFile file(path);
    file.write("new ");
    file.write(std::string("content"));
    file.commit();
  }
  CHECK_EQ(read(path), std::string("new content"));
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  CHECK_EQ(int(st.st_mode & 0777), 0600);  // the replaced file's permissions are kept
  CHECK_EQ(entriesIn(dir), 1);
}

TEST(refusesDirectoriesAndMissingFolders) {
  const std::string dir = scratchDir();
  CHECK_THROWS_WITH(AtomicFile{dir}, "is a directory");
  CHECK_THROWS_WITH(writeFileAtomically(dir + "/no/such/folder/x", "x"),
                    "cannot create a temporary file beside it");
  CHECK_THROWS_WITH(AtomicFile{""}, "no file name");
}

TEST(pathFacts) {
  CHECK(isDirectory(scratchDir()));
  CHECK(!isRegularFile(scratchDir()));
  CHECK(isRegularFile("/dev/null") == false);  // a device, not a regular file
  CHECK_EQ(directoryOf("a/b.pth"), std::string("a"));
  CHECK_EQ(directoryOf("b.pth"), std::string("."));
  CHECK_EQ(directoryOf("/b.pth"), std::string("/"));
}

MINITEST_MAIN
