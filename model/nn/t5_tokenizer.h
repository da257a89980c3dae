// T5's tokenizer as SeViLA uses it (docs/method.md §1 "Tokenizer"): SentencePiece unigram over
// spiece.model, read natively (no libsentencepiece). Ordinary text gets EOS (id 1) appended, no BOS;
// the frame prefixes "Frame: " / "Frame j: " are SentencePiece of the text without its trailing space
// plus the lone "▁" piece (what the reference's fast tokenizer produces), without EOS; prompts are cut
// to 77 tokens at the END with EOS re-appended. Immutable after load; safe to share between threads.
// No torch here.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "nn/unigram_tokenizer.h"

namespace sevila::nn {

class T5Tokenizer {
public:
  static constexpr int kMaxTextTokens = 77;  // SeViLA's max_txt_len, EOS included

  // Reads spiece.model; throws sevila::Error(path, "not a SentencePiece model: ...") for a bad file.
  static T5Tokenizer load(const std::string& path);
  // From an already-parsed model; `subject` names it in errors.
  T5Tokenizer(SentencePieceModel model, const std::string& subject);

  // SentencePiece ids of `text`, then EOS when `addEos`.
  std::vector<int64_t> encode(std::string_view text, bool addEos = true) const;
  // Ids of a frame prefix ("Frame 3: "): SentencePiece(text without trailing spaces) + id of "▁" when
  // the text ended with a space; never EOS.
  std::vector<int64_t> encodeFramePrefix(std::string_view text) const;
  // The pieces SentencePiece produces for `text` (no EOS), e.g. {"▁Frame", ":"}.
  std::vector<std::string> pieces(std::string_view text) const;
  // Text of generated ids: pad/EOS and other control pieces dropped; ids past the SentencePiece
  // vocabulary are T5's sentinels "<extra_id_N>" (the first 100) or dropped (the embedding's padding).
  std::string decode(const std::vector<int64_t>& ids) const;
  // Id of a piece ("▁yes", "</s>"), or -1 when the vocabulary has none.
  int64_t idOf(std::string_view piece) const;
  // The reference's truncation: at most `maxTokens` ids, EOS included. A longer sequence keeps its
  // first maxTokens-1 ids (its end is cut) and gets EOS re-appended. Shorter ones are unchanged.
  std::vector<int64_t> truncate(const std::vector<int64_t>& ids, int maxTokens = kMaxTextTokens) const;

  int64_t eosId() const { return m_eos; }
  int64_t padId() const { return m_pad; }
  int64_t unkId() const { return m_sp.unkId(); }
  // Number of pieces in spiece.model (T5: 32000 + the 100 sentinels give HF's 32100; the embedding
  // has 32128 rows).
  int vocabSize() const { return m_sp.size(); }

  const UnigramTokenizer& sentencePiece() const { return m_sp; }

private:
  UnigramTokenizer m_sp;
  int64_t m_eos = 1;
  int64_t m_pad = 0;
  int64_t m_space = -1;  // id of "▁"
};

}  // namespace sevila::nn
