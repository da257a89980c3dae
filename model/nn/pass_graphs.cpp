#include "nn/pass_graphs.h"

#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

#include <torch/torch.h>

#ifdef SEVILA_CUDA_GRAPHS
#include <ATen/cuda/CUDAGraph.h>
#include <c10/cuda/CUDAGuard.h>
#include <c10/cuda/CUDAStream.h>
#include <torch/cuda.h>
#endif

#include "core/error.h"
#include "nn/blip2_model.h"

namespace sevila::nn {
namespace {

using Tensors = std::vector<at::Tensor>;
using PassFn = std::function<Tensors(const Tensors&)>;

// A prompt laid out in a bucket of S positions: the token ids of its text pieces (padding after them),
// for every position the row it takes from cat(embed(ids) (S rows), visual tokens), and the mask.
struct Layout {
  std::vector<int64_t> ids, map, mask;
  int64_t size = 0;  // S
  int64_t used = 0;  // real positions; the rest is padding
};

// pieces: text ids, each followed by `visualAfter[i]` visual tokens (taken in order).
Layout layOut(const std::vector<const std::vector<int64_t>*>& pieces,
              const std::vector<int64_t>& visualAfter) {
  Layout l;
  for (size_t i = 0; i < pieces.size(); ++i)
    l.used += static_cast<int64_t>(pieces[i]->size()) + visualAfter[i];
  l.size = PassGraphs::bucketLength(l.used);
  int64_t visual = 0;
  for (size_t i = 0; i < pieces.size(); ++i) {
    for (const int64_t id : *pieces[i]) {
      l.map.push_back(static_cast<int64_t>(l.ids.size()));
      l.ids.push_back(id);
    }
    for (int64_t v = 0; v < visualAfter[i]; ++v) l.map.push_back(l.size + visual++);
  }
  l.mask.assign(static_cast<size_t>(l.used), 1);
  while (static_cast<int64_t>(l.map.size()) < l.size) {  // padding: pad ids (0), masked out
    l.map.push_back(static_cast<int64_t>(l.ids.size()));
    l.ids.push_back(0);
    l.mask.push_back(0);
  }
  while (static_cast<int64_t>(l.ids.size()) < l.size) l.ids.push_back(0);
  return l;
}

at::Tensor longs(const std::vector<int64_t>& v, c10::Device device) {
  return torch::tensor(v, torch::dtype(at::kLong)).to(device);
}

// (R, S, D): for each of R rows, position s takes row map[s] of cat(embed(ids), visual[r]).
at::Tensor gathered(Blip2ModelImpl& network, const at::Tensor& ids, const at::Tensor& visual,
                    const at::Tensor& map) {
  const at::Tensor words =
      network.language_model->embed(ids).unsqueeze(0).expand({visual.size(0), -1, -1});  // (R, S, D)
  return torch::cat({words, visual.to(words.scalar_type())}, 1).index_select(1, map);
}

// inputs: ids (S), visual (T, Q, D), map (S), mask (S) -> first-step logits (T, V) f32.
Tensors localizerPass(Blip2ModelImpl& network, const Tensors& in) {
  auto& t5 = network.language_model;
  const at::Tensor embeds = gathered(network, in[0], in[1], in[2]);         // (T, S, D)
  const at::Tensor mask = in[3].unsqueeze(0).expand({embeds.size(0), -1});  // (T, S)
  return {t5->firstStepLogits(t5->encode(embeds, mask), mask).to(at::kFloat)};
}

// inputs: ids (S), visual (1, kQ, D), map (S), mask (S) -> step 0 logits (1, V) f32, its greedy token
// (1), step 1 logits (1, V) f32.
Tensors answererPass(Blip2ModelImpl& network, const Tensors& in) {
  auto& t5 = network.language_model;
  const at::Tensor embeds = gathered(network, in[0], in[1], in[2]);  // (1, S, D)
  const at::Tensor mask = in[3].unsqueeze(0);                        // (1, S)
  const at::Tensor encoded = t5->encode(embeds, mask);
  const at::Tensor step0 = t5->firstStepLogits(encoded, mask);  // (1, V)
  const at::Tensor token = step0.argmax(1);                     // (1)
  const at::Tensor start = torch::full({1, 1}, t5->config().decoder_start_token_id,
                                       torch::dtype(at::kLong).device(embeds.device()));
  const at::Tensor step1 = t5->decode(torch::cat({start, token.unsqueeze(1)}, 1), encoded, mask).select(1, 1);
  return {step0.to(at::kFloat), token, step1.to(at::kFloat)};
}

}  // namespace

// One captured pass: static inputs copied in, one replay, static outputs.
struct CapturedPass {
  std::mutex mutex;
  Tensors inputs, outputs;
#ifdef SEVILA_CUDA_GRAPHS
  at::cuda::CUDAGraph graph;
#endif
};

struct PassGraphs::Impl {
  std::mutex mutex;  // guards `passes` and `failure`
  std::map<std::tuple<int, int64_t, int64_t>, std::shared_ptr<CapturedPass>> passes;  // (role, rows, S)
  std::string failure;  // why a capture failed; from then on every pass runs eagerly

  // Runs `fn` on `inputs`; replaying, from the graph of `key` (captured on first use). Outputs on the CPU.
  // nullopt: replaying is off since a capture failed (the caller runs its eager pass).
  std::optional<Tensors> run(bool replay, [[maybe_unused]] const std::tuple<int, int64_t, int64_t>& key,
                             const PassFn& fn, const Tensors& inputs) {
    Tensors out;
    if (!replay) {
      out = fn(inputs);
    } else {
#ifdef SEVILA_CUDA_GRAPHS
      std::shared_ptr<CapturedPass> pass;
      {
        std::lock_guard<std::mutex> lock(mutex);
        if (!failure.empty()) return std::nullopt;
        auto it = passes.find(key);
        if (it == passes.end()) {
          try {
            it = passes.emplace(key, capture(fn, inputs)).first;
          } catch (const std::exception& e) {
            failure = e.what();
            return std::nullopt;
          }
        }
        pass = it->second;
      }
      std::lock_guard<std::mutex> lock(pass->mutex);
      for (size_t i = 0; i < inputs.size(); ++i) pass->inputs[i].copy_(inputs[i], /*non_blocking=*/false);
      pass->graph.replay();
      for (const auto& o : pass->outputs) out.push_back(o.to(at::kCPU));  // waits for the replay
      return out;
#else
      throw Error("CUDA graphs", "this build has no CUDA graphs (it was not built against a CUDA LibTorch)");
#endif
    }
    for (auto& o : out) o = o.to(at::kCPU);
    return out;
  }

#ifdef SEVILA_CUDA_GRAPHS
  static std::shared_ptr<CapturedPass> capture(const PassFn& fn, const Tensors& examples) {
    auto pass = std::make_shared<CapturedPass>();
    for (const auto& e : examples) pass->inputs.push_back(e.clone());
    const auto device = examples.front().device();
    torch::cuda::synchronize(device.index());
    auto stream = c10::cuda::getStreamFromPool(false, device.index());
    {
      c10::cuda::CUDAStreamGuard guard(stream);
      for (int i = 0; i < 2; ++i) fn(pass->inputs);  // warm-up on the capture stream (handles, workspaces)
      stream.synchronize();
      pass->graph.capture_begin();
      try {
        pass->outputs = fn(pass->inputs);
      } catch (...) {  // end the capture, so the stream is usable again, and report the first error
        try {
          pass->graph.capture_end();
        } catch (...) {
        }
        throw;
      }
      pass->graph.capture_end();
    }
    torch::cuda::synchronize(device.index());
    return pass;
  }
#endif
};

PassGraphs::PassGraphs(bool replay) : m_replay(replay), d(std::make_unique<Impl>()) {
  if (replay && !supported())
    throw Error("CUDA graphs", "this build has no CUDA graphs (it was not built against a CUDA LibTorch)");
}

PassGraphs::~PassGraphs() = default;

bool PassGraphs::supported() {
#ifdef SEVILA_CUDA_GRAPHS
  return true;
#else
  return false;
#endif
}

int64_t PassGraphs::bucketLength(int64_t length) {
  return (std::max<int64_t>(length, 1) + 31) / 32 * 32;
}

bool PassGraphs::serves(const Blip2ModelImpl& network) const {
  // Inference only: a network in training mode (dropout) or under autograd runs its eager passes.
  if (network.is_training() || at::GradMode::is_enabled()) return false;
  // T5's fp16 overflow clamp reads a value back to the host, which a capture cannot hold.
  return !m_replay || network.dtype() != at::kHalf;
}

std::string PassGraphs::failure() const {
  std::lock_guard<std::mutex> lock(d->mutex);
  return d->failure;
}

int64_t PassGraphs::graphsCaptured() const {
  std::lock_guard<std::mutex> lock(d->mutex);
  return static_cast<int64_t>(d->passes.size());
}

std::optional<at::Tensor> PassGraphs::localizerLogits(Blip2ModelImpl& network, const at::Tensor& visualTokens,
                                                      const std::vector<int64_t>& prefixIds,
                                                      const std::vector<int64_t>& textIds) {
  if (visualTokens.dim() != 3 || visualTokens.size(0) < 1 || !serves(network)) return std::nullopt;
  const Layout l = layOut({&prefixIds, &textIds}, {visualTokens.size(1), 0});
  if (l.size > maxLength) return std::nullopt;
  const auto device = network.device();
  const Tensors inputs{longs(l.ids, device), visualTokens.to(device, network.dtype()), longs(l.map, device),
                       longs(l.mask, device)};
  const PassFn fn = [&network](const Tensors& in) { return localizerPass(network, in); };
  auto out = d->run(m_replay, {0, visualTokens.size(0), l.size}, fn, inputs);
  if (!out) return std::nullopt;
  return out->front();  // (T, V)
}

std::optional<PassGraphs::TwoSteps> PassGraphs::answererSteps(
    Blip2ModelImpl& network, const at::Tensor& keyframeTokens,
    const std::vector<std::vector<int64_t>>& prefixIds, const std::vector<int64_t>& textIds) {
  if (keyframeTokens.dim() != 3 || keyframeTokens.size(0) < 1 ||
      static_cast<int64_t>(prefixIds.size()) != keyframeTokens.size(0) || !serves(network))
    return std::nullopt;
  const int64_t k = keyframeTokens.size(0), q = keyframeTokens.size(1);
  std::vector<const std::vector<int64_t>*> pieces;
  std::vector<int64_t> visualAfter;
  for (const auto& p : prefixIds) {
    pieces.push_back(&p);
    visualAfter.push_back(q);
  }
  pieces.push_back(&textIds);
  visualAfter.push_back(0);
  const Layout l = layOut(pieces, visualAfter);
  if (l.size > maxLength) return std::nullopt;
  const auto device = network.device();
  const at::Tensor visual = keyframeTokens.to(device, network.dtype()).reshape({1, k * q, -1});  // (1, kQ, D)
  const Tensors inputs{longs(l.ids, device), visual, longs(l.map, device), longs(l.mask, device)};
  const PassFn fn = [&network](const Tensors& in) { return answererPass(network, in); };
  const auto out = d->run(m_replay, {1, k, l.size}, fn, inputs);
  if (!out) return std::nullopt;
  TwoSteps s;
  s.step0 = (*out)[0][0];
  s.token = (*out)[1][0].item<int64_t>();
  s.step1 = (*out)[2][0];
  return s;
}

}  // namespace sevila::nn
