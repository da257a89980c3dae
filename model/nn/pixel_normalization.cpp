#include "nn/pixel_normalization.h"

#include <torch/torch.h>

#include "core/error.h"
#include "nn/shape_text.h"

namespace sevila::nn {

at::Tensor normalizePixelBytes(const at::Tensor& bytes) {
  if (bytes.dim() != 4 || bytes.size(3) != 3 || bytes.scalar_type() != at::kByte)
    throw Error("frames", "expects (T, H, W, 3) bytes, got " + shapeText(bytes.sizes()) + " " +
                              c10::toString(bytes.scalar_type()));
  const auto floats = torch::dtype(at::kFloat).device(bytes.device());
  // CLIP's mean and std (BLIP-2's image processor), as float32 like torchvision's Normalize.
  const at::Tensor mean = torch::tensor({0.48145466f, 0.4578275f, 0.40821073f}, floats).view({1, 3, 1, 1});
  const at::Tensor stdev = torch::tensor({0.26862954f, 0.26130258f, 0.27577711f}, floats).view({1, 3, 1, 1});
  return ((bytes.permute({0, 3, 1, 2}).to(at::kFloat) / 255.0f - mean) / stdev).contiguous();
}

}  // namespace sevila::nn
