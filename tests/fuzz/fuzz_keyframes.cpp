// keyframes.jsonl import (model/data/keyframe_labels.h): every record validated, then written back and
// read again, which must give the same records.
#include "data/keyframe_labels.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  sevila::fuzz::readOrReject([&] {
    const auto records = sevila::data::parseKeyframeLabels(text, "keyframes.jsonl");
    const auto again =
        sevila::data::parseKeyframeLabels(sevila::data::writeKeyframeLabels(records), "rewritten.jsonl");
    if (again.size() != records.size()) __builtin_trap();  // what was accepted must round-trip
  });
  return 0;
}
