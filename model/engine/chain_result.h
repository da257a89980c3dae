// What one run of the forward chain produced, complete enough for the studio to show the item again
// later from a results file: per-frame Localizer scores with timestamps, keyframes, the Answerer's
// option probabilities, the paper's baselines when asked, timings. Serialises to one JSON line.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "data/dataset_kind.h"
#include "nn/sevila_prompts.h"

namespace sevila::engine {

struct FrameScore {
  int64_t frameIndex = 0;  // absolute decoded frame index
  double seconds = 0;      // its presentation time
  double yesLogit = 0;     // first-step logit of "yes" (what the reference ranks by)
  double yesProb = 0;      // softmax over the vocabulary at "yes"
  double yesNoProb = 0;    // softmax over {"yes", "no"} at "yes"
};

struct OptionScores {
  std::vector<double> logits;         // step-1 logits at the option letters
  std::vector<double> probabilities;  // softmax over them
  int answer = -1;                    // argmax
};

struct ChainResult {
  // The item.
  std::string qid;
  std::string dataset;
  std::string questionType;
  std::string video;  // as given (path or id)
  std::string question;
  std::vector<std::string> options;
  std::optional<int> groundTruth;
  nn::PromptFamily family = nn::PromptFamily::MultipleChoice;  // the prompts it was answered with
  // The video and the sampled grid.
  int64_t frameCount = 0;
  double fps = 0;
  double duration = 0;
  std::vector<FrameScore> frames;  // the n' sampled frames, time order
  // The chain.
  std::string mode = "sevila";  // sevila | concat | voting
  std::vector<int> keyframes;   // positions in `frames`, time order
  OptionScores answer;          // the mode's answer
  // Baselines on the same frames (when asked).
  std::optional<OptionScores> concat;  // Answerer on k uniform frames
  std::vector<int> frameAnswers;       // single-frame Answerer's answer per sampled frame
  std::optional<int> voting;           // majority of frameAnswers (ties: smallest option)
  std::optional<bool> oracle;          // some frame answers right (needs groundTruth)
  // Provenance and cost.
  std::string model;
  std::string checkpoint;
  std::string checkpointSha256;  // of the checkpoint file, when the caller knows it ("" otherwise)
  std::string device;            // where it ran: "cpu", "cuda:0"
  std::string precision;         // f32, bf16, f16
  std::map<std::string, double> stageSeconds;
  std::vector<std::string> warnings;

  bool correct() const { return groundTruth && answer.answer == *groundTruth; }
};

// The prompt family of a dataset (VLEP and QVHighlights have their own, the others are multiple choice).
nn::PromptFamily promptFamilyFor(data::DatasetKind kind);

nlohmann::json toJson(const ChainResult& result);
nlohmann::json toJson(const OptionScores& scores);  // {"logits", "probabilities", "answer"}
// Throws sevila::Error(subject, reason) naming the missing or mistyped field.
ChainResult chainResultFromJson(const nlohmann::json& json, const std::string& subject);
OptionScores optionScoresFromJson(const nlohmann::json& json, const std::string& subject);

// The option chosen by most frames; ties go to the smallest option index.
int majorityVote(const std::vector<int>& answers, int optionCount);

}  // namespace sevila::engine
