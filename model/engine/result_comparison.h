// Two model versions over the same questions (e.g. before and after a refinement): which answers were
// fixed, which broken, which changed, and where the Localizer picked other keyframes. The results are
// ChainResults (a `sevila run` results file, or the studio's); questions are matched by dataset and qid.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "engine/chain_result.h"

namespace sevila::engine {

struct ResultChange {
  std::string dataset, qid;
  int before = -1, after = -1;     // answers
  std::optional<int> groundTruth;  // from either result
  bool answerChanged = false;
  bool fixed = false;   // wrong before, right after
  bool broken = false;  // right before, wrong after
  // Keyframes as absolute frame indices; changed when the sets differ. The share of the after version's
  // keyframes that the before version did not pick (0: the same frames).
  std::vector<int64_t> keyframesBefore, keyframesAfter;
  bool keyframesChanged = false;
  double keyframeChange = 0;
};

struct ResultComparison {
  int common = 0;                     // questions in both
  int onlyBefore = 0, onlyAfter = 0;  // questions in one of them only
  int withGroundTruth = 0;            // common questions with a ground truth
  int rightBefore = 0, rightAfter = 0;
  int fixed = 0, broken = 0, answersChanged = 0, keyframesChanged = 0;
  std::vector<ResultChange> changes;  // the common questions whose answer or keyframes changed, in order
  nlohmann::json toJson() const;
  std::string summary() const;  // a few lines of text
};

// The absolute frame indices of a result's keyframes.
std::vector<int64_t> keyframeFrames(const ChainResult& result);

ResultComparison compareResults(const std::vector<ChainResult>& before,
                                const std::vector<ChainResult>& after);

}  // namespace sevila::engine
