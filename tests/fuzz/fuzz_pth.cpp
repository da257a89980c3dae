// SeViLA .pth checkpoints (model/nn/pth_checkpoint.h): the zip container, the restricted unpickler over
// data.pkl and the storages it names, then the state dict under "model".
#include "fuzz_input.h"
#include "nn/pth_checkpoint.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string path = sevila::fuzz::scratchFile(data, size, "checkpoint.pth");
  sevila::fuzz::readOrReject([&] {
    const auto checkpoint = sevila::nn::PthCheckpoint::open(path);
    (void)checkpoint.keys();
    if (checkpoint.contains("model")) (void)checkpoint.stateDict("model");
  });
  return 0;
}
