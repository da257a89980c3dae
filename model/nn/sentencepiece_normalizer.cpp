#include "nn/sentencepiece_normalizer.h"

#include <algorithm>

#include "core/error.h"

namespace sevila::nn {

namespace utf8 {

size_t oneCharLength(char lead) {
  static const uint8_t kLength[16] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 3, 4};
  return kLength[static_cast<uint8_t>(lead) >> 4];
}

size_t validCharLength(std::string_view s) {
  if (s.empty()) return 0;
  const auto b = [&](size_t i) { return static_cast<uint32_t>(static_cast<uint8_t>(s[i])); };
  const auto trail = [&](size_t i) { return (b(i) & 0xC0) == 0x80; };
  const auto validCodepoint = [](uint32_t c) { return c < 0xD800 || (c >= 0xE000 && c <= 0x10FFFF); };
  const uint32_t lead = b(0);
  if (lead < 0x80) return 1;
  if (s.size() >= 2 && (lead & 0xE0) == 0xC0) {
    const uint32_t cp = ((lead & 0x1F) << 6) | (b(1) & 0x3F);
    return trail(1) && cp >= 0x80 && validCodepoint(cp) ? 2 : 0;
  }
  if (s.size() >= 3 && (lead & 0xF0) == 0xE0) {
    const uint32_t cp = ((lead & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F);
    return trail(1) && trail(2) && cp >= 0x800 && validCodepoint(cp) ? 3 : 0;
  }
  if (s.size() >= 4 && (lead & 0xF8) == 0xF0) {
    const uint32_t cp = ((lead & 0x07) << 18) | ((b(1) & 0x3F) << 12) | ((b(2) & 0x3F) << 6) | (b(3) & 0x3F);
    return trail(1) && trail(2) && trail(3) && cp >= 0x10000 && validCodepoint(cp) ? 4 : 0;
  }
  return 0;
}

}  // namespace utf8

namespace {
constexpr std::string_view kReplacementChar = "\xEF\xBF\xBD";  // U+FFFD

// Darts-clone unit accessors.
inline bool hasLeaf(uint32_t u) {
  return (u >> 8) & 1;
}
inline uint32_t value(uint32_t u) {
  return u & ((1U << 31) - 1);
}
inline uint32_t label(uint32_t u) {
  return u & ((1U << 31) | 0xFF);
}
inline uint32_t offset(uint32_t u) {
  return (u >> 10) << ((u & (1U << 9)) >> 6);
}
}  // namespace

SentencePieceNormalizer::SentencePieceNormalizer(const SentencePieceModel::NormalizerSpec& spec,
                                                 bool treatWhitespaceAsSuffix,
                                                 const std::vector<std::string>& userDefined,
                                                 const std::string& subject)
    : m_spec(spec), m_suffix(treatWhitespaceAsSuffix) {
  for (const auto& piece : userDefined) {
    m_userDefined.insert(piece);
    m_userDefinedMaxLength = std::max(m_userDefinedMaxLength, piece.size());
  }
  const std::string& blob = spec.precompiledCharsmap;
  m_spec.precompiledCharsmap.clear();
  if (blob.empty()) return;  // e.g. the "identity" normalizer
  const auto broken = [&](const std::string& why) {
    return Error(subject, "not a SentencePiece model: the normalizer's precompiled charsmap " + why);
  };
  if (blob.size() <= 4) throw broken("is too short");
  const auto byte = [&](size_t i) { return static_cast<uint32_t>(static_cast<uint8_t>(blob[i])); };
  const uint32_t trieSize = byte(0) | (byte(1) << 8) | (byte(2) << 16) | (byte(3) << 24);
  if (trieSize > blob.size() - 4) throw broken("has a trie larger than itself");
  if (trieSize % 4 != 0 || trieSize == 0) throw broken("has a trie that is not whole 32-bit units");
  m_trie.resize(trieSize / 4);
  for (size_t i = 0; i < m_trie.size(); ++i) {
    const size_t at = 4 + 4 * i;
    m_trie[i] = byte(at) | (byte(at + 1) << 8) | (byte(at + 2) << 16) | (byte(at + 3) << 24);
  }
  m_normalized = blob.substr(4 + trieSize);
  // Every leaf value must point at a NUL-terminated string inside the strings blob; checking it here
  // keeps normalize() free of checks on the hot path.
  if (m_normalized.empty() || m_normalized.back() != '\0') m_normalized.push_back('\0');
}

std::pair<size_t, uint32_t> SentencePieceNormalizer::longestCharsmapMatch(std::string_view input) const {
  size_t bestLength = 0;
  uint32_t bestValue = 0;
  if (m_trie.empty()) return {0, 0};
  const size_t units = m_trie.size();
  size_t node = offset(m_trie[0]);
  for (size_t i = 0; i < input.size(); ++i) {
    const auto c = static_cast<uint8_t>(input[i]);
    node ^= c;
    if (node >= units) break;
    const uint32_t unit = m_trie[node];
    if (label(unit) != c) break;
    node ^= offset(unit);
    if (node >= units) break;
    if (hasLeaf(unit)) {
      bestLength = i + 1;
      bestValue = value(m_trie[node]);
    }
  }
  return {bestLength, bestValue};
}

std::pair<std::string_view, size_t> SentencePieceNormalizer::normalizePrefix(std::string_view input) const {
  if (input.empty()) return {{}, 0};
  // User-defined pieces pass through unnormalized (SentencePiece's PrefixMatcher).
  if (m_userDefinedMaxLength > 0) {
    for (size_t len = std::min(m_userDefinedMaxLength, input.size()); len > 0; --len) {
      if (m_userDefined.count(std::string(input.substr(0, len)))) return {input.substr(0, len), len};
    }
  }
  const auto [length, val] = longestCharsmapMatch(input);
  if (length > 0) {
    if (val >= m_normalized.size()) return {kReplacementChar, length};  // hostile charsmap: out of range
    const char* s = m_normalized.data() + val;
    return {std::string_view(s), length};  // NUL-terminated: the blob ends with '\0'
  }
  const size_t n = utf8::validCharLength(input);
  if (n == 0) return {kReplacementChar, 1};  // malformed UTF-8: U+FFFD, one byte consumed
  return {input.substr(0, n), n};
}

std::string SentencePieceNormalizer::normalize(std::string_view input) const {
  std::string out;
  if (input.empty()) return out;
  const bool removeExtra = m_spec.removeExtraWhitespaces;
  const std::string_view space = m_spec.escapeWhitespaces ? kSpaceSymbol : std::string_view(" ");

  // Leading whitespace (judged on the normalized form) is dropped.
  if (removeExtra) {
    while (!input.empty()) {
      const auto [text, consumed] = normalizePrefix(input);
      if (text != " ") break;
      input.remove_prefix(consumed);
    }
  }
  if (input.empty()) return out;

  out.reserve(input.size() * 3);
  if (!m_suffix && m_spec.addDummyPrefix) out.append(space);

  bool prevSpace = removeExtra;
  while (!input.empty()) {
    auto [text, consumed] = normalizePrefix(input);
    if (prevSpace) {
      while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    }
    if (!text.empty()) {
      for (char c : text) {
        if (m_spec.escapeWhitespaces && c == ' ')
          out.append(kSpaceSymbol);
        else
          out.push_back(c);
      }
      prevSpace = text.back() == ' ';
    }
    input.remove_prefix(consumed);
    if (!removeExtra) prevSpace = false;
  }

  if (removeExtra) {
    while (out.size() >= space.size() && out.compare(out.size() - space.size(), space.size(), space) == 0)
      out.resize(out.size() - space.size());
  }
  if (m_suffix && m_spec.addDummyPrefix) out.append(space);
  return out;
}

}  // namespace sevila::nn
