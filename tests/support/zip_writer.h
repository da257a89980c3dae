// A tiny zip writer for tests: builds archives in memory, plain or zip64, with switches to make them
// wrong on purpose (a compressed method, a bad CRC). Also a byte builder for pickle streams.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace testzip {

struct Entry {
  std::string name;
  std::string data;
  uint16_t method = 0;  // 0 = stored; 8 claims deflate (the data is left as is)
  bool badCrc = false;
};

inline uint32_t crc32(const std::string& s) {
  uint32_t crc = 0xFFFFFFFFu;
  for (unsigned char c : s) {
    crc ^= c;
    for (int k = 0; k < 8; ++k) crc = (crc & 1) ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
  }
  return ~crc;
}

inline void put16(std::string& out, uint32_t v) {
  out += static_cast<char>(v & 0xff);
  out += static_cast<char>((v >> 8) & 0xff);
}
inline void put32(std::string& out, uint32_t v) {
  put16(out, v & 0xffff);
  put16(out, v >> 16);
}
inline void put64(std::string& out, uint64_t v) {
  put32(out, static_cast<uint32_t>(v));
  put32(out, static_cast<uint32_t>(v >> 32));
}

// The archive's bytes. zip64: every central entry carries its sizes and offset in a zip64 extra
// field, and a zip64 end record + locator precede the end record (as PyTorch writes them).
inline std::string build(const std::vector<Entry>& entries, bool zip64 = false) {
  std::string out, central;
  for (const auto& e : entries) {
    const uint64_t offset = out.size();
    const uint32_t crc = crc32(e.data) ^ (e.badCrc ? 0x1u : 0u);
    put32(out, 0x04034b50);
    put16(out, 20);
    put16(out, 0);  // flags
    put16(out, e.method);
    put16(out, 0);
    put16(out, 0);
    put32(out, crc);
    put32(out, static_cast<uint32_t>(e.data.size()));
    put32(out, static_cast<uint32_t>(e.data.size()));
    put16(out, static_cast<uint32_t>(e.name.size()));
    put16(out, 0);
    out += e.name;
    out += e.data;

    put32(central, 0x02014b50);
    put16(central, 45);
    put16(central, 20);
    put16(central, 0);
    put16(central, e.method);
    put16(central, 0);
    put16(central, 0);
    put32(central, crc);
    put32(central, zip64 ? 0xFFFFFFFFu : static_cast<uint32_t>(e.data.size()));
    put32(central, zip64 ? 0xFFFFFFFFu : static_cast<uint32_t>(e.data.size()));
    put16(central, static_cast<uint32_t>(e.name.size()));
    put16(central, zip64 ? 28 : 0);
    put16(central, 0);  // comment
    put16(central, 0);  // disk
    put16(central, 0);
    put32(central, 0);
    put32(central, zip64 ? 0xFFFFFFFFu : static_cast<uint32_t>(offset));
    central += e.name;
    if (zip64) {
      put16(central, 0x0001);
      put16(central, 24);
      put64(central, e.data.size());
      put64(central, e.data.size());
      put64(central, offset);
    }
  }
  const uint64_t cdOffset = out.size();
  out += central;
  if (zip64) {
    const uint64_t z64 = out.size();
    put32(out, 0x06064b50);
    put64(out, 44);
    put16(out, 45);
    put16(out, 45);
    put32(out, 0);
    put32(out, 0);
    put64(out, entries.size());
    put64(out, entries.size());
    put64(out, central.size());
    put64(out, cdOffset);
    put32(out, 0x07064b50);
    put32(out, 0);
    put64(out, z64);
    put32(out, 1);
  }
  put32(out, 0x06054b50);
  put16(out, 0);
  put16(out, 0);
  put16(out, zip64 ? 0xFFFF : static_cast<uint32_t>(entries.size()));
  put16(out, zip64 ? 0xFFFF : static_cast<uint32_t>(entries.size()));
  put32(out, zip64 ? 0xFFFFFFFFu : static_cast<uint32_t>(central.size()));
  put32(out, zip64 ? 0xFFFFFFFFu : static_cast<uint32_t>(cdOffset));
  put16(out, 0);
  return out;
}

// Builds pickle byte streams opcode by opcode (protocol 2, as torch.save writes them).
class Pickle {
public:
  Pickle& proto() { return raw("\x80\x02", 2); }
  Pickle& op(char c) {
    m_bytes += c;
    return *this;
  }
  Pickle& raw(const char* p, size_t n) {
    m_bytes.append(p, n);
    return *this;
  }
  Pickle& global(const std::string& module, const std::string& name) {
    m_bytes += 'c';
    m_bytes += module + "\n" + name + "\n";
    return *this;
  }
  Pickle& str(const std::string& s) {  // BINUNICODE
    m_bytes += 'X';
    put32(m_bytes, static_cast<uint32_t>(s.size()));
    m_bytes += s;
    return *this;
  }
  Pickle& shortStr(const std::string& s) {  // SHORT_BINUNICODE
    m_bytes += '\x8c';
    m_bytes += static_cast<char>(s.size());
    m_bytes += s;
    return *this;
  }
  Pickle& int1(uint8_t v) {
    m_bytes += 'K';
    m_bytes += static_cast<char>(v);
    return *this;
  }
  Pickle& int4(int32_t v) {
    m_bytes += 'J';
    put32(m_bytes, static_cast<uint32_t>(v));
    return *this;
  }
  Pickle& long1(int64_t v) {  // LONG1 with 8 bytes
    m_bytes += '\x8a';
    m_bytes += '\x08';
    put64(m_bytes, static_cast<uint64_t>(v));
    return *this;
  }
  Pickle& binfloat(double d) {
    uint64_t bits;
    static_assert(sizeof bits == sizeof d, "double is 64-bit");
    __builtin_memcpy(&bits, &d, 8);
    m_bytes += 'G';
    for (int i = 7; i >= 0; --i) m_bytes += static_cast<char>((bits >> (8 * i)) & 0xff);
    return *this;
  }
  Pickle& put(uint8_t slot) {
    m_bytes += 'q';
    m_bytes += static_cast<char>(slot);
    return *this;
  }
  Pickle& get(uint8_t slot) {
    m_bytes += 'h';
    m_bytes += static_cast<char>(slot);
    return *this;
  }
  Pickle& mark() { return op('('); }
  Pickle& tuple() { return op('t'); }
  Pickle& emptyTuple() { return op(')'); }
  Pickle& emptyDict() { return op('}'); }
  Pickle& emptyList() { return op(']'); }
  Pickle& reduce() { return op('R'); }
  Pickle& setitems() { return op('u'); }
  Pickle& setitem() { return op('s'); }
  Pickle& none() { return op('N'); }
  Pickle& newFalse() { return op('\x89'); }
  Pickle& newTrue() { return op('\x88'); }
  Pickle& stop() { return op('.'); }
  // ('storage', torch.<type>, key, 'cpu', numel) BINPERSID
  Pickle& storage(const std::string& type, const std::string& key, int64_t numel) {
    mark().str("storage").global("torch", type).str(key).str("cpu").long1(numel).tuple();
    return op('Q');
  }
  // _rebuild_tensor_v2(<storage>, offset, size, stride, False, OrderedDict())
  Pickle& tensor(const std::string& type, const std::string& key, int64_t numel, int64_t offset,
                 const std::vector<int64_t>& size, const std::vector<int64_t>& stride) {
    global("torch._utils", "_rebuild_tensor_v2").mark();
    storage(type, key, numel).long1(offset);
    mark();
    for (auto s : size) long1(s);
    tuple().mark();
    for (auto s : stride) long1(s);
    tuple().newFalse().global("collections", "OrderedDict").emptyTuple().reduce().tuple();
    return reduce();
  }
  const std::string& bytes() const { return m_bytes; }

private:
  std::string m_bytes;
};

}  // namespace testzip
