// The restricted unpickler: a stack machine over the protocol-2 opcodes torch.save emits. Globals are
// names checked against an allow-list and interpreted here (an OrderedDict, a tensor rebuilt from a
// storage); nothing from the file is ever executed or imported.
#include "nn/restricted_unpickler.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <unordered_map>

#include <ATen/ATen.h>

#include "core/error.h"

namespace sevila::nn::pickle {

// ---------------------------------------------------------------------------------------------------
// Value

const char* Value::kindName() const {
  switch (m_kind) {
    case Kind::None:
      return "None";
    case Kind::Bool:
      return "bool";
    case Kind::Int:
      return "int";
    case Kind::Float:
      return "float";
    case Kind::String:
      return "string";
    case Kind::List:
      return "list";
    case Kind::Tuple:
      return "tuple";
    case Kind::Dict:
      return m_ordered ? "OrderedDict" : "dict";
    case Kind::Tensor:
      return "tensor";
    case Kind::Global:
      return "global";
    case Kind::Storage:
      return "storage";
  }
  return "?";
}

namespace {
[[noreturn]] void wrongKind(const Value& v, const char* expected) {
  throw Error("pickle", std::string("expected ") + expected + ", found " + v.kindName());
}
}  // namespace

bool Value::asBool() const {
  if (m_kind != Kind::Bool) wrongKind(*this, "bool");
  return m_bool;
}
int64_t Value::asInt() const {
  if (m_kind != Kind::Int) wrongKind(*this, "int");
  return m_int;
}
double Value::asFloat() const {
  if (m_kind == Kind::Int) return static_cast<double>(m_int);
  if (m_kind != Kind::Float) wrongKind(*this, "float");
  return m_float;
}
const std::string& Value::asString() const {
  if (m_kind != Kind::String) wrongKind(*this, "string");
  return m_string;
}
const std::vector<ValuePtr>& Value::items() const {
  if (m_kind != Kind::List && m_kind != Kind::Tuple) wrongKind(*this, "list or tuple");
  return m_items;
}
at::Tensor Value::tensor() const {
  if (m_kind != Kind::Tensor) wrongKind(*this, "tensor");
  if (!m_source) return m_tensor;
  at::Tensor flat = m_source->load(m_offset, m_span);  // only the elements this tensor reaches
  bool contiguous = true;
  int64_t expected = 1;
  for (size_t d = m_sizes.size(); d-- > 0;) {
    if (m_sizes[d] != 1 && m_strides[d] != expected) contiguous = false;
    expected *= m_sizes[d];
  }
  if (contiguous && expected == m_span) return flat.view(m_sizes);
  return flat.as_strided(m_sizes, m_strides, 0).clone(at::MemoryFormat::Contiguous);
}
std::vector<int64_t> Value::tensorSizes() const {
  if (m_kind != Kind::Tensor) wrongKind(*this, "tensor");
  return m_source ? m_sizes : m_tensor.sizes().vec();
}
at::ScalarType Value::tensorDtype() const {
  if (m_kind != Kind::Tensor) wrongKind(*this, "tensor");
  return m_source ? m_source->dtype() : m_tensor.scalar_type();
}
const std::vector<std::pair<ValuePtr, ValuePtr>>& Value::entries() const {
  if (m_kind != Kind::Dict) wrongKind(*this, "dict");
  return m_entries;
}
ValuePtr Value::get(const std::string& key) const {
  if (m_kind != Kind::Dict) return nullptr;
  const auto it = m_stringKeys.find(key);
  return it == m_stringKeys.end() ? nullptr : m_entries[it->second].second;
}
ValuePtr Value::get(int64_t key) const {
  if (m_kind != Kind::Dict) return nullptr;
  const auto it = m_intKeys.find(key);
  return it == m_intKeys.end() ? nullptr : m_entries[it->second].second;
}

ValuePtr Value::none() {
  return ValuePtr(new Value(Kind::None));
}
ValuePtr Value::boolean(bool v) {
  ValuePtr p(new Value(Kind::Bool));
  p->m_bool = v;
  return p;
}
ValuePtr Value::integer(int64_t v) {
  ValuePtr p(new Value(Kind::Int));
  p->m_int = v;
  return p;
}
ValuePtr Value::real(double v) {
  ValuePtr p(new Value(Kind::Float));
  p->m_float = v;
  return p;
}
ValuePtr Value::string(std::string v) {
  ValuePtr p(new Value(Kind::String));
  p->m_string = std::move(v);
  return p;
}
ValuePtr Value::list() {
  return ValuePtr(new Value(Kind::List));
}
ValuePtr Value::tuple(std::vector<ValuePtr> items) {
  ValuePtr p(new Value(Kind::Tuple));
  for (const auto& item : items) {
    item->m_frozen = true;
    p->m_depth = std::max(p->m_depth, item->m_depth + 1);
  }
  p->m_items = std::move(items);
  return p;
}
ValuePtr Value::dict(bool ordered) {
  ValuePtr p(new Value(Kind::Dict));
  p->m_ordered = ordered;
  return p;
}
ValuePtr Value::tensorValue(at::Tensor t) {
  ValuePtr p(new Value(Kind::Tensor));
  p->m_tensor = std::move(t);
  return p;
}

// ---------------------------------------------------------------------------------------------------
// Unpickler

namespace {

struct StorageType {
  const char* name;
  at::ScalarType dtype;
};
const StorageType kStorageTypes[] = {
    {"torch.FloatStorage", at::kFloat}, {"torch.DoubleStorage", at::kDouble},
    {"torch.HalfStorage", at::kHalf},   {"torch.BFloat16Storage", at::kBFloat16},
    {"torch.LongStorage", at::kLong},   {"torch.IntStorage", at::kInt},
    {"torch.ShortStorage", at::kShort}, {"torch.CharStorage", at::kChar},
    {"torch.ByteStorage", at::kByte},   {"torch.BoolStorage", at::kBool},
};

const StorageType* storageType(const std::string& name) {
  for (const auto& s : kStorageTypes)
    if (name == s.name) return &s;
  return nullptr;
}

// Everything a checkpoint may name. The values are interpreted in Unpickler::reduce; none is callable.
bool allowedGlobal(const std::string& name) {
  return name == "collections.OrderedDict" || name == "torch._utils._rebuild_tensor_v2" ||
         name == "torch._utils._rebuild_tensor" || name == "torch._utils._rebuild_parameter" ||
         name == "torch._utils._rebuild_parameter_with_state" || storageType(name) != nullptr;
}

bool printableName(const std::string& s) {
  if (s.empty() || s.size() > 200) return false;
  for (unsigned char c : s)
    if (c < 0x21 || c > 0x7e) return false;
  return true;
}

}  // namespace

class Unpickler {
public:
  Unpickler(const unsigned char* data, uint64_t size, const std::string& subject,
            const StorageLoader& storages)
      : m_data(data), m_size(size), m_subject(subject), m_storages(storages) {}

  ValuePtr run();

private:
  [[noreturn]] void fail(const std::string& reason,
                         const std::string& hint =
                             "the checkpoint is corrupt, or not a plain torch.save of tensors "
                             "and Python values") const {
    throw Error(m_subject, reason + " (pickle byte " + std::to_string(m_opStart) + ")", hint);
  }
  const unsigned char* take(uint64_t n) {
    if (n > m_size - m_pos) fail("pickle data ends inside an opcode's argument");
    const unsigned char* p = m_data + m_pos;
    m_pos += n;
    return p;
  }
  uint64_t readLE(int n) {
    const unsigned char* p = take(static_cast<uint64_t>(n));
    uint64_t v = 0;
    for (int i = n - 1; i >= 0; --i) v = (v << 8) | p[i];
    return v;
  }
  std::string readBytes(uint64_t n) {
    const unsigned char* p = take(n);
    return std::string(reinterpret_cast<const char*>(p), static_cast<size_t>(n));
  }
  std::string readLine() {
    const uint64_t start = m_pos;
    while (m_pos < m_size && m_data[m_pos] != '\n') ++m_pos;
    if (m_pos >= m_size) fail("pickle data ends inside a GLOBAL name");
    std::string line(reinterpret_cast<const char*>(m_data + start), static_cast<size_t>(m_pos - start));
    ++m_pos;
    return line;
  }

  ValuePtr pop() {
    if (m_stack.size() <= (m_marks.empty() ? 0 : m_marks.back())) fail("pickle pops from an empty stack");
    ValuePtr v = std::move(m_stack.back());
    m_stack.pop_back();
    return v;
  }
  ValuePtr& top() {
    if (m_stack.size() <= (m_marks.empty() ? 0 : m_marks.back())) fail("pickle reads from an empty stack");
    return m_stack.back();
  }
  std::vector<ValuePtr> popToMark() {
    if (m_marks.empty()) fail("pickle has no MARK to pop to");
    const size_t mark = m_marks.back();
    m_marks.pop_back();
    std::vector<ValuePtr> items(std::make_move_iterator(m_stack.begin() + static_cast<std::ptrdiff_t>(mark)),
                                std::make_move_iterator(m_stack.end()));
    m_stack.resize(mark);
    return items;
  }
  void push(ValuePtr v) { m_stack.push_back(std::move(v)); }

  // Puts `child` inside `parent`, keeping the tree acyclic and shallow.
  void adopt(Value& parent, Value& child) {
    if (&parent == &child) fail("pickle puts a container inside itself");
    if (parent.m_frozen)
      fail("pickle modifies a " + std::string(parent.kindName()) + " after storing it elsewhere");
    child.m_frozen = true;
    parent.m_depth = std::max(parent.m_depth, child.m_depth + 1);
    if (parent.m_depth > kMaxDepth) fail("pickle nests containers deeper than " + std::to_string(kMaxDepth));
  }
  ValuePtr makeTuple(std::vector<ValuePtr> items) {
    ValuePtr t = Value::tuple(std::move(items));
    if (t->m_depth > kMaxDepth) fail("pickle nests containers deeper than " + std::to_string(kMaxDepth));
    return t;
  }
  void append(Value& list, ValuePtr item) {
    if (!list.is(Value::Kind::List)) fail(std::string("pickle appends to a ") + list.kindName());
    adopt(list, *item);
    list.m_items.push_back(std::move(item));
  }
  void setItem(Value& dict, ValuePtr key, ValuePtr value) {
    if (!dict.is(Value::Kind::Dict)) fail(std::string("pickle sets an item on a ") + dict.kindName());
    adopt(dict, *value);
    size_t* slot = nullptr;
    size_t fresh = dict.m_entries.size();
    if (key->is(Value::Kind::String)) {
      slot = &dict.m_stringKeys.emplace(key->m_string, fresh).first->second;
    } else if (key->is(Value::Kind::Int)) {
      slot = &dict.m_intKeys.emplace(key->m_int, fresh).first->second;
    } else {
      fail(std::string("pickle uses a ") + key->kindName() +
           " as a dict key (only strings and ints are read)");
    }
    if (*slot == fresh)
      dict.m_entries.emplace_back(std::move(key), std::move(value));
    else
      dict.m_entries[*slot].second = std::move(value);  // Python: a repeated key replaces the value
  }
  void memoPut(uint64_t index) {
    if (m_stack.empty()) fail("pickle memoizes from an empty stack");
    m_memo[index] = m_stack.back();
  }
  ValuePtr memoGet(uint64_t index) {
    const auto it = m_memo.find(index);
    if (it == m_memo.end())
      fail("pickle reads memo slot " + std::to_string(index) + " that was never written");
    return it->second;
  }

  ValuePtr global(const std::string& module, const std::string& name) {
    const std::string full = module + "." + name;
    if (!printableName(module) || !printableName(name)) fail("pickle names a malformed global");
    if (!allowedGlobal(full))
      fail("pickle refuses global '" + full +
               "': a checkpoint may only rebuild tensors, storages and OrderedDicts",
           "nothing was run. A weights file never needs other code; if you trust its origin, re-save just "
           "its tensors with torch.save({'model': model.state_dict()}, path)");
    ValuePtr g(new Value(Value::Kind::Global));
    g->m_string = full;
    return g;
  }
  ValuePtr persistentLoad(const ValuePtr& pid);
  ValuePtr reduce(const ValuePtr& callable, const ValuePtr& args);
  ValuePtr rebuildTensor(const std::vector<ValuePtr>& args, const std::string& fn);

  const unsigned char* m_data;
  uint64_t m_size;
  uint64_t m_pos = 0;
  uint64_t m_opStart = 0;
  const std::string& m_subject;
  const StorageLoader& m_storages;
  std::vector<ValuePtr> m_stack;
  std::vector<size_t> m_marks;
  std::unordered_map<uint64_t, ValuePtr> m_memo;
  std::map<std::string, ValuePtr> m_storageCache;
};

ValuePtr Unpickler::persistentLoad(const ValuePtr& pid) {
  if (!pid->is(Value::Kind::Tuple) || pid->m_items.size() != 5 || !pid->m_items[0]->is(Value::Kind::String) ||
      pid->m_items[0]->m_string != "storage")
    fail("pickle's persistent id is not ('storage', type, key, location, numel)");
  const auto& it = pid->m_items;
  if (!it[1]->is(Value::Kind::Global) || !storageType(it[1]->m_string))
    fail("persistent id names an unknown storage type");
  if (!it[2]->is(Value::Kind::String) || !it[3]->is(Value::Kind::String) || !it[4]->is(Value::Kind::Int) ||
      it[4]->m_int < 0)
    fail("persistent id has a malformed key, location or element count");
  const at::ScalarType dtype = storageType(it[1]->m_string)->dtype;
  const std::string& key = it[2]->m_string;
  const int64_t numel = it[4]->m_int;
  const auto cached = m_storageCache.find(key);
  if (cached != m_storageCache.end()) {
    const StorageSource& src = *cached->second->m_source;
    if (src.dtype() != dtype || src.numel() != numel)
      fail("storage '" + key + "' is referenced with two different types or sizes");
    return cached->second;
  }
  std::shared_ptr<const StorageSource> source = m_storages(key, dtype, numel);
  if (!source || source->numel() != numel || source->dtype() != dtype)
    fail("storage '" + key + "' could not be resolved as " + std::to_string(numel) + " elements");
  ValuePtr storage(new Value(Value::Kind::Storage));
  storage->m_string = key;
  storage->m_source = std::move(source);
  m_storageCache.emplace(key, storage);
  return storage;
}

ValuePtr Unpickler::rebuildTensor(const std::vector<ValuePtr>& args, const std::string& fn) {
  // _rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata])
  // _rebuild_tensor(storage, storage_offset, size, stride)
  const bool v2 = fn == "torch._utils._rebuild_tensor_v2";
  if (v2 ? (args.size() != 6 && args.size() != 7) : args.size() != 4)
    fail(fn + " called with " + std::to_string(args.size()) + " arguments");
  if (!args[0]->is(Value::Kind::Storage))
    fail(fn + ": first argument is a " + args[0]->kindName() + ", not a storage");
  const StorageSource& storage = *args[0]->m_source;
  const std::string& key = args[0]->m_string;
  if (!args[1]->is(Value::Kind::Int) || args[1]->m_int < 0)
    fail(fn + ": storage offset is not a non-negative int");
  if (!args[2]->is(Value::Kind::Tuple) || !args[3]->is(Value::Kind::Tuple) ||
      args[2]->m_items.size() != args[3]->m_items.size() || args[2]->m_items.size() > 64)
    fail(fn + ": size and stride are not tuples of equal length");
  std::vector<int64_t> sizes, strides;
  for (size_t d = 0; d < args[2]->m_items.size(); ++d) {
    const Value& s = *args[2]->m_items[d];
    const Value& t = *args[3]->m_items[d];
    if (!s.is(Value::Kind::Int) || s.m_int < 0 || !t.is(Value::Kind::Int) || t.m_int < 0)
      fail(fn + ": size or stride holds something other than a non-negative int");
    sizes.push_back(s.m_int);
    strides.push_back(t.m_int);
  }
  if (v2 && !args[4]->is(Value::Kind::Bool)) fail(fn + ": requires_grad is not a bool");

  // The tensor reads storage[offset + sum_i k_i * stride_i] for k_i < size_i: all must lie in the storage.
  int64_t numel = 1, last = args[1]->m_int;
  bool empty = false;
  for (size_t d = 0; d < sizes.size(); ++d) {
    if (sizes[d] == 0) empty = true;
    int64_t reach = 0;
    if (__builtin_mul_overflow(sizes[d] > 0 ? sizes[d] - 1 : 0, strides[d], &reach) ||
        __builtin_add_overflow(last, reach, &last) || __builtin_mul_overflow(numel, sizes[d], &numel))
      fail(fn + ": tensor extent overflows");
  }
  if (empty) return Value::tensorValue(at::empty(sizes, at::TensorOptions().dtype(storage.dtype())));
  if (last >= storage.numel())
    fail("tensor needs element " + std::to_string(last) + " of storage '" + key + "', which holds only " +
         std::to_string(storage.numel()) + " (storage shorter than the tensor claims)");
  ValuePtr t(new Value(Value::Kind::Tensor));
  t->m_source = args[0]->m_source;
  t->m_offset = args[1]->m_int;
  t->m_span = last - args[1]->m_int + 1;
  t->m_sizes = std::move(sizes);
  t->m_strides = std::move(strides);
  return t;
}

ValuePtr Unpickler::reduce(const ValuePtr& callable, const ValuePtr& args) {
  if (!callable->is(Value::Kind::Global)) fail(std::string("pickle calls a ") + callable->kindName());
  if (!args->is(Value::Kind::Tuple)) fail("pickle calls " + callable->m_string + " with non-tuple arguments");
  const std::string& fn = callable->m_string;
  const auto& a = args->m_items;
  if (fn == "collections.OrderedDict") {
    if (!a.empty()) fail("OrderedDict is built with arguments; only OrderedDict() is read");
    return Value::dict(/*ordered=*/true);
  }
  if (fn == "torch._utils._rebuild_tensor_v2" || fn == "torch._utils._rebuild_tensor")
    return rebuildTensor(a, fn);
  if (fn == "torch._utils._rebuild_parameter" || fn == "torch._utils._rebuild_parameter_with_state") {
    // (data, requires_grad, backward_hooks[, state]): a Parameter is its data here.
    if (a.size() != (fn == "torch._utils._rebuild_parameter" ? 3u : 4u) || !a[0]->is(Value::Kind::Tensor))
      fail(fn + " is not called with (tensor, requires_grad, hooks" +
           std::string(fn == "torch._utils._rebuild_parameter" ? ")" : ", state)"));
    ValuePtr t(new Value(*a[0]));  // the same tensor description, not frozen inside anything yet
    t->m_frozen = false;
    t->m_depth = 0;
    return t;
  }
  fail("pickle calls " + fn + ", which is not a constructor");
}

ValuePtr Unpickler::run() {
  while (m_pos < m_size) {
    m_opStart = m_pos;
    const unsigned char op = m_data[m_pos++];
    switch (op) {
      case 0x80: {  // PROTO
        const uint64_t proto = readLE(1);
        if (proto > 5) fail("pickle protocol " + std::to_string(proto) + " is unknown");
        break;
      }
      case 0x95:
        readLE(8);
        break;  // FRAME: a length hint only
      case '}':
        push(Value::dict(false));
        break;  // EMPTY_DICT
      case ']':
        push(Value::list());
        break;  // EMPTY_LIST
      case ')':
        push(makeTuple({}));
        break;  // EMPTY_TUPLE
      case '(':
        m_marks.push_back(m_stack.size());
        break;     // MARK
      case 's': {  // SETITEM
        ValuePtr value = pop();
        ValuePtr key = pop();
        setItem(*top(), std::move(key), std::move(value));
        break;
      }
      case 'u': {  // SETITEMS
        std::vector<ValuePtr> items = popToMark();
        if (items.size() % 2) fail("SETITEMS with an odd number of items");
        Value& dict = *top();
        for (size_t i = 0; i < items.size(); i += 2) setItem(dict, items[i], items[i + 1]);
        break;
      }
      case 'a': {  // APPEND
        ValuePtr item = pop();
        append(*top(), std::move(item));
        break;
      }
      case 'e': {  // APPENDS
        std::vector<ValuePtr> items = popToMark();
        Value& list = *top();
        for (auto& item : items) append(list, std::move(item));
        break;
      }
      case 'q':
        memoPut(readLE(1));
        break;  // BINPUT
      case 'r':
        memoPut(readLE(4));
        break;  // LONG_BINPUT
      case 0x94:
        memoPut(m_memo.size());
        break;  // MEMOIZE
      case 'h':
        push(memoGet(readLE(1)));
        break;  // BINGET
      case 'j':
        push(memoGet(readLE(4)));
        break;  // LONG_BINGET
      case 'J':
        push(Value::integer(static_cast<int32_t>(static_cast<uint32_t>(readLE(4)))));
        break;  // BININT
      case 'K':
        push(Value::integer(static_cast<int64_t>(readLE(1))));
        break;  // BININT1
      case 'M':
        push(Value::integer(static_cast<int64_t>(readLE(2))));
        break;      // BININT2
      case 0x8a: {  // LONG1: little-endian two's complement
        const uint64_t n = readLE(1);
        if (n > 8) fail("integer of " + std::to_string(n) + " bytes does not fit in 64 bits");
        if (n == 0) {
          push(Value::integer(0));
          break;
        }
        const int n_ = static_cast<int>(n);
        uint64_t v = readLE(n_);
        if (n < 8 && (v >> (8 * n - 1)) & 1) v |= ~uint64_t(0) << (8 * n);  // sign-extend
        push(Value::integer(static_cast<int64_t>(v)));
        break;
      }
      case 'G': {  // BINFLOAT: big-endian IEEE double
        const unsigned char* p = take(8);
        uint64_t bits = 0;
        for (int i = 0; i < 8; ++i) bits = (bits << 8) | p[i];
        double d;
        std::memcpy(&d, &bits, 8);
        push(Value::real(d));
        break;
      }
      case 0x8c:
        push(Value::string(readBytes(readLE(1))));
        break;  // SHORT_BINUNICODE
      case 'X':
        push(Value::string(readBytes(readLE(4))));
        break;  // BINUNICODE
      case 0x8d:
        push(Value::string(readBytes(readLE(8))));
        break;  // BINUNICODE8
      case 'U':
        push(Value::string(readBytes(readLE(1))));
        break;     // SHORT_BINSTRING
      case 'T': {  // BINSTRING
        const int32_t n = static_cast<int32_t>(static_cast<uint32_t>(readLE(4)));
        if (n < 0) fail("BINSTRING with a negative length");
        push(Value::string(readBytes(static_cast<uint64_t>(n))));
        break;
      }
      case 'N':
        push(Value::none());
        break;
      case 0x88:
        push(Value::boolean(true));
        break;
      case 0x89:
        push(Value::boolean(false));
        break;
      case 0x85:
        push(makeTuple({pop()}));
        break;      // TUPLE1
      case 0x86: {  // TUPLE2
        ValuePtr b = pop(), a = pop();
        push(makeTuple({a, b}));
        break;
      }
      case 0x87: {  // TUPLE3
        ValuePtr c = pop(), b = pop(), a = pop();
        push(makeTuple({a, b, c}));
        break;
      }
      case 't':
        push(makeTuple(popToMark()));
        break;     // TUPLE
      case 'c': {  // GLOBAL "module\nname\n"
        const std::string module = readLine();
        const std::string name = readLine();
        push(global(module, name));
        break;
      }
      case 0x93: {  // STACK_GLOBAL
        ValuePtr name = pop(), module = pop();
        if (!name->is(Value::Kind::String) || !module->is(Value::Kind::String))
          fail("STACK_GLOBAL without two strings");
        push(global(module->m_string, name->m_string));
        break;
      }
      case 'R': {  // REDUCE
        ValuePtr args = pop(), callable = pop();
        push(reduce(callable, args));
        break;
      }
      case 0x81: {  // NEWOBJ: cls.__new__(cls, *args); only OrderedDict()
        ValuePtr args = pop(), cls = pop();
        if (!cls->is(Value::Kind::Global) || cls->m_string != "collections.OrderedDict" ||
            !args->is(Value::Kind::Tuple) || !args->m_items.empty())
          fail("NEWOBJ is read only for OrderedDict()");
        push(Value::dict(true));
        break;
      }
      case 'b': {  // BUILD: an OrderedDict's attributes (state_dict's _metadata) are dropped
        ValuePtr state = pop();
        const Value& target = *top();
        if (!target.is(Value::Kind::Dict))
          fail(std::string("BUILD sets the state of a ") + target.kindName());
        if (!state->is(Value::Kind::Dict) && !state->is(Value::Kind::None) && !state->is(Value::Kind::Tuple))
          fail(std::string("BUILD with a ") + state->kindName() + " state");
        break;
      }
      case 'Q':
        push(persistentLoad(pop()));
        break;     // BINPERSID
      case '.': {  // STOP
        if (m_stack.empty()) fail("pickle stops with an empty stack");
        ValuePtr result = m_stack.back();
        m_stack.clear();
        m_memo.clear();
        return result;
      }
      default: {
        char hex[8];
        std::snprintf(hex, sizeof hex, "0x%02x", op);
        fail(std::string("pickle opcode ") + hex +
             (op >= 0x20 && op < 0x7f ? std::string(" ('") + static_cast<char>(op) + "')" : std::string()) +
             " is not supported by this reader");
      }
    }
  }
  fail("pickle data ends without STOP");
}

ValuePtr unpickle(const unsigned char* data, uint64_t size, const std::string& subject,
                  const StorageLoader& storages) {
  Unpickler u(data, size, subject, storages);
  return u.run();
}

}  // namespace sevila::nn::pickle
