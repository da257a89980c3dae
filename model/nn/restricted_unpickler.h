// A restricted reader for the pickle (protocol 2) that torch.save writes into `data.pkl`. It builds
// plain values only — None, bool, int, float, string, list, tuple, dict, tensor — and imports nothing:
// a global is accepted only from a short allow-list (collections.OrderedDict, torch._utils'
// tensor/parameter rebuilders, the torch.*Storage types), and each is interpreted here, never called.
// Any other global (os.system, builtins.eval, ...) or opcode is refused with a sevila::Error before
// anything else happens. Containers cannot contain themselves and nest at most kMaxDepth deep.
// Tensors are lazy: unpickling checks each one against its storage's size, and its bytes are copied
// into a tensor of its own only when Value::tensor() is called (so an optimizer state that nobody
// reads costs no memory).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <ATen/core/Tensor.h>

namespace sevila::nn::pickle {

class Value;
using ValuePtr = std::shared_ptr<Value>;

// Where a storage's bytes live (an archive entry). Implementations must be safe to call from several
// threads at once.
class StorageSource {
public:
  virtual ~StorageSource() = default;
  virtual at::ScalarType dtype() const = 0;
  virtual int64_t numel() const = 0;
  // Elements [first, first + count) as a fresh 1-D CPU tensor that owns its memory; throws
  // sevila::Error naming the file when the bytes cannot be read.
  virtual at::Tensor load(int64_t first, int64_t count) const = 0;
};

class Value {
public:
  // Global and Storage exist only while unpickling (an allow-listed callable, a storage reference);
  // they may remain in a tree only where a pickle left one unused.
  enum class Kind { None, Bool, Int, Float, String, List, Tuple, Dict, Tensor, Global, Storage };

  Kind kind() const { return m_kind; }
  const char* kindName() const;
  bool is(Kind k) const { return m_kind == k; }

  // Accessors throw sevila::Error("pickle", "expected <kind>, found <kind>") on a kind mismatch.
  bool asBool() const;
  int64_t asInt() const;
  double asFloat() const;  // also accepts an int
  const std::string& asString() const;
  const std::vector<ValuePtr>& items() const;  // list or tuple
  // A tensor's data, copied from the file into memory of its own on every call (contiguous, CPU).
  at::Tensor tensor() const;
  std::vector<int64_t> tensorSizes() const;  // without reading any data
  at::ScalarType tensorDtype() const;

  // Dicts keep insertion order; keys are strings or ints (all torch.save writes for state dicts and
  // optimizer states).
  const std::vector<std::pair<ValuePtr, ValuePtr>>& entries() const;
  bool isOrderedDict() const { return m_kind == Kind::Dict && m_ordered; }
  ValuePtr get(const std::string& key) const;  // nullptr when absent (or not a dict)
  ValuePtr get(int64_t key) const;

  // Construction (used by the unpickler and by tests).
  static ValuePtr none();
  static ValuePtr boolean(bool v);
  static ValuePtr integer(int64_t v);
  static ValuePtr real(double v);
  static ValuePtr string(std::string v);
  static ValuePtr list();
  static ValuePtr tuple(std::vector<ValuePtr> items);
  static ValuePtr dict(bool ordered);
  static ValuePtr tensorValue(at::Tensor t);

private:
  friend class Unpickler;
  explicit Value(Kind k) : m_kind(k) {}
  Kind m_kind;
  bool m_bool = false;
  bool m_ordered = false;
  bool m_frozen = false;  // set once the value sits inside a container: it can no longer change
  int m_depth = 0;        // nesting depth below this value
  int64_t m_int = 0;
  double m_float = 0;
  std::string m_string;  // String; Global: "module.name"; Storage: its key
  std::vector<ValuePtr> m_items;
  std::vector<std::pair<ValuePtr, ValuePtr>> m_entries;
  std::map<std::string, size_t> m_stringKeys;
  std::map<int64_t, size_t> m_intKeys;
  at::Tensor m_tensor;  // an eager Tensor (tensorValue, empty tensors)
  // A lazy Tensor: elements of a storage (also held by a Storage value).
  std::shared_ptr<const StorageSource> m_source;
  int64_t m_offset = 0, m_span = 0;
  std::vector<int64_t> m_sizes, m_strides;
};

// Resolves the storage a BINPERSID names: ('storage', <dtype>, key, location, numel). Checks that
// the storage exists and holds `numel` elements (throwing otherwise) and returns its source.
using StorageLoader = std::function<std::shared_ptr<const StorageSource>(
    const std::string& key, at::ScalarType dtype, int64_t numel)>;

constexpr int kMaxDepth = 64;

// Unpickles `size` bytes. `subject` names the source in error messages (e.g. "ckpt.pth:data.pkl").
ValuePtr unpickle(const unsigned char* data, uint64_t size, const std::string& subject,
                  const StorageLoader& storages);

}  // namespace sevila::nn::pickle
