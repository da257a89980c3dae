#include "nn/hugging_face_export.h"

#include "core/error.h"
#include "nn/blip2_model.h"
#include "nn/weight_names.h"

namespace sevila::nn {

std::map<std::string, at::Tensor> huggingFaceStateDict(Blip2ModelImpl& network) {
  std::map<std::string, at::Tensor> tensors;
  for (const auto& item : network.named_parameters(/*recurse=*/true)) {
    const std::string& path = item.key();
    if (path.rfind("localizer.", 0) == 0) continue;
    const auto key = checkpointKey(path, CheckpointLayout::HuggingFace);
    if (!key || key->keys.size() != 1)
      throw Error(path, "has no single Hugging Face name", "a bug: the name map should cover every weight");
    tensors[key->keys.front()] = item.value().detach().to(at::kCPU, at::kFloat).contiguous();
  }
  return tensors;
}

}  // namespace sevila::nn
