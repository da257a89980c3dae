#include "nn/t5_tokenizer.h"

#include "core/error.h"

namespace sevila::nn {

namespace {
constexpr int kSentinels = 100;  // T5's <extra_id_0..99>, ids just past the SentencePiece vocabulary
}

T5Tokenizer T5Tokenizer::load(const std::string& path) {
  return T5Tokenizer(SentencePieceModel::load(path), path);
}

T5Tokenizer::T5Tokenizer(SentencePieceModel model, const std::string& subject)
    : m_sp(std::move(model), subject) {
  const auto& trainer = m_sp.model().trainer;
  // As SentencePieceProcessor: the special ids are those of the trainer's special pieces.
  const int eos = m_sp.pieceToId(trainer.eosPiece);
  const int pad = m_sp.pieceToId(trainer.padPiece);
  if (eos < 0 || !m_sp.isControl(eos))
    throw Error(subject, "not a T5 tokenizer: it has no end-of-sequence piece '" + trainer.eosPiece + "'");
  m_eos = eos;
  m_pad = pad >= 0 && m_sp.isControl(pad) ? pad : trainer.padId;
  m_space = m_sp.pieceToId(SentencePieceNormalizer::kSpaceSymbol);
}

std::vector<int64_t> T5Tokenizer::encode(std::string_view text, bool addEos) const {
  std::vector<int64_t> ids;
  for (const auto& token : m_sp.encode(text)) ids.push_back(token.id);
  if (addEos) ids.push_back(m_eos);
  return ids;
}

std::vector<int64_t> T5Tokenizer::encodeFramePrefix(std::string_view text) const {
  size_t end = text.size();
  while (end > 0 && text[end - 1] == ' ') --end;
  std::vector<int64_t> ids = encode(text.substr(0, end), false);
  if (end < text.size()) {
    if (m_space < 0)
      throw Error("tokenizer", "the vocabulary has no lone \"\xE2\x96\x81\" piece for the frame prefix");
    ids.push_back(m_space);
  }
  return ids;
}

std::vector<std::string> T5Tokenizer::pieces(std::string_view text) const {
  std::vector<std::string> out;
  for (auto& token : m_sp.encode(text)) out.push_back(std::move(token.piece));
  return out;
}

std::string T5Tokenizer::decode(const std::vector<int64_t>& ids) const {
  std::string text;
  std::vector<int> run;
  const auto flush = [&] {
    text += m_sp.decode(run);
    run.clear();
  };
  for (const int64_t id : ids) {
    if (id >= 0 && id < m_sp.size()) {
      run.push_back(static_cast<int>(id));
    } else if (id >= m_sp.size() && id < m_sp.size() + kSentinels) {
      flush();
      text += "<extra_id_" + std::to_string(m_sp.size() + kSentinels - 1 - id) + ">";
    }
  }
  flush();
  return text;
}

int64_t T5Tokenizer::idOf(std::string_view piece) const {
  return m_sp.pieceToId(piece);
}

std::vector<int64_t> T5Tokenizer::truncate(const std::vector<int64_t>& ids, int maxTokens) const {
  if (maxTokens < 1) throw Error("max tokens", "must be at least 1 (EOS)");
  if (ids.size() <= static_cast<size_t>(maxTokens)) return ids;
  std::vector<int64_t> out(ids.begin(), ids.begin() + (maxTokens - 1));
  out.push_back(m_eos);
  return out;
}

}  // namespace sevila::nn
