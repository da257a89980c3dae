#include "engine/result_comparison.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

namespace sevila::engine {

std::vector<int64_t> keyframeFrames(const ChainResult& result) {
  std::vector<int64_t> frames;
  for (const int p : result.keyframes)
    if (p >= 0 && static_cast<size_t>(p) < result.frames.size())
      frames.push_back(result.frames[static_cast<size_t>(p)].frameIndex);
  std::sort(frames.begin(), frames.end());
  return frames;
}

ResultComparison compareResults(const std::vector<ChainResult>& before,
                                const std::vector<ChainResult>& after) {
  std::map<std::pair<std::string, std::string>, const ChainResult*> earlier;
  for (const auto& r : before) earlier[{r.dataset, r.qid}] = &r;
  ResultComparison c;
  std::set<std::pair<std::string, std::string>> matched;
  for (const auto& a : after) {
    const auto it = earlier.find({a.dataset, a.qid});
    if (it == earlier.end()) {
      ++c.onlyAfter;
      continue;
    }
    if (!matched.insert(it->first).second) continue;  // a qid twice in `after`: the first counts
    const ChainResult& b = *it->second;
    ++c.common;
    ResultChange change;
    change.dataset = a.dataset;
    change.qid = a.qid;
    change.before = b.answer.answer;
    change.after = a.answer.answer;
    change.groundTruth = a.groundTruth ? a.groundTruth : b.groundTruth;
    change.answerChanged = change.before != change.after;
    if (change.groundTruth) {
      ++c.withGroundTruth;
      const bool rightBefore = change.before == *change.groundTruth,
                 rightAfter = change.after == *change.groundTruth;
      c.rightBefore += rightBefore;
      c.rightAfter += rightAfter;
      change.fixed = !rightBefore && rightAfter;
      change.broken = rightBefore && !rightAfter;
    }
    change.keyframesBefore = keyframeFrames(b);
    change.keyframesAfter = keyframeFrames(a);
    change.keyframesChanged = change.keyframesBefore != change.keyframesAfter;
    if (!change.keyframesAfter.empty()) {
      size_t fresh = 0;
      for (const int64_t f : change.keyframesAfter)
        fresh += !std::binary_search(change.keyframesBefore.begin(), change.keyframesBefore.end(), f);
      change.keyframeChange = static_cast<double>(fresh) / static_cast<double>(change.keyframesAfter.size());
    }
    c.fixed += change.fixed;
    c.broken += change.broken;
    c.answersChanged += change.answerChanged;
    c.keyframesChanged += change.keyframesChanged;
    if (change.answerChanged || change.keyframesChanged) c.changes.push_back(std::move(change));
  }
  c.onlyBefore = static_cast<int>(before.size()) - static_cast<int>(matched.size());
  return c;
}

nlohmann::json ResultComparison::toJson() const {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& ch : changes)
    list.push_back({{"dataset", ch.dataset},
                    {"qid", ch.qid},
                    {"before", ch.before},
                    {"after", ch.after},
                    {"ground_truth", ch.groundTruth ? nlohmann::json(*ch.groundTruth) : nlohmann::json()},
                    {"fixed", ch.fixed},
                    {"broken", ch.broken},
                    {"answer_changed", ch.answerChanged},
                    {"keyframes_before", ch.keyframesBefore},
                    {"keyframes_after", ch.keyframesAfter},
                    {"keyframe_change", ch.keyframeChange}});
  return {{"common", common},
          {"only_before", onlyBefore},
          {"only_after", onlyAfter},
          {"with_ground_truth", withGroundTruth},
          {"right_before", rightBefore},
          {"right_after", rightAfter},
          {"fixed", fixed},
          {"broken", broken},
          {"answers_changed", answersChanged},
          {"keyframes_changed", keyframesChanged},
          {"changes", list}};
}

std::string ResultComparison::summary() const {
  char text[512];
  std::string out;
  std::snprintf(text, sizeof text, "%d questions in both (%d only before, %d only after)\n", common,
                onlyBefore, onlyAfter);
  out += text;
  if (withGroundTruth > 0) {
    std::snprintf(text, sizeof text,
                  "accuracy %.1f %% -> %.1f %% on %d with a ground truth: %d fixed, %d broken\n",
                  100.0 * rightBefore / withGroundTruth, 100.0 * rightAfter / withGroundTruth,
                  withGroundTruth, fixed, broken);
    out += text;
  }
  std::snprintf(text, sizeof text, "%d answers changed, %d keyframe sets changed\n", answersChanged,
                keyframesChanged);
  out += text;
  return out;
}

}  // namespace sevila::engine
