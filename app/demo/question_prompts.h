// A dataset question's token ids in both SeViLA roles (nn/localizer.h, nn/answerer.h), built once per
// question from its item exactly as the chain builds them, and the Answerer's target.
#pragma once

#include <cstdint>
#include <vector>

namespace sevila::nn {
class SevilaModel;
}
namespace sevila::data {
struct DatasetItem;
}

namespace sevila::demo {

struct QuestionPrompts {
  std::vector<int64_t> localizerPrefix;  // "Frame: "
  std::vector<int64_t> localizerText;
  std::vector<std::vector<int64_t>> answererPrefixes;  // "Frame j: ", k of them
  std::vector<int64_t> answererText;
  std::vector<int64_t> answererTarget;  // "Option X" + EOS for the ground truth; empty without one
  int options = 0;
};

QuestionPrompts questionPrompts(const nn::SevilaModel& model, const data::DatasetItem& item, int keyframes);

}  // namespace sevila::demo
