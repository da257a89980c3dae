// Helpers shared by the sevila_data tests: paths of the dataset samples and scratch files for hostile
// variants (written under the build directory, never into tests/data).
#pragma once

#include <fstream>
#include <string>

namespace datatest {

inline std::string sample(const std::string& relative) {
  return std::string(SEVILA_TEST_DATA) + "/datasets/" + relative;
}

// Writes `content` to a scratch file named `name` and returns its path.
inline std::string scratch(const std::string& name, const std::string& content) {
  const std::string path = std::string(SEVILA_BINARY_DIR) + "/test_data_scratch_" + name;
  std::ofstream out(path, std::ios::binary);
  out << content;
  return path;
}

}  // namespace datatest
