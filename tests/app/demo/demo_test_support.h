// What the demo tests share: whether the ffmpeg CLI is there (the generator needs it; without it they
// skip visibly) and a temporary folder removed with everything in it.
#pragma once

#include <stdlib.h>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>

#include "minitest.h"
#include "temp_dir.h"

namespace sevila::demo::testing {

inline bool haveFfmpeg() {
  static const bool have = std::system("ffmpeg -version >/dev/null 2>&1") == 0;
  return have;
}

#define REQUIRE_FFMPEG() \
  if (!::sevila::demo::testing::haveFfmpeg()) SKIP("the ffmpeg CLI is not installed")

using ::sevila::testing::TempDir;

}  // namespace sevila::demo::testing
