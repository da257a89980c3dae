#include "engine/chain_result.h"

#include <type_traits>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/json_integer.h"

namespace sevila::engine {
namespace {
using nlohmann::json;

template <typename I>
I integerField(const json& v, const char* key, const std::string& subject) {
  if (const auto i = jsonInteger<I>(v)) return *i;
  throw Error(subject, std::string("field '") + key + "' must be an integer in range");
}

template <typename T>
T field(const json& j, const char* key, const std::string& subject) {
  auto it = j.find(key);
  if (it == j.end()) throw Error(subject, std::string("missing field '") + key + "'");
  if constexpr (std::is_same_v<T, int> || std::is_same_v<T, int64_t>) {
    return integerField<T>(*it, key, subject);
  } else if constexpr (std::is_same_v<T, std::vector<int>>) {
    if (!it->is_array()) throw Error(subject, std::string("field '") + key + "' must be a list of integers");
    std::vector<int> values;
    for (const auto& v : *it) values.push_back(integerField<int>(v, key, subject));
    return values;
  } else {
    try {
      return it->template get<T>();
    } catch (const json::exception&) {
      throw Error(subject, std::string("field '") + key + "' has the wrong type");
    }
  }
}

template <typename T>
T optionalField(const json& j, const char* key, T fallback, const std::string& subject) {
  return j.contains(key) && !j.at(key).is_null() ? field<T>(j, key, subject) : fallback;
}

}  // namespace

json toJson(const OptionScores& s) {
  return json{{"logits", s.logits}, {"probabilities", s.probabilities}, {"answer", s.answer}};
}

OptionScores optionScoresFromJson(const json& j, const std::string& subject) {
  if (!j.is_object()) throw Error(subject, "option scores must be a JSON object");
  OptionScores s;
  s.logits = field<std::vector<double>>(j, "logits", subject);
  s.probabilities = field<std::vector<double>>(j, "probabilities", subject);
  s.answer = field<int>(j, "answer", subject);
  if (s.logits.size() != s.probabilities.size())
    throw Error(subject, "option scores hold " + std::to_string(s.logits.size()) + " logits but " +
                             std::to_string(s.probabilities.size()) + " probabilities");
  return s;
}

int majorityVote(const std::vector<int>& answers, int optionCount) {
  if (optionCount <= 0) return -1;
  std::vector<int> votes(optionCount, 0);
  for (int a : answers)
    if (a >= 0 && a < optionCount) ++votes[a];
  int best = 0;
  for (int i = 1; i < optionCount; ++i)
    if (votes[i] > votes[best]) best = i;
  return best;
}

nn::PromptFamily promptFamilyFor(data::DatasetKind kind) {
  switch (kind) {
    case data::DatasetKind::Vlep:
      return nn::PromptFamily::Vlep;
    case data::DatasetKind::QvHighlights:
      return nn::PromptFamily::QvHighlights;
    default:
      return nn::PromptFamily::MultipleChoice;
  }
}

json toJson(const ChainResult& r) {
  json frames = json::array();
  for (const auto& f : r.frames)
    frames.push_back({{"frame", f.frameIndex},
                      {"t", f.seconds},
                      {"yes_logit", f.yesLogit},
                      {"yes_prob", f.yesProb},
                      {"yes_no_prob", f.yesNoProb}});
  json j{{"qid", r.qid},
         {"dataset", r.dataset},
         {"type", r.questionType},
         {"video", r.video},
         {"question", r.question},
         {"options", r.options},
         {"prompt", nn::promptFamilyName(r.family)},
         {"answer", r.groundTruth ? json(*r.groundTruth) : json(nullptr)},
         {"prediction", r.answer.answer},
         {"frame_count", r.frameCount},
         {"fps", r.fps},
         {"duration", r.duration},
         {"mode", r.mode},
         {"frames", frames},
         {"keyframes", r.keyframes},
         {"option_scores", toJson(r.answer)},
         {"model", r.model},
         {"checkpoint", r.checkpoint},
         {"device", r.device},
         {"precision", r.precision},
         {"stage_seconds", r.stageSeconds},
         {"warnings", r.warnings}};
  if (!r.checkpointSha256.empty()) j["checkpoint_sha256"] = r.checkpointSha256;
  if (r.concat) j["concat"] = toJson(*r.concat);
  if (!r.frameAnswers.empty()) j["frame_answers"] = r.frameAnswers;
  if (r.voting) j["voting"] = *r.voting;
  if (r.oracle) j["oracle"] = *r.oracle;
  return j;
}

ChainResult chainResultFromJson(const json& j, const std::string& subject) {
  if (!j.is_object()) throw Error(subject, "a result line must be a JSON object");
  ChainResult r;
  r.qid = field<std::string>(j, "qid", subject);
  r.dataset = optionalField<std::string>(j, "dataset", "", subject);
  r.questionType = optionalField<std::string>(j, "type", "", subject);
  r.video = field<std::string>(j, "video", subject);
  r.question = optionalField<std::string>(j, "question", "", subject);
  r.options = optionalField<std::vector<std::string>>(j, "options", {}, subject);
  // Results written before the prompt family was stored take their dataset's.
  const std::string prompt = optionalField<std::string>(j, "prompt", "", subject);
  if (!prompt.empty()) {
    const auto family = nn::promptFamilyFromName(prompt);
    if (!family)
      throw Error(subject, "unknown prompt family '" + prompt + "'", "multiple-choice, vlep or qvhighlights");
    r.family = *family;
  } else if (const auto kind = data::datasetKindFromName(r.dataset)) {
    r.family = promptFamilyFor(*kind);
  }
  if (j.contains("answer") && !j["answer"].is_null()) r.groundTruth = field<int>(j, "answer", subject);
  r.frameCount = optionalField<int64_t>(j, "frame_count", 0, subject);
  r.fps = optionalField<double>(j, "fps", 0, subject);
  r.duration = optionalField<double>(j, "duration", 0, subject);
  r.mode = optionalField<std::string>(j, "mode", "sevila", subject);
  for (const auto& f : optionalField<json>(j, "frames", json::array(), subject)) {
    FrameScore s;
    s.frameIndex = field<int64_t>(f, "frame", subject);
    s.seconds = field<double>(f, "t", subject);
    s.yesLogit = optionalField<double>(f, "yes_logit", 0, subject);
    s.yesProb = optionalField<double>(f, "yes_prob", 0, subject);
    s.yesNoProb = optionalField<double>(f, "yes_no_prob", 0, subject);
    r.frames.push_back(s);
  }
  r.keyframes = optionalField<std::vector<int>>(j, "keyframes", {}, subject);
  if (j.contains("option_scores")) {
    r.answer = optionScoresFromJson(j["option_scores"], subject);
  } else {
    r.answer.answer = field<int>(j, "prediction", subject);
  }
  if (j.contains("concat")) r.concat = optionScoresFromJson(j["concat"], subject);
  r.frameAnswers = optionalField<std::vector<int>>(j, "frame_answers", {}, subject);
  if (j.contains("voting")) r.voting = field<int>(j, "voting", subject);
  if (j.contains("oracle")) r.oracle = field<bool>(j, "oracle", subject);
  r.model = optionalField<std::string>(j, "model", "", subject);
  r.checkpoint = optionalField<std::string>(j, "checkpoint", "", subject);
  r.checkpointSha256 = optionalField<std::string>(j, "checkpoint_sha256", "", subject);
  r.device = optionalField<std::string>(j, "device", "", subject);  // older results lack them
  r.precision = optionalField<std::string>(j, "precision", "", subject);
  r.stageSeconds = optionalField<std::map<std::string, double>>(j, "stage_seconds", {}, subject);
  r.warnings = optionalField<std::vector<std::string>>(j, "warnings", {}, subject);
  for (int k : r.keyframes)
    if (k < 0 || k >= static_cast<int>(r.frames.size()))
      throw Error(subject, "keyframe position " + std::to_string(k) + " is outside the sampled frames");
  return r;
}

}  // namespace sevila::engine
