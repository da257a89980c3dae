// T5Tokenizer (model/nn/t5_tokenizer) on the golden tokenizer cases: exact pieces and ids with and
// without EOS, SeViLA's frame prefixes, truncation to 77 with EOS re-appended, decoding, and files that
// are not SentencePiece models (each must give one clear error naming the file, never a crash).
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "minitest.h"
#include "core/error.h"
#include "nn/t5_tokenizer.h"

namespace fs = std::filesystem;
using sevila::nn::T5Tokenizer;

namespace {

const std::string kDir = std::string(SEVILA_TEST_DATA) + "/golden/tokenizer";
const std::string kModel = kDir + "/tiny_t5.model";

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

fs::path scratch(const std::string& name) {
  const fs::path dir = fs::path(SEVILA_BINARY_DIR) / "test_t5_tokenizer";
  fs::create_directories(dir);
  return dir / name;
}

std::string writeScratch(const std::string& name, const std::string& bytes) {
  const fs::path p = scratch(name);
  std::ofstream(p, std::ios::binary) << bytes;
  return p.string();
}

std::vector<int64_t> ids(std::initializer_list<int64_t> v) {
  return v;
}

// Expects loading `path` to throw sevila::Error whose subject is the path and whose text says why.
void expectRejected(const std::string& path, const char* fragment) {
  try {
    (void)T5Tokenizer::load(path);
    minitest::fail(__FILE__, __LINE__, "loading " + path + " did not throw");
  } catch (const sevila::Error& e) {
    CHECK_EQ(e.subject(), path);
    if (!std::strstr(e.what(), fragment))
      minitest::fail(__FILE__, __LINE__, std::string("message lacks '") + fragment + "': " + e.what());
  }
}

}  // namespace

TEST(loadsTinyModelWithT5SpecialIds) {
  const auto tok = T5Tokenizer::load(kModel);
  CHECK_EQ(tok.vocabSize(), 191);
  CHECK_EQ(tok.padId(), 0);
  CHECK_EQ(tok.eosId(), 1);
  CHECK_EQ(tok.unkId(), 2);
  CHECK_EQ(tok.idOf("<pad>"), 0);
  CHECK_EQ(tok.idOf("</s>"), 1);
  CHECK_EQ(tok.idOf("\xE2\x96\x81"), 3);
  CHECK_EQ(tok.idOf("\xE2\x96\x81"
                    "Frame"),
           37);
  CHECK_EQ(tok.idOf("\xE2\x96\x81"
                    "Option"),
           11);
  CHECK_EQ(tok.idOf("no such piece"), -1);
  CHECK_EQ(tok.sentencePiece().model().normalizer.name, std::string("nmt_nfkc"));
}

TEST(reproducesEveryGoldenCase) {
  const auto tok = T5Tokenizer::load(kModel);
  const auto cases = nlohmann::json::parse(readFile(kDir + "/tokenizer_cases.json"));
  REQUIRE(cases["eos_id"].get<int64_t>() == tok.eosId());
  REQUIRE(cases["vocab_size"].get<int>() == tok.vocabSize());
  int checked = 0;
  for (const auto& c : cases["cases"]) {
    const auto text = c["text"].get<std::string>();
    const auto noEos = c["ids_no_eos"].get<std::vector<int64_t>>();
    const auto withEos = c["ids_with_eos"].get<std::vector<int64_t>>();
    const auto pieces = c["pieces"].get<std::vector<std::string>>();
    const auto gotNoEos = tok.encode(text, false);
    const auto gotWithEos = tok.encode(text);
    const auto gotPieces = tok.pieces(text);
    if (gotNoEos != noEos || gotWithEos != withEos || gotPieces != pieces)
      minitest::fail(__FILE__, __LINE__, "golden case differs: \"" + text + "\"");
    CHECK_EQ(gotWithEos.back(), int64_t{1});
    ++checked;
  }
  std::printf("  %d golden cases identical\n", checked);
  CHECK_EQ(checked, 20);
}

TEST(mergesRunsOfUnknownCharacters) {
  const auto tok = T5Tokenizer::load(kModel);
  // 'U', 'P', 'P' are not in the tiny vocabulary: one <unk> covering "UPP", as SentencePiece does.
  CHECK(tok.encode("UPPER", false) == ids({3, 2, 82, 2}));
  CHECK(tok.pieces("UPPER") == (std::vector<std::string>{"\xE2\x96\x81", "UPP", "E", "R"}));
  CHECK(tok.encode("emoji \xF0\x9F\x8E\xAC\xF0\x9F\x99\x82", false) == ids({3, 7, 158, 6, 2, 122, 3, 2}));
}

TEST(normalizesLikeNmtNfkc) {
  const auto tok = T5Tokenizer::load(kModel);
  // Tabs and newlines are spaces, runs collapse, leading/trailing whitespace is dropped.
  CHECK(tok.encode("\t a  \n", false) == tok.encode("a", false));
  // Full-width letters are their ASCII forms.
  CHECK(tok.encode("\xEF\xBC\xA1", false) == tok.encode("A", false));
  // e + combining acute composes to é (piece 83).
  CHECK(tok.encode("e\xCC\x81", false) == tok.encode("\xC3\xA9", false));
  CHECK(tok.encode("", true) == ids({1}));
  CHECK(tok.encode("   ", true) == ids({1}));
}

TEST(buildsFramePrefixesAsTheReference) {
  const auto tok = T5Tokenizer::load(kModel);
  // docs/method.md §1: "Frame: " -> [▁Frame, :, ▁], "Frame j: " -> [▁Frame, ▁j, :, ▁], no EOS.
  CHECK(tok.encodeFramePrefix("Frame: ") == ids({37, 5, 3}));
  CHECK(tok.encodeFramePrefix("Frame 1: ") == ids({37, 123, 5, 3}));
  CHECK(tok.encodeFramePrefix("Frame 12: ") == ids({37, 123, 145, 5, 3}));
  for (int j = 1; j <= 32; ++j) {
    const std::string body = "Frame " + std::to_string(j) + ":";
    auto expected = tok.encode(body, false);
    expected.push_back(3);
    CHECK(tok.encodeFramePrefix(body + " ") == expected);
  }
  // Plain SentencePiece drops the trailing space; without one, the prefix is plain SentencePiece.
  CHECK(tok.encode("Frame: ", false) == ids({37, 5}));
  CHECK(tok.encodeFramePrefix("Frame:") == ids({37, 5}));
}

TEST(truncatesTheEndAndReappendsEos) {
  const auto tok = T5Tokenizer::load(kModel);
  std::string prompt = "Question: why did the boy pick up the ball?";
  for (int i = 0; i < 5; ++i) prompt += " Option " + std::string(1, char('A' + i)) + ": he wants to play";
  prompt +=
      " Considering the information presented in the frame, select the correct answer from the options.";
  const auto full = tok.encode(prompt);
  REQUIRE(full.size() > 77);
  const auto cut = tok.truncate(full, 77);
  CHECK_EQ(cut.size(), size_t{77});
  CHECK_EQ(cut.back(), int64_t{1});
  CHECK(std::equal(cut.begin(), cut.end() - 1, full.begin()));  // the start survives, the end is lost
  CHECK(tok.truncate(full) == cut);                             // 77 is the default
  // Sequences that fit are unchanged, including exactly 77.
  const std::vector<int64_t> exact(full.begin(), full.begin() + 77);
  CHECK(tok.truncate(exact, 77) == exact);
  const auto shortIds = tok.encode("yes");
  CHECK(tok.truncate(shortIds, 77) == shortIds);
  // 78 -> 77: the last content token goes, EOS stays.
  std::vector<int64_t> seventyEight(full.begin(), full.begin() + 77);
  seventyEight.push_back(1);
  const auto t78 = tok.truncate(seventyEight, 77);
  CHECK_EQ(t78.size(), size_t{77});
  CHECK_EQ(t78[75], full[75]);
  CHECK_EQ(t78[76], int64_t{1});
  CHECK_THROWS_WITH(tok.truncate(full, 0), "at least 1");
}

TEST(decodesIds) {
  const auto tok = T5Tokenizer::load(kModel);
  CHECK_EQ(tok.decode(tok.encode("the ball")), std::string("the ball"));
  CHECK_EQ(tok.decode(tok.encode("Option A: he wants to play")), std::string("Option A: he wants to play"));
  CHECK_EQ(tok.decode({0, 37, 5, 1, 0}), std::string("Frame:"));
  CHECK_EQ(tok.decode({}), std::string());
  // Unknown characters print SentencePiece's " ⁇ "; sentinel ids past the vocabulary are named as T5's.
  CHECK_EQ(tok.decode(tok.encode("a\xE2\x98\x83")), std::string("a \xE2\x81\x87 "));
  CHECK_EQ(tok.decode({191}), std::string("<extra_id_99>"));
  CHECK_EQ(tok.decode({290}), std::string("<extra_id_0>"));
  CHECK_EQ(tok.decode({4273}), std::string());  // embedding padding rows decode to nothing
}

TEST(rejectsFilesThatAreNotModels) {
  const std::string real = readFile(kModel);
  REQUIRE(real.size() > 1000);

  expectRejected(writeScratch("empty.model", ""), "not a SentencePiece model: the file is empty");
  expectRejected(writeScratch("text.model", "This is a README, not a tokenizer.\nLine two.\n"),
                 "not a SentencePiece model");
  expectRejected(writeScratch("json.model", "{\"model\": \"tiny_t5.model\", \"pad_id\": 0}\n"),
                 "not a SentencePiece model");
  expectRejected((fs::path(SEVILA_BINARY_DIR) / "no_such_dir" / "spiece.model").string(), "cannot open");

  // Random bytes, fixed seed, many lengths: every one is rejected with the file named.
  std::mt19937 gen(7);
  for (int i = 0; i < 200; ++i) {
    std::string bytes(1 + gen() % 4096, '\0');
    for (auto& b : bytes) b = static_cast<char>(gen() & 0xFF);
    expectRejected(writeScratch("random.model", bytes), "not a SentencePiece model");
  }

  // A real model cut short anywhere: inside a field, or exactly between fields.
  for (size_t cut : {size_t{1}, size_t{7}, size_t{100}, real.size() / 3, real.size() / 2, real.size() - 1000,
                     real.size() - 1}) {
    expectRejected(writeScratch("truncated.model", real.substr(0, cut)), "not a SentencePiece model");
  }
  for (size_t cut = 1; cut < real.size(); cut += 4999)
    expectRejected(writeScratch("truncated.model", real.substr(0, cut)), "not a SentencePiece model");
}

TEST(survivesCorruptedModels) {
  // Flipped bytes anywhere in a real model (pieces, specs, the charsmap's trie): loading either
  // throws sevila::Error or gives a tokenizer that encodes without crashing or hanging.
  const std::string real = readFile(kModel);
  std::mt19937 gen(11);
  int rejected = 0, loaded = 0;
  for (int i = 0; i < 150; ++i) {
    std::string bytes = real;
    const int flips = 1 + static_cast<int>(gen() % 8);
    // Half the runs hit the first 4 KB (pieces and their lengths), the rest anywhere (mostly the charsmap).
    const size_t span = i % 2 ? bytes.size() : 4096;
    for (int f = 0; f < flips; ++f) bytes[gen() % span] = static_cast<char>(gen() & 0xFF);
    const std::string path = writeScratch("corrupt.model", bytes);
    try {
      const auto tok = T5Tokenizer::load(path);
      ++loaded;
      const auto encoded =
          tok.encode("Question: why did the boy pick up the ball? \xEF\xBC\xA1 caf\xC3\xA9 \xE2\x98\x83");
      CHECK(!encoded.empty());
      (void)tok.decode(encoded);
    } catch (const sevila::Error& e) {
      ++rejected;
      CHECK_EQ(e.subject(), path);
    }
  }
  std::printf("  corrupted models: %d rejected, %d loaded and encoded\n", rejected, loaded);
  CHECK_EQ(rejected + loaded, 150);
}

MINITEST_MAIN
