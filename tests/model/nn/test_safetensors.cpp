// Tests of model/nn/safetensors: round trips, the golden tiny-a backbone, sharded checkpoints, and
// hostile files that must each end in one sevila::Error naming the file and the reason.
#include <cstdint>
#include <cstring>
#include <fstream>
#include <string>

#include <ATen/ATen.h>
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include "minitest.h"
#include "core/error.h"
#include "nn/safetensors.h"

using sevila::nn::loadSafetensors;
using sevila::nn::SafetensorsCheckpoint;
using sevila::nn::SafetensorsFile;
using sevila::nn::saveSafetensors;

namespace {

std::string tempDir() {
  static const std::string dir = [] {
    const std::string d = std::string(SEVILA_BINARY_DIR) + "/test_tmp/test_safetensors";
    ::mkdir((std::string(SEVILA_BINARY_DIR) + "/test_tmp").c_str(), 0755);
    ::mkdir(d.c_str(), 0755);
    return d;
  }();
  return dir;
}

std::string tempPath(const std::string& name) {
  return tempDir() + "/" + name;
}

void writeBytes(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

std::string le64(uint64_t v) {
  std::string s(8, '\0');
  for (int i = 0; i < 8; ++i, v >>= 8) s[i] = static_cast<char>(v & 0xff);
  return s;
}

// A safetensors file written by hand: header length, the given header text, `dataBytes` bytes.
std::string rawFile(const std::string& name, const std::string& header, const std::string& data) {
  const std::string path = tempPath(name);
  writeBytes(path, le64(header.size()) + header + data);
  return path;
}

std::string readBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

int countEntriesStartingWith(const std::string& dir, const std::string& prefix) {
  int n = 0;
  if (DIR* d = ::opendir(dir.c_str())) {
    while (const dirent* e = ::readdir(d))
      if (std::string(e->d_name).rfind(prefix, 0) == 0) ++n;
    ::closedir(d);
  }
  return n;
}

}  // namespace

TEST(roundTripsDtypesAndMetadata) {
  const auto f32 = at::arange(12, at::kFloat).reshape({3, 4}) * 0.25 - 1.0;
  std::map<std::string, at::Tensor> tensors{
      {"b.f32", f32},
      {"a.f16", f32.to(at::kHalf)},
      {"c.bf16", f32.to(at::kBFloat16).t()},  // non-contiguous on purpose
      {"d.i64", at::arange(-3, 3, at::kLong)},
      {"e.bool", at::tensor({1, 0, 1}, at::kByte).to(at::kBool)},
      {"f.empty", at::zeros({0, 5}, at::kFloat)},
      {"g.scalar", at::full({}, 7.5, at::kDouble)},
  };
  const std::string path = tempPath("roundtrip.safetensors");
  saveSafetensors(path, tensors, {{"format", "pt"}, {"note", "päär ✓"}});

  const auto file = SafetensorsFile::open(path);
  const std::vector<std::string> names = file->names();
  CHECK_EQ(names.size(), tensors.size());
  CHECK_EQ(names.front(), std::string("a.f16"));
  CHECK_EQ(file->metadata().at("note"), std::string("päär ✓"));
  CHECK_EQ(file->entry("c.bf16").dtype, std::string("BF16"));
  CHECK(file->entry("c.bf16").shape == std::vector<int64_t>({4, 3}));
  for (const auto& [name, t] : tensors) {
    const at::Tensor back = file->tensor(name);
    CHECK(back.scalar_type() == t.scalar_type());
    CHECK(back.sizes() == t.sizes());
    CHECK(back.equal(t.contiguous()));
  }
  // The header is padded so that data starts 8-byte aligned.
  const std::string bytes = readBytes(path);
  uint64_t headerLen = 0;
  for (int i = 7; i >= 0; --i) headerLen = (headerLen << 8) | static_cast<unsigned char>(bytes[i]);
  CHECK_EQ((8 + headerLen) % 8, 0u);
  // Atomic write leaves no temporary file behind.
  CHECK_EQ(countEntriesStartingWith(tempDir(), "roundtrip.safetensors.tmp"), 0);

  const auto all = loadSafetensors(path);
  CHECK_EQ(all.size(), tensors.size());
  CHECK(all.at("d.i64").equal(tensors.at("d.i64")));
}

TEST(halfAndBfloat16ReadAsTheirFloatValues) {
  // Bytes written by hand (little-endian): F16 1.0 = 0x3C00, -2.0 = 0xC000, 0.5 = 0x3800, 65504 = 0x7BFF;
  // BF16 1.0 = 0x3F80, -2.0 = 0xC000, 0.5 = 0x3F00, 3.140625 = 0x4049.
  const std::string data =
      std::string("\x00\x3C\x00\xC0\x00\x38\xFF\x7B", 8) + std::string("\x80\x3F\x00\xC0\x00\x3F\x49\x40", 8);
  const std::string header =
      R"({"h":{"dtype":"F16","shape":[4],"data_offsets":[0,8]},"b":{"dtype":"BF16","shape":[2,2],"data_offsets":[8,16]}})";
  const auto file = SafetensorsFile::open(rawFile("halves.safetensors", header, data));
  const at::Tensor h = file->tensor("h").to(at::kFloat);
  const at::Tensor b = file->tensor("b").to(at::kFloat).reshape({4});
  CHECK(file->tensor("h").scalar_type() == at::kHalf);
  CHECK(file->tensor("b").scalar_type() == at::kBFloat16);
  const float hv[] = {1.0f, -2.0f, 0.5f, 65504.0f};
  const float bv[] = {1.0f, -2.0f, 0.5f, 3.140625f};
  for (int i = 0; i < 4; ++i) {
    CHECK_EQ(h[i].item<float>(), hv[i]);
    CHECK_EQ(b[i].item<float>(), bv[i]);
  }
  // Through the writer: F16/BF16 copies of F32 values read back within their rounding error.
  const at::Tensor ref = at::linspace(-3.0, 3.0, 101, at::kFloat);
  const std::string path = tempPath("halves2.safetensors");
  saveSafetensors(path, {{"h", ref.to(at::kHalf)}, {"b", ref.to(at::kBFloat16)}});
  const auto back = loadSafetensors(path);
  CHECK_NEAR((back.at("h").to(at::kFloat) - ref).abs().max().item<float>(), 0.0, 3.0 / 1024);
  CHECK_NEAR((back.at("b").to(at::kFloat) - ref).abs().max().item<float>(), 0.0, 3.0 / 128);
  CHECK(back.at("b").equal(ref.to(at::kBFloat16)));
}

TEST(readsGoldenTinyBackbone) {
  const std::string path = std::string(SEVILA_TEST_DATA) + "/golden/tiny-a/model.safetensors";
  const auto file = SafetensorsFile::open(path);
  CHECK_EQ(file->names().size(), 141u);
  CHECK_EQ(file->metadata().at("format"), std::string("pt"));
  REQUIRE(file->contains("query_tokens"));
  CHECK(file->entry("query_tokens").shape == std::vector<int64_t>({1, 4, 32}));
  const at::Tensor q = file->tensor("query_tokens");
  CHECK(q.scalar_type() == at::kFloat);
  CHECK(q.sizes() == at::IntArrayRef({1, 4, 32}));
  // Values cross-checked with Python's struct module on the same file.
  CHECK_NEAR(q[0][0][0].item<float>(), -0.09319901466369629, 1e-7);
  CHECK_NEAR(q[0][0][2].item<float>(), 1.3894035816192627, 1e-7);
  CHECK_NEAR(q[0][3][31].item<float>(), -0.4790498912334442, 1e-7);
  CHECK_NEAR(q.sum().item<double>(), -0.9263875191099942, 1e-4);

  const auto ckpt = SafetensorsCheckpoint::open(std::string(SEVILA_TEST_DATA) + "/golden/tiny-a");
  CHECK_EQ(ckpt.names().size(), 141u);
  CHECK(ckpt.tensor("query_tokens").equal(q));
  CHECK_EQ(ckpt.fileOf("query_tokens"), path);
}

TEST(shardedCheckpointRoundTrip) {
  const std::string dir = tempPath("sharded");
  ::mkdir(dir.c_str(), 0755);
  const at::Tensor a = at::randn({3, 5}), b = at::randn({7}).to(at::kBFloat16), c = at::arange(4, at::kInt);
  saveSafetensors(dir + "/model-00001-of-00002.safetensors", {{"enc.a", a}, {"enc.b", b}});
  saveSafetensors(dir + "/model-00002-of-00002.safetensors", {{"dec.c", c}});
  writeBytes(dir + "/model.safetensors.index.json",
             R"({"metadata":{"total_size":64},"weight_map":{"enc.a":"model-00001-of-00002.safetensors",)"
             R"("enc.b":"model-00001-of-00002.safetensors","dec.c":"model-00002-of-00002.safetensors"}})");
  const auto ckpt = SafetensorsCheckpoint::open(dir);
  CHECK(ckpt.names() == std::vector<std::string>({"dec.c", "enc.a", "enc.b"}));
  CHECK(ckpt.tensor("enc.a").equal(a));
  CHECK(ckpt.tensor("enc.b").equal(b));
  CHECK(ckpt.tensor("dec.c").equal(c));
  CHECK(ckpt.contains("enc.b") && !ckpt.contains("enc.z"));
  CHECK_EQ(ckpt.fileOf("dec.c"), dir + "/model-00002-of-00002.safetensors");
  CHECK_THROWS_WITH(ckpt.tensor("enc.z"), "tensor 'enc.z': not in this checkpoint");
  // Opening the index file directly is the same checkpoint.
  CHECK_EQ(SafetensorsCheckpoint::open(dir + "/model.safetensors.index.json").names().size(), 3u);
}

TEST(refusesHostileShardIndexes) {
  const std::string dir = tempPath("badshards");
  ::mkdir(dir.c_str(), 0755);
  saveSafetensors(dir + "/s1.safetensors", {{"x", at::ones({2})}, {"y", at::ones({2})}});
  saveSafetensors(dir + "/s2.safetensors", {{"y", at::ones({2})}});
  saveSafetensors(tempPath("outside.safetensors"), {{"x", at::ones({2})}});
  const std::string index = dir + "/model.safetensors.index.json";
  writeBytes(index, R"({"weight_map":{"x":"../outside.safetensors"}})");
  CHECK_THROWS_WITH(SafetensorsCheckpoint::open(dir), "not a plain file name");
  CHECK_THROWS_WITH(SafetensorsCheckpoint::open(dir), index.c_str());
  writeBytes(index, R"({"weight_map":{"x":"s1.safetensors","y":"s2.safetensors"}})");
  CHECK_THROWS_WITH(SafetensorsCheckpoint::open(dir), "tensor 'y': stored in two shards");
  writeBytes(index, R"({"weight_map":{"x":"s2.safetensors"}})");
  CHECK_THROWS_WITH(SafetensorsCheckpoint::open(dir),
                    "tensor 'x': listed in shard 's2.safetensors' but that shard lacks it");
  writeBytes(index, R"({"weight_map":{"x":"missing.safetensors"}})");
  CHECK_THROWS_WITH(SafetensorsCheckpoint::open(dir), "missing.safetensors: cannot open");
  writeBytes(index, R"({"weight_map":["x"]})");
  CHECK_THROWS_WITH(SafetensorsCheckpoint::open(dir), "no 'weight_map' object");
  writeBytes(index, R"({"weight_map":{"x":"s1.safetensors",)");
  CHECK_THROWS_WITH(SafetensorsCheckpoint::open(dir), "not valid JSON");
  const std::string empty = tempPath("emptydir");
  ::mkdir(empty.c_str(), 0755);
  CHECK_THROWS_WITH(SafetensorsCheckpoint::open(empty), "holds neither model.safetensors");
}

TEST(refusesHostileFiles) {
  const std::string f32x2 = std::string(8, '\0');
  struct Case {
    const char* file;
    std::string header;
    std::string data;
    const char* fragment;
  };
  const Case cases[] = {
      {"badjson", R"({"x":{"dtype":"F32",)", f32x2, "header is not valid JSON"},
      {"notobject", R"([1,2,3])", f32x2, "header is not a JSON object"},
      {"dtype", R"({"x":{"dtype":"F8","shape":[2],"data_offsets":[0,2]}})", f32x2,
       "tensor 'x': unsupported dtype 'F8'"},
      {"mismatch", R"({"x":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}})", f32x2,
       "tensor 'x': shape [3] of F32 needs 12 bytes but data_offsets [0, 8] hold 8"},
      {"outside", R"({"x":{"dtype":"F32","shape":[100],"data_offsets":[0,400]}})", f32x2,
       "tensor 'x': data_offsets [0, 400] lie outside the data block of 8 bytes"},
      {"wrap",
       R"({"x":{"dtype":"U8","shape":[7],"data_offsets":[18446744073709551608,18446744073709551615]}})",
       f32x2, "lie outside the data block"},
      {"reversed", R"({"x":{"dtype":"U8","shape":[0],"data_offsets":[8,0]}})", f32x2,
       "ends before it begins"},
      {"overflow", R"({"x":{"dtype":"F32","shape":[4294967296,4294967296,16],"data_offsets":[0,8]}})", f32x2,
       "overflows 64 bits"},
      {"negative", R"({"x":{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}})", f32x2,
       "not a non-negative integer"},
      {"floatdim", R"({"x":{"dtype":"F32","shape":[2.0],"data_offsets":[0,8]}})", f32x2,
       "not a non-negative integer"},
      {"overlap",
       R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}})",
       std::string(12, '\0'), "overlap those of tensor 'a'"},
      {"duplicate",
       R"({"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}})",
       f32x2, "repeats the key 'a'"},
      {"metadata", R"({"__metadata__":{"format":1}})", "", "__metadata__ value of 'format' is not a string"},
      {"entrytype", R"({"x":[1,2]})", f32x2, "tensor 'x': entry is not a JSON object"},
      {"nooffsets", R"({"x":{"dtype":"F32","shape":[2]}})", f32x2, "'data_offsets' is not a pair"},
      {"extrafield", R"({"x":{"dtype":"F32","shape":[2],"data_offsets":[0,8],"evil":1}})", f32x2,
       "unknown field 'evil'"},
      {"deep", std::string(200, '[') + std::string(200, ']'), "", "nests deeper"},
  };
  for (const auto& c : cases) {
    const std::string path = rawFile(std::string(c.file) + ".safetensors", c.header, c.data);
    CHECK_THROWS_WITH(SafetensorsFile::open(path), c.fragment);
    CHECK_THROWS_WITH(SafetensorsFile::open(path), path.c_str());
  }

  // Truncated below the length field, absurd header length, header longer than the file.
  const std::string shortPath = tempPath("short.safetensors");
  writeBytes(shortPath, "abc");
  CHECK_THROWS_WITH(SafetensorsFile::open(shortPath), "shorter than the 8-byte header length");
  const std::string hugePath = tempPath("huge.safetensors");
  writeBytes(hugePath, le64(1ull << 60) + "{}");
  CHECK_THROWS_WITH(SafetensorsFile::open(hugePath), "header length 1152921504606846976 exceeds the limit");
  const std::string pastPath = tempPath("past.safetensors");
  writeBytes(pastPath, le64(1000) + "{}");
  CHECK_THROWS_WITH(SafetensorsFile::open(pastPath), "runs past the end of the 10-byte file");
  // A real file cut in the middle of its data.
  const std::string full = tempPath("cut.safetensors");
  saveSafetensors(full, {{"w", at::ones({64})}});
  std::string bytes = readBytes(full);
  writeBytes(full, bytes.substr(0, bytes.size() - 10));
  CHECK_THROWS_WITH(SafetensorsFile::open(full),
                    "tensor 'w': data_offsets [0, 256] lie outside the data block of 246");

  CHECK_THROWS_WITH(SafetensorsFile::open(tempDir()), "is a directory");
  CHECK_THROWS_WITH(SafetensorsFile::open(tempPath("nonexistent.safetensors")), "cannot open");
  // A BOOL byte that is neither 0 nor 1.
  const auto boolFile = SafetensorsFile::open(
      rawFile("bool.safetensors", R"({"m":{"dtype":"BOOL","shape":[2],"data_offsets":[0,2]}})",
              std::string("\x01\x07", 2)));
  CHECK_THROWS_WITH(boolFile->tensor("m"), "tensor 'm': BOOL byte 1 is 7");
  CHECK_THROWS_WITH(boolFile->entry("nope"), "tensor 'nope': not in this file");
  // Every refusal is the project's error type.
  bool isSevilaError = false;
  try {
    SafetensorsFile::open(hugePath);
  } catch (const sevila::Error& e) {
    isSevilaError = e.subject() == hugePath;
  }
  CHECK(isSevilaError);
}

TEST(writerRefusesBadInput) {
  CHECK_THROWS_WITH(saveSafetensors(tempPath("bad.safetensors"), {{"__metadata__", at::ones({1})}}),
                    "reserved");
  CHECK_THROWS_WITH(saveSafetensors(tempPath("bad.safetensors"), {{"c", at::ones({1}, at::kComplexFloat)}}),
                    "no safetensors equivalent");
  CHECK_THROWS_WITH(saveSafetensors(tempPath("nodir/x.safetensors"), {{"a", at::ones({1})}}),
                    "cannot create a temporary file");
}

MINITEST_MAIN
