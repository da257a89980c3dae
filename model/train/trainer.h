// The optimisation step both SeViLA training stages share (docs/method.md §8.1): the LAVIS AdamW groups
// (parameter_groups.h) over one role's bridge, the warm-up/cosine schedule (lr_schedule.h), gradient
// accumulation (the loss is not divided; a step every `accumulation` iterations), dropout as the
// reference trains (model.train(), the ViT pinned to eval), bf16 autocast on CUDA and fp32 on CPU, and
// gradients summed over data-parallel ranks so that N processes take exactly the step one process
// would take on their combined batch.
//   Localizer (§8.3/§8.5): Qformer_loc, query_tokens_loc, t5_proj_loc, ln_vision_loc train; target
//     "yes</s>"/"no</s>" per frame.
//   Answerer (§8.4): Qformer, query_tokens, t5_proj, ln_vision train; target "Option X</s>".
// The ViT and T5 never train. The Trainer changes the weights of the model it is given: do not share
// that model with inference threads while training.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <ATen/core/Tensor.h>

#include "train/lr_schedule.h"

namespace sevila::nn {
class SevilaModel;
class Blip2ModelImpl;
}  // namespace sevila::nn

namespace sevila::train {

class ProcessGroup;

enum class TrainRole { Localizer, Answerer };
const char* trainRoleName(TrainRole role);  // "localizer" | "answerer"

struct TrainOptions {
  TrainRole role = TrainRole::Localizer;
  LrSchedule schedule;  // schedule.maxEpochs is the number of epochs
  int batchSize = 16;   // questions per iteration on each rank (nexqa_sr.sh: 16 per GPU)
  int accumulation = 1;
  double weightDecay = 0.05;
  double beta1 = 0.9, beta2 = 0.999, eps = 1e-8;
  uint64_t seed = 42;   // torch's generator is seeded with seed + rank, as the reference
  bool dropout = true;  // train mode, as the reference; off makes steps exactly reproducible across ranks
  bool bf16Autocast = true;  // on CUDA only; CPU trains in fp32
  // Every weight trains, the ViT included (from TrainingSample::pixels): a model trained from scratch,
  // such as the bundled demo. SeViLA itself never does this.
  bool trainEverything = false;
};

// One question's tensors for one iteration.
struct TrainingSample {
  at::Tensor imageTokens;  // ViT output (T, N, W): the Localizer's frames, or the Answerer's k keyframes
  at::Tensor pixels;       // (T, 3, S, S) instead of imageTokens: the ViT runs in the step (trainEverything)
  std::vector<std::vector<int64_t>> prefixes;  // Localizer: {"Frame: "}; Answerer: "Frame j: " per keyframe
  std::vector<int64_t> text;                   // the role's prompt ids, EOS last
  at::Tensor targets;  // Localizer (T, 2) [yes|no, EOS]; Answerer (S) ["Option", letter, EOS]
  // The role this sample trains, when not the trainer's: only with trainEverything, where one optimizer
  // over all weights learns both roles at once (the demo model). The step's loss is then the sum of
  // each role's mean.
  std::optional<TrainRole> role;
};

struct StepRecord {
  int64_t step = 0;  // iterations done before this one, over all epochs
  int epoch = 0;
  int64_t iteration = 0;  // within the epoch
  double loss = 0;        // mean over the target tokens of the whole (all-rank) batch (per role, summed)
  double roleLoss[2] = {0, 0};  // that mean for the Localizer's and the Answerer's samples
  double lr = 0;
  int64_t samples = 0;  // questions in the all-rank batch
  bool optimizerStep = false;
};

// Thrown when a loss is NaN or infinite: the step is not taken.
class NonFiniteLoss : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

class Trainer {
public:
  // Freezes all but `options.role`'s bridge, puts the network in training mode (ViT in eval) and seeds
  // torch's generator. `group` may be null (one process).
  Trainer(std::shared_ptr<const nn::SevilaModel> model, TrainOptions options, ProcessGroup* group = nullptr);
  ~Trainer();
  Trainer(const Trainer&) = delete;
  Trainer& operator=(const Trainer&) = delete;

  // One iteration over this rank's samples (may be empty on a ragged last batch).
  StepRecord iterate(const std::vector<TrainingSample>& samples, int epoch, int64_t iteration, int64_t step);

  // Puts the network back in eval mode (the trained weights stay).
  void finish();

  const TrainOptions& options() const { return m_options; }
  const nn::SevilaModel& model() const { return *m_model; }
  nn::Blip2ModelImpl& network() const;
  ProcessGroup* group() const { return m_group; }
  int rank() const;
  int worldSize() const;

  // Optimizer state and torch's random generator, for --resume (LibTorch's own archive format).
  void saveState(const std::string& path) const;
  void loadState(const std::string& path);

private:
  struct Impl;
  std::shared_ptr<const nn::SevilaModel> m_model;
  TrainOptions m_options;
  ProcessGroup* m_group;
  std::unique_ptr<Impl> d;
};

}  // namespace sevila::train
