// What every fuzz target shares: libFuzzer's entry point, a scratch file for readers that take a path,
// and the rule that a reader may reject bytes only with sevila::Error. Any other exception escapes
// LLVMFuzzerTestOneInput, which libFuzzer (and the corpus replay) reports as a finding.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "core/error.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace sevila::fuzz {

// Writes the input to `name` in a scratch folder of this process and returns its path (rewritten on
// every call: one input at a time).
std::string scratchFile(const uint8_t* data, size_t size, const std::string& name);
// A scratch folder of this process, emptied on every call.
std::string scratchFolder();

// Runs `read`; a sevila::Error is a clean rejection, anything else propagates.
template <typename Read>
void readOrReject(Read&& read) {
  try {
    read();
  } catch (const sevila::Error&) {
  }
}

}  // namespace sevila::fuzz
