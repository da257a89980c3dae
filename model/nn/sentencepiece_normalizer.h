// SentencePiece's text normalizer, as its normalizer.cc does it, before the unigram model sees text:
//  1. at each input position, user-defined pieces are kept verbatim (longest match); otherwise the
//     longest prefix of the input BYTES found in the precompiled charsmap's trie is replaced by its
//     normalized string (T5: nmt_nfkc, e.g. full-width forms, tabs/newlines -> ' '); otherwise one
//     UTF-8 character is copied (an invalid byte becomes U+FFFD, consuming one byte);
//  2. on the normalized OUTPUT: leading spaces dropped, runs of ' ' collapsed, trailing spaces dropped
//     (remove_extra_whitespaces); a dummy ' ' prefixed (add_dummy_prefix); ' ' written as "▁".
// The charsmap is [uint32 LE trie size][Darts-clone double array, uint32 units][NUL-separated strings].
// Immutable after construction; safe to share between threads. No torch here.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "nn/sentencepiece_model.h"

namespace sevila::nn {

class SentencePieceNormalizer {
public:
  // `userDefined` are the model's USER_DEFINED pieces (matched before normalization).
  // `subject` (the model file) names the source when the charsmap is broken.
  SentencePieceNormalizer(const SentencePieceModel::NormalizerSpec& spec, bool treatWhitespaceAsSuffix,
                          const std::vector<std::string>& userDefined, const std::string& subject);

  // The normalized, whitespace-escaped text the unigram model segments.
  std::string normalize(std::string_view input) const;

  // One step of step 1 above: the replacement for the start of `input` and how many bytes it consumes.
  std::pair<std::string_view, size_t> normalizePrefix(std::string_view input) const;

  static constexpr std::string_view kSpaceSymbol = "\xE2\x96\x81";  // "▁" U+2581

private:
  // Longest prefix of `input` in the charsmap trie: (length, value) or (0, 0) when none.
  std::pair<size_t, uint32_t> longestCharsmapMatch(std::string_view input) const;

  SentencePieceModel::NormalizerSpec m_spec;
  bool m_suffix = false;
  std::vector<uint32_t> m_trie;  // Darts-clone units
  std::string m_normalized;      // NUL-separated replacement strings
  std::unordered_set<std::string> m_userDefined;
  size_t m_userDefinedMaxLength = 0;
};

// UTF-8 helpers shared by the tokenizer (SentencePiece's string_util semantics).
namespace utf8 {
// Bytes of the character starting with this lead byte (1 for continuation/invalid lead bytes).
size_t oneCharLength(char lead);
// Length of a valid UTF-8 character at the start of `s`, or 0 when it is malformed
// (overlong, surrogate, beyond U+10FFFF, truncated).
size_t validCharLength(std::string_view s);
}  // namespace utf8

}  // namespace sevila::nn
