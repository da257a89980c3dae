// The tokenizer's model file (T5's spiece.model): SentencePiece's ModelProto, read straight from the
// protobuf wire format so that no libprotobuf / libsentencepiece is linked (Debian's libsentencepiece
// crashes beside libtorch: its bundled protobuf-lite clashes with libtorch's libprotobuf). Reads the
// pieces (text, score, type), the trainer spec fields the encoder needs, and the normalizer spec (its
// precompiled charsmap holds T5's nmt_nfkc rules). Unknown fields are skipped; anything malformed
// throws sevila::Error naming the file.
// No torch here: plain C++ only.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace sevila::nn {

struct SentencePieceModel {
  // ModelProto.SentencePiece.Type
  enum class PieceType : int { Normal = 1, Unknown = 2, Control = 3, UserDefined = 4, Unused = 5, Byte = 6 };
  // TrainerSpec.ModelType
  enum class ModelType : int { Unigram = 1, Bpe = 2, Word = 3, Char = 4 };

  struct Piece {
    std::string text;
    float score = 0.0f;
    PieceType type = PieceType::Normal;
  };

  // The TrainerSpec fields that matter when encoding (defaults are the proto's).
  struct TrainerSpec {
    ModelType modelType = ModelType::Unigram;
    int vocabSize = 8000;
    int unkId = 0;
    int bosId = 1;
    int eosId = 2;
    int padId = -1;
    std::string unkPiece = "<unk>";
    std::string bosPiece = "<s>";
    std::string eosPiece = "</s>";
    std::string padPiece = "<pad>";
    std::string unkSurface = " \xE2\x81\x87 ";  // " ⁇ ", what Decode prints for <unk>
    bool byteFallback = false;
    bool treatWhitespaceAsSuffix = false;
  };

  struct NormalizerSpec {
    std::string name;
    std::string precompiledCharsmap;  // [uint32 trie bytes][Darts double array][NUL-separated strings]
    bool addDummyPrefix = true;
    bool removeExtraWhitespaces = true;
    bool escapeWhitespaces = true;
  };

  std::vector<Piece> pieces;
  TrainerSpec trainer;
  NormalizerSpec normalizer;

  // Parses serialized ModelProto bytes; `subject` (the file path) names the source in errors.
  // Checks the structure (varints, lengths, wire types, enum values), that there are pieces, none
  // empty, exactly one UNKNOWN piece, and that the model is a unigram model.
  static SentencePieceModel parse(const std::string& bytes, const std::string& subject);
  // Reads and parses a file; throws sevila::Error(path, "not a SentencePiece model: ...") or
  // (path, "cannot read ...").
  static SentencePieceModel load(const std::string& path);
};

}  // namespace sevila::nn
