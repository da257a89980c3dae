// One dataset reader (model/data/dataset_reader.h), chosen at build time by SEVILA_FUZZ_DATASET: nextqa,
// star, how2qa, tvqa, vlep or qvhighlights. Lenient (malformed rows skipped and listed) and strict.
#include <string>
#include <vector>

#include "data/dataset_reader.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string name = SEVILA_FUZZ_DATASET;
  // How2QA's reader picks its format by the file's extension: both are read.
  const std::vector<std::string> files =
      name == "how2qa" ? std::vector<std::string>{"val.csv", "val.jsonl"} : std::vector<std::string>{"val"};
  for (const auto& file : files) {
    const std::string path = sevila::fuzz::scratchFile(data, size, file);
    for (const bool strict : {false, true})
      sevila::fuzz::readOrReject([&] {
        sevila::data::ReadOptions options;
        options.strict = strict;
        (void)sevila::data::readDataset(name, path, options);
      });
  }
  return 0;
}
