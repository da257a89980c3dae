// BLIP-2 config.json (model/nn/config.h), in both flavours' rules.
#include <string>

#include "fuzz_input.h"
#include "nn/config.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  for (const auto flavour : {sevila::nn::Flavour::Lavis, sevila::nn::Flavour::Hf})
    sevila::fuzz::readOrReject([&] { (void)sevila::nn::parseBlip2Config(text, "config.json", flavour); });
  return 0;
}
