// bf16 weights with f32 arithmetic, the CPU's bf16 mode. LibTorch multiplies bf16 matrices on a CPU
// without bf16 matrix units about 60 times slower than f32, yet bf16 storage halves the model's memory
// (the whole BLIP-2 fits in 8 GB). So the large matrices, the weights of every Linear and Embedding,
// stay in bf16, and each is widened to the arithmetic's type a slice at a time when it is used; all
// other parameters (norms, biases, query tokens, the patch convolution) live in the arithmetic's type.
#pragma once

#include <ATen/core/Tensor.h>
#include <c10/core/ScalarType.h>

namespace torch::nn {
class Module;
class LinearImpl;
}  // namespace torch::nn

namespace sevila::nn {

// Converts, in place, the weights of `module`'s Linear and Embedding layers to `matrices` and every
// other floating-point parameter to `rest`. Parameters keep their identity (optimisers, registrations).
void storeMatricesIn(torch::nn::Module& module, c10::ScalarType matrices, c10::ScalarType rest);

// x·Wᵀ + b computed in x's type. A weight stored narrower is widened a slice of rows at a time, so the
// extra memory is one slice (at most 64 MiB) whatever the layer's size; otherwise plain at::linear.
at::Tensor linearWidened(const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias);
at::Tensor applyLinear(const torch::nn::LinearImpl& layer, const at::Tensor& x);

}  // namespace sevila::nn
