// The Localizer's and the Answerer's T5 passes at fixed shapes, replayed from CUDA graphs (issue 15's
// lever: the Answerer's pass is bound by kernel launches, 62 ms eager against 14 ms replayed on an H200).
// A graph holds one shape, so each pass's input is laid out in a buffer whose length is the prompt's
// rounded up to a bucket (bucketLength), the tail masked out; T5 honours the mask and its position bias is
// relative, so the real positions compute what the unpadded pass does (up to the rounding of other
// matrix shapes). One graph per (role, rows, bucket) is captured on first use and kept.
//
// The input is gathered on the device from two static buffers: token ids (prompt pieces and padding)
// and the visual tokens, through a position map, so a replay needs only three small copies. On a CPU,
// or in a build without CUDA graphs, the same padded passes run eagerly (what the tests check there).
//
// A pass the graphs do not serve (a prompt over maxLength, fp16, training mode or autograd, a failed
// capture) returns nullopt and the caller runs its eager pass. Thread-safe: one pass replays at a time
// per graph. Captures use CUDA's global capture mode: another thread launching work on the same GPU
// while a shape is first captured can make that capture fail (then the passes run eagerly).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <ATen/core/Tensor.h>

namespace sevila::nn {

class Blip2ModelImpl;

class PassGraphs {
public:
  // replay: capture and replay CUDA graphs (needs supported() and a model on a CUDA device); false: run
  // the padded passes eagerly.
  explicit PassGraphs(bool replay);
  ~PassGraphs();
  PassGraphs(const PassGraphs&) = delete;
  PassGraphs& operator=(const PassGraphs&) = delete;

  // Whether this build can capture CUDA graphs (built against a CUDA LibTorch).
  static bool supported();
  // A prompt of `length` positions runs in a buffer of bucketLength(length): a multiple of 32.
  static int64_t bucketLength(int64_t length);
  static constexpr int64_t maxLength = 512;  // longer prompts are not served (nullopt)

  // The Localizer's first-step logits (T, V), f32 on the CPU, for visual tokens (T, Q, D): each row
  // reads prefix ++ v_t ++ text (localizer.h).
  std::optional<at::Tensor> localizerLogits(Blip2ModelImpl& network, const at::Tensor& visualTokens,
                                            const std::vector<int64_t>& prefixIds,
                                            const std::vector<int64_t>& textIds);

  // The Answerer's two decoder steps over cat_j(prefix_j ++ v_j) ++ text for keyframe tokens (k, Q, D):
  // step 0's logits (V) and greedy token, step 1's logits (V) after [start, token], f32 on the CPU.
  struct TwoSteps {
    at::Tensor step0;
    int64_t token = -1;
    at::Tensor step1;
  };
  std::optional<TwoSteps> answererSteps(Blip2ModelImpl& network, const at::Tensor& keyframeTokens,
                                        const std::vector<std::vector<int64_t>>& prefixIds,
                                        const std::vector<int64_t>& textIds);

  int64_t graphsCaptured() const;  // 0 when not replaying
  bool replaying() const { return m_replay; }
  // Why a capture failed ("" if none): from then on every pass falls back to the eager one.
  std::string failure() const;

private:
  bool serves(const Blip2ModelImpl& network) const;

  struct Impl;
  bool m_replay;
  std::unique_ptr<Impl> d;
};

}  // namespace sevila::nn
