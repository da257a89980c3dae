#include "media/content_key.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <map>
#include <mutex>
#include <vector>

#include "core/error.h"
#include "core/unique_fd.h"

namespace sevila::media {
namespace {

// Four independent lanes over 32-byte stripes (the multiply-rotate round of xxHash64), so the hash
// keeps up with the disk; the tail and the final mix fold in every remaining byte and the length.
constexpr uint64_t kPrime1 = 0x9E3779B185EBCA87ull;
constexpr uint64_t kPrime2 = 0xC2B2AE3D27D4EB4Full;
constexpr uint64_t kPrime3 = 0x165667B19E3779F9ull;

uint64_t rotl(uint64_t x, int r) {
  return (x << r) | (x >> (64 - r));
}
uint64_t mixRound(uint64_t lane, uint64_t word) {
  return rotl(lane + word * kPrime2, 31) * kPrime1;
}

class StreamHash {
public:
  void add(const unsigned char* data, size_t n) {
    m_length += n;
    while (n > 0) {
      const size_t take = std::min(n, sizeof m_stripe - m_filled);
      std::memcpy(m_stripe + m_filled, data, take);
      m_filled += take;
      data += take;
      n -= take;
      if (m_filled == sizeof m_stripe) {
        for (int i = 0; i < 4; ++i) {
          uint64_t word;
          std::memcpy(&word, m_stripe + 8 * i, 8);
          m_lanes[i] = mixRound(m_lanes[i], word);
        }
        m_filled = 0;
      }
    }
  }
  uint64_t finish() const {
    uint64_t h = rotl(m_lanes[0], 1) + rotl(m_lanes[1], 7) + rotl(m_lanes[2], 12) + rotl(m_lanes[3], 18);
    h ^= m_length * kPrime3;
    for (size_t i = 0; i < m_filled; ++i) h = rotl(h ^ (m_stripe[i] * kPrime1), 11) * kPrime2;
    h ^= h >> 33;
    h *= kPrime2;
    h ^= h >> 29;
    h *= kPrime3;
    return h ^ (h >> 32);
  }

private:
  uint64_t m_lanes[4] = {kPrime1 + kPrime2, kPrime2, 0, 0 - kPrime1};
  unsigned char m_stripe[32] = {};
  size_t m_filled = 0;
  uint64_t m_length = 0;
};

struct Remembered {
  dev_t device = 0;
  ino_t inode = 0;
  off_t size = 0;
  timespec modified{}, changed{};
  std::string key;
  bool same(const struct stat& s) const {
    return s.st_dev == device && s.st_ino == inode && s.st_size == size &&
           s.st_mtim.tv_sec == modified.tv_sec && s.st_mtim.tv_nsec == modified.tv_nsec &&
           s.st_ctim.tv_sec == changed.tv_sec && s.st_ctim.tv_nsec == changed.tv_nsec;
  }
};

std::mutex g_mutex;
std::map<std::string, Remembered>& memo() {
  static std::map<std::string, Remembered> remembered;
  return remembered;
}

}  // namespace

std::string contentKey(const std::string& path) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd) throw Error(path, std::string("cannot open the file for reading: ") + std::strerror(errno));
  struct stat before {};
  if (::fstat(fd.get(), &before) != 0) throw Error(path, std::string("cannot read: ") + std::strerror(errno));
  {
    std::lock_guard<std::mutex> lock(g_mutex);
    const auto it = memo().find(path);
    if (it != memo().end() && it->second.same(before)) return it->second.key;
  }
  StreamHash hash;
  std::vector<unsigned char> block(1 << 20);
  for (;;) {
    const ssize_t n = ::read(fd.get(), block.data(), block.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw Error(path, std::string("cannot read: ") + std::strerror(errno));
    if (n == 0) break;
    hash.add(block.data(), static_cast<size_t>(n));
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash.finish()));
  const std::string key = std::to_string(static_cast<long long>(before.st_size)) + "-" + hex;
  // Remembered only when the file did not change while it was read.
  struct stat after {};
  Remembered r{before.st_dev, before.st_ino, before.st_size, before.st_mtim, before.st_ctim, key};
  if (::fstat(fd.get(), &after) == 0 && r.same(after)) {
    std::lock_guard<std::mutex> lock(g_mutex);
    memo()[path] = r;
  }
  return key;
}

void clearContentKeyMemo() {
  std::lock_guard<std::mutex> lock(g_mutex);
  memo().clear();
}

}  // namespace sevila::media
