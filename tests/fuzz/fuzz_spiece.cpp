// SentencePiece models (spiece.model, model/nn/sentencepiece_model.h) and the T5 tokenizer built from
// one, which then encodes and decodes a question.
#include "fuzz_input.h"
#include "nn/t5_tokenizer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string path = sevila::fuzz::scratchFile(data, size, "spiece.model");
  sevila::fuzz::readOrReject([&] {
    const auto tokenizer = sevila::nn::T5Tokenizer::load(path);
    const auto ids = tokenizer.encode("What colour is the star? Option A: red.");
    (void)tokenizer.decode(ids);
  });
  return 0;
}
