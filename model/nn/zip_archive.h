// A read-only view of a zip archive, enough for torch.save checkpoints: the central directory (zip64
// included) is parsed and bounds-checked, and only STORED entries can be read (torch.save never
// compresses). The file is memory-mapped; entry data is handed out as a pointer into the map, valid
// while the archive lives. Every refusal is a sevila::Error naming the file and the reason.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace sevila::nn {

class ZipArchive {
public:
  struct Entry {
    std::string name;
    uint16_t method = 0;  // 0 = stored; anything else cannot be read here
    uint16_t flags = 0;
    uint32_t crc32 = 0;
    uint64_t compressedSize = 0;
    uint64_t size = 0;  // uncompressed
    uint64_t localHeaderOffset = 0;
  };

  // Maps the file and reads its central directory. Throws sevila::Error(path, reason).
  static std::unique_ptr<ZipArchive> open(const std::string& path);
  ~ZipArchive();
  ZipArchive(const ZipArchive&) = delete;
  ZipArchive& operator=(const ZipArchive&) = delete;

  const std::string& path() const { return m_path; }
  const std::vector<Entry>& entries() const { return m_entries; }
  const Entry* find(const std::string& name) const;  // nullptr when absent

  struct Bytes {
    const unsigned char* data;
    uint64_t size;
  };
  // The bytes of a stored entry (checked against its local header, the file bounds and, when
  // verifyCrc is set, its CRC-32). Throws for a missing, compressed or encrypted entry.
  Bytes read(const std::string& name, bool verifyCrc = true) const;

private:
  ZipArchive() = default;
  std::string m_path;
  std::vector<Entry> m_entries;
  std::map<std::string, size_t> m_byName;
  const unsigned char* m_map = nullptr;
  uint64_t m_size = 0;
};

// CRC-32 (IEEE, as zip uses it) of a byte range.
uint32_t zipCrc32(const unsigned char* data, uint64_t size, uint32_t crc = 0);

}  // namespace sevila::nn
