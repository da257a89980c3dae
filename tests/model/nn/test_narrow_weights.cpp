// bf16 matrices under f32 arithmetic (nn/narrow_weights.h): which parameters are narrowed, that they stay
// the same parameters, and that a narrow Linear computes what its widened weight computes, sliced or not.
#include <cstdio>
#include <string>

#include <torch/torch.h>

#include "minitest.h"
#include "nn/narrow_weights.h"

using namespace sevila::nn;

namespace {

struct Block : torch::nn::Module {
  Block() {
    embedding = register_module("embedding", torch::nn::Embedding(100, 16));
    linear = register_module("linear", torch::nn::Linear(16, 8));
    norm = register_module("norm", torch::nn::LayerNorm(torch::nn::LayerNormOptions({8})));
    tokens = register_parameter("tokens", torch::randn({1, 4, 16}));
  }
  torch::nn::Embedding embedding{nullptr};
  torch::nn::Linear linear{nullptr};
  torch::nn::LayerNorm norm{nullptr};
  at::Tensor tokens;
};

double maxScaledDiff(const at::Tensor& a, const at::Tensor& b) {
  return (a - b).abs().max().item<double>() / std::max(1.0, b.abs().max().item<double>());
}

}  // namespace

TEST(narrowsOnlyLinearAndEmbeddingWeights) {
  torch::manual_seed(0);
  Block block;
  const auto* weightImpl = block.linear->weight.unsafeGetTensorImpl();
  const at::Tensor tokensBefore = block.tokens.clone();
  storeMatricesIn(block, at::kBFloat16, at::kFloat);
  CHECK(block.embedding->weight.scalar_type() == at::kBFloat16);
  CHECK(block.linear->weight.scalar_type() == at::kBFloat16);
  CHECK(block.linear->bias.scalar_type() == at::kFloat);
  CHECK(block.norm->weight.scalar_type() == at::kFloat);
  CHECK(block.tokens.scalar_type() == at::kFloat);
  CHECK(block.tokens.equal(tokensBefore));
  // The same parameter objects: registrations and optimisers still see them.
  CHECK(block.linear->weight.unsafeGetTensorImpl() == weightImpl);
  CHECK(block.named_parameters()["linear.weight"].scalar_type() == at::kBFloat16);
  // And back: everything f32 again (bf16-rounded values, exactly representable in f32).
  const at::Tensor rounded = block.linear->weight.to(at::kFloat);
  storeMatricesIn(block, at::kFloat, at::kFloat);
  for (const auto& p : block.parameters()) CHECK(p.scalar_type() == at::kFloat);
  CHECK(block.linear->weight.equal(rounded));
}

TEST(aNarrowLinearComputesWithItsWidenedWeight) {
  torch::manual_seed(1);
  torch::NoGradGuard noGrad;
  torch::nn::Linear layer(64, 48);
  layer->weight.set_data(layer->weight.to(at::kBFloat16));
  const at::Tensor x = torch::randn({3, 5, 64});
  const at::Tensor out = applyLinear(*layer, x);
  CHECK(out.scalar_type() == at::kFloat);
  CHECK_EQ(out.sizes().vec(), (std::vector<int64_t>{3, 5, 48}));
  CHECK(out.equal(at::linear(x, layer->weight.to(at::kFloat), layer->bias)));
  // Same types: exactly the layer's own forward.
  torch::nn::Linear wide(64, 48);
  CHECK(applyLinear(*wide, x).equal(wide->forward(x)));
  // A weight wider than x is not narrowed behind the caller's back: applyLinear refuses it, as the layer's
  // own forward does (their wording differs, and varies with the LibTorch version; under CUDA autocast
  // both run).
  const at::Tensor narrowX = x.to(at::kBFloat16);
  const auto refusal = [](const auto& call) -> std::string {
    try {
      call();
    } catch (const std::exception& e) {
      const std::string what = e.what();
      return what.substr(0, what.find('\n'));
    }
    return {};
  };
  const std::string ours = refusal([&] { applyLinear(*wide, narrowX); });
  std::printf("  wider weight, narrower input: \"%s\"\n", ours.c_str());
  CHECK(!ours.empty());
  CHECK(!refusal([&] { wide->forward(narrowX); }).empty());
}

TEST(aLargeNarrowLinearIsWidenedInSlices) {
  torch::manual_seed(2);
  torch::NoGradGuard noGrad;
  // 9000 x 2048 = 18.4 Mi elements: more than one 16 Mi-element slice, and a short last one.
  const at::Tensor w = torch::randn({9000, 2048}).mul_(0.02).to(at::kBFloat16);
  const at::Tensor b = torch::randn({9000});
  const at::Tensor x = torch::randn({2, 3, 2048});
  const at::Tensor sliced = linearWidened(x, w, b);
  const at::Tensor whole = at::linear(x, w.to(at::kFloat), b);
  CHECK_EQ(sliced.sizes().vec(), (std::vector<int64_t>{2, 3, 9000}));
  const double diff = maxScaledDiff(sliced, whole);
  std::printf("  sliced vs whole: scaled difference %.3e\n", diff);
  CHECK(diff < 1e-6);
  // No bias either.
  CHECK(maxScaledDiff(linearWidened(x, w, at::Tensor()), at::linear(x, w.to(at::kFloat))) < 1e-6);
}

TEST(gradientsReachANarrowWeight) {
  torch::manual_seed(3);
  torch::nn::Linear layer(8, 4);
  layer->weight.set_data(layer->weight.detach().to(at::kBFloat16));
  const at::Tensor x = torch::randn({2, 8});
  applyLinear(*layer, x).sum().backward();
  CHECK(layer->weight.grad().defined());
  CHECK(layer->weight.grad().scalar_type() == at::kBFloat16);
  // d(sum)/dW = column sums of x, rounded to bf16.
  const at::Tensor expected = x.sum(0).unsqueeze(0).expand({4, 8}).to(at::kBFloat16);
  CHECK(layer->weight.grad().equal(expected));
}

MINITEST_MAIN
