// Our native SentencePiece (model/nn/unigram_tokenizer) against the real one: a few thousand strings
// generated from a fixed seed are encoded by us and by Debian's `spm_encode` run as a separate process
// (libsentencepiece cannot be linked beside libtorch). Every string must give identical ids.
// Skips visibly when spm_encode is not installed (apt-get install sentencepiece).
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "minitest.h"
#include "nn/t5_tokenizer.h"

namespace fs = std::filesystem;

namespace {

const std::string kModel = std::string(SEVILA_TEST_DATA) + "/golden/tokenizer/tiny_t5.model";

std::string findSpmEncode() {
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path ? path : "/usr/bin:/usr/local/bin");
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    if (dir.empty()) continue;
    const fs::path candidate = fs::path(dir) / "spm_encode";
    std::error_code ec;
    if (fs::is_regular_file(candidate, ec)) return candidate.string();
  }
  return {};
}

// Deterministic across standard libraries: only mt19937's raw output is used.
class Rng {
public:
  explicit Rng(uint32_t seed) : m_gen(seed) {}
  size_t below(size_t n) { return static_cast<size_t>(m_gen() % n); }
  template <typename T>
  const T& pick(const std::vector<T>& v) {
    return v[below(v.size())];
  }

private:
  std::mt19937 m_gen;
};

const std::vector<std::string> kWords = {
    "Question",    "why",         "did",       "the",     "boy",     "pick",   "up",      "ball",    "Option",
    "A",           "B",           "C",         "D",       "E",       "Frame",  "frame",   "yes",     "no",
    "Considering", "information", "presented", "select",  "correct", "answer", "from",    "options", "what",
    "is",          "happening",   "video",     "man",     "woman",   "dog",    "playing", "UPPER",   "MiXeD",
    "lower",       "a",           "I",         "x",       "OK",      "don't",  "it's",    "e.g.",    "U.S.A.",
    "snowman",     "<sep>",       "balls",     "football"};
const std::vector<std::string> kPunct = {"!", "?", ".", ",", ";", ":",  "'", "\"", "(",   ")",  "[",  "]",
                                         "{", "}", "-", "_", "/", "\\", "@", "#",  "$",   "%",  "^",  "&",
                                         "*", "+", "=", "<", ">", "|",  "~", "`",  "...", "--", "?!", "\"'"};
const std::vector<std::string> kSpaces = {" ",
                                          " ",
                                          " ",
                                          "  ",
                                          "   ",
                                          "\t",
                                          " \t ",
                                          "\t\t",
                                          "\v",
                                          "\f",
                                          "\xC2\xA0" /*NBSP*/,
                                          "\xE3\x80\x80" /*ideographic space*/,
                                          "\xE2\x80\x82" /*en space*/,
                                          "\xE2\x80\x8B" /*ZWSP*/};
const std::vector<std::string> kAccents = {"caf\xC3\xA9",
                                           "na\xC3\xAFve",
                                           "\xC3\xA9",
                                           "\xC3\xB1",
                                           "\xC3\xA7",
                                           "\xC3\xB8",
                                           "\xC3\x85",
                                           "e\xCC\x81" /*e + combining acute*/,
                                           "a\xCC\x88",
                                           "o\xCC\x83\xCC\x81",
                                           "\xCC\x81" /*lone mark*/,
                                           "\xC5\x93",
                                           "\xC3\x9F" /*sharp s*/,
                                           "\xC4\xB1" /*dotless i*/,
                                           "\xE1\xBA\x9E" /*capital sharp s*/};
const std::vector<std::string> kWide = {"\xEF\xBC\xA1\xEF\xBC\xA2" /*ＡＢ*/,
                                        "\xEF\xBC\x91\xEF\xBC\x92" /*１２*/,
                                        "\xEF\xBC\x81" /*！*/,
                                        "\xEF\xBE\x83\xEF\xBD\xBD\xEF\xBE\x84" /*ﾃｽﾄ*/,
                                        "\xEF\xAC\x81" /*ﬁ*/,
                                        "\xC2\xB2" /*²*/,
                                        "\xE2\x85\xAB" /*Ⅻ*/,
                                        "\xE2\x91\xA0" /*①*/,
                                        "\xE3\x8E\x8F" /*㎏*/,
                                        "\xC2\xBD" /*½*/,
                                        "\xE2\x84\xA2" /*™*/,
                                        "\xEF\xBC\x8C" /*，*/,
                                        "\xE3\x80\x82" /*。*/,
                                        "\xE2\x80\xA6" /*…*/};
const std::vector<std::string> kCjk = {"\xE8\xA7\x86\xE9\xA2\x91" /*视频*/,
                                       "\xE9\x97\xAE\xE7\xAD\x94" /*问答*/,
                                       "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E" /*日本語*/,
                                       "\xED\x95\x9C\xEA\xB5\xAD\xEC\x96\xB4" /*한국어*/,
                                       "\xE3\x83\x86\xE3\x82\xB9\xE3\x83\x88" /*テスト*/,
                                       "\xE3\x81\x8C" /*が*/,
                                       "\xE3\x81\x8B\xE3\x82\x99" /*か+゙*/};
const std::vector<std::string> kEmoji = {
    "\xF0\x9F\x8E\xAC",
    "\xF0\x9F\x99\x82",
    "\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD" /*thumbs + skin tone*/,
    "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7" /*ZWJ family*/,
    "\xF0\x9F\x87\xAB\xF0\x9F\x87\xB7" /*flag*/,
    "\xE2\x98\x83\xEF\xB8\x8F" /*snowman + VS16*/,
    "\xE2\x98\x83"};
const std::vector<std::string> kOdd = {"\x01",
                                       "\x1F",
                                       "\x7F",
                                       "\xC2\x85" /*NEL*/,
                                       "\xC2\xAD" /*soft hyphen*/,
                                       "\xEF\xBB\xBF" /*BOM*/,
                                       "\xE2\x80\x8D" /*ZWJ*/,
                                       "\xEF\xBF\xBD" /*U+FFFD itself*/,
                                       "\xFF" /*invalid*/,
                                       "\xC3" /*truncated*/,
                                       "\xC0\xAF" /*overlong*/,
                                       "\xED\xA0\x80" /*surrogate*/,
                                       "\xF4\x90\x80\x80" /*> U+10FFFF*/,
                                       "\x80",
                                       "\r",
                                       std::string(1, '\0')};

std::string fragment(Rng& rng) {
  switch (rng.below(16)) {
    case 0:
    case 1:
    case 2:
    case 3:
    case 4:
      return rng.pick(kWords);
    case 5: {  // random letters
      std::string w;
      const size_t n = 1 + rng.below(8);
      for (size_t i = 0; i < n; ++i) w += static_cast<char>((rng.below(2) ? 'a' : 'A') + rng.below(26));
      return w;
    }
    case 6: {  // digits
      std::string d;
      const size_t n = 1 + rng.below(6);
      for (size_t i = 0; i < n; ++i) d += static_cast<char>('0' + rng.below(10));
      if (rng.below(3) == 0) d += "." + std::to_string(rng.below(100));
      return d;
    }
    case 7:
    case 8:
      return rng.pick(kPunct);
    case 9:
      return rng.pick(kAccents);
    case 10:
      return rng.pick(kWide);
    case 11:
      return rng.pick(kCjk);
    case 12:
      return rng.pick(kEmoji);
    case 13:
      return rng.pick(kOdd);
    default:
      return rng.pick(kSpaces);
  }
}

std::string sentence(Rng& rng) {
  std::string s;
  if (rng.below(5) == 0) s += rng.pick(kSpaces);  // leading whitespace
  const size_t n = 1 + rng.below(14);
  for (size_t i = 0; i < n; ++i) {
    s += fragment(rng);
    if (rng.below(3) != 0) s += rng.below(6) ? " " : rng.pick(kSpaces);
  }
  return s;
}

std::string escaped(const std::string& s) {
  std::string out;
  char buf[8];
  for (unsigned char c : s) {
    if (c < 0x20 || c == 0x7F || c >= 0x80) {
      std::snprintf(buf, sizeof buf, "\\x%02X", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

std::string joined(const std::vector<int64_t>& ids) {
  std::string out;
  for (size_t i = 0; i < ids.size(); ++i) out += (i ? " " : "") + std::to_string(ids[i]);
  return out;
}

// Protobuf wire-format writer for the synthetic models below (test-only).
class ProtoWriter {
public:
  void varint(uint64_t v) {
    while (v >= 0x80) {
      m_out.push_back(static_cast<char>((v & 0x7F) | 0x80));
      v >>= 7;
    }
    m_out.push_back(static_cast<char>(v));
  }
  void number(int field, int64_t v) {
    tag(field, 0);
    varint(static_cast<uint64_t>(v));
  }
  void bytes(int field, const std::string& b) {
    tag(field, 2);
    varint(b.size());
    m_out += b;
  }
  void real(int field, float f) {
    tag(field, 5);
    uint32_t bits;
    std::memcpy(&bits, &f, 4);
    for (int i = 0; i < 4; ++i) m_out.push_back(static_cast<char>((bits >> (8 * i)) & 0xFF));
  }
  const std::string& str() const { return m_out; }

private:
  void tag(int field, int wire) { varint((static_cast<uint64_t>(field) << 3) | wire); }
  std::string m_out;
};

std::string serialize(const sevila::nn::SentencePieceModel& m) {
  ProtoWriter model;
  for (const auto& p : m.pieces) {
    ProtoWriter piece;
    piece.bytes(1, p.text);
    piece.real(2, p.score);
    piece.number(3, static_cast<int>(p.type));
    model.bytes(1, piece.str());
  }
  ProtoWriter trainer;
  trainer.number(3, static_cast<int>(m.trainer.modelType));
  trainer.number(4, static_cast<int64_t>(m.pieces.size()));
  trainer.number(35, m.trainer.byteFallback);
  trainer.number(40, m.trainer.unkId);
  trainer.number(41, m.trainer.bosId);
  trainer.number(42, m.trainer.eosId);
  trainer.number(43, m.trainer.padId);
  model.bytes(2, trainer.str());
  ProtoWriter normalizer;
  normalizer.bytes(1, m.normalizer.name);
  if (!m.normalizer.precompiledCharsmap.empty()) normalizer.bytes(2, m.normalizer.precompiledCharsmap);
  normalizer.number(3, m.normalizer.addDummyPrefix);
  normalizer.number(4, m.normalizer.removeExtraWhitespaces);
  normalizer.number(5, m.normalizer.escapeWhitespaces);
  model.bytes(3, normalizer.str());
  return model.str();
}

std::vector<std::string> generatedTexts(uint32_t seed, size_t count) {
  std::vector<std::string> texts = {"", " ", "Frame: ", "Frame 12:", "Option A", "  leading and trailing  "};
  Rng rng(seed);
  while (texts.size() < count) texts.push_back(sentence(rng));
  return texts;
}

// Encodes `texts` with spm_encode (one process, one line per text) and with ours; returns how many
// differ and prints the first few.
size_t compareWithSpm(const std::string& spm, const std::string& modelPath,
                      const sevila::nn::UnigramTokenizer& ours, const std::vector<std::string>& texts,
                      const std::string& label) {
  const fs::path dir = fs::path(SEVILA_BINARY_DIR) / "test_tokenizer_vs_spm";
  fs::create_directories(dir);
  const fs::path input = dir / (label + "_inputs.txt");
  const fs::path output = dir / (label + "_spm_ids.txt");
  {
    std::ofstream out(input, std::ios::binary);
    for (const auto& t : texts) out << t << '\n';
  }
  const std::string command = "'" + spm + "' --model='" + modelPath + "' --output_format=id < '" +
                              input.string() + "' > '" + output.string() + "'";
  if (std::system(command.c_str()) != 0) {
    minitest::fail(__FILE__, __LINE__, "spm_encode failed: " + command);
    return texts.size();
  }
  std::ifstream in(output, std::ios::binary);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  if (lines.size() != texts.size()) {
    minitest::fail(__FILE__, __LINE__,
                   "spm_encode wrote " + std::to_string(lines.size()) + " lines for " +
                       std::to_string(texts.size()) + " inputs");
    return texts.size();
  }
  // spm_decode (same package) turns spm's ids back into text: our decode must agree.
  const fs::path decodedPath = dir / (label + "_spm_decoded.txt");
  const std::string decodeCommand = "'" + (fs::path(spm).parent_path() / "spm_decode").string() +
                                    "' --model='" + modelPath + "' --input_format=id < '" + output.string() +
                                    "' > '" + decodedPath.string() + "'";
  REQUIRE(std::system(decodeCommand.c_str()) == 0);
  std::ifstream decodedIn(decodedPath, std::ios::binary);
  std::vector<std::string> decoded;
  for (std::string line; std::getline(decodedIn, line);) decoded.push_back(line);
  REQUIRE(decoded.size() == texts.size());

  size_t differing = 0, decodeDiffering = 0, tokens = 0, unknown = 0;
  for (size_t i = 0; i < texts.size(); ++i) {
    std::vector<int64_t> ids;
    std::vector<int> intIds;
    for (const auto& t : ours.encode(texts[i])) {
      ids.push_back(t.id);
      intIds.push_back(t.id);
    }
    tokens += ids.size();
    for (auto id : ids) unknown += id == ours.unkId() ? 1 : 0;
    const std::string mine = joined(ids);
    if (mine != lines[i] && ++differing <= 10)
      std::fprintf(stderr, "  differs: \"%s\"\n    ours: %s\n    spm:  %s\n", escaped(texts[i]).c_str(),
                   mine.c_str(), lines[i].c_str());
    const std::string text = ours.decode(intIds);
    if (text != decoded[i] && ++decodeDiffering <= 10)
      std::fprintf(stderr, "  decode differs: ids %s\n    ours: \"%s\"\n    spm:  \"%s\"\n", mine.c_str(),
                   escaped(text).c_str(), escaped(decoded[i]).c_str());
  }
  std::printf(
      "  [%s] compared %zu strings (%zu tokens, %zu <unk>) with spm_encode: %zu identical, %zu differ; "
      "decoded with spm_decode: %zu identical, %zu differ\n",
      label.c_str(), texts.size(), tokens, unknown, texts.size() - differing, differing,
      texts.size() - decodeDiffering, decodeDiffering);
  return differing + decodeDiffering;
}

}  // namespace

TEST(matchesSpmEncodeOnGeneratedText) {
  const std::string spm = findSpmEncode();
  if (spm.empty())
    SKIP("spm_encode not installed (apt-get install sentencepiece); nothing to compare against");
  const auto tokenizer = sevila::nn::T5Tokenizer::load(kModel);
  const auto texts = generatedTexts(20240611u, 4000);
  CHECK_EQ(compareWithSpm(spm, kModel, tokenizer.sentencePiece(), texts, "tiny_t5"), size_t{0});
  // T5Tokenizer::encode(text, false) is that same SentencePiece segmentation.
  for (size_t i = 0; i < 50; ++i) {
    std::vector<int64_t> viaSp;
    for (const auto& t : tokenizer.sentencePiece().encode(texts[i])) viaSp.push_back(t.id);
    CHECK(tokenizer.encode(texts[i], false) == viaSp);
  }
}

// The paths T5's model does not exercise: user-defined pieces (matched before normalization, scored
// length * max_score - 0.1), UNUSED pieces (never chosen), byte fallback (<unk> becomes <0xXX> pieces),
// and the normalizer options turned off. The models are the tiny model edited and written back.
TEST(matchesSpmEncodeOnEditedModels) {
  const std::string spm = findSpmEncode();
  if (spm.empty())
    SKIP("spm_encode not installed (apt-get install sentencepiece); nothing to compare against");
  using Model = sevila::nn::SentencePieceModel;
  const Model base = Model::load(kModel);
  const auto texts = generatedTexts(77u, 1500);

  Model edited = base;
  for (auto& p : edited.pieces) {
    if (p.text ==
            "\xE2\x96\x81"
            "the" ||
        p.text == "ll")
      p.type = Model::PieceType::Unused;
    if (p.text ==
        "\xE2\x96\x81"
        "Frame")
      p = {p.text, -100.0f, Model::PieceType::UserDefined};  // promoted
  }
  for (const char* user :
       {"<sep>", "ball", "\xE8\xA7\x86\xE9\xA2\x91", "\xF0\x9F\x99\x82", "\xEF\xBC\xA1", "e\xCC\x81"})
    edited.pieces.push_back({user, -100.0f, Model::PieceType::UserDefined});  // only the bonus makes them win
  Model bytes = edited;
  bytes.trainer.byteFallback = true;
  for (int b = 0; b < 256; ++b) {
    char name[8];
    std::snprintf(name, sizeof name, "<0x%02X>", b);
    bytes.pieces.push_back({name, 0.0f, Model::PieceType::Byte});
  }
  Model raw = edited;
  raw.normalizer.addDummyPrefix = false;
  raw.normalizer.removeExtraWhitespaces = false;
  Model identity = bytes;
  identity.normalizer.name = "identity";
  identity.normalizer.precompiledCharsmap.clear();
  identity.normalizer.escapeWhitespaces = false;

  const std::pair<const char*, const Model*> variants[] = {{"user_defined_unused", &edited},
                                                           {"byte_fallback", &bytes},
                                                           {"no_dummy_prefix_keep_spaces", &raw},
                                                           {"identity_no_escape", &identity}};
  for (const auto& [label, model] : variants) {
    const fs::path dir = fs::path(SEVILA_BINARY_DIR) / "test_tokenizer_vs_spm";
    fs::create_directories(dir);
    const std::string path = (dir / (std::string(label) + ".model")).string();
    std::ofstream(path, std::ios::binary) << serialize(*model);
    const sevila::nn::UnigramTokenizer ours(Model::load(path), path);
    CHECK_EQ(compareWithSpm(spm, path, ours, texts, label), size_t{0});
  }
}

MINITEST_MAIN
