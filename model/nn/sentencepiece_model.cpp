#include "nn/sentencepiece_model.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <set>
#include <string_view>

#include "core/error.h"

namespace sevila::nn {
namespace {

// Thrown inside the parser; turned into sevila::Error with the file name at the top.
struct Malformed {
  std::string reason;
};

// A bounds-checked cursor over protobuf wire-format bytes.
class WireReader {
public:
  explicit WireReader(std::string_view data) : m_data(data) {}

  bool atEnd() const { return m_pos >= m_data.size(); }

  uint64_t varint() {
    uint64_t value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (m_pos >= m_data.size()) throw Malformed{"truncated varint"};
      const auto byte = static_cast<uint8_t>(m_data[m_pos++]);
      if (shift == 63 && byte > 1) throw Malformed{"varint overflows 64 bits"};
      value |= static_cast<uint64_t>(byte & 0x7F) << shift;
      if (!(byte & 0x80)) return value;
    }
    throw Malformed{"varint longer than 10 bytes"};
  }

  std::string_view bytes() {
    const uint64_t length = varint();
    if (length > m_data.size() - m_pos)
      throw Malformed{"length-delimited field runs past the end of its message"};
    const std::string_view out = m_data.substr(m_pos, static_cast<size_t>(length));
    m_pos += static_cast<size_t>(length);
    return out;
  }

  uint32_t fixed32() {
    if (m_data.size() - m_pos < 4) throw Malformed{"truncated fixed32 field"};
    uint32_t v = 0;
    for (int i = 3; i >= 0; --i) v = (v << 8) | static_cast<uint8_t>(m_data[m_pos + i]);
    m_pos += 4;
    return v;
  }

  void fixed64() {
    if (m_data.size() - m_pos < 8) throw Malformed{"truncated fixed64 field"};
    m_pos += 8;
  }

  // Reads a tag: field number and wire type. Field 0 and wire types 6/7 do not exist.
  void tag(uint32_t& field, int& wireType) {
    const uint64_t t = varint();
    field = static_cast<uint32_t>(t >> 3);
    wireType = static_cast<int>(t & 7);
    if (field == 0 || (t >> 3) > 0x1FFFFFFFu) throw Malformed{"invalid field number"};
    if (wireType > 5) throw Malformed{"invalid wire type " + std::to_string(wireType)};
  }

  // Skips one field's payload (after its tag). Groups are skipped up to their END tag.
  void skip(uint32_t field, int wireType, int depth = 0) {
    switch (wireType) {
      case 0:
        varint();
        return;
      case 1:
        fixed64();
        return;
      case 2:
        bytes();
        return;
      case 5:
        fixed32();
        return;
      case 3: {
        if (depth > 32) throw Malformed{"groups nested too deeply"};
        for (;;) {
          if (atEnd()) throw Malformed{"unterminated group"};
          uint32_t f = 0;
          int w = 0;
          tag(f, w);
          if (w == 4) {
            if (f != field) throw Malformed{"mismatched end of group"};
            return;
          }
          skip(f, w, depth + 1);
        }
      }
      default:
        throw Malformed{"unexpected end of group"};
    }
  }

private:
  std::string_view m_data;
  size_t m_pos = 0;
};

void expectWire(int wireType, int expected, const char* what) {
  if (wireType != expected) throw Malformed{std::string("field ") + what + " has the wrong wire type"};
}

float asFloat(uint32_t bits) {
  float f;
  std::memcpy(&f, &bits, sizeof f);
  return f;
}

int asInt32(uint64_t v) {
  return static_cast<int>(static_cast<int32_t>(static_cast<uint32_t>(v)));
}

SentencePieceModel::Piece parsePiece(std::string_view data) {
  SentencePieceModel::Piece piece;
  WireReader r(data);
  while (!r.atEnd()) {
    uint32_t field = 0;
    int wire = 0;
    r.tag(field, wire);
    if (field == 1) {
      expectWire(wire, 2, "piece");
      piece.text = std::string(r.bytes());
    } else if (field == 2) {
      expectWire(wire, 5, "score");
      piece.score = asFloat(r.fixed32());
    } else if (field == 3) {
      expectWire(wire, 0, "type");
      const uint64_t t = r.varint();
      if (t < 1 || t > 6) throw Malformed{"piece type " + std::to_string(t) + " is not a known type"};
      piece.type = static_cast<SentencePieceModel::PieceType>(t);
    } else {
      r.skip(field, wire);
    }
  }
  return piece;
}

SentencePieceModel::TrainerSpec parseTrainer(std::string_view data) {
  SentencePieceModel::TrainerSpec spec;
  WireReader r(data);
  while (!r.atEnd()) {
    uint32_t field = 0;
    int wire = 0;
    r.tag(field, wire);
    auto intField = [&](const char* name) {
      expectWire(wire, 0, name);
      return asInt32(r.varint());
    };
    auto boolField = [&](const char* name) {
      expectWire(wire, 0, name);
      return r.varint() != 0;
    };
    auto stringField = [&](const char* name) {
      expectWire(wire, 2, name);
      return std::string(r.bytes());
    };
    switch (field) {
      case 3: {
        const int t = intField("trainer_spec.model_type");
        if (t < 1 || t > 4) throw Malformed{"model_type " + std::to_string(t) + " is not a known type"};
        spec.modelType = static_cast<SentencePieceModel::ModelType>(t);
        break;
      }
      case 4:
        spec.vocabSize = intField("trainer_spec.vocab_size");
        break;
      case 24:
        spec.treatWhitespaceAsSuffix = boolField("trainer_spec.treat_whitespace_as_suffix");
        break;
      case 35:
        spec.byteFallback = boolField("trainer_spec.byte_fallback");
        break;
      case 40:
        spec.unkId = intField("trainer_spec.unk_id");
        break;
      case 41:
        spec.bosId = intField("trainer_spec.bos_id");
        break;
      case 42:
        spec.eosId = intField("trainer_spec.eos_id");
        break;
      case 43:
        spec.padId = intField("trainer_spec.pad_id");
        break;
      case 44:
        spec.unkSurface = stringField("trainer_spec.unk_surface");
        break;
      case 45:
        spec.unkPiece = stringField("trainer_spec.unk_piece");
        break;
      case 46:
        spec.bosPiece = stringField("trainer_spec.bos_piece");
        break;
      case 47:
        spec.eosPiece = stringField("trainer_spec.eos_piece");
        break;
      case 48:
        spec.padPiece = stringField("trainer_spec.pad_piece");
        break;
      default:
        r.skip(field, wire);
    }
  }
  return spec;
}

SentencePieceModel::NormalizerSpec parseNormalizer(std::string_view data) {
  SentencePieceModel::NormalizerSpec spec;
  WireReader r(data);
  while (!r.atEnd()) {
    uint32_t field = 0;
    int wire = 0;
    r.tag(field, wire);
    switch (field) {
      case 1:
        expectWire(wire, 2, "normalizer_spec.name");
        spec.name = std::string(r.bytes());
        break;
      case 2:
        expectWire(wire, 2, "normalizer_spec.precompiled_charsmap");
        spec.precompiledCharsmap = std::string(r.bytes());
        break;
      case 3:
        expectWire(wire, 0, "normalizer_spec.add_dummy_prefix");
        spec.addDummyPrefix = r.varint() != 0;
        break;
      case 4:
        expectWire(wire, 0, "normalizer_spec.remove_extra_whitespaces");
        spec.removeExtraWhitespaces = r.varint() != 0;
        break;
      case 5:
        expectWire(wire, 0, "normalizer_spec.escape_whitespaces");
        spec.escapeWhitespaces = r.varint() != 0;
        break;
      default:
        r.skip(field, wire);
    }
  }
  return spec;
}

SentencePieceModel parseModel(const std::string& bytes) {
  if (bytes.empty()) throw Malformed{"the file is empty"};
  SentencePieceModel model;
  bool hasTrainer = false, hasNormalizer = false;
  WireReader r(bytes);
  while (!r.atEnd()) {
    uint32_t field = 0;
    int wire = 0;
    r.tag(field, wire);
    switch (field) {
      case 1:
        expectWire(wire, 2, "pieces");
        model.pieces.push_back(parsePiece(r.bytes()));
        break;
      case 2:
        expectWire(wire, 2, "trainer_spec");
        model.trainer = parseTrainer(r.bytes());
        hasTrainer = true;
        break;
      case 3:
        expectWire(wire, 2, "normalizer_spec");
        model.normalizer = parseNormalizer(r.bytes());
        hasNormalizer = true;
        break;
      default:
        r.skip(field, wire);  // self_test_data, denormalizer_spec, extensions
    }
  }
  if (model.pieces.empty()) throw Malformed{"it has no pieces"};
  // Every SentencePiece model writes both specs after the pieces; a file cut short between fields
  // is still valid protobuf, and this is what catches it.
  if (!hasTrainer) throw Malformed{"it has no trainer_spec (is the file cut short?)"};
  if (!hasNormalizer) throw Malformed{"it has no normalizer_spec (is the file cut short?)"};
  if (model.trainer.modelType != SentencePieceModel::ModelType::Unigram)
    throw Malformed{"only unigram models are supported (model_type " +
                    std::to_string(static_cast<int>(model.trainer.modelType)) + ")"};
  int unknowns = 0;
  std::set<std::pair<bool, std::string_view>> seen;
  for (size_t i = 0; i < model.pieces.size(); ++i) {
    const auto& p = model.pieces[i];
    if (p.text.empty()) throw Malformed{"piece " + std::to_string(i) + " is empty"};
    using T = SentencePieceModel::PieceType;
    const bool normalKind = p.type == T::Normal || p.type == T::UserDefined || p.type == T::Unused;
    if (!seen.insert({normalKind, std::string_view(p.text)}).second)
      throw Malformed{"piece '" + p.text + "' is defined twice"};
    if (p.type == T::Unknown) ++unknowns;
  }
  if (unknowns != 1) throw Malformed{unknowns ? "more than one unknown piece" : "no unknown piece"};
  return model;
}

}  // namespace

SentencePieceModel SentencePieceModel::parse(const std::string& bytes, const std::string& subject) {
  try {
    return parseModel(bytes);
  } catch (const Malformed& m) {
    throw Error(subject, "not a SentencePiece model: " + m.reason,
                "expected T5's spiece.model (a SentencePiece unigram model file)");
  }
}

SentencePieceModel SentencePieceModel::load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(path, std::string("cannot open the tokenizer model: ") + std::strerror(errno));
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) throw Error(path, "cannot read the tokenizer model");
  return parse(bytes, path);
}

}  // namespace sevila::nn
