// torch.save writer: a protocol-2 pickle of the value tree (tensors as persistent storage references)
// and a zip archive of stored entries, written to memory or streamed to a temporary file that is
// renamed over the target. Layout (APPNOTE.TXT): per entry a local header, padding, the data; then the
// central directory, [zip64 end record + locator,] the end-of-central-directory record.
#include "nn/pth_writer.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <map>

#include <ATen/ATen.h>
#include <c10/util/Exception.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/atomic_file.h"
#include "core/error.h"
#include "nn/restricted_unpickler.h"
#include "nn/zip_archive.h"

#if !defined(__BYTE_ORDER__) || __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "pth_writer writes tensors in host byte order and labels them little-endian"
#endif

namespace sevila::nn {

// ---------------------------------------------------------------------------------------------------
// PthValue

PthValue PthValue::none() {
  return PthValue{};
}
PthValue PthValue::of(bool v) {
  PthValue p;
  p.kind = Kind::Bool;
  p.boolean = v;
  return p;
}
PthValue PthValue::of(int64_t v) {
  PthValue p;
  p.kind = Kind::Int;
  p.integer = v;
  return p;
}
PthValue PthValue::of(int v) {
  return of(static_cast<int64_t>(v));
}
PthValue PthValue::of(double v) {
  PthValue p;
  p.kind = Kind::Float;
  p.real = v;
  return p;
}
PthValue PthValue::of(std::string v) {
  PthValue p;
  p.kind = Kind::String;
  p.text = std::move(v);
  return p;
}
PthValue PthValue::of(const char* v) {
  return of(std::string(v ? v : ""));
}
PthValue PthValue::of(at::Tensor v) {
  PthValue p;
  p.kind = Kind::Tensor;
  p.tensor = std::move(v);
  return p;
}
PthValue PthValue::list(std::vector<PthValue> items) {
  PthValue p;
  p.kind = Kind::List;
  p.items = std::move(items);
  return p;
}
PthValue PthValue::dict(std::vector<std::pair<std::string, PthValue>> entries) {
  PthValue p;
  p.kind = Kind::Dict;
  p.entries = std::move(entries);
  return p;
}
PthValue PthValue::stateDict(const std::map<std::string, at::Tensor>& tensors) {
  PthValue p;
  p.kind = Kind::Dict;
  p.ordered = true;
  p.entries.reserve(tensors.size());
  for (const auto& [name, t] : tensors) p.entries.emplace_back(name, of(t));
  return p;
}

namespace {

constexpr uint64_t kZip64Limit = 0xFFFFFFFFu;  // a 32-bit field holding this value defers to zip64
constexpr uint64_t kZip64CountLimit = 0xFFFFu;
constexpr uint64_t kAlignment = 64;                     // PyTorch aligns every entry's data to 64 bytes
constexpr uint16_t kDosDate = (0 << 9) | (1 << 5) | 1;  // 1980-01-01, 00:00: files are reproducible

// ---------------------------------------------------------------------------------------------------
// Checks

bool validUtf8(const std::string& s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  for (size_t i = 0; i < n;) {
    const unsigned char c = p[i];
    size_t len;
    uint32_t cp;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      len = 2, cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3, cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4, cp = c & 0x07;
    } else {
      return false;
    }
    if (i + len > n) return false;
    for (size_t k = 1; k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    static const uint32_t kMin[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;  // overlong, range
    i += len;
  }
  return true;
}

// The torch.*Storage class torch.save names for a dtype; nullptr for a dtype it cannot be written as.
const char* storageName(at::ScalarType dtype) {
  switch (dtype) {
    case at::kFloat:
      return "FloatStorage";
    case at::kDouble:
      return "DoubleStorage";
    case at::kHalf:
      return "HalfStorage";
    case at::kBFloat16:
      return "BFloat16Storage";
    case at::kLong:
      return "LongStorage";
    case at::kInt:
      return "IntStorage";
    case at::kShort:
      return "ShortStorage";
    case at::kChar:
      return "CharStorage";
    case at::kByte:
      return "ByteStorage";
    case at::kBool:
      return "BoolStorage";
    default:
      return nullptr;
  }
}

std::string quoted(const std::string& where) {
  return "'" + where + "'";
}

// ---------------------------------------------------------------------------------------------------
// Pickle (protocol 2, the opcodes Python's pickler emits for these values)

struct Prepared {
  std::string pickle;
  std::vector<std::pair<std::string, at::Tensor>> storages;  // key -> tensor, in key order 0, 1, ...
};

class Pickler {
public:
  explicit Pickler(std::string subject) : m_subject(std::move(subject)) {}

  Prepared run(const PthValue& root) {
    op(0x80);  // PROTO 2
    m_out.pickle.push_back(2);
    value(root, 0, "root");
    op('.');  // STOP
    return std::move(m_out);
  }

private:
  [[noreturn]] void fail(const std::string& where, const std::string& reason) const {
    throw Error(
        m_subject, quoted(where) + " " + reason,
        "only None, bools, ints, floats, UTF-8 strings, lists, dicts and dense tensors of a torch.save "
        "dtype can be written");
  }

  void op(unsigned char c) { m_out.pickle.push_back(static_cast<char>(c)); }
  void le(uint64_t v, int n) {
    for (int i = 0; i < n; ++i, v >>= 8) m_out.pickle.push_back(static_cast<char>(v & 0xff));
  }
  void global(const char* module, const char* name) {
    op('c');  // GLOBAL "module\nname\n"
    m_out.pickle += module;
    m_out.pickle += '\n';
    m_out.pickle += name;
    m_out.pickle += '\n';
  }
  void integer(int64_t v) {
    if (v >= 0 && v <= 0xff) {
      op('K'), le(static_cast<uint64_t>(v), 1);  // BININT1
    } else if (v >= 0 && v <= 0xffff) {
      op('M'), le(static_cast<uint64_t>(v), 2);  // BININT2
    } else if (v >= INT32_MIN && v <= INT32_MAX) {
      op('J'), le(static_cast<uint32_t>(static_cast<int32_t>(v)), 4);  // BININT
    } else {
      // LONG1: the shortest little-endian two's complement that keeps the sign.
      unsigned char bytes[8];
      uint64_t u = static_cast<uint64_t>(v);
      for (int i = 0; i < 8; ++i, u >>= 8) bytes[i] = static_cast<unsigned char>(u & 0xff);
      int n = 8;
      while (n > 1 && ((bytes[n - 1] == 0x00 && !(bytes[n - 2] & 0x80)) ||
                       (bytes[n - 1] == 0xff && (bytes[n - 2] & 0x80))))
        --n;
      op(0x8a);
      le(static_cast<uint64_t>(n), 1);
      m_out.pickle.append(reinterpret_cast<const char*>(bytes), static_cast<size_t>(n));
    }
  }
  void string(const std::string& s, const std::string& where) {
    if (!validUtf8(s)) fail(where, "holds a string that is not valid UTF-8");
    if (s.size() >= kZip64Limit) fail(where, "holds a string of 4 GiB or more");
    op('X');  // BINUNICODE: protocol 2's only unicode string
    le(s.size(), 4);
    m_out.pickle += s;
  }
  void tuple(const std::vector<int64_t>& values) {
    if (values.empty()) return op(')');  // EMPTY_TUPLE
    if (values.size() > 3) op('(');      // MARK
    for (int64_t v : values) integer(v);
    static const unsigned char kTuple[4] = {0, 0x85, 0x86, 0x87};  // TUPLE1..3
    op(values.size() > 3 ? 't' : kTuple[values.size()]);
  }
  void emptyOrderedDict() {
    global("collections", "OrderedDict");
    op(')');
    op('R');  // REDUCE: OrderedDict()
  }

  void value(const PthValue& v, int level, const std::string& where) {
    if (level > pickle::kMaxDepth)
      fail(where, "lies deeper than " + std::to_string(pickle::kMaxDepth) +
                      " containers, more than a checkpoint reader reads");
    switch (v.kind) {
      case PthValue::Kind::None:
        return op('N');
      case PthValue::Kind::Bool:
        return op(v.boolean ? 0x88 : 0x89);  // NEWTRUE / NEWFALSE
      case PthValue::Kind::Int:
        return integer(v.integer);
      case PthValue::Kind::Float: {
        op('G');  // BINFLOAT: big-endian IEEE double
        uint64_t bits;
        std::memcpy(&bits, &v.real, 8);
        for (int i = 7; i >= 0; --i) m_out.pickle.push_back(static_cast<char>((bits >> (8 * i)) & 0xff));
        return;
      }
      case PthValue::Kind::String:
        return string(v.text, where);
      case PthValue::Kind::Tensor:
        return tensor(v.tensor, where);
      case PthValue::Kind::List: {
        op(']');  // EMPTY_LIST, then APPENDS in batches of 1000 (APPEND for a lone item), as Python does
        for (size_t first = 0; first < v.items.size(); first += 1000) {
          const size_t last = std::min(v.items.size(), first + 1000);
          if (last - first > 1) op('(');
          for (size_t i = first; i < last; ++i)
            value(v.items[i], level + 1, where + "[" + std::to_string(i) + "]");
          op(last - first > 1 ? 'e' : 'a');
        }
        return;
      }
      case PthValue::Kind::Dict: {
        std::map<std::string, size_t> seen;
        for (size_t i = 0; i < v.entries.size(); ++i)
          if (!seen.emplace(v.entries[i].first, i).second)
            fail(where, "has the key '" + v.entries[i].first + "' twice");
        if (v.ordered)
          emptyOrderedDict();
        else
          op('}');                                                         // EMPTY_DICT
        for (size_t first = 0; first < v.entries.size(); first += 1000) {  // SETITEMS batches, as Python
          const size_t last = std::min(v.entries.size(), first + 1000);
          if (last - first > 1) op('(');
          for (size_t i = first; i < last; ++i) {
            const auto& [key, item] = v.entries[i];
            const std::string inner = level == 0 && where == "root" ? key : where + "." + key;
            string(key, inner);
            value(item, level + 1, inner);
          }
          op(last - first > 1 ? 'u' : 's');
        }
        return;
      }
    }
    fail(where, "has an unknown kind " + std::to_string(static_cast<int>(v.kind)));
  }

  // torch._utils._rebuild_tensor_v2(storage, 0, size, contiguous stride, False, OrderedDict()), the
  // storage a persistent id ('storage', torch.XStorage, key, 'cpu', numel) naming `<dir>/data/<key>`.
  void tensor(const at::Tensor& t, const std::string& where) {
    if (!t.defined()) fail(where, "is an undefined tensor");
    if (t.layout() != at::kStrided) fail(where, "is a sparse tensor (only dense tensors are written)");
    if (t.is_quantized()) fail(where, "is a quantized tensor (only plain tensors are written)");
    if (t.is_meta()) fail(where, "is a meta tensor, which has no data");
    const char* storage = storageName(t.scalar_type());
    if (!storage)
      fail(where, std::string("has dtype ") + c10::toString(t.scalar_type()) +
                      ", which is not one of float32/64, float16, bfloat16, int64/32/16/8, uint8, bool");
    const std::vector<int64_t> sizes = t.sizes().vec();
    std::vector<int64_t> strides(sizes.size());
    int64_t step = 1;
    for (size_t d = sizes.size(); d-- > 0;) {  // the strides of a contiguous copy (as torch computes them)
      strides[d] = step;
      step *= std::max<int64_t>(sizes[d], 1);
    }
    const int64_t numel = t.numel();

    // The very same view of the very same memory (a tied weight) shares one storage, as in torch.save.
    std::string key;
    std::string identity;
    if (numel > 0) {
      identity = t.device().str() + "|" + c10::toString(t.scalar_type()) + "|" +
                 std::to_string(reinterpret_cast<uintptr_t>(t.data_ptr()));
      for (size_t d = 0; d < sizes.size(); ++d)
        identity += "|" + std::to_string(sizes[d]) + ":" + std::to_string(t.stride(d));
      const auto it = m_shared.find(identity);
      if (it != m_shared.end()) key = it->second;
    }
    if (key.empty()) {
      key = std::to_string(m_out.storages.size());
      m_out.storages.emplace_back(key, t);
      if (!identity.empty()) m_shared.emplace(identity, key);
    }

    global("torch._utils", "_rebuild_tensor_v2");
    op('(');  // MARK: the arguments
    op('(');  // MARK: the persistent id
    string("storage", where);
    global("torch", storage);
    string(key, where);
    string("cpu", where);
    integer(numel);
    op('t');     // TUPLE
    op('Q');     // BINPERSID
    integer(0);  // storage offset
    tuple(sizes);
    tuple(strides);
    op(0x89);            // requires_grad = False
    emptyOrderedDict();  // backward hooks
    op('t');
    op('R');
  }

  std::string m_subject;
  Prepared m_out;
  std::map<std::string, std::string> m_shared;  // view identity -> storage key
};

// ---------------------------------------------------------------------------------------------------
// Zip

void put16(std::string& out, uint64_t v) {
  out.push_back(static_cast<char>(v & 0xff));
  out.push_back(static_cast<char>((v >> 8) & 0xff));
}
void put32(std::string& out, uint64_t v) {
  put16(out, v & 0xffff);
  put16(out, (v >> 16) & 0xffff);
}
void put64(std::string& out, uint64_t v) {
  put32(out, v & 0xffffffffu);
  put32(out, v >> 32);
}

class Sink {
public:
  virtual ~Sink() = default;
  void write(const void* data, uint64_t size) {
    if (size) put(static_cast<const char*>(data), size);
    m_offset += size;
  }
  uint64_t offset() const { return m_offset; }

protected:
  virtual void put(const char* data, uint64_t size) = 0;

private:
  uint64_t m_offset = 0;
};

class StringSink : public Sink {
public:
  std::string bytes;

protected:
  void put(const char* data, uint64_t size) override { bytes.append(data, static_cast<size_t>(size)); }
};

class FileSink : public Sink {
public:
  explicit FileSink(AtomicFile& file) : m_file(file) {}

protected:
  void put(const char* data, uint64_t size) override { m_file.write(data, static_cast<size_t>(size)); }

private:
  AtomicFile& m_file;
};

class ZipWriter {
public:
  ZipWriter(Sink& sink, uint64_t zip64From) : m_sink(sink), m_from(zip64From) {}

  void add(const std::string& name, const void* data, uint64_t size) {
    const uint64_t offset = m_sink.offset();
    const uint32_t crc = zipCrc32(static_cast<const unsigned char*>(data), size);
    const bool big = size >= m_from;
    const uint16_t flags = utf8Flag(name);
    std::string h;
    put32(h, 0x04034b50);
    put16(h, big ? 45 : 20);  // version needed: 4.5 for zip64
    put16(h, flags);
    put16(h, 0);  // stored
    put16(h, 0);  // time
    put16(h, kDosDate);
    put32(h, crc);
    put32(h, big ? kZip64Limit : size);  // compressed size
    put32(h, big ? kZip64Limit : size);  // size
    std::string extra;
    if (big) {  // a local zip64 field holds both sizes
      put16(extra, 0x0001);
      put16(extra, 16);
      put64(extra, size);
      put64(extra, size);
    }
    // PyTorch's padding field ("FB", then 'Z's) puts the data on a 64-byte boundary.
    const uint64_t start = offset + 30 + name.size() + extra.size() + 4;
    const uint64_t pad = (kAlignment - start % kAlignment) % kAlignment;
    extra += "FB";
    put16(extra, pad);
    extra.append(static_cast<size_t>(pad), 'Z');
    put16(h, name.size());
    put16(h, extra.size());
    h += name;
    h += extra;
    m_sink.write(h.data(), h.size());
    m_sink.write(data, size);
    m_central.push_back({name, crc, size, offset});
  }

  void finish() {
    const uint64_t cdStart = m_sink.offset();
    for (const auto& e : m_central) {
      const bool bigSize = e.size >= m_from, bigOffset = e.offset >= m_from;
      std::string extra;
      if (bigSize || bigOffset) {  // the 64-bit values of the fields that hold 0xFFFFFFFF, in order
        put16(extra, 0x0001);
        put16(extra, (bigSize ? 16 : 0) + (bigOffset ? 8 : 0));
        if (bigSize) put64(extra, e.size), put64(extra, e.size);
        if (bigOffset) put64(extra, e.offset);
      }
      const uint16_t version = extra.empty() ? 20 : 45;
      std::string h;
      put32(h, 0x02014b50);
      put16(h, version);  // made by (MS-DOS attributes: none are set)
      put16(h, version);  // needed
      put16(h, utf8Flag(e.name));
      put16(h, 0);
      put16(h, 0);
      put16(h, kDosDate);
      put32(h, e.crc);
      put32(h, bigSize ? kZip64Limit : e.size);
      put32(h, bigSize ? kZip64Limit : e.size);
      put16(h, e.name.size());
      put16(h, extra.size());
      put16(h, 0);  // comment
      put16(h, 0);  // disk
      put16(h, 0);  // internal attributes
      put32(h, 0);  // external attributes
      put32(h, bigOffset ? kZip64Limit : e.offset);
      h += e.name;
      h += extra;
      m_sink.write(h.data(), h.size());
    }
    const uint64_t cdSize = m_sink.offset() - cdStart;
    const uint64_t count = m_central.size();
    const bool bigCount = count >= std::min(m_from, kZip64CountLimit);
    const bool bigSize = cdSize >= m_from, bigStart = cdStart >= m_from;
    std::string end;
    if (bigCount || bigSize || bigStart) {
      const uint64_t z64 = m_sink.offset();
      put32(end, 0x06064b50);  // zip64 end of central directory
      put64(end, 44);          // size of the rest of this record
      put16(end, 45);
      put16(end, 45);
      put32(end, 0);  // this disk
      put32(end, 0);  // the central directory's disk
      put64(end, count);
      put64(end, count);
      put64(end, cdSize);
      put64(end, cdStart);
      put32(end, 0x07064b50);  // zip64 locator
      put32(end, 0);
      put64(end, z64);
      put32(end, 1);  // disks in all
    }
    put32(end, 0x06054b50);
    put16(end, 0);
    put16(end, 0);
    put16(end, bigCount ? kZip64CountLimit : count);
    put16(end, bigCount ? kZip64CountLimit : count);
    put32(end, bigSize ? kZip64Limit : cdSize);
    put32(end, bigStart ? kZip64Limit : cdStart);
    put16(end, 0);  // comment
    m_sink.write(end.data(), end.size());
  }

private:
  static uint16_t utf8Flag(const std::string& name) {
    for (unsigned char c : name)
      if (c >= 0x80) return 0x0800;  // the name is UTF-8
    return 0;
  }
  struct Central {
    std::string name;
    uint32_t crc;
    uint64_t size, offset;
  };
  Sink& m_sink;
  uint64_t m_from;
  std::vector<Central> m_central;
};

void checkArchiveName(const std::string& subject, const std::string& name) {
  bool ok = !name.empty() && name.size() <= 200 && validUtf8(name) && name != "." && name != "..";
  for (unsigned char c : name)
    if (c < 0x20 || c == 0x7f || c == '/' || c == '\\') ok = false;
  if (!ok)
    throw Error(subject, "archive folder name '" + name +
                             "' is empty, too long or has a separator or control character");
}

// data.pkl, byteorder, the storages (in torch.save's order: keys sorted as strings), version.
void writeArchive(Sink& sink, const Prepared& prepared, const std::string& archive, uint64_t zip64From) {
  ZipWriter zip(sink, zip64From);
  const std::string dir = archive + "/";
  zip.add(dir + "data.pkl", prepared.pickle.data(), prepared.pickle.size());
  zip.add(dir + "byteorder", "little", 6);
  std::vector<const std::pair<std::string, at::Tensor>*> order;
  for (const auto& s : prepared.storages) order.push_back(&s);
  std::sort(order.begin(), order.end(), [](const auto* a, const auto* b) { return a->first < b->first; });
  for (const auto* s : order) {
    // A contiguous host copy (nothing is copied for a contiguous CPU tensor), alive only while written.
    at::Tensor t = s->second.detach();
    if (t.is_conj()) t = t.resolve_conj();
    if (t.is_neg()) t = t.resolve_neg();
    t = t.to(at::kCPU).contiguous();
    const uint64_t nbytes = static_cast<uint64_t>(t.numel()) * t.element_size();
    zip.add(dir + "data/" + s->first, nbytes ? t.data_ptr() : nullptr, nbytes);
  }
  zip.add(dir + "version", "3\n", 2);
  zip.finish();
}

std::string bytesOf(const PthValue& root, const std::string& archiveName, uint64_t zip64From) {
  const std::string subject = "pth";
  checkArchiveName(subject, archiveName);
  const Prepared prepared = Pickler(subject).run(root);
  StringSink sink;
  writeArchive(sink, prepared, archiveName, zip64From);
  return std::move(sink.bytes);
}

// torch.save names the archive folder after the file: its name without the last extension.
std::string archiveNameFor(const std::string& path) {
  const auto slash = path.find_last_of('/');
  std::string stem = slash == std::string::npos ? path : path.substr(slash + 1);
  const auto dot = stem.find_last_of('.');
  if (dot != std::string::npos) stem.resize(dot);
  try {
    checkArchiveName(path, stem);
  } catch (const Error&) {
    return "archive";  // what torch.save uses for a name it cannot take (a buffer, no name at all)
  }
  return stem;
}

}  // namespace

// ---------------------------------------------------------------------------------------------------
// Entry points

std::string pthBytes(const PthValue& root, const std::string& archiveName) {
  return bytesOf(root, archiveName, kZip64Limit);
}

std::string detail::pthBytesZip64From(const PthValue& root, const std::string& archiveName,
                                      uint64_t zip64From) {
  return bytesOf(root, archiveName, std::max<uint64_t>(zip64From, 1));
}

void writePth(const std::string& path, const PthValue& root) {
  if (path.empty()) throw Error(path, "no file name given");
  const Prepared prepared = Pickler(path).run(root);  // every value is checked before the disk is touched
  const std::string archive = archiveNameFor(path);

  try {
    AtomicFile file(path);  // a kill or a full disk at any moment leaves the previous file as it was
    FileSink sink(file);
    writeArchive(sink, prepared, archive, kZip64Limit);
    file.commit();
  } catch (const Error&) {
    throw;
  } catch (const c10::Error& e) {  // e.g. a device tensor that cannot be copied to the host
    throw Error(path, std::string("cannot write: ") + e.what_without_backtrace(), "nothing was replaced");
  } catch (const std::exception& e) {
    throw Error(path, std::string("cannot write: ") + e.what(), "nothing was replaced");
  }
}

}  // namespace sevila::nn
