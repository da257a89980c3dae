#include "fuzz_input.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace sevila::fuzz {
namespace {

const std::filesystem::path& processFolder() {
  static const std::filesystem::path folder = [] {
    const char* tmp = std::getenv("TMPDIR");
    auto base =
        std::filesystem::path(tmp && *tmp ? tmp : "/tmp") / ("sevila-fuzz-" + std::to_string(::getpid()));
    std::filesystem::create_directories(base);
    std::atexit([] { std::filesystem::remove_all(processFolder()); });
    return base;
  }();
  return folder;
}

}  // namespace

std::string scratchFile(const uint8_t* data, size_t size, const std::string& name) {
  const auto path = processFolder() / name;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  return path.string();
}

std::string scratchFolder() {
  const auto path = processFolder() / "folder";
  std::filesystem::remove_all(path);
  std::filesystem::create_directories(path);
  return path.string();
}

}  // namespace sevila::fuzz
