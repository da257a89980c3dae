// LAVIS's `linear_warmup_cosine_lr` (docs/method.md §8.1), the schedule of every SeViLA training stage.
// Epoch 0, iteration i (data iterations, not optimizer steps):
//   lr = min(initLr, warmupLr + (initLr - warmupLr) * i / max(warmupSteps, 1))
// Epoch e >= 1 (constant within the epoch):
//   lr = (initLr - minLr) * 0.5 * (1 + cos(pi * e / maxEpochs)) + minLr
// Warm-up happens only in epoch 0, even when it is shorter than warmupSteps.
#pragma once

#include <cstdint>

namespace sevila::train {

struct LrSchedule {
  double initLr = 3e-5;  // refinement (nexqa_sr.sh); 5e-5 in the per-dataset yamls
  double minLr = 0.0;
  double warmupLr = 1e-8;
  int64_t warmupSteps = 500;
  int maxEpochs = 10;

  double at(int epoch, int64_t iterationInEpoch) const;
};

}  // namespace sevila::train
