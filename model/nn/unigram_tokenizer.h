// SentencePiece's unigram tokenizer, natively (what spm_encode computes for a unigram model):
// normalize (sentencepiece_normalizer.h), then the best segmentation of the normalized text by
// Viterbi over the piece scores (SentencePiece's optimized unigram encoder: user-defined pieces get
// length * max_score - 0.1, a character no piece covers becomes <unk> with min_score - 10), then
// runs of <unk> merged into one (or split into <0xXX> byte pieces when the model has byte fallback).
// Immutable after construction; safe to share between threads. No torch here.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "nn/sentencepiece_model.h"
#include "nn/sentencepiece_normalizer.h"

namespace sevila::nn {

class UnigramTokenizer {
public:
  struct Token {
    std::string piece;  // the piece text ("▁the"); a merged <unk> carries its normalized surface
    int id = 0;
  };

  // `subject` (the model file) names the source in errors.
  UnigramTokenizer(SentencePieceModel model, const std::string& subject);

  // Normalize + Viterbi + unknown merging, as SentencePieceProcessor::Encode.
  std::vector<Token> encode(std::string_view text) const;
  // Viterbi alone over already-normalized text (one token per lattice node, unknowns unmerged).
  std::vector<Token> segment(std::string_view normalized) const;
  // As SentencePieceProcessor::Decode: control pieces vanish, <unk> prints the unk surface (" ⁇ "),
  // byte pieces are reassembled, "▁" becomes ' ' and the dummy-prefix space is dropped.
  // Throws sevila::Error for an id outside [0, size()).
  std::string decode(const std::vector<int>& ids) const;

  // The id of a piece (exact text, e.g. "▁yes"), or -1 when the vocabulary has none.
  int pieceToId(std::string_view piece) const;
  const std::string& idToPiece(int id) const;
  int size() const;
  int unkId() const;
  bool isControl(int id) const;
  bool isUnknown(int id) const;
  float minScore() const;
  float maxScore() const;

  const SentencePieceModel& model() const;
  const SentencePieceNormalizer& normalizer() const;

  static constexpr float kUnkPenalty = 10.0f;  // SentencePiece's unigram_model.cc

private:
  struct State;
  std::shared_ptr<const State> m_state;
};

}  // namespace sevila::nn
