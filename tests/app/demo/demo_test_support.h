// What the demo tests share: whether the ffmpeg CLI is there (the generator needs it; without it they
// skip visibly) and a temporary folder removed with everything in it.
#pragma once

#include <stdlib.h>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>

#include "minitest.h"

namespace sevila::demo::testing {

inline bool haveFfmpeg() {
  static const bool have = std::system("ffmpeg -version >/dev/null 2>&1") == 0;
  return have;
}

#define REQUIRE_FFMPEG() \
  if (!::sevila::demo::testing::haveFfmpeg()) SKIP("the ffmpeg CLI is not installed")

class TempDir {
public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "sevila-demo-test-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    m_path = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(m_path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return m_path; }

private:
  std::string m_path;
};

}  // namespace sevila::demo::testing
