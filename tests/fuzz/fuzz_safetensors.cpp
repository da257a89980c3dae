// The safetensors reader (model/nn/safetensors.h): header length, JSON header, dtypes, shapes and data
// offsets, then every tensor it accepted, read back.
#include <ATen/core/Tensor.h>

#include "fuzz_input.h"
#include "nn/safetensors.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string path = sevila::fuzz::scratchFile(data, size, "model.safetensors");
  sevila::fuzz::readOrReject([&] {
    const auto file = sevila::nn::SafetensorsFile::open(path);
    for (const auto& name : file->names()) (void)file->tensor(name);
  });
  return 0;
}
