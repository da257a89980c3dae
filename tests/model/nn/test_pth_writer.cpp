// Tests of the torch.save writer (pth_writer): checkpoints of several dtypes, views and plain values
// read back identically by our reader (PthCheckpoint) and, when python3-torch is installed, by Python's
// torch.load(weights_only=True); the zip64 layout of large files; refused values; atomic replacement
// (a failed write leaves the previous file byte-identical and no temporary file); and a SeViLA
// checkpoint re-written from the golden one applies exactly like the original.
#include <algorithm>
#include <cerrno>
#include <cmath>
#include <climits>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <dirent.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <torch/torch.h>
#include <nlohmann/json.hpp>

#include "minitest.h"
#include "nn/blip2_model.h"
#include "core/error.h"
#include "nn/pth_checkpoint.h"
#include "nn/pth_writer.h"
#include "nn/sevila_checkpoint.h"
#include "nn/zip_archive.h"

using namespace sevila::nn;
using nlohmann::json;

namespace {

const std::string kCase = std::string(SEVILA_TEST_DATA) + "/golden/tiny-a";

std::string tempDir() {
  static const std::string dir = [] {
    const std::string d = std::string(SEVILA_BINARY_DIR) + "/test_tmp/test_pth_writer";
    ::mkdir((std::string(SEVILA_BINARY_DIR) + "/test_tmp").c_str(), 0755);
    ::mkdir(d.c_str(), 0755);
    return d;
  }();
  return dir;
}

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void writeFile(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

bool exists(const std::string& path) {
  return ::access(path.c_str(), F_OK) == 0;
}

// The names in a folder (without . and ..).
std::vector<std::string> listDir(const std::string& dir) {
  std::vector<std::string> out;
  if (DIR* d = ::opendir(dir.c_str())) {
    while (const dirent* e = ::readdir(d))
      if (std::strcmp(e->d_name, ".") != 0 && std::strcmp(e->d_name, "..") != 0) out.push_back(e->d_name);
    ::closedir(d);
  }
  std::sort(out.begin(), out.end());
  return out;
}

// A fresh empty folder for one test.
std::string freshDir(const std::string& name) {
  const std::string d = tempDir() + "/" + name;
  ::mkdir(d.c_str(), 0755);
  for (const auto& f : listDir(d)) ::unlink((d + "/" + f).c_str());
  return d;
}

// Same dtype, shape and bytes (and torch::equal on the values).
bool sameTensor(const at::Tensor& a, const at::Tensor& b) {
  if (a.scalar_type() != b.scalar_type() || a.sizes() != b.sizes()) return false;
  const at::Tensor ca = a.contiguous().cpu(), cb = b.contiguous().cpu();
  const size_t nbytes = static_cast<size_t>(ca.numel()) * ca.element_size();
  if (nbytes && std::memcmp(ca.data_ptr(), cb.data_ptr(), nbytes) != 0) return false;
  return torch::equal(ca.to(at::kDouble), cb.to(at::kDouble));
}

// The tensors of the sample checkpoint: every writable dtype, a transposed, a sliced (offset) and an
// expanded (stride 0) view, a 0-dim and an empty tensor, and two entries that are the same tensor.
std::map<std::string, at::Tensor> sampleTensors() {
  std::map<std::string, at::Tensor> t;
  t["f32"] = at::arange(12, at::kFloat).reshape({3, 4}) * 0.37f - 1.1f;
  t["f64_transposed"] = (at::arange(20, at::kDouble).reshape({4, 5}) / 3.0).t();
  t["f16_slice"] =
      (at::arange(30, at::kFloat).reshape({5, 6}) * 0.25f).to(at::kHalf).narrow(1, 1, 3).narrow(0, 1, 3);
  t["bf16"] = (at::arange(6, at::kFloat).reshape({2, 3}) * 0.5f - 1.0f).to(at::kBFloat16);
  t["step"] = at::scalar_tensor(42, at::kLong);
  t["i64"] = at::tensor(std::vector<int64_t>{INT64_MIN, -1, 0, INT64_MAX});
  t["i32"] = at::arange(-5, 5, at::kInt).reshape({2, 5});
  t["i16"] = at::arange(-300, 300, 100, at::kShort);
  t["i8"] = at::arange(-128, 128, 51, at::kChar);
  t["u8"] = at::arange(0, 256, 37, at::kByte);
  t["mask"] = at::arange(7, at::kLong).remainder(3).eq(0);
  t["empty"] = at::empty({0, 3}, at::kFloat);
  t["expanded"] = at::arange(3, at::kFloat).expand({2, 3});
  t["tied_a"] = at::arange(8, at::kFloat).reshape({2, 4}) + 0.5f;
  t["tied_b"] = t["tied_a"];
  return t;
}

// The sample's "config": nested lists and dicts of strings, ints of every pickle width, bools, None
// and, withFloats, floats.
PthValue sampleConfig(bool withFloats) {
  using P = PthValue;
  std::vector<std::pair<std::string, P>> entries{
      {"arch", P::of("sevila")},
      {"nested",
       P::dict({{"flags", P::list({P::of(true), P::of(false), P::none()})},
                {"name", P::of(std::string("h\xc3\xa9llo \xe2\x9c\x93"))},
                {"deep", P::list({P::list({P::of(1), P::list({P::of(2), P::of("x")})}), P::list({})})},
                {"empty", P::dict({})}})},
      {"ints",
       P::list({P::of(0), P::of(255), P::of(256), P::of(65535), P::of(65536), P::of(-1), P::of(-70000),
                P::of(int64_t{INT32_MIN}), P::of(int64_t{INT32_MAX}), P::of(int64_t{INT32_MAX} + 1),
                P::of(int64_t{INT32_MIN} - 1), P::of(int64_t{1} << 40), P::of(INT64_MIN), P::of(INT64_MAX)})},
  };
  if (withFloats) {
    entries.emplace_back("lr", P::of(3e-5));
    entries.emplace_back("betas", P::list({P::of(0.9), P::of(0.999)}));
    entries.emplace_back("neg_zero", P::of(-0.0));
    entries.emplace_back("tiny", P::of(5e-324));
  }
  return P::dict(std::move(entries));
}

json sampleConfigJson(bool withFloats) {
  json out{{"arch", "sevila"},
           {"nested",
            {{"flags", {true, false, nullptr}},
             {"name", "h\xc3\xa9llo \xe2\x9c\x93"},
             {"deep", json::array({json::array({1, json::array({2, "x"})}), json::array()})},
             {"empty", json::object()}}},
           {"ints",
            {0, 255, 256, 65535, 65536, -1, -70000, int64_t{INT32_MIN}, int64_t{INT32_MAX},
             int64_t{INT32_MAX} + 1, int64_t{INT32_MIN} - 1, int64_t{1} << 40, INT64_MIN, INT64_MAX}}};
  if (withFloats) {
    out["lr"] = 3e-5;
    out["betas"] = {0.9, 0.999};
    out["neg_zero"] = -0.0;
    out["tiny"] = 5e-324;
  }
  return out;
}

PthValue sampleCheckpoint(bool withFloats = true) {
  return PthValue::dict({{"model", PthValue::stateDict(sampleTensors())},
                         {"config", sampleConfig(withFloats)},
                         {"epoch", PthValue::of(7)}});
}

// Checks a file holding sampleCheckpoint(withFloats) with our reader.
void checkSampleWithOurReader(const std::string& path, bool withFloats = true) {
  const PthCheckpoint ckpt = PthCheckpoint::open(path);
  CHECK(ckpt.keys() == std::vector<std::string>({"model", "config", "epoch"}));
  CHECK(ckpt.at("model").isOrderedDict());
  CHECK(!ckpt.at("config").isOrderedDict());
  CHECK_EQ(ckpt.at("epoch").asInt(), int64_t{7});
  const json config = ckpt.json("config");
  CHECK_EQ(config.dump(), sampleConfigJson(withFloats).dump());
  CHECK(config == sampleConfigJson(withFloats));
  if (withFloats) CHECK(std::signbit(config["neg_zero"].get<double>()));
  const auto expected = sampleTensors();
  const auto model = ckpt.stateDict("model");
  CHECK_EQ(model.size(), expected.size());
  for (const auto& [name, t] : expected) {
    REQUIRE(model.count(name));
    if (!sameTensor(model.at(name), t)) std::printf("  tensor '%s' differs\n", name.c_str());
    CHECK(sameTensor(model.at(name), t));
  }
  CHECK_EQ(model.at("step").dim(), int64_t{0});
  CHECK_EQ(model.at("step").item<int64_t>(), int64_t{42});
}

const char* pythonDtype(at::ScalarType t) {
  switch (t) {
    case at::kFloat:
      return "torch.float32";
    case at::kDouble:
      return "torch.float64";
    case at::kHalf:
      return "torch.float16";
    case at::kBFloat16:
      return "torch.bfloat16";
    case at::kLong:
      return "torch.int64";
    case at::kInt:
      return "torch.int32";
    case at::kShort:
      return "torch.int16";
    case at::kChar:
      return "torch.int8";
    case at::kByte:
      return "torch.uint8";
    case at::kBool:
      return "torch.bool";
    default:
      return "?";
  }
}

// Python's torch.load of each file, summarised as JSON: {path: {weights_only, keys, ordered, config,
// epoch, shared, tensors: {name: {dtype, shape, sum, wsum}}}} (wsum weighs element i by i, so it sees
// the order). PyTorch < 2.0's weights_only loader lacks the BINFLOAT opcode, so it refuses any float,
// also in files torch.save itself wrote; only then is the file loaded without weights_only, and
// weights_only says so.
const char* kLoadScript = R"PY(
import collections, json, sys
import torch
out = {"torch": torch.__version__}
for path in sys.argv[1:]:
    try:
        ck = torch.load(path, map_location="cpu", weights_only=True)
        weights_only, refusal = True, ""
    except Exception as e:
        refusal = str(e)
        if not ("Unsupported operand 71" in refusal and int(torch.__version__.split(".")[0]) < 2):
            raise
        ck = torch.load(path, map_location="cpu")
        weights_only = False
    model = ck["model"]
    tensors = {}
    for name, t in model.items():
        d = t.double().flatten()
        w = torch.arange(d.numel(), dtype=torch.float64)
        tensors[name] = {"dtype": str(t.dtype), "shape": list(t.shape), "sum": d.sum().item(),
                         "wsum": (d * w).sum().item(), "type": type(t).__name__}
    out[path] = {"weights_only": weights_only, "refusal": refusal, "keys": list(ck.keys()),
                 "ordered": type(model) is collections.OrderedDict,
                 "config_is_dict": type(ck["config"]) is dict, "config": ck["config"], "epoch": ck["epoch"],
                 "shared": model["tied_a"].data_ptr() == model["tied_b"].data_ptr(), "tensors": tensors}
print(json.dumps(out))
)PY";

bool pythonTorchAvailable() {
  return std::system("/usr/bin/python3 -c 'import torch' >/dev/null 2>&1") == 0;
}

// Runs a Python script on `args`; returns the JSON it prints (REQUIREs success).
json runPython(const std::string& name, const char* source, const std::vector<std::string>& args) {
  const std::string script = tempDir() + "/" + name + ".py";
  const std::string errors = tempDir() + "/" + name + ".err";
  writeFile(script, source);
  std::string command = "/usr/bin/python3 '" + script + "'";
  for (const auto& a : args) command += " '" + a + "'";
  command += " 2>'" + errors + "'";
  std::string output;
  FILE* pipe = ::popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  char buffer[4096];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) output.append(buffer, n);
  const int status = ::pclose(pipe);
  if (status != 0)
    std::printf("  python3 %s failed (status %d):\n%s\n", name.c_str(), status, readFile(errors).c_str());
  REQUIRE(status == 0);
  return json::parse(output);
}

// Python's zipfile on each file: {path: {names, sizes, offsets, bad}} (bad: testzip()'s first entry
// with a wrong CRC, or null). zipfile follows every zip64 field (sizes, offsets, end records).
const char* kZipScript = R"PY(
import json, sys, zipfile
out = {}
for path in sys.argv[1:]:
    with zipfile.ZipFile(path) as z:
        infos = z.infolist()
        out[path] = {"names": [i.filename for i in infos], "sizes": [i.file_size for i in infos],
                     "offsets": [i.header_offset for i in infos], "bad": z.testzip()}
print(json.dumps(out))
)PY";

// zipfile lists the same entries, sizes and offsets as our reader, and every CRC matches.
void checkWithPythonZipfile(const std::string& path) {
  const json r = runPython("zipfile_check", kZipScript, {path}).at(path);
  const auto zip = ZipArchive::open(path);
  REQUIRE(r["names"].size() == zip->entries().size());
  for (size_t i = 0; i < zip->entries().size(); ++i) {
    const auto& e = zip->entries()[i];
    CHECK_EQ(r["names"][i].get<std::string>(), e.name);
    CHECK_EQ(r["sizes"][i].get<uint64_t>(), e.size);
    CHECK_EQ(r["offsets"][i].get<uint64_t>(), e.localHeaderOffset);
  }
  CHECK(r["bad"].is_null());
}

void checkSampleWithPython(const json& loaded, const std::string& path, bool withFloats) {
  REQUIRE(loaded.contains(path));
  const json& r = loaded.at(path);
  if (!r["weights_only"].get<bool>()) {
    const std::string refusal = r["refusal"].get<std::string>();
    const size_t why = refusal.find("WeightsUnpickler error");
    std::printf("  note: torch %s's weights_only loader refuses floats (\"%s\"); loaded %s without it\n",
                loaded["torch"].get<std::string>().c_str(),
                refusal.substr(why == std::string::npos ? 0 : why, 120).c_str(), path.c_str());
    CHECK(withFloats);  // a file without floats must load with weights_only=True on every version
    CHECK(loaded["torch"].get<std::string>().rfind("1.", 0) == 0);
  }
  CHECK(r["keys"] == json({"model", "config", "epoch"}));
  CHECK(r["ordered"].get<bool>());
  CHECK(r["config_is_dict"].get<bool>());
  CHECK_EQ(r["epoch"].get<int64_t>(), int64_t{7});
  CHECK(r["shared"].get<bool>());  // tied weights come back as one storage, as torch.save would store them
  if (r["config"] != sampleConfigJson(withFloats))
    std::printf("  python config: %s\n", r["config"].dump().c_str());
  CHECK(r["config"] == sampleConfigJson(withFloats));
  const auto expected = sampleTensors();
  CHECK_EQ(r["tensors"].size(), expected.size());
  for (const auto& [name, t] : expected) {
    REQUIRE(r["tensors"].contains(name));
    const json& got = r["tensors"][name];
    CHECK_EQ(got["dtype"].get<std::string>(), std::string(pythonDtype(t.scalar_type())));
    CHECK(got["shape"].get<std::vector<int64_t>>() == t.sizes().vec());
    CHECK_EQ(got["type"].get<std::string>(), std::string("Tensor"));
    const at::Tensor d = t.to(at::kDouble).flatten();
    const double sum = d.sum().item<double>();
    const double wsum = (d * at::arange(d.numel(), at::kDouble)).sum().item<double>();
    const double gotSum = got["sum"].get<double>(), gotWsum = got["wsum"].get<double>();
    if (std::fabs(gotSum - sum) > 1e-9 * std::max(1.0, std::fabs(sum)) ||
        std::fabs(gotWsum - wsum) > 1e-9 * std::max(1.0, std::fabs(wsum)))
      std::printf("  python '%s': sum %.17g vs %.17g, wsum %.17g vs %.17g\n", name.c_str(), gotSum, sum,
                  gotWsum, wsum);
    CHECK_NEAR(gotSum, sum, 1e-9 * std::max(1.0, std::fabs(sum)));
    CHECK_NEAR(gotWsum, wsum, 1e-9 * std::max(1.0, std::fabs(wsum)));
  }
}

// The data offset of every entry is a multiple of 64 (the file is mapped at a page boundary).
void checkAlignment(const std::string& path) {
  const auto zip = ZipArchive::open(path);
  for (const auto& e : zip->entries()) {
    const auto bytes = zip->read(e.name);
    if (reinterpret_cast<uintptr_t>(bytes.data) % 64 != 0)
      std::printf("  '%s' is not 64-byte aligned\n", e.name.c_str());
    CHECK(reinterpret_cast<uintptr_t>(bytes.data) % 64 == 0);
  }
}

}  // namespace

TEST(roundTripThroughOurReader) {
  const std::string path = tempDir() + "/round_trip.pth";
  writePth(path, sampleCheckpoint());
  checkSampleWithOurReader(path);
  checkAlignment(path);

  // The archive torch.save writes: folder named after the file, data.pkl, byteorder, storages, version.
  const auto zip = ZipArchive::open(path);
  std::vector<std::string> names;
  for (const auto& e : zip->entries()) {
    names.push_back(e.name);
    CHECK_EQ(e.method, uint16_t{0});
  }
  const size_t storages = sampleTensors().size() - 1;  // tied_a and tied_b share one storage
  REQUIRE(names.size() == storages + 3);
  CHECK_EQ(names.front(), std::string("round_trip/data.pkl"));
  CHECK_EQ(names[1], std::string("round_trip/byteorder"));
  CHECK_EQ(names.back(), std::string("round_trip/version"));
  for (size_t i = 2; i + 1 < names.size(); ++i) CHECK_EQ(names[i].rfind("round_trip/data/", 0), size_t{0});
  const auto order = zip->read("round_trip/byteorder");
  CHECK_EQ(std::string(reinterpret_cast<const char*>(order.data), order.size), std::string("little"));
  const auto version = zip->read("round_trip/version");
  CHECK_EQ(std::string(reinterpret_cast<const char*>(version.data), version.size), std::string("3\n"));

  // pthBytes is the same file in memory, and deterministic; no zip64 records in a small file.
  const std::string bytes = readFile(path);
  CHECK(pthBytes(sampleCheckpoint(), "round_trip") == bytes);
  CHECK(pthBytes(sampleCheckpoint(), "round_trip") == pthBytes(sampleCheckpoint(), "round_trip"));
  CHECK(bytes.find(std::string("PK\x06\x06", 4)) == std::string::npos);
  CHECK(bytes.find(std::string("PK\x06\x07", 4)) == std::string::npos);
  const std::string other = pthBytes(sampleCheckpoint());
  CHECK(other.find("archive/data.pkl") != std::string::npos);

  // A bare state dict as the root (torch.save(model.state_dict())).
  const std::string bare = tempDir() + "/bare.pth";
  writePth(bare, PthValue::stateDict({{"a", at::ones({2}, at::kFloat)}, {"b", at::zeros({3}, at::kLong)}}));
  const auto sd = PthCheckpoint::open(bare).stateDict("");
  REQUIRE(sd.size() == 2u);
  CHECK(sameTensor(sd.at("a"), at::ones({2}, at::kFloat)));
  CHECK(sameTensor(sd.at("b"), at::zeros({3}, at::kLong)));
  struct stat st {};
  REQUIRE(::stat(bare.c_str(), &st) == 0);
  CHECK_EQ(st.st_mode & 0777, 0644u);
}

TEST(zip64LayoutOfLargeFiles) {
  // With the zip64 threshold at 200 bytes, the larger storages, the later offsets and the central
  // directory get zip64 fields exactly as in a > 4 GiB file, and readers must follow them.
  const std::string bytes = sevila::nn::detail::pthBytesZip64From(sampleCheckpoint(), "archive", 200);
  CHECK(bytes.find(std::string("PK\x06\x06", 4)) != std::string::npos);
  CHECK(bytes.find(std::string("PK\x06\x07", 4)) != std::string::npos);
  const std::string path = tempDir() + "/zip64.pth";
  writeFile(path, bytes);
  checkSampleWithOurReader(path);
  checkAlignment(path);
  const auto zip = ZipArchive::open(path);
  int wide = 0;
  for (const auto& e : zip->entries()) wide += e.localHeaderOffset >= 200 || e.size >= 200;
  CHECK(wide > 3);
  // Every entry zip64 (threshold 1): still the same checkpoint.
  const std::string all = tempDir() + "/zip64_all.pth";
  writeFile(all, sevila::nn::detail::pthBytesZip64From(sampleCheckpoint(), "archive", 1));
  checkSampleWithOurReader(all);
}

TEST(pythonTorchLoadsTheFile) {
  if (!pythonTorchAvailable()) SKIP("python3-torch not installed");
  const std::string full = tempDir() + "/for_python.pth";
  writePth(full, sampleCheckpoint());
  const std::string noFloats = tempDir() + "/for_python_no_floats.pth";
  writePth(noFloats, sampleCheckpoint(/*withFloats=*/false));
  const json loaded = runPython("load_with_torch", kLoadScript, {full, noFloats});
  std::printf("  python3 torch %s loaded the files\n", loaded["torch"].get<std::string>().c_str());
  checkSampleWithPython(loaded, full, true);
  checkSampleWithPython(loaded, noFloats, false);

  // The zip64 layout (threshold 200 bytes) through Python's zipfile. torch.load cannot take this
  // emulation: miniz checks "32-bit offset field + size <= file size" for an entry whose offset field
  // reads 0xFFFFFFFF, which only a file really over 4 GiB passes (see realZip64FileOver4GiB).
  const std::string zip64 = tempDir() + "/for_python_zip64.pth";
  writeFile(zip64, sevila::nn::detail::pthBytesZip64From(sampleCheckpoint(false), "archive", 200));
  checkWithPythonZipfile(zip64);
  checkWithPythonZipfile(full);
}

// A real checkpoint over 4 GiB: zip64 sizes for the big storage, zip64 offsets for the storages after
// it and zip64 end records. Needs ~13 GB of memory and ~4.3 GB of disk, so it runs only when asked.
TEST(realZip64FileOver4GiB) {
  if (!std::getenv("SEVILA_TEST_LARGE_PTH"))
    SKIP("set SEVILA_TEST_LARGE_PTH=1 to write and read a 4.3 GB checkpoint");
  const int64_t n = (int64_t{1} << 32) + 4099;
  const std::string path = tempDir() + "/large.pth";
  struct Remove {
    std::string path;
    ~Remove() { ::unlink(path.c_str()); }  // 4.3 GB: never left behind, also when a REQUIRE stops the test
  } remove{path};
  {
    // Bytes 0..250 repeating: a misplaced or truncated block changes the checksums.
    const at::Tensor big = at::arange(251, at::kByte).repeat({n / 251 + 1}).narrow(0, 0, n);
    const at::Tensor small = at::arange(10, at::kLong) - 3;
    writePth(path, PthValue::dict({{"model", PthValue::stateDict({{"a_big", big}, {"b_after", small}})},
                                   {"epoch", PthValue::of(1)}}));
    const auto zip = ZipArchive::open(path);
    const auto* bigEntry = zip->find("large/data/0");
    const auto* afterEntry = zip->find("large/data/1");
    REQUIRE(bigEntry && afterEntry);
    CHECK_EQ(bigEntry->size, static_cast<uint64_t>(n));
    CHECK(afterEntry->localHeaderOffset > 0xFFFFFFFFu);
    const PthCheckpoint ckpt = PthCheckpoint::open(path);
    CHECK(ckpt.at("model").get("a_big")->tensorSizes() == std::vector<int64_t>({n}));
    CHECK(sameTensor(ckpt.at("model").get("b_after")->tensor(), small));
    CHECK(ckpt.at("model").get("a_big")->tensor().equal(big));
  }
  if (pythonTorchAvailable()) {
    const char* script = R"PY(
import json, sys, torch
ck = torch.load(sys.argv[1], map_location="cpu", weights_only=True)
big, after = ck["model"]["a_big"], ck["model"]["b_after"]
print(json.dumps({"n": big.numel(), "dtype": str(big.dtype), "head": big[:300].tolist(), "tail": big[-300:].tolist(),
                  "sum": sum(int(c.sum()) for c in big.split(1 << 26)), "after": after.tolist(), "epoch": ck["epoch"]}))
)PY";
    const json r = runPython("load_large", script, {path});
    CHECK_EQ(r["n"].get<int64_t>(), n);
    CHECK_EQ(r["dtype"].get<std::string>(), std::string("torch.uint8"));
    for (int i = 0; i < 300; ++i) {
      CHECK_EQ(r["head"][i].get<int64_t>(), int64_t{i % 251});
      CHECK_EQ(r["tail"][i].get<int64_t>(), (n - 300 + i) % 251);
    }
    int64_t sum = 0;  // of 0..250 repeating over n bytes
    sum += (n / 251) * (250 * 251 / 2);
    for (int64_t i = 0; i < n % 251; ++i) sum += i;
    CHECK_EQ(r["sum"].get<int64_t>(), sum);
    CHECK(r["after"] == json({-3, -2, -1, 0, 1, 2, 3, 4, 5, 6}));
    CHECK_EQ(r["epoch"].get<int64_t>(), int64_t{1});
    checkWithPythonZipfile(path);
  } else {
    std::printf("  python3-torch not installed: only our reader checked the file\n");
  }
}

TEST(refusesValuesItCannotWrite) {
  using P = PthValue;
  auto one = [](const char* name, P v) { return P::dict({{"model", P::dict({{name, std::move(v)}})}}); };
  CHECK_THROWS_WITH(pthBytes(one("c", P::of(at::zeros({2}, at::kComplexFloat)))),
                    "'model.c' has dtype ComplexFloat");
  CHECK_THROWS_WITH(pthBytes(one("u", P::of(at::Tensor()))), "'model.u' is an undefined tensor");
  CHECK_THROWS_WITH(pthBytes(one("s", P::of(at::eye(3).to_sparse()))), "'model.s' is a sparse tensor");
  CHECK_THROWS_WITH(pthBytes(one("bad", P::of(std::string("\xff\xfe")))),
                    "'model.bad' holds a string that is not valid UTF-8");
  CHECK_THROWS_WITH(pthBytes(one("overlong", P::of(std::string("\xc0\xaf")))), "not valid UTF-8");
  CHECK_THROWS_WITH(pthBytes(P::dict({{"k", P::of(1)}, {"k", P::of(2)}})), "has the key 'k' twice");
  P deep = P::of(1);
  for (int i = 0; i < 70; ++i) deep = P::list({deep});
  CHECK_THROWS_WITH(pthBytes(deep), "deeper than 64 containers");
  P ok = P::of(1);
  for (int i = 0; i < 64; ++i) ok = P::list({ok});
  writeFile(tempDir() + "/deep64.pth", pthBytes(ok));  // the deepest our reader reads
  CHECK_EQ(PthCheckpoint::open(tempDir() + "/deep64.pth").root().items().size(), size_t{1});
  CHECK_THROWS_WITH(pthBytes(P::none(), "a/b"), "archive folder name 'a/b'");
  CHECK_THROWS_WITH(pthBytes(P::none(), ""), "archive folder name ''");
  try {
    pthBytes(one("c", P::of(at::zeros({2}, at::kComplexDouble))));
    CHECK(false);
  } catch (const sevila::Error& e) {
    CHECK_EQ(e.subject(), std::string("pth"));
    CHECK(!e.hint().empty());
  }
}

TEST(refusesANonWritableDirectory) {
  // A read-only folder; root may write anywhere it has a mode for, so then sysfs, which refuses it too.
  const std::string readOnly = freshDir("read_only");
  ::chmod(readOnly.c_str(), 0555);
  std::string dir;
  for (const std::string& candidate : {readOnly, std::string("/sys")}) {
    const std::string probe = candidate + "/probe.tmp";
    const int fd = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd >= 0) {
      ::close(fd);
      ::unlink(probe.c_str());
      continue;
    }
    if (errno == EACCES || errno == EPERM || errno == EROFS) {
      dir = candidate;
      break;
    }
  }
  if (dir.empty()) {
    ::chmod(readOnly.c_str(), 0755);
    SKIP("no folder this process cannot write to");
  }
  std::printf("  non-writable folder: %s\n", dir.c_str());
  const std::string path = dir + "/refined.pth";
  const auto before = listDir(dir);
  CHECK_THROWS_WITH(writePth(path, sampleCheckpoint()), path.c_str());
  CHECK_THROWS_WITH(writePth(path, sampleCheckpoint()), "cannot create a temporary file");
  CHECK(!exists(path));
  CHECK(listDir(dir) == before);
  ::chmod(readOnly.c_str(), 0755);
}

TEST(aFailedWriteLeavesThePreviousFile) {
  const std::string dir = freshDir("atomic");
  const std::string path = dir + "/refined.pth";
  writePth(path, PthValue::dict({{"model", PthValue::stateDict({{"w", at::arange(4, at::kFloat)}})}}));
  ::chmod(path.c_str(), 0600);
  const std::string previous = readFile(path);
  REQUIRE(!previous.empty());

  // 1. The disk fills up mid-write: a file-size limit (RLIMIT_FSIZE) makes write() fail with EFBIG
  //    once the temporary file reaches 64 KiB, after the pickle and some storages were written.
  const PthValue big = PthValue::dict(
      {{"model",
        PthValue::stateDict({{"a", at::ones({1000}, at::kFloat)}, {"b", at::ones({1 << 18}, at::kFloat)}})}});
  rlimit saved{};
  REQUIRE(::getrlimit(RLIMIT_FSIZE, &saved) == 0);
  rlimit limited = saved;
  limited.rlim_cur = 64 * 1024;
  const auto oldHandler =
      std::signal(SIGXFSZ, SIG_IGN);  // else the kernel kills us instead of failing write()
  REQUIRE(::setrlimit(RLIMIT_FSIZE, &limited) == 0);
  std::string message;
  try {
    writePth(path, big);
  } catch (const sevila::Error& e) {
    message = e.what();
  }
  ::setrlimit(RLIMIT_FSIZE, &saved);
  std::signal(SIGXFSZ, oldHandler);
  std::printf("  refused: %s\n", message.substr(0, message.find('\n')).c_str());
  CHECK(message.find(path) != std::string::npos);
  CHECK(message.find("cannot write") != std::string::npos);
  CHECK(message.find(std::strerror(EFBIG)) != std::string::npos);
  CHECK(readFile(path) == previous);
  CHECK(listDir(dir) == std::vector<std::string>({"refined.pth"}));

  // 2. A value that cannot be written: refused before the disk is touched.
  CHECK_THROWS_WITH(
      writePth(path, PthValue::dict({{"model", PthValue::of(at::zeros({2}, at::kComplexFloat))}})),
      (path + ": 'model' has dtype ComplexFloat").c_str());
  CHECK(readFile(path) == previous);
  CHECK(listDir(dir) == std::vector<std::string>({"refined.pth"}));

  // 3. A folder where the file should go: refused, the folder and its content stay.
  const std::string folder = dir + "/folder.pth";
  ::mkdir(folder.c_str(), 0755);
  writeFile(folder + "/keep", "x");
  CHECK_THROWS_WITH(writePth(folder, big), "is a directory");
  CHECK(listDir(folder) == std::vector<std::string>({"keep"}));
  CHECK(listDir(dir) == std::vector<std::string>({"folder.pth", "refined.pth"}));
  ::unlink((folder + "/keep").c_str());
  ::rmdir(folder.c_str());

  // 4. A successful write replaces the file and keeps its permission bits.
  writePth(path, big);
  CHECK(readFile(path) != previous);
  CHECK(sameTensor(PthCheckpoint::open(path).stateDict().at("b"), at::ones({1 << 18}, at::kFloat)));
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  CHECK_EQ(st.st_mode & 0777, 0600u);
  CHECK(listDir(dir) == std::vector<std::string>({"refined.pth"}));
}

TEST(rewrittenSevilaCheckpointAppliesLikeTheOriginal) {
  const std::string original = kCase + "/sevila.pth";
  const auto dict = readSevilaStateDict(original);
  const std::string rewritten = tempDir() + "/sevila_rewritten.pth";
  writePth(rewritten, PthValue::dict({{"model", PthValue::stateDict(dict)}}));

  const auto again = readSevilaStateDict(rewritten);
  REQUIRE(again.size() == dict.size());
  for (const auto& [name, t] : dict) CHECK(again.count(name) && sameTensor(again.at(name), t));

  auto fromOriginal = Blip2ModelImpl::load(kCase, Flavour::Lavis);
  auto fromRewritten = Blip2ModelImpl::load(kCase, Flavour::Lavis);
  const auto backbone = fromRewritten->query_tokens.detach().clone();
  const auto a = applySevilaCheckpoint(*fromOriginal, original);
  const auto b = applySevilaCheckpoint(*fromRewritten, rewritten);
  CHECK_EQ(a.answererTensors, b.answererTensors);
  CHECK_EQ(a.localizerTensors, b.localizerTensors);
  CHECK_EQ(a.ignoredTensors, b.ignoredTensors);
  CHECK(b.localizerTensors > 0);
  CHECK(!fromRewritten->query_tokens.equal(backbone));  // the file really changed the model
  const auto pa = fromOriginal->named_parameters();
  const auto pb = fromRewritten->named_parameters();
  REQUIRE(pa.size() == pb.size());
  size_t same = 0;
  for (const auto& p : pa) {
    const at::Tensor* other = pb.find(p.key());
    if (other && sameTensor(p.value().detach(), other->detach()))
      ++same;
    else
      std::printf("  parameter '%s' differs\n", p.key().c_str());
  }
  CHECK_EQ(same, pa.size());
}

MINITEST_MAIN
