#include "nn/narrow_weights.h"

#include <algorithm>
#include <unordered_set>
#include <vector>

#include <torch/torch.h>

namespace sevila::nn {

void storeMatricesIn(torch::nn::Module& module, c10::ScalarType matrices, c10::ScalarType rest) {
  torch::NoGradGuard noGrad;
  std::unordered_set<const c10::TensorImpl*> large;
  const auto mark = [&](const torch::nn::Module& m) {
    if (const auto* linear = m.as<torch::nn::LinearImpl>())
      large.insert(linear->weight.unsafeGetTensorImpl());
    else if (const auto* embedding = m.as<torch::nn::EmbeddingImpl>())
      large.insert(embedding->weight.unsafeGetTensorImpl());
  };
  mark(module);  // (modules(true) would need `module` owned by a shared_ptr)
  for (const auto& m : module.modules(/*include_self=*/false)) mark(*m);
  for (auto& p : module.parameters(/*recurse=*/true)) {
    const auto wanted = large.count(p.unsafeGetTensorImpl()) ? matrices : rest;
    if (p.is_floating_point() && p.scalar_type() != wanted) p.set_data(p.to(wanted));
  }
}

at::Tensor linearWidened(const at::Tensor& x, const at::Tensor& w, const at::Tensor& bias) {
  const auto type = x.scalar_type();
  // Only a weight narrower than x is widened here. The same type, or a wider weight (CUDA autocast
  // casts it down itself), is at::linear exactly as a Linear's own forward.
  if (w.scalar_type() == type || c10::promoteTypes(w.scalar_type(), type) != type)
    return at::linear(x, w, bias);
  const at::Tensor b = bias.defined() ? bias.to(type) : at::Tensor();  // w: (out, in)
  constexpr int64_t kSliceElements = int64_t{1} << 24;                 // 64 MiB of f32
  const int64_t out = w.size(0),
                rows = std::max<int64_t>(1, kSliceElements / std::max<int64_t>(1, w.size(1)));
  if (rows >= out) return at::linear(x, w.to(type), b);
  std::vector<at::Tensor> parts;
  for (int64_t r = 0; r < out; r += rows) {
    const int64_t n = std::min(rows, out - r);
    parts.push_back(
        at::linear(x, w.narrow(0, r, n).to(type), b.defined() ? b.narrow(0, r, n) : at::Tensor()));
  }
  return at::cat(parts, -1);  // (..., out)
}

at::Tensor applyLinear(const torch::nn::LinearImpl& layer, const at::Tensor& x) {
  return linearWidened(x, layer.weight, layer.bias);
}

}  // namespace sevila::nn
