// The fixed-shape passes (nn/pass_graphs.h): prompts padded to buckets and gathered from token ids and
// visual tokens give the Localizer's logits and the Answerer's two steps of the unpadded passes, for
// several keyframe counts and prompt lengths across buckets; too long a prompt falls back to the eager
// pass. On a CPU the padded passes run eagerly; with SEVILA_TEST_DEVICE=cuda on a CUDA build they are
// captured as CUDA graphs and replayed (tests/cuda/run.sh), and the same checks hold.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <ATen/Context.h>
#include <torch/torch.h>

#include "golden_sevila_case.h"
#include "minitest.h"
#include "test_device_choice.h"
#include "nn/answerer.h"
#include "nn/device.h"
#include "nn/localizer.h"
#include "nn/pass_graphs.h"
#include "nn/sevila_model.h"

using namespace sevila::nn;

namespace {

const GoldenSevilaCase& golden() {
  static const GoldenSevilaCase c("tiny-a", testDevice());
  return c;
}

// The golden model with passGraphs on (same network).
std::shared_ptr<const SevilaModel> withGraphs() {
  static const auto m = [] {
    SevilaOptions o = golden().model->options();
    o.passGraphs = true;
    return std::make_shared<const SevilaModel>(golden().model->networkPtr(), std::nullopt, o);
  }();
  return m;
}

double maxDiff(const at::Tensor& a, const at::Tensor& b) {
  return (a.to(at::kDouble) - b.to(at::kDouble)).abs().max().item<double>();
}

using V = std::vector<int64_t>;

}  // namespace

TEST(bucketsAreMultiplesOf32) {
  CHECK_EQ(PassGraphs::bucketLength(0), int64_t{32});
  CHECK_EQ(PassGraphs::bucketLength(1), int64_t{32});
  CHECK_EQ(PassGraphs::bucketLength(32), int64_t{32});
  CHECK_EQ(PassGraphs::bucketLength(33), int64_t{64});
  CHECK_EQ(PassGraphs::bucketLength(225), int64_t{256});
  if (!PassGraphs::supported()) {
    std::printf("  this build has no CUDA graphs: replaying is refused, the padded passes run eagerly\n");
    CHECK_THROWS_WITH(PassGraphs(true), "no CUDA graphs");
  }
}

TEST(theModelHoldsPassGraphsOnlyWhenAsked) {
  CHECK(golden().model->passGraphs() == nullptr);
  PassGraphs* graphs = withGraphs()->passGraphs();
  CHECK(graphs != nullptr);
  CHECK_EQ(graphs->replaying(), golden().model->network().device().is_cuda() && PassGraphs::supported());
}

TEST(localizerPaddedEqualsUnpadded) {
  torch::NoGradGuard g;
  const auto prefix = golden().ids("sevila.frame_prefix_ids"), text = golden().ids("sevila.loc_text_ids");
  const auto& image = golden().image;
  // Prompt lengths in different buckets: 2 + Q + 14 and with 40 more ids.
  V longer = text;
  longer.insert(longer.begin(), 40, 5);
  for (const V& t : {text, longer}) {
    const auto eager = localize(*golden().model, image, prefix, t, golden().model->options());
    const auto padded = localize(*withGraphs(), image, prefix, t, withGraphs()->options());
    const double d = maxDiff(padded.firstLogits, eager.firstLogits);
    std::printf("  Localizer, %zu text ids: padded vs unpadded max|d| %.3e\n", t.size(), d);
    CHECK(d < 1e-4);
    CHECK(padded.keyframes == eager.keyframes);
    CHECK(padded.firstLogits.device().is_cpu() && padded.firstLogits.scalar_type() == at::kFloat);
  }
  // Another frame count is another shape.
  const auto three = image.narrow(0, 1, 3);
  const auto eager = localize(*golden().model, three, prefix, text, golden().model->options());
  const auto padded = localize(*withGraphs(), three, prefix, text, withGraphs()->options());
  CHECK(maxDiff(padded.firstLogits, eager.firstLogits) < 1e-4);
}

TEST(answererPaddedEqualsUnpadded) {
  torch::NoGradGuard g;
  const auto qa = golden().ids("sevila.qa_text_ids");
  const auto prefixes = golden().inputs.at("sevila.vid_prefix_ids");  // (3, 3)
  auto prefix = [&](int64_t j) {
    const auto row = prefixes[j % prefixes.size(0)].contiguous();
    return V(row.data_ptr<int64_t>(), row.data_ptr<int64_t>() + row.numel());
  };
  const auto& image = golden().image;
  double worst = 0;
  for (const std::vector<int64_t>& keyframes : {V{2}, V{0, 3}, V{1, 2, 5}, V{0, 1, 4, 5}}) {
    std::vector<V> ps;
    for (size_t j = 0; j < keyframes.size(); ++j) ps.push_back(prefix(static_cast<int64_t>(j)));
    if (keyframes.size() == 4) ps[3].push_back(7);  // prefixes of different lengths ("Frame 10: ")
    for (const int options : {5, 3}) {
      const auto eager =
          answer(*golden().model, image, keyframes, ps, qa, options, golden().model->options());
      const auto padded = answer(*withGraphs(), image, keyframes, ps, qa, options, withGraphs()->options());
      worst = std::max({worst, maxDiff(padded.letterLogits, eager.letterLogits),
                        maxDiff(padded.step0Logits, eager.step0Logits)});
      CHECK_EQ(padded.answer, eager.answer);
      CHECK_EQ(padded.step0Token, eager.step0Token);
      CHECK(padded.letterProbs.sizes() == eager.letterProbs.sizes());
    }
  }
  std::printf("  Answerer, 1-4 keyframes, 5 and 3 options: padded vs unpadded max|d| %.3e\n", worst);
  CHECK(worst < 1e-4);
  if (withGraphs()->passGraphs()->replaying()) {
    std::printf("  %lld graphs captured\n",
                static_cast<long long>(withGraphs()->passGraphs()->graphsCaptured()));
    CHECK(withGraphs()->passGraphs()->graphsCaptured() >= 4);
  }
}

TEST(tooLongAPromptFallsBackToTheEagerPass) {
  torch::NoGradGuard g;
  const auto prefix = golden().ids("sevila.frame_prefix_ids");
  V text(600, 5);
  text.back() = 1;
  PassGraphs eagerGraphs(false);
  CHECK(!eagerGraphs.localizerLogits(golden().model->network(),
                                     golden().model->network().visualTokens(golden().image, Role::Localizer),
                                     prefix, text));
  // Through the model: the same result as without graphs.
  const auto eager = localize(*golden().model, golden().image, prefix, text, golden().model->options());
  const auto viaGraphs = localize(*withGraphs(), golden().image, prefix, text, withGraphs()->options());
  CHECK(viaGraphs.firstLogits.equal(eager.firstLogits));
  // Bad ids are refused as on the eager path.
  CHECK_THROWS_WITH(
      localize(*withGraphs(), golden().image, prefix, V({5, 99999, 1}), withGraphs()->options()),
      "outside the vocabulary");
  CHECK_THROWS_WITH(answer(*withGraphs(), golden().image, {0}, {V{}}, text, 5, withGraphs()->options()),
                    "no token ids");
}

TEST(trainingModeAndAutogradRunTheEagerPass) {
  auto& network = golden().model->network();
  const auto prefix = golden().ids("sevila.frame_prefix_ids"), text = golden().ids("sevila.loc_text_ids");
  PassGraphs graphs(false);
  at::Tensor tokens;
  {
    torch::NoGradGuard g;
    tokens = network.visualTokens(golden().image, Role::Localizer);
    CHECK(graphs.localizerLogits(network, tokens, prefix, text).has_value());
    network.train();  // dropout: not a fixed function of the input
    CHECK(!graphs.localizerLogits(network, tokens, prefix, text).has_value());
    network.eval();
  }
  torch::AutoGradMode grad(true);
  CHECK(!graphs.localizerLogits(network, tokens, prefix, text).has_value());
}

MINITEST_MAIN
