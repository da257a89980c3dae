// The restricted unpickler alone (model/nn/restricted_unpickler.h), on raw pickle bytes: every opcode,
// the allowed globals and the depth limit. Storages resolve to nothing, as for a checkpoint without them.
#include "fuzz_input.h"
#include "nn/restricted_unpickler.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  sevila::fuzz::readOrReject([&] {
    (void)sevila::nn::pickle::unpickle(
        data, size, "fuzz.pkl",
        [](const std::string& key, at::ScalarType,
           int64_t) -> std::shared_ptr<const sevila::nn::pickle::StorageSource> {
          throw sevila::Error("fuzz.pkl", "no storage " + key);
        });
  });
  return 0;
}
