// CLIP's normalisation of decoded frames on whatever device holds them: a GPU is handed bytes (a quarter
// of the floats' size) and normalises them itself. The arithmetic is torchvision's, step by step in
// float32 (x / 255, then (x - mean) / std), so every device gives the CPU's numbers.
#pragma once

#include <ATen/core/Tensor.h>

namespace sevila::nn {

// (T, H, W, 3) uint8 RGB -> (T, 3, H, W) float32 on the same device. Throws sevila::Error otherwise.
at::Tensor normalizePixelBytes(const at::Tensor& bytes);

}  // namespace sevila::nn
