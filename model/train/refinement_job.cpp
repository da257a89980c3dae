#include "train/refinement_job.h"

#include <cstdio>
#include <filesystem>

#include "core/atomic_file.h"
#include "core/error.h"
#include "data/project_labels.h"
#include "engine/forward_chain.h"
#include "nn/sevila_model.h"
#include "core/sha256.h"
#include "train/distributed.h"
#include "train/frame_features.h"
#include "train/refinement_report.h"

namespace sevila::train {
namespace {
namespace fs = std::filesystem;

bool isSqliteFile(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return false;
  char head[16] = {};
  const size_t n = std::fread(head, 1, sizeof head, f);
  std::fclose(f);
  return n == 16 && std::string(head, 15) == "SQLite format 3";
}

std::vector<engine::ChainResult> answerAll(
    engine::SevilaEngine& engine, const RefinementJob& job, const engine::CancelToken* cancel,
    const std::string& stage, const std::function<void(const RefinementJobProgress&)>& progress) {
  engine::ChainOptions chain;
  chain.frames = job.options.frames;
  chain.keyframes = job.options.keyframes;
  std::vector<engine::ChainResult> results;
  const auto total = static_cast<int64_t>(job.heldOut.size());
  for (int64_t i = 0; i < total; ++i) {
    if (cancel) cancel->throwIfCancelled();
    if (progress) progress({stage, i, total, {}});
    const auto& item = job.heldOut[static_cast<size_t>(i)];
    results.push_back(engine.run(job.resolveVideo(item), engine::questionFor(item), chain, cancel));
  }
  if (progress) progress({stage, total, total, {}});
  return results;
}

RelevantMap relevantFrames(const RefinementJob& job) {
  RelevantMap relevant;
  for (const auto& r : job.heldOutLabels) {
    if (r.state != data::LabelState::Confirmed) continue;
    auto& frames = relevant[questionKey(r.dataset, r.qid)].frames;
    for (const int p : r.keyframes) frames.insert(r.grid.frameIndices[static_cast<size_t>(p)]);
  }
  for (const auto& item : job.heldOut)
    if (!item.relevantWindows.empty())
      relevant[questionKey(item.dataset, item.qid)].windows = item.relevantWindows;
  return relevant;
}

}  // namespace

std::vector<data::KeyframeLabelRecord> readHumanLabels(const std::string& path, const std::string& author) {
  std::vector<data::KeyframeLabelRecord> out;
  // A label a reviewer rejected does not train the Localizer.
  const auto keep = [&](const data::KeyframeLabelRecord& r) {
    return (author.empty() || r.author == author) && r.review != data::ReviewState::Rejected;
  };
  if (isSqliteFile(path)) {
    for (auto& l : data::readProjectLabels(path, author))
      if (keep(l.record)) out.push_back(std::move(l.record));
  } else {
    for (auto& r : data::readKeyframeLabels(path))
      if (keep(r)) out.push_back(std::move(r));
  }
  return out;
}

RefinementJobResult runRefinementJob(const RefinementJob& job, ProcessGroup* group,
                                     const engine::CancelToken* cancel,
                                     const std::function<void(const RefinementJobProgress&)>& progress) {
  if (!job.model) throw Error(job.options.outputDir, "no model to refine");
  const bool lead = !group || group->rank() == 0;
  std::unique_ptr<engine::SevilaEngine> evaluator;
  std::vector<engine::ChainResult> before;
  if (lead && !job.heldOut.empty()) {
    evaluator = std::make_unique<engine::SevilaEngine>(job.model, job.cache);
    before = answerAll(*evaluator, job, cancel, "evaluating-before", progress);
  }

  FrameFeatures features(job.model->networkPtr(), job.cache);
  RefinementJobResult out;
  out.training = runTraining(job.model, job.labels, features, job.options, group, cancel,
                             [&](const TrainingProgress& p) {
                               if (progress)
                                 progress({p.stage == "training" ? "training" : p.stage, 0, 0, p});
                             });
  if (!lead || out.training.interrupted) return out;

  std::vector<engine::ChainResult> after;
  if (evaluator) after = answerAll(*evaluator, job, cancel, "evaluating-after", progress);
  if (progress) progress({"report", 0, 0, {}});
  nlohmann::json provenance = job.options.provenance;
  provenance["checkpoint_sha256"] = sha256File(out.training.checkpoint);
  out.report = refinementReport(before, after, relevantFrames(job), out.training, provenance);
  out.summary = reportSummary(out.report);
  const fs::path dir(job.options.outputDir);
  writeFileAtomically((dir / "report.json").string(), out.report.dump(1) + "\n");
  writeFileAtomically((dir / "report.md").string(), out.summary);
  return out;
}

}  // namespace sevila::train
