// Trains the demo model from scratch (docs/training.md, "The demo model"): every weight of a small BLIP-2
// learns both SeViLA roles at once with the project's Trainer (train/trainer.h, trainEverything), the
// ViT running in the step on the corpus's frames.
//   Localizer: `localizerFrames` of a question's grid frames, target "yes" on its ground-truth keyframes,
//     "no" elsewhere: a quarter its keyframes, a quarter the video's other events (the hardest
//     negatives), the rest random frames.
//     The Localizer scores frames one by one, so a subset teaches it as well as all T, for less compute.
//   Answerer: k frames of the question in time order, target "Option X". Usually its k best frames as a
//     perfect Localizer would pick them (the ground truth first, then the earliest others); sometimes
//     only some of them among random others, so that it also answers from an imperfect Localizer's pick.
// Each step takes `videosPerStep` videos (an epoch of the corpus in a seeded order), one random question
// of each for each role; one AdamW over all weights on the sum of the roles' mean losses, the LAVIS
// warm-up then cosine schedule over `stepsPerEpoch`-step epochs.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace sevila::nn {
class SevilaModel;
}
namespace sevila::engine {
class CancelToken;
}

namespace sevila::demo {

struct DemoCorpus;

struct DemoTrainingOptions {
  int steps = 3000;
  int videosPerStep = 8;
  int keyframes = 4;
  int localizerFrames = 8;  // per Localizer sample (0: all the grid's)
  double lr = 1e-3;
  double minLr = 1e-5;
  int warmupSteps = 100;
  int stepsPerEpoch = 100;  // the cosine schedule moves once per such "epoch"
  double weightDecay = 0.05;
  double oracleShare = 0.7;  // share of the Answerer's samples that get all the keyframes a perfect pick has
  uint64_t seed = 1;
  // The question types (NExT-QA codes) the Localizer learns; empty: all. Fewer make a deliberately weak
  // Localizer for the studio's refinement demo (docs/training.md).
  std::vector<std::string> localizerTypes;
};

struct DemoStep {
  int64_t step = 0;  // steps done, this one included
  double localizerLoss = 0;
  double answererLoss = 0;
  double lr = 0;
  double seconds = 0;  // since training started
};

// Trains `model` in place (its network's weights change; share it with no other thread meanwhile).
// `onStep` after each step; returning false stops early. Throws sevila::Error (train::NonFiniteLoss for a
// diverging run).
void trainDemoModel(const std::shared_ptr<const nn::SevilaModel>& model, const DemoCorpus& corpus,
                    const DemoTrainingOptions& options,
                    const std::function<bool(const DemoStep&)>& onStep = {});

}  // namespace sevila::demo
