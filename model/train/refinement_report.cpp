#include "train/refinement_report.h"

#include <cmath>
#include <cstdio>
#include <sstream>

#include "data/keyframe_labels.h"
#include "data/window_aggregation.h"
#include "train/training_checkpoint.h"

namespace sevila::train {
namespace {

nlohmann::json number(double v) {
  return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr);
}

bool isRelevant(const RelevantFrames& r, const engine::FrameScore& f, double fps) {
  if (r.frames.count(f.frameIndex)) return true;
  return fps > 0 && data::insideAnyWindow(static_cast<double>(f.frameIndex) / fps, r.windows);
}

std::string percent(const nlohmann::json& v) {
  if (v.is_null()) return "n/a";
  char text[32];
  std::snprintf(text, sizeof text, "%.1f %%", 100.0 * v.get<double>());
  return text;
}

std::string fixed3(double v) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3f", v);
  return text;
}

// How many of a question's keyframes fall on its relevant frames.
int64_t keyframeHits(const engine::ChainResult& r, const RelevantFrames& relevant) {
  int64_t hits = 0;
  for (const int p : r.keyframes) hits += isRelevant(relevant, r.frames[static_cast<size_t>(p)], r.fps);
  return hits;
}

}  // namespace

std::string questionKey(const std::string& dataset, const std::string& qid) {
  return dataset + " " + qid;
}

double SplitMetrics::accuracy() const {
  return withAnswer ? static_cast<double>(correct) / withAnswer : NAN;
}
double SplitMetrics::hitRate() const {
  return keyframes ? static_cast<double>(hits) / static_cast<double>(keyframes) : NAN;
}

nlohmann::json SplitMetrics::toJson() const {
  nlohmann::json j = {{"questions", questions},
                      {"with_answer", withAnswer},
                      {"correct", correct},
                      {"accuracy", number(accuracy())},
                      {"with_relevant_frames", withRelevant},
                      {"keyframes", keyframes},
                      {"keyframe_hits", hits},
                      {"hit_rate", number(hitRate())},
                      {"chance_hit_rate", number(withRelevant ? chanceHitRate : NAN)}};
  if (momentRetrieval) {
    const auto& m = *momentRetrieval;
    // The official figures: percentages, two decimals.
    j["qvhighlights"] = {{"queries", m.queries}, {"R1@0.5", m.r1At05()},   {"R1@0.7", m.r1At07()},
                         {"mAP@0.5", m.map05()}, {"mAP@0.75", m.map075()}, {"mAP", m.mapAvg()}};
  }
  return j;
}

SplitMetrics splitMetrics(const std::vector<engine::ChainResult>& results, const RelevantMap& relevant) {
  SplitMetrics m;
  double chance = 0;
  std::vector<data::MrPrediction> predictions;
  std::vector<data::MrGroundTruth> truths;
  for (const auto& r : results) {
    ++m.questions;
    if (r.groundTruth && !r.options.empty()) {
      ++m.withAnswer;
      if (r.correct()) ++m.correct;
    }
    const auto it = relevant.find(questionKey(r.dataset, r.qid));
    if (it != relevant.end() && !it->second.empty() && !r.frames.empty()) {
      ++m.withRelevant;
      int64_t relevantOnGrid = 0;
      for (const auto& f : r.frames) relevantOnGrid += isRelevant(it->second, f, r.fps);
      chance += static_cast<double>(relevantOnGrid) / static_cast<double>(r.frames.size()) *
                static_cast<double>(r.keyframes.size());
      m.keyframes += static_cast<int64_t>(r.keyframes.size());
      m.hits += keyframeHits(r, it->second);
      if (!it->second.windows.empty() && r.duration > 0) {
        std::vector<data::FrameScore> scores;
        for (const auto& f : r.frames) scores.push_back({f.seconds, f.yesNoProb});
        data::MrPrediction p;
        p.qid = questionKey(r.dataset, r.qid);
        p.windows = data::aggregateWindows(scores, r.duration, {});
        predictions.push_back(std::move(p));
        truths.push_back({questionKey(r.dataset, r.qid), it->second.windows});
      }
    }
  }
  m.chanceHitRate = m.keyframes ? chance / static_cast<double>(m.keyframes) : NAN;
  if (!truths.empty()) m.momentRetrieval = data::evaluateMomentRetrieval(predictions, truths);
  return m;
}

nlohmann::json refinementReport(const std::vector<engine::ChainResult>& before,
                                const std::vector<engine::ChainResult>& after, const RelevantMap& relevant,
                                const TrainingRunResult& training, const nlohmann::json& provenance) {
  nlohmann::json report;
  report["schema"] = "sevila-refinement-report/1";
  report["provenance"] = provenance;
  report["training"] = {{"options", training.options},
                        {"epochs_completed", training.epochsCompleted},
                        {"interrupted", training.interrupted},
                        {"checkpoint", training.checkpoint},
                        {"seconds", training.seconds},
                        {"frames_trained", training.framesTrained},
                        {"frames_encoded_by_vit", training.framesEncoded},
                        {"frames_from_feature_cache", training.framesFromCache}};
  report["labels"] = training.counts.toJson();
  nlohmann::json curves = nlohmann::json::array();
  for (const auto& r : training.history) curves.push_back(stepRecordJson(r));
  report["curves"] = curves;
  const SplitMetrics b = splitMetrics(before, relevant), a = splitMetrics(after, relevant);
  report["held_out"] = {{"before", b.toJson()}, {"after", a.toJson()}};
  std::map<std::string, const engine::ChainResult*> beforeByKey;
  for (const auto& r : before) beforeByKey[questionKey(r.dataset, r.qid)] = &r;
  nlohmann::json fixed = nlohmann::json::array(), broken = nlohmann::json::array(),
                 keyframesChanged = nlohmann::json::array();
  for (const auto& r : after) {
    const auto it = beforeByKey.find(questionKey(r.dataset, r.qid));
    if (it == beforeByKey.end()) continue;
    const auto& old = *it->second;
    if (old.keyframes != r.keyframes) keyframesChanged.push_back(r.qid);
    if (!r.groundTruth) continue;
    nlohmann::json row = {{"qid", r.qid},
                          {"dataset", r.dataset},
                          {"before", old.answer.answer},
                          {"after", r.answer.answer},
                          {"ground_truth", *r.groundTruth}};
    // Whether the answer moved with the keyframes: how many of them hit the relevant frames.
    const auto rel = relevant.find(questionKey(r.dataset, r.qid));
    if (rel != relevant.end() && !rel->second.empty()) {
      row["keyframe_hits_before"] = keyframeHits(old, rel->second);
      row["keyframe_hits_after"] = keyframeHits(r, rel->second);
    }
    if (!old.correct() && r.correct()) fixed.push_back(row);
    if (old.correct() && !r.correct()) broken.push_back(row);
  }
  report["held_out"]["fixed"] = fixed;
  report["held_out"]["broken"] = broken;
  report["held_out"]["keyframes_changed"] = keyframesChanged;
  return report;
}

std::string reportSummary(const nlohmann::json& report) {
  std::ostringstream s;
  const auto& p = report.value("provenance", nlohmann::json::object());
  const auto& t = report.at("training");
  s << "# Refinement report\n\n";
  s << "- base model: " << p.value("model", std::string("?")) << "\n";
  s << "- base SeViLA checkpoint: " << p.value("sevila", std::string("(none: zero-shot BLIP-2)")) << "\n";
  s << "- trained: " << t.at("options").value("role", std::string("?")) << ", "
    << t.value("epochs_completed", 0) << " epochs" << (t.value("interrupted", false) ? " (interrupted)" : "")
    << ", checkpoint " << t.value("checkpoint", std::string()) << "\n";
  s << "- code version: " << p.value("code_version", std::string("?")) << ", seed "
    << t.at("options").value("seed", 0) << "\n\n";
  s << "## Labels\n\n";
  const auto& l = report.at("labels");
  for (const char* source : {"reverse_chain", "human", "qvh_windows"})
    s << "- " << source << ": " << l.at(source).value("items", 0) << " questions, "
      << l.at(source).value("frames", 0) << " frames (" << l.at(source).value("yes", 0) << " yes)\n";
  const auto& a = l.at("pseudo_vs_human");
  if (a.value("frames", 0) > 0)
    s << "- pseudo-labels vs human labels on " << a.value("frames", 0) << " frames: precision "
      << percent(a.at("precision")) << ", recall " << percent(a.at("recall")) << ", Cohen's kappa "
      << (a.at("cohen_kappa").is_null() ? std::string("n/a") : fixed3(a.at("cohen_kappa").get<double>()))
      << "\n";
  s << "\n## Held-out questions\n\n| | before | after |\n|---|---|---|\n";
  const auto& b = report.at("held_out").at("before");
  const auto& f = report.at("held_out").at("after");
  s << "| answer accuracy | " << percent(b.at("accuracy")) << " | " << percent(f.at("accuracy")) << " |\n";
  s << "| keyframe hit rate | " << percent(b.at("hit_rate")) << " | " << percent(f.at("hit_rate")) << " |\n";
  s << "| chance hit rate | " << percent(b.at("chance_hit_rate")) << " | " << percent(f.at("chance_hit_rate"))
    << " |\n";
  if (b.contains("qvhighlights") && f.contains("qvhighlights"))
    for (const char* m : {"R1@0.5", "R1@0.7", "mAP"})
      s << "| QVHighlights " << m << " | " << b.at("qvhighlights").at(m).get<double>() << " | "
        << f.at("qvhighlights").at(m).get<double>() << " |\n";
  s << "\n"
    << report.at("held_out").at("fixed").size() << " questions fixed, "
    << report.at("held_out").at("broken").size() << " broken, keyframes changed on "
    << report.at("held_out").at("keyframes_changed").size() << ".\n";
  const auto& curves = report.at("curves");
  if (!curves.empty())
    s << "\nLoss: " << curves.front().value("loss", 0.0) << " at step 1, " << curves.back().value("loss", 0.0)
      << " at step " << curves.size() << " (curves in report.json).\n";
  return s.str();
}

}  // namespace sevila::train
