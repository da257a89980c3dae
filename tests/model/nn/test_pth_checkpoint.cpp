// Tests of the torch.save reader (zip_archive + restricted_unpickler + pth_checkpoint): the golden
// SeViLA checkpoints, a synthetic checkpoint exercising views, dtypes and OrderedDict state dicts, and
// hostile files that must end in one sevila::Error naming the file and the reason, executing nothing.
#include <cmath>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <random>
#include <string>

#include <ATen/ATen.h>
#include <nlohmann/json.hpp>
#include <sys/stat.h>
#include <unistd.h>

#include "minitest.h"
#include "core/error.h"
#include "nn/pth_checkpoint.h"
#include "nn/zip_archive.h"
#include "zip_writer.h"

using sevila::nn::PthCheckpoint;
using sevila::nn::ZipArchive;
using testzip::Pickle;

namespace {

std::string tempDir() {
  static const std::string dir = [] {
    const std::string d = std::string(SEVILA_BINARY_DIR) + "/test_tmp/test_pth_checkpoint";
    ::mkdir((std::string(SEVILA_BINARY_DIR) + "/test_tmp").c_str(), 0755);
    ::mkdir(d.c_str(), 0755);
    return d;
  }();
  return dir;
}

std::string writeFile(const std::string& name, const std::string& bytes) {
  const std::string path = tempDir() + "/" + name;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return path;
}

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::string floatBytes(const std::vector<float>& v) {
  return std::string(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(float));
}

// A checkpoint archive "archive/..." with the given pickle and storages.
std::string writeCheckpoint(const std::string& name, const std::string& pickle,
                            const std::vector<std::pair<std::string, std::string>>& storages = {},
                            bool zip64 = true) {
  std::vector<testzip::Entry> entries{{"archive/data.pkl", pickle}};
  for (const auto& [key, data] : storages) entries.push_back({"archive/data/" + key, data});
  entries.push_back({"archive/version", "3\n"});
  return writeFile(name, testzip::build(entries, zip64));
}

bool fileExists(const std::string& path) {
  return ::access(path.c_str(), F_OK) == 0;
}

nlohmann::json readConfig(const std::string& goldenCase) {
  std::ifstream in(std::string(SEVILA_TEST_DATA) + "/golden/" + goldenCase + "/config.json");
  return nlohmann::json::parse(in);
}

void checkGoldenCase(const std::string& goldenCase, int frameNum, size_t tensorCount) {
  const std::string path = std::string(SEVILA_TEST_DATA) + "/golden/" + goldenCase + "/sevila.pth";
  const PthCheckpoint ckpt = PthCheckpoint::open(path);
  CHECK(ckpt.keys() == std::vector<std::string>({"model", "optimizer", "config", "epoch"}));
  CHECK_EQ(ckpt.at("epoch").asInt(), 3);
  const nlohmann::json config = ckpt.json("config");
  CHECK_EQ(config["model"]["arch"].get<std::string>(), std::string("sevila"));
  CHECK_EQ(config["model"]["frame_num"].get<int>(), frameNum);
  CHECK_NEAR(config["run"]["init_lr"].get<double>(), 3e-5, 1e-12);

  const nlohmann::json hf = readConfig(goldenCase);
  const int64_t Q = hf["num_query_tokens"], H = hf["qformer_config"]["hidden_size"];
  const int64_t W = hf["vision_config"]["hidden_size"], D = hf["text_config"]["d_model"];
  const int64_t layers = hf["qformer_config"]["num_hidden_layers"];
  CHECK(ckpt.at("model").get("query_tokens")->tensorSizes() == std::vector<int64_t>({1, Q, H}));
  const auto model = ckpt.stateDict("model");
  CHECK_EQ(model.size(), tensorCount);
  for (const std::string role : {"", "_loc"}) {
    REQUIRE(model.count("query_tokens" + role));
    CHECK(model.at("query_tokens" + role).sizes() == at::IntArrayRef({1, Q, H}));
    CHECK(model.at("ln_vision" + role + ".weight").sizes() == at::IntArrayRef({W}));
    CHECK(model.at("ln_vision" + role + ".bias").sizes() == at::IntArrayRef({W}));
    CHECK(model.at("t5_proj" + role + ".weight").sizes() == at::IntArrayRef({D, H}));
    CHECK(model.at("t5_proj" + role + ".bias").sizes() == at::IntArrayRef({D}));
    const std::string bert = "Qformer" + role + ".bert.";
    CHECK(model.at(bert + "embeddings.LayerNorm.weight").sizes() == at::IntArrayRef({H}));
    for (int64_t l = 0; l < layers; ++l) {
      const std::string layer = bert + "encoder.layer." + std::to_string(l) + ".";
      CHECK(model.at(layer + "attention.self.query.weight").sizes() == at::IntArrayRef({H, H}));
      CHECK(model.count(layer + "output_query.LayerNorm.bias") == 1);
    }
    CHECK(model.at(bert + "encoder.layer.0.crossattention.self.key.weight").sizes() ==
          at::IntArrayRef({H, W}));
    for (const auto& [name, t] : model) {
      CHECK(t.scalar_type() == at::kFloat);
      CHECK(at::isfinite(t).all().item<bool>());
    }
  }
  // LayerNorm weights of the vision norms start at one; the query tokens are random, not constant.
  CHECK(model.at("ln_vision.weight").eq(1.0f).all().item<bool>());
  CHECK(model.at("query_tokens").std().item<float>() > 0.1f);

  // The AdamW state: int keys, a scalar step, moments shaped like the parameters.
  const auto& optimizer = ckpt.at("optimizer");
  REQUIRE(optimizer.get("state") && optimizer.get("param_groups"));
  CHECK_EQ(optimizer.get("state")->entries().size(), tensorCount);
  const auto first = optimizer.get("state")->get(int64_t{0});
  REQUIRE(first != nullptr);
  CHECK(first->get("exp_avg")->tensor().sizes() == at::IntArrayRef({1, Q, H}));
  CHECK_EQ(first->get("step")->tensor().dim(), 0);
  CHECK_EQ(first->get("step")->tensor().item<float>(), 1.0f);
  const auto group = optimizer.get("param_groups")->items().at(0);
  CHECK_NEAR(group->get("lr")->asFloat(), 1e-4, 1e-15);
  CHECK_NEAR(group->get("betas")->items().at(1)->asFloat(), 0.999, 1e-15);
  CHECK(group->get("foreach")->is(sevila::nn::pickle::Value::Kind::None));
  CHECK_EQ(group->get("params")->items().size(), tensorCount);
  CHECK_THROWS_WITH(ckpt.json("optimizer"), "holds a tensor, not a plain value");
  CHECK_THROWS_WITH(ckpt.stateDict("optimizer"), "not a tensor");
  CHECK_THROWS_WITH(ckpt.at("nope"), "has no entry 'nope'");
}

}  // namespace

TEST(readsGoldenTinyA) {
  checkGoldenCase("tiny-a", 3, 122);
  // Values cross-checked with Python's zipfile + struct on the same file.
  const auto model =
      PthCheckpoint::open(std::string(SEVILA_TEST_DATA) + "/golden/tiny-a/sevila.pth").stateDict();
  CHECK_NEAR(model.at("query_tokens")[0][0][0].item<float>(), -0.25539878010749817, 1e-7);
  CHECK_NEAR(model.at("query_tokens")[0][0][1].item<float>(), 0.5141358971595764, 1e-7);
  CHECK_NEAR(model.at("query_tokens").sum().item<double>(), -0.9813303188420832, 1e-4);
  CHECK_NEAR(model.at("t5_proj_loc.bias")[0].item<float>(), 0.10868791490793228, 1e-7);
  CHECK_NEAR(model.at("t5_proj_loc.bias").sum().item<double>(), -0.551698949362617, 1e-4);
}

TEST(readsGoldenTinyB) {
  checkGoldenCase("tiny-b", 4, 186);
}

TEST(readsSyntheticStateDict) {
  // OrderedDict state dict with _metadata (BUILD), a Parameter, a transposed view sharing storage '0',
  // an offset view, F16 / BF16 / I64 storages, and plain values.
  Pickle p;
  p.proto().emptyDict().put(0).mark();
  p.str("model").global("collections", "OrderedDict").emptyTuple().reduce().put(1).mark();
  p.str("w").tensor("FloatStorage", "0", 6, 0, {2, 3}, {3, 1});
  p.str("wt").tensor("FloatStorage", "0", 6, 0, {3, 2}, {1, 3});
  p.str("tail").tensor("FloatStorage", "0", 6, 4, {2}, {1});
  p.str("param").global("torch._utils", "_rebuild_parameter").mark();
  p.tensor("HalfStorage", "1", 2, 0, {2}, {1})
      .newTrue()
      .global("collections", "OrderedDict")
      .emptyTuple()
      .reduce()
      .tuple()
      .reduce();
  p.str("bf").tensor("BFloat16Storage", "2", 2, 0, {2}, {1});
  p.str("ids").tensor("LongStorage", "3", 2, 0, {2}, {1});
  p.str("empty").tensor("FloatStorage", "4", 0, 0, {0, 3}, {3, 1});
  p.setitems();
  p.emptyDict().mark().str("_metadata").emptyDict().setitems().op('b');  // BUILD with a state (dropped)
  p.str("config").emptyDict().mark().str("n").long1(-5).str("f").binfloat(0.25).str("s").shortStr("héllo");
  p.str("l").emptyList().mark().int1(1).int4(-70000).newTrue().none().op('e').setitems();
  p.str("epoch").int1(7);
  p.setitems().stop();

  const std::string f16 = std::string("\x00\x3C\x00\xC0", 4);   // 1.0, -2.0
  const std::string bf16 = std::string("\x80\x3F\x49\x40", 4);  // 1.0, 3.140625
  std::string i64(16, '\0');
  const int64_t ids[2] = {-1, int64_t{1} << 40};
  std::memcpy(&i64[0], ids, 16);
  const std::string path = writeCheckpoint(
      "synthetic.pth", p.bytes(),
      {{"0", floatBytes({0, 1, 2, 3, 4, 5})}, {"1", f16}, {"2", bf16}, {"3", i64}, {"4", ""}});
  const PthCheckpoint ckpt = PthCheckpoint::open(path);
  CHECK(ckpt.at("model").isOrderedDict());
  const auto sd = ckpt.stateDict();
  REQUIRE(sd.size() == 7u);
  CHECK(sd.at("w").equal(at::arange(6, at::kFloat).reshape({2, 3})));
  CHECK(sd.at("wt").equal(at::arange(6, at::kFloat).reshape({2, 3}).t()));
  CHECK(sd.at("tail").equal(at::tensor({4.0f, 5.0f})));
  CHECK(sd.at("param").scalar_type() == at::kHalf);
  CHECK(sd.at("param").to(at::kFloat).equal(at::tensor({1.0f, -2.0f})));
  CHECK(sd.at("bf").scalar_type() == at::kBFloat16);
  CHECK(sd.at("bf").to(at::kFloat).equal(at::tensor({1.0f, 3.140625f})));
  CHECK_EQ(sd.at("ids")[1].item<int64_t>(), int64_t{1} << 40);
  CHECK(sd.at("empty").sizes() == at::IntArrayRef({0, 3}));
  const nlohmann::json config = ckpt.json("config");
  CHECK_EQ(config["n"].get<int64_t>(), -5);
  CHECK_EQ(config["f"].get<double>(), 0.25);
  CHECK_EQ(config["s"].get<std::string>(), std::string("héllo"));
  CHECK_EQ(config["l"].dump(), std::string("[1,-70000,true,null]"));
  CHECK_EQ(ckpt.at("epoch").asInt(), 7);

  // The same archive without zip64 records reads the same.
  const std::string plain =
      writeCheckpoint("synthetic32.pth", p.bytes(),
                      {{"0", floatBytes({0, 1, 2, 3, 4, 5})}, {"1", f16}, {"2", bf16}, {"3", i64}, {"4", ""}},
                      /*zip64=*/false);
  CHECK(PthCheckpoint::open(plain).stateDict().at("wt").equal(sd.at("wt")));
}

TEST(refusesOsSystemWithoutRunningIt) {
  const std::string marker = tempDir() + "/pwned_marker";
  ::unlink(marker.c_str());
  Pickle p;
  p.proto().global("os", "system").str("touch " + marker).op('\x85').reduce().stop();
  const std::string path = writeCheckpoint("os_system.pth", p.bytes());
  CHECK_THROWS_WITH(PthCheckpoint::open(path), "refuses global 'os.system'");
  CHECK_THROWS_WITH(PthCheckpoint::open(path), path.c_str());
  CHECK(!fileExists(marker));

  Pickle q;  // the same through STACK_GLOBAL, as protocol 4 would spell it
  q.proto().shortStr("posix").shortStr("system").op('\x93').str("touch " + marker).op('\x85').reduce().stop();
  CHECK_THROWS_WITH(PthCheckpoint::open(writeCheckpoint("posix_system.pth", q.bytes())),
                    "refuses global 'posix.system'");
  CHECK(!fileExists(marker));
}

TEST(refusesOtherGlobals) {
  const std::pair<const char*, const char*> refused[] = {{"builtins", "eval"},
                                                         {"subprocess", "Popen"},
                                                         {"torch.storage", "_load_from_bytes"},
                                                         {"numpy.core.multiarray", "_reconstruct"}};
  for (const auto& [module, name] : refused) {
    Pickle p;
    p.proto().global(module, name).str("1+1").op('\x85').reduce().stop();
    const std::string path = writeCheckpoint(std::string("global_") + name + ".pth", p.bytes());
    CHECK_THROWS_WITH(PthCheckpoint::open(path),
                      (std::string("refuses global '") + module + "." + name + "'").c_str());
  }
  // An allow-listed name may still not be called arbitrarily.
  Pickle s;
  s.proto().global("torch", "FloatStorage").emptyTuple().reduce().stop();
  CHECK_THROWS_WITH(PthCheckpoint::open(writeCheckpoint("call_storage.pth", s.bytes())), "not a constructor");
}

TEST(refusesBadStorages) {
  // The tensor claims 8 elements, the storage has 4.
  Pickle p;
  p.proto().emptyDict().str("w").tensor("FloatStorage", "0", 4, 0, {8}, {1}).setitem().stop();
  const std::string shortStorage =
      writeCheckpoint("short_storage.pth", p.bytes(), {{"0", floatBytes({1, 2, 3, 4})}});
  CHECK_THROWS_WITH(PthCheckpoint::open(shortStorage), "storage shorter than the tensor claims");
  // An offset pushing the tensor past the storage's end.
  Pickle o;
  o.proto().emptyDict().str("w").tensor("FloatStorage", "0", 4, 3, {2}, {1}).setitem().stop();
  CHECK_THROWS_WITH(
      PthCheckpoint::open(writeCheckpoint("offset.pth", o.bytes(), {{"0", floatBytes({1, 2, 3, 4})}})),
      "needs element 4 of storage '0', which holds only 4");
  // The pickle claims 8 elements but the archive entry holds 4.
  Pickle q;
  q.proto().emptyDict().str("w").tensor("FloatStorage", "0", 8, 0, {8}, {1}).setitem().stop();
  CHECK_THROWS_WITH(
      PthCheckpoint::open(writeCheckpoint("short_entry.pth", q.bytes(), {{"0", floatBytes({1, 2, 3, 4})}})),
      "storage '0' holds 16 bytes but the pickle claims 8 elements");
  // The storage entry is missing.
  CHECK_THROWS_WITH(PthCheckpoint::open(writeCheckpoint("no_storage.pth", q.bytes())),
                    "storage '0' is missing");
  // A huge element count must not allocate.
  Pickle h;
  h.proto().emptyDict().str("w").tensor("FloatStorage", "0", int64_t{1} << 61, 0, {8}, {1}).setitem().stop();
  CHECK_THROWS_WITH(PthCheckpoint::open(writeCheckpoint("huge.pth", h.bytes(), {{"0", floatBytes({1, 2})}})),
                    "storage shorter than its tensors claim");
}

TEST(refusesMalformedPickles) {
  struct Case {
    const char* name;
    std::string pickle;
    const char* fragment;
  };
  Pickle inst, noStop, cut, recursive, deep, emptyPop, badMemo, longInt;
  inst.proto().op('i').raw("os\nsystem\n", 10).stop();
  noStop.proto().emptyDict();
  cut.proto().op('X').raw("\xff\xff\xff\x7f", 4).raw("abc", 3);
  recursive.proto().emptyList().put(0).get(0).op('a').stop();
  deep.proto();
  for (int i = 0; i < 100; ++i) deep.emptyList();
  for (int i = 0; i < 99; ++i) deep.op('a');
  deep.stop();
  emptyPop.proto().op('s').stop();
  badMemo.proto().get(9).stop();
  longInt.proto().op('\x8a').raw("\x09", 1).raw("123456789", 9).stop();
  const Case cases[] = {
      {"opcode", inst.bytes(), "pickle opcode 0x69 ('i') is not supported"},
      {"nostop", noStop.bytes(), "ends without STOP"},
      {"cut", cut.bytes(), "ends inside an opcode's argument"},
      {"recursive", recursive.bytes(), "inside itself"},
      {"deep", deep.bytes(), "nests containers deeper than 64"},
      {"emptypop", emptyPop.bytes(), "pops from an empty stack"},
      {"badmemo", badMemo.bytes(), "memo slot 9 that was never written"},
      {"longint", longInt.bytes(), "does not fit in 64 bits"},
  };
  for (const auto& c : cases) {
    const std::string path = writeCheckpoint(std::string("pickle_") + c.name + ".pth", c.pickle);
    CHECK_THROWS_WITH(PthCheckpoint::open(path), c.fragment);
    CHECK_THROWS_WITH(PthCheckpoint::open(path), path.c_str());
  }
}

TEST(refusesBrokenArchives) {
  const std::string golden = readFile(std::string(SEVILA_TEST_DATA) + "/golden/tiny-a/sevila.pth");
  REQUIRE(golden.size() > 1000);
  const std::string truncated = writeFile("truncated.pth", golden.substr(0, golden.size() / 2));
  CHECK_THROWS_WITH(PthCheckpoint::open(truncated), "no end-of-central-directory record");
  CHECK_THROWS_WITH(PthCheckpoint::open(writeFile("cut1.pth", golden.substr(0, golden.size() - 1))),
                    "not a zip archive");

  std::mt19937 rng(42);
  std::string noise(4096, '\0');
  for (auto& c : noise) c = static_cast<char>(rng() & 0xff);
  noise[0] = 'x';
  CHECK_THROWS_WITH(PthCheckpoint::open(writeFile("random.pth", noise)), "not a zip archive");
  CHECK_THROWS_WITH(PthCheckpoint::open(writeFile("tiny.pth", "PK")), "too short to be a zip archive");
  CHECK_THROWS_WITH(PthCheckpoint::open(writeFile("legacy.pth", std::string("\x80\x02\x8a\x0a", 4) + noise)),
                    "legacy");
  CHECK_THROWS_WITH(PthCheckpoint::open(tempDir()), "is a directory");
  CHECK_THROWS_WITH(PthCheckpoint::open(tempDir() + "/absent.pth"), "cannot open");

  Pickle ok;
  ok.proto().emptyDict().stop();
  CHECK_THROWS_WITH(PthCheckpoint::open(writeFile("nopkl.pth", testzip::build({{"archive/version", "3\n"}}))),
                    "holds no <dir>/data.pkl");
  CHECK_THROWS_WITH(
      PthCheckpoint::open(writeFile("deflated.pth", testzip::build({{"archive/data.pkl", ok.bytes(), 8}}))),
      "entry 'archive/data.pkl' is compressed (method 8)");
  CHECK_THROWS_WITH(PthCheckpoint::open(
                        writeFile("badcrc.pth", testzip::build({{"archive/data.pkl", ok.bytes(), 0, true}}))),
                    "fails its CRC-32 check");
  CHECK_THROWS_WITH(
      PthCheckpoint::open(writeFile(
          "dup.pth", testzip::build({{"archive/data.pkl", ok.bytes()}, {"archive/data.pkl", ok.bytes()}}))),
      "appears twice");
  CHECK(PthCheckpoint::open(writeFile("ok.pth", testzip::build({{"archive/data.pkl", ok.bytes()}})))
            .keys()
            .empty());

  // A central directory whose entry points its data past the end of the file.
  std::string zip = testzip::build({{"archive/data.pkl", ok.bytes()}}, /*zip64=*/true);
  const size_t central = zip.find(std::string("PK\x01\x02", 4));
  REQUIRE(central != std::string::npos);
  const size_t extraSizes =
      central + 46 + std::string("archive/data.pkl").size() + 4;  // zip64 extra: size, csize, offset
  for (int i = 0; i < 8; ++i) zip[extraSizes + i] = zip[extraSizes + 8 + i] = (i == 4 ? '\x01' : '\0');
  CHECK_THROWS_WITH(PthCheckpoint::open(writeFile("pastend.pth", zip)), "run past the end");
}

TEST(checksStorageCrcWhenReadingTensors) {
  Pickle p;
  p.proto().emptyDict().str("w").tensor("FloatStorage", "0", 4, 0, {4}, {1}).setitem().stop();
  const std::string path =
      writeFile("storage_crc.pth", testzip::build({{"archive/data.pkl", p.bytes()},
                                                   {"archive/data/0", floatBytes({1, 2, 3, 4}), 0, true}}));
  const PthCheckpoint ckpt = PthCheckpoint::open(path);  // data is not read yet
  CHECK(ckpt.at("w").tensorSizes() == std::vector<int64_t>({4}));
  CHECK(ckpt.at("w").tensorDtype() == at::kFloat);
  CHECK_THROWS_WITH(ckpt.stateDict(""), "entry 'archive/data/0' fails its CRC-32 check");
}

TEST(zipArchiveListsGoldenEntries) {
  const auto zip = ZipArchive::open(std::string(SEVILA_TEST_DATA) + "/golden/tiny-a/sevila.pth");
  CHECK_EQ(zip->entries().size(), 490u);
  REQUIRE(zip->find("sevila/version") != nullptr);
  const auto version = zip->read("sevila/version");
  CHECK_EQ(std::string(reinterpret_cast<const char*>(version.data), version.size), std::string("3\n"));
  CHECK_EQ(zip->find("sevila/data/0")->size, 512u);
  CHECK_EQ(sevila::nn::zipCrc32(reinterpret_cast<const unsigned char*>("123456789"), 9), 0xCBF43926u);
  // The slice-by-8 CRC agrees with the bitwise one of the test's zip writer at every length and offset.
  std::mt19937 rng(7);
  std::string bytes(1000, '\0');
  for (auto& c : bytes) c = static_cast<char>(rng() & 0xff);
  for (size_t len : {0u, 1u, 7u, 8u, 9u, 63u, 999u})
    for (size_t off : {0u, 1u, 3u}) {
      const std::string part = bytes.substr(off, len);
      CHECK_EQ(sevila::nn::zipCrc32(reinterpret_cast<const unsigned char*>(part.data()), part.size()),
               testzip::crc32(part));
    }
}

MINITEST_MAIN
