// Replacing a file so that a crash, a kill or a full disk at any moment leaves either the old file or
// the new one, never a torn mix: the bytes go to a temporary file beside the target, which commit()
// flushes, renames over the target and makes durable. Destroyed without commit(), it removes the
// temporary file and the target stays as it was.
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <string>

#include "core/unique_fd.h"

namespace sevila {

class AtomicFile {
public:
  // Throws sevila::Error(path, ...) when the target is a directory or no temporary file can be made.
  // The new file keeps an existing target's permissions, else gets `mode`.
  explicit AtomicFile(std::string path, mode_t mode = 0644);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  // Appends; throws sevila::Error naming the target (a full disk says so).
  void write(const void* data, size_t size);
  void write(const std::string& bytes) { write(bytes.data(), bytes.size()); }
  // Flushes, closes and renames into place; throws with "nothing was replaced" when any step fails.
  void commit();
  const std::string& path() const { return m_path; }

private:
  std::string m_path;
  std::string m_tmp;
  mode_t m_mode;
  UniqueFd m_fd;
  bool m_committed = false;
};

// One call: the whole content.
void writeFileAtomically(const std::string& path, const std::string& bytes);

}  // namespace sevila
