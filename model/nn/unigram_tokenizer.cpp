#include "nn/unigram_tokenizer.h"

#include <algorithm>
#include <cfloat>
#include <cstdio>
#include <unordered_map>

#include "core/error.h"

namespace sevila::nn {

namespace {
using PieceType = SentencePieceModel::PieceType;

// A byte trie over the pieces Viterbi may use (NORMAL, USER_DEFINED, UNUSED), walked one byte at a
// time exactly like SentencePiece's Darts trie: a path that leaves the trie ends the search.
class ByteTrie {
public:
  ByteTrie() : m_nodes(1) {}

  void insert(std::string_view key, int value) {
    int node = 0;
    for (char ch : key) node = childOrCreate(node, static_cast<uint8_t>(ch));
    m_nodes[node].value = value;
  }
  // Child of `node` by `byte`, or -1.
  int child(int node, uint8_t byte) const {
    const auto& kids = m_nodes[node].children;
    const auto it = std::lower_bound(kids.begin(), kids.end(), std::make_pair(byte, 0));
    return it != kids.end() && it->first == byte ? it->second : -1;
  }
  int value(int node) const { return m_nodes[node].value; }

private:
  struct Node {
    int value = -1;
    std::vector<std::pair<uint8_t, int>> children;  // sorted by byte
  };
  int childOrCreate(int node, uint8_t byte) {
    const int existing = child(node, byte);
    if (existing >= 0) return existing;
    const int created = static_cast<int>(m_nodes.size());
    m_nodes.emplace_back();
    auto& kids = m_nodes[node].children;
    kids.insert(std::lower_bound(kids.begin(), kids.end(), std::make_pair(byte, 0)), {byte, created});
    return created;
  }
  std::vector<Node> m_nodes;
};

std::string byteToPiece(uint8_t b) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "<0x%02X>", b);
  return buf;
}

// "<0xAB>" -> 0xAB, or -1.
int pieceToByte(const std::string& piece) {
  if (piece.size() != 6 || piece.compare(0, 3, "<0x") != 0 || piece[5] != '>') return -1;
  int v = 0;
  for (int i = 3; i < 5; ++i) {
    const char c = piece[i];
    v <<= 4;
    if (c >= '0' && c <= '9')
      v |= c - '0';
    else if (c >= 'A' && c <= 'F')
      v |= c - 'A' + 10;
    else if (c >= 'a' && c <= 'f')
      v |= c - 'a' + 10;
    else
      return -1;
  }
  return v;
}
}  // namespace

struct UnigramTokenizer::State {
  State(SentencePieceModel m, const std::string& subject)
      : model(std::move(m)),
        normalizer(model.normalizer, model.trainer.treatWhitespaceAsSuffix, userDefinedOf(model), subject) {}

  static std::vector<std::string> userDefinedOf(const SentencePieceModel& m) {
    std::vector<std::string> out;
    for (const auto& p : m.pieces)
      if (p.type == PieceType::UserDefined) out.push_back(p.text);
    return out;
  }

  SentencePieceModel model;
  SentencePieceNormalizer normalizer;
  ByteTrie trie;
  std::unordered_map<std::string, int> normalIds;    // NORMAL, USER_DEFINED, UNUSED
  std::unordered_map<std::string, int> reservedIds;  // CONTROL, UNKNOWN, BYTE
  std::vector<int> byteIds = std::vector<int>(256, -1);
  int unkId = -1;
  float minScore = FLT_MAX;
  float maxScore = FLT_MIN;  // as SentencePiece initialises it (the smallest positive float)
};

UnigramTokenizer::UnigramTokenizer(SentencePieceModel model, const std::string& subject) {
  auto state = std::make_shared<State>(std::move(model), subject);
  const auto& pieces = state->model.pieces;
  const auto bad = [&](const std::string& why) {
    return Error(subject, "not a SentencePiece model: " + why);
  };
  for (size_t i = 0; i < pieces.size(); ++i) {
    const auto& p = pieces[i];
    const int id = static_cast<int>(i);
    const bool normalKind =
        p.type == PieceType::Normal || p.type == PieceType::UserDefined || p.type == PieceType::Unused;
    (normalKind ? state->normalIds : state->reservedIds).emplace(p.text, id);
    if (normalKind) state->trie.insert(p.text, id);
    if (p.type == PieceType::Unknown) state->unkId = id;
    if (p.type == PieceType::Normal) {
      state->minScore = std::min(state->minScore, p.score);
      state->maxScore = std::max(state->maxScore, p.score);
    }
    if (p.type == PieceType::Byte) {
      if (!state->model.trainer.byteFallback) throw bad("byte piece " + p.text + " without byte_fallback");
      const int b = pieceToByte(p.text);
      if (b < 0) throw bad("byte piece " + p.text + " is invalid");
      state->byteIds[b] = id;
    }
  }
  if (state->unkId < 0) throw bad("no unknown piece");
  if (state->model.trainer.byteFallback &&
      std::find(state->byteIds.begin(), state->byteIds.end(), -1) != state->byteIds.end())
    throw bad("byte_fallback is set but not all 256 byte pieces exist");
  m_state = std::move(state);
}

std::vector<UnigramTokenizer::Token> UnigramTokenizer::segment(std::string_view normalized) const {
  const State& s = *m_state;
  const auto& pieces = s.model.pieces;
  struct BestPath {
    int id = -1;
    float score = 0.0f;
    long startsAt = -1;
  };
  const long size = static_cast<long>(normalized.size());
  const float unkScore = s.minScore - kUnkPenalty;
  std::vector<BestPath> best(static_cast<size_t>(size) + 1);

  long startsAt = 0;
  while (startsAt < size) {
    const float scoreHere = best[startsAt].score;
    bool hasSingleNode = false;
    const long charLength =
        std::min<long>(static_cast<long>(utf8::oneCharLength(normalized[startsAt])), size - startsAt);
    int node = 0;
    for (long keyPos = startsAt; keyPos < size;) {
      node = s.trie.child(node, static_cast<uint8_t>(normalized[keyPos]));
      ++keyPos;
      if (node < 0) break;
      const int id = s.trie.value(node);
      if (id < 0) continue;
      const auto type = pieces[id].type;
      if (type == PieceType::Unused) continue;
      const long length = keyPos - startsAt;
      // SentencePiece computes this in double (the user-defined bonus subtracts a double 0.1) and
      // compares the double sum with the stored float; reproduce that for identical tie-breaking.
      const double score = type == PieceType::UserDefined
                               ? static_cast<double>(static_cast<float>(length) * s.maxScore) - 0.1
                               : static_cast<double>(pieces[id].score);
      const double candidate = score + static_cast<double>(scoreHere);
      BestPath& target = best[keyPos];
      if (target.startsAt == -1 || candidate > static_cast<double>(target.score)) {
        target.score = static_cast<float>(candidate);
        target.startsAt = startsAt;
        target.id = id;
      }
      if (!hasSingleNode && length == charLength) hasSingleNode = true;
    }
    if (!hasSingleNode) {
      BestPath& target = best[startsAt + charLength];
      const float candidate = unkScore + scoreHere;
      if (target.startsAt == -1 || candidate > target.score) {
        target.score = candidate;
        target.startsAt = startsAt;
        target.id = s.unkId;
      }
    }
    startsAt += charLength;
  }

  std::vector<Token> out;
  for (long endsAt = size; endsAt > 0;) {
    const BestPath& node = best[endsAt];
    if (node.startsAt < 0 || node.startsAt >= endsAt)
      throw Error("tokenizer", "internal error: broken Viterbi path");
    out.push_back({std::string(normalized.substr(node.startsAt, endsAt - node.startsAt)), node.id});
    endsAt = node.startsAt;
  }
  std::reverse(out.begin(), out.end());
  return out;
}

std::vector<UnigramTokenizer::Token> UnigramTokenizer::encode(std::string_view text) const {
  const State& s = *m_state;
  const std::string normalized = s.normalizer.normalize(text);
  std::vector<Token> out;
  bool prevUnk = false;
  for (auto& token : segment(normalized)) {
    const bool unk = token.id == s.unkId;
    if (unk && s.model.trainer.byteFallback) {
      for (char c : token.piece) {
        const auto b = static_cast<uint8_t>(c);
        out.push_back({byteToPiece(b), s.byteIds[b]});
      }
    } else if (unk && prevUnk) {
      out.back().piece += token.piece;  // runs of unknown characters become one <unk>
    } else {
      out.push_back(std::move(token));
    }
    prevUnk = unk;
  }
  return out;
}

std::string UnigramTokenizer::decode(const std::vector<int>& ids) const {
  const State& s = *m_state;
  const auto& spec = s.model.normalizer;
  const std::string_view space = SentencePieceNormalizer::kSpaceSymbol;
  std::string text;
  std::string pendingBytes;
  const auto flushBytes = [&] {
    std::string_view b(pendingBytes);
    while (!b.empty()) {
      const size_t n = utf8::validCharLength(b);
      if (n == 0) {
        text += "\xEF\xBF\xBD";
        b.remove_prefix(1);
      } else {
        text.append(b.substr(0, n));
        b.remove_prefix(n);
      }
    }
    pendingBytes.clear();
  };
  bool isBosWs = true;
  bool bosWsSeen = false;
  for (const int id : ids) {
    if (id < 0 || id >= size())
      throw Error("token id " + std::to_string(id),
                  "outside the vocabulary of " + std::to_string(size()) + " pieces");
    const auto& piece = s.model.pieces[id];
    if (piece.type == PieceType::Byte) {
      pendingBytes.push_back(static_cast<char>(pieceToByte(piece.text)));
      continue;
    }
    flushBytes();
    if (bosWsSeen || !text.empty()) isBosWs = false;
    bosWsSeen = false;
    if (piece.type == PieceType::Control) continue;
    if (piece.type == PieceType::Unknown) {
      text += s.model.trainer.unkSurface;
      continue;
    }
    std::string_view p(piece.text);
    if (isBosWs && (spec.addDummyPrefix || spec.removeExtraWhitespaces)) {
      if (p.substr(0, space.size()) == space) {
        p.remove_prefix(space.size());
        bosWsSeen = !spec.removeExtraWhitespaces;
      }
    }
    for (size_t i = 0; i < p.size();) {
      if (p.compare(i, space.size(), space) == 0) {
        text.push_back(' ');
        i += space.size();
      } else {
        text.push_back(p[i++]);
      }
    }
  }
  flushBytes();
  return text;
}

int UnigramTokenizer::pieceToId(std::string_view piece) const {
  const std::string key(piece);
  if (auto it = m_state->reservedIds.find(key); it != m_state->reservedIds.end()) return it->second;
  if (auto it = m_state->normalIds.find(key); it != m_state->normalIds.end()) return it->second;
  return -1;
}

const std::string& UnigramTokenizer::idToPiece(int id) const {
  if (id < 0 || id >= size())
    throw Error("token id " + std::to_string(id),
                "outside the vocabulary of " + std::to_string(size()) + " pieces");
  return m_state->model.pieces[id].text;
}

int UnigramTokenizer::size() const {
  return static_cast<int>(m_state->model.pieces.size());
}
int UnigramTokenizer::unkId() const {
  return m_state->unkId;
}
bool UnigramTokenizer::isControl(int id) const {
  return id >= 0 && id < size() && m_state->model.pieces[id].type == PieceType::Control;
}
bool UnigramTokenizer::isUnknown(int id) const {
  return id == m_state->unkId;
}
float UnigramTokenizer::minScore() const {
  return m_state->minScore;
}
float UnigramTokenizer::maxScore() const {
  return m_state->maxScore;
}
const SentencePieceModel& UnigramTokenizer::model() const {
  return m_state->model;
}
const SentencePieceNormalizer& UnigramTokenizer::normalizer() const {
  return m_state->normalizer;
}

}  // namespace sevila::nn
