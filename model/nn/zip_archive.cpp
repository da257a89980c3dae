// Zip reader for torch.save checkpoints. Layout (APPNOTE.TXT): local headers with data, then the
// central directory, then [zip64 end record + zip64 locator,] the end-of-central-directory record.
// Every offset and length read from the file is checked against the file's size before use.
#include "nn/zip_archive.h"

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/error.h"
#include "core/file_paths.h"
#include "core/unique_fd.h"

namespace sevila::nn {
namespace {

constexpr uint32_t kLocalSig = 0x04034b50;
constexpr uint32_t kCentralSig = 0x02014b50;
constexpr uint32_t kEndSig = 0x06054b50;
constexpr uint32_t kZip64EndSig = 0x06064b50;
constexpr uint32_t kZip64LocatorSig = 0x07064b50;
constexpr uint64_t kEndSize = 22, kCentralSize = 46, kLocalSize = 30, kZip64EndSize = 56, kLocatorSize = 20;

uint16_t u16(const unsigned char* p) {
  return static_cast<uint16_t>(p[0] | (p[1] << 8));
}
uint32_t u32(const unsigned char* p) {
  return static_cast<uint32_t>(p[0]) | (static_cast<uint32_t>(p[1]) << 8) |
         (static_cast<uint32_t>(p[2]) << 16) | (static_cast<uint32_t>(p[3]) << 24);
}
uint64_t u64(const unsigned char* p) {
  return static_cast<uint64_t>(u32(p)) | (static_cast<uint64_t>(u32(p + 4)) << 32);
}

// True when [offset, offset + length) lies inside a buffer of `size` bytes (overflow-safe).
bool inside(uint64_t offset, uint64_t length, uint64_t size) {
  return offset <= size && length <= size - offset;
}

// Slice-by-8 tables: v[0] is the classic byte table, v[k][i] advances v[k-1][i] by one zero byte.
struct Crc32Table {
  uint32_t v[8][256];
  Crc32Table() {
    for (uint32_t i = 0; i < 256; ++i) {
      uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      v[0][i] = c;
    }
    for (uint32_t i = 0; i < 256; ++i)
      for (int k = 1; k < 8; ++k) v[k][i] = (v[k - 1][i] >> 8) ^ v[0][v[k - 1][i] & 0xff];
  }
};

}  // namespace

uint32_t zipCrc32(const unsigned char* data, uint64_t size, uint32_t crc) {
  static const Crc32Table table;
  const auto& t = table.v;
  crc = ~crc;
  while (size >= 8) {  // eight bytes per step (~4x the byte-wise loop)
    const uint32_t lo = u32(data) ^ crc, hi = u32(data + 4);
    crc = t[7][lo & 0xff] ^ t[6][(lo >> 8) & 0xff] ^ t[5][(lo >> 16) & 0xff] ^ t[4][lo >> 24] ^
          t[3][hi & 0xff] ^ t[2][(hi >> 8) & 0xff] ^ t[1][(hi >> 16) & 0xff] ^ t[0][hi >> 24];
    data += 8;
    size -= 8;
  }
  while (size--) crc = t[0][(crc ^ *data++) & 0xff] ^ (crc >> 8);
  return ~crc;
}

std::unique_ptr<ZipArchive> ZipArchive::open(const std::string& path) {
  std::unique_ptr<ZipArchive> zip(new ZipArchive());
  zip->m_path = path;
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd) throw Error(path, "cannot open: " + errnoText());
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode))
    throw Error(path, S_ISDIR(st.st_mode) ? "is a directory, not a checkpoint file" : "not a regular file");
  const uint64_t size = static_cast<uint64_t>(st.st_size);
  if (size < kEndSize)
    throw Error(path, "file of " + std::to_string(size) + " bytes is too short to be a zip archive",
                "the file is truncated or not a torch.save checkpoint");
  void* map = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd.get(), 0);
  if (map == MAP_FAILED) throw Error(path, "cannot memory-map: " + errnoText());
  fd.reset();  // the mapping stays valid without the descriptor
  zip->m_map = static_cast<const unsigned char*>(map);
  zip->m_size = size;  // unmapped by the destructor from here on
  const unsigned char* b = zip->m_map;

  // The end record sits in the last 22 + 65535 bytes (its comment is at most 65535 bytes). Take the
  // one nearest the end whose comment length reaches the end of the file exactly.
  uint64_t end = UINT64_MAX;
  const uint64_t lowest = size - kEndSize > 65535 ? size - kEndSize - 65535 : 0;
  for (uint64_t pos = size - kEndSize + 1; pos-- > lowest;) {
    if (u32(b + pos) == kEndSig && pos + kEndSize + u16(b + pos + 20) == size) {
      end = pos;
      break;
    }
  }
  if (end == UINT64_MAX)
    throw Error(path, "not a zip archive (no end-of-central-directory record)",
                "the file is truncated or not a torch.save checkpoint");
  if (u16(b + end + 4) != 0 || u16(b + end + 6) != 0)
    throw Error(path, "multi-disk zip archives are not supported");
  uint64_t count = u16(b + end + 10);
  uint64_t cdSize = u32(b + end + 12);
  uint64_t cdOffset = u32(b + end + 16);
  uint64_t cdLimit = end;  // the central directory ends before the end records

  if (end >= kLocatorSize && u32(b + end - kLocatorSize) == kZip64LocatorSig) {
    const unsigned char* loc = b + end - kLocatorSize;
    const uint64_t z64 = u64(loc + 8);
    if (u32(loc + 4) != 0 || u32(loc + 16) > 1)
      throw Error(path, "multi-disk zip64 archives are not supported");
    if (!inside(z64, kZip64EndSize, end - kLocatorSize) || u32(b + z64) != kZip64EndSig)
      throw Error(path,
                  "zip64 end record at offset " + std::to_string(z64) + " is missing or outside the file");
    if (u32(b + z64 + 16) != 0 || u32(b + z64 + 20) != 0)
      throw Error(path, "multi-disk zip archives are not supported");
    count = u64(b + z64 + 32);
    cdSize = u64(b + z64 + 40);
    cdOffset = u64(b + z64 + 48);
    cdLimit = z64;
  } else if (count == 0xFFFF || cdSize == 0xFFFFFFFF || cdOffset == 0xFFFFFFFF) {
    throw Error(path, "zip64 sizes announced but the zip64 locator is missing", "the file is truncated");
  }
  if (!inside(cdOffset, cdSize, cdLimit))
    throw Error(path,
                "central directory [" + std::to_string(cdOffset) + ", +" + std::to_string(cdSize) +
                    "] lies outside the file",
                "the file is truncated or corrupt");
  if (count > cdSize / kCentralSize)
    throw Error(path, std::to_string(count) + " entries cannot fit in a central directory of " +
                          std::to_string(cdSize) + " bytes");

  uint64_t pos = cdOffset;
  const uint64_t cdEnd = cdOffset + cdSize;
  zip->m_entries.reserve(static_cast<size_t>(count));
  for (uint64_t i = 0; i < count; ++i) {
    const std::string where = "central directory entry " + std::to_string(i);
    if (!inside(pos, kCentralSize, cdEnd) || u32(b + pos) != kCentralSig)
      throw Error(path, where + " is malformed or cut short", "the file is truncated or corrupt");
    const unsigned char* h = b + pos;
    Entry e;
    e.flags = u16(h + 8);
    e.method = u16(h + 10);
    e.crc32 = u32(h + 16);
    e.compressedSize = u32(h + 20);
    e.size = u32(h + 24);
    const uint64_t nameLen = u16(h + 28), extraLen = u16(h + 30), commentLen = u16(h + 32);
    const uint16_t disk = u16(h + 34);
    e.localHeaderOffset = u32(h + 42);
    if (!inside(pos + kCentralSize, nameLen + extraLen + commentLen, cdEnd))
      throw Error(path, where + " runs past the central directory");
    e.name.assign(reinterpret_cast<const char*>(h + kCentralSize), nameLen);
    if (e.name.find('\0') != std::string::npos) throw Error(path, where + " has a NUL byte in its name");

    // Zip64 extended information: the 64-bit values of the fields that hold 0xFFFFFFFF, in order.
    bool needSize = e.size == 0xFFFFFFFF, needCsize = e.compressedSize == 0xFFFFFFFF,
         needOffset = e.localHeaderOffset == 0xFFFFFFFF;
    const unsigned char* x = h + kCentralSize + nameLen;
    uint64_t xpos = 0;
    while (xpos + 4 <= extraLen) {
      const uint16_t id = u16(x + xpos), len = u16(x + xpos + 2);
      if (xpos + 4 + len > extraLen)
        throw Error(path, "entry '" + e.name + "': extra field runs past its header");
      if (id == 0x0001) {
        const unsigned char* f = x + xpos + 4;
        uint64_t left = len;
        auto take = [&](uint64_t& out) {
          if (left < 8) throw Error(path, "entry '" + e.name + "': zip64 extra field is too short");
          out = u64(f);
          f += 8;
          left -= 8;
        };
        if (needSize) take(e.size), needSize = false;
        if (needCsize) take(e.compressedSize), needCsize = false;
        if (needOffset) take(e.localHeaderOffset), needOffset = false;
      }
      xpos += 4 + len;
    }
    if (needSize || needCsize || needOffset)
      throw Error(path, "entry '" + e.name + "': zip64 sizes announced but the zip64 extra field is missing");
    if (disk != 0 && disk != 0xFFFF) throw Error(path, "entry '" + e.name + "' lies on another disk");
    if (!inside(e.localHeaderOffset, kLocalSize, cdOffset))
      throw Error(path, "entry '" + e.name + "': local header offset " + std::to_string(e.localHeaderOffset) +
                            " lies outside the data area");
    if (!zip->m_byName.emplace(e.name, zip->m_entries.size()).second)
      throw Error(path, "entry '" + e.name + "' appears twice in the central directory");
    zip->m_entries.push_back(std::move(e));
    pos += kCentralSize + nameLen + extraLen + commentLen;
  }
  return zip;
}

ZipArchive::~ZipArchive() {
  if (m_map) ::munmap(const_cast<unsigned char*>(m_map), m_size);
}

const ZipArchive::Entry* ZipArchive::find(const std::string& name) const {
  const auto it = m_byName.find(name);
  return it == m_byName.end() ? nullptr : &m_entries[it->second];
}

ZipArchive::Bytes ZipArchive::read(const std::string& name, bool verifyCrc) const {
  const Entry* e = find(name);
  if (!e) throw Error(m_path, "the archive has no entry '" + name + "'");
  const std::string what = "entry '" + name + "'";
  if (e->flags & 0x1) throw Error(m_path, what + " is encrypted");
  if (e->method != 0)
    throw Error(
        m_path,
        what + " is compressed (method " + std::to_string(e->method) + "); only stored entries can be read",
        "torch.save writes uncompressed archives; re-save the checkpoint with torch.save");
  if (e->compressedSize != e->size)
    throw Error(m_path, what + " is stored but its compressed size " + std::to_string(e->compressedSize) +
                            " differs from its size " + std::to_string(e->size));
  const unsigned char* h = m_map + e->localHeaderOffset;  // bounds checked at open
  if (u32(h) != kLocalSig)
    throw Error(m_path, what + ": no local header at offset " + std::to_string(e->localHeaderOffset));
  const uint64_t nameLen = u16(h + 26), extraLen = u16(h + 28);
  const uint64_t dataStart = e->localHeaderOffset + kLocalSize + nameLen + extraLen;
  if (!inside(e->localHeaderOffset + kLocalSize, nameLen, m_size) ||
      std::memcmp(h + kLocalSize, name.data(), std::min<uint64_t>(nameLen, name.size())) != 0 ||
      nameLen != name.size())
    throw Error(m_path, what + ": its local header names a different entry");
  if (!inside(dataStart, e->size, m_size))
    throw Error(m_path,
                what + ": its " + std::to_string(e->size) + " bytes at offset " + std::to_string(dataStart) +
                    " run past the end of the " + std::to_string(m_size) + "-byte file",
                "the file is truncated");
  Bytes bytes{m_map + dataStart, e->size};
  if (verifyCrc && zipCrc32(bytes.data, bytes.size) != e->crc32)
    throw Error(m_path, what + " fails its CRC-32 check", "the file is corrupt");
  return bytes;
}

}  // namespace sevila::nn
