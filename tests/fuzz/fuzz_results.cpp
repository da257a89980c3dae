// Results JSONL: the engine's resumable results file (model/engine/results_file.h) and the reader of
// SeViLA's own results files (model/data/sevila_results.h).
#include "data/sevila_results.h"
#include "engine/results_file.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string path = sevila::fuzz::scratchFile(data, size, "results.jsonl");
  sevila::fuzz::readOrReject([&] { (void)sevila::engine::readResults(path); });
  sevila::fuzz::readOrReject([&] { (void)sevila::data::readSevilaResults(path); });
  return 0;
}
