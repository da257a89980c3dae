// Disk faults for tests: a tmpfs of a few kilobytes (a full disk) or a read-only mount, in a mount
// namespace of the test process's own, so that nothing outside the test sees them. Needs root
// (CAP_SYS_ADMIN); tests skip visibly without it. Call enterPrivateMounts() first thing in main, before
// any thread starts: threads started later share the namespace.
#pragma once

#include <sched.h>
#include <sys/mount.h>

#include <filesystem>
#include <string>

namespace faults {

// True when this process now has mounts of its own.
inline bool& privateMounts() {
  static bool entered = false;
  return entered;
}

inline void enterPrivateMounts() {
  privateMounts() =
      ::unshare(CLONE_NEWNS) == 0 && ::mount("none", "/", nullptr, MS_REC | MS_PRIVATE, nullptr) == 0;
}

// Mounts an empty tmpfs of `bytes` at `dir` (created); false without private mounts.
inline bool mountSmallDisk(const std::string& dir, size_t bytes) {
  if (!privateMounts()) return false;
  std::filesystem::create_directories(dir);
  const std::string options = "size=" + std::to_string(bytes) + ",mode=0755";
  return ::mount("tmpfs", dir.c_str(), "tmpfs", 0, options.c_str()) == 0;
}

// Makes what is mounted at `dir` read-only (even for root), or writable again.
inline bool remount(const std::string& dir, bool readOnly) {
  return ::mount(nullptr, dir.c_str(), nullptr, MS_REMOUNT | (readOnly ? MS_RDONLY : 0), nullptr) == 0;
}

inline void unmount(const std::string& dir) {
  ::umount2(dir.c_str(), MNT_DETACH);
}

// Fills the disk holding `dir` with one file, so that the next write finds no space.
inline void fillDisk(const std::string& dir) {
  const std::string path = dir + "/filler";
  FILE* f = std::fopen(path.c_str(), "ab");
  if (!f) return;
  static const char block[4096] = {};
  while (std::fwrite(block, 1, sizeof block, f) == sizeof block) {
  }
  std::fclose(f);
}

}  // namespace faults
