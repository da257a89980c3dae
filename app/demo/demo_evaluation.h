// How well a demo model does on a corpus (demo_corpus.h), measured the way the issue and the refinement
// report measure it:
//  - the Localizer's top-k hit rate: the share of its k keyframes that are ground-truth keyframes
//    (train/refinement_report.h); at most mean(min(k, n)) / k, with n the event's positions (4 or 5: 1);
//  - the Answerer's accuracy from the right frames: the k frames a perfect Localizer picks
//    (perfectKeyframes);
//  - the chain's accuracy: the Answerer from the Localizer's own keyframes, as `sevila run` answers.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace sevila::nn {
class SevilaModel;
}

namespace sevila::demo {

struct DemoCorpus;

struct DemoScore {
  int questions = 0;
  int64_t keyframes = 0;
  int64_t hits = 0;
  int perfectCorrect = 0;  // right from the right frames
  int chainCorrect = 0;    // right from the Localizer's keyframes
  double hitRate() const;
  double answererAccuracy() const;
  double chainAccuracy() const;
  void add(const DemoScore& o);
};

struct DemoEvaluation {
  DemoScore all;
  std::map<std::string, DemoScore> byType;  // NExT-QA type code ("DO", "TC")
  double chanceHitRate = 0;                 // k random frames of the grid
  nlohmann::json toJson() const;
};

// The k positions a Localizer scoring the ground truth 1 and every other frame 0 picks: the earliest k
// ground-truth positions, then the earliest others (ties go to the earlier frame), ascending.
std::vector<int64_t> perfectKeyframes(const std::vector<int>& truth, int gridFrames, int k);

// On the first `maxVideos` videos of the corpus (0: all). The model must be in eval mode.
DemoEvaluation evaluateDemoModel(const nn::SevilaModel& model, const DemoCorpus& corpus, int keyframes,
                                 int maxVideos = 0);

}  // namespace sevila::demo
