#include "core/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <utility>

#include "core/error.h"
#include "core/file_paths.h"

namespace sevila {

AtomicFile::AtomicFile(std::string path, mode_t mode) : m_path(std::move(path)), m_mode(mode) {
  if (m_path.empty()) throw Error(m_path, "no file name given");
  struct stat previous {};
  if (::stat(m_path.c_str(), &previous) == 0) {
    if (S_ISDIR(previous.st_mode)) throw Error(m_path, "is a directory", "choose a file name");
    if (S_ISREG(previous.st_mode)) m_mode = previous.st_mode & 07777;
  }
  m_tmp = m_path + ".tmp.XXXXXX";
  m_fd.reset(::mkostemp(&m_tmp[0], O_CLOEXEC));
  if (!m_fd)
    throw Error(m_path, "cannot create a temporary file beside it: " + errnoText(),
                "check that the folder " + directoryOf(m_path) + " exists and is writable");
}

AtomicFile::~AtomicFile() {
  if (m_committed) return;
  m_fd.reset();
  ::unlink(m_tmp.c_str());
}

void AtomicFile::write(const void* data, size_t size) {
  const char* p = static_cast<const char*>(data);
  while (size > 0) {
    const size_t chunk = std::min<size_t>(size, size_t{1} << 30);
    const ssize_t n = ::write(m_fd.get(), p, chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int err = n < 0 ? errno : ENOSPC;
      throw Error(m_path, std::string("cannot write: ") + std::strerror(err),
                  err == ENOSPC || err == EDQUOT ? "free some disk space; nothing was replaced"
                                                 : "nothing was replaced");
    }
    p += n;
    size -= static_cast<size_t>(n);
  }
}

void AtomicFile::commit() {
  if (::fchmod(m_fd.get(), m_mode) != 0)
    throw Error(m_path, "cannot set the file's permissions: " + errnoText(), "nothing was replaced");
  if (::fsync(m_fd.get()) != 0)
    throw Error(m_path, "cannot flush to disk: " + errnoText(), "nothing was replaced");
  if (m_fd.close() != 0) throw Error(m_path, "cannot close: " + errnoText(), "nothing was replaced");
  if (::rename(m_tmp.c_str(), m_path.c_str()) != 0)
    throw Error(m_path, "cannot rename the temporary file into place: " + errnoText(),
                "nothing was replaced");
  m_committed = true;
  // Makes the rename itself durable. Best effort: the new file is in place whatever this returns.
  UniqueFd dir(::open(directoryOf(m_path).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir) ::fsync(dir.get());
}

void writeFileAtomically(const std::string& path, const std::string& bytes) {
  AtomicFile file(path);
  file.write(bytes);
  file.commit();
}

}  // namespace sevila
