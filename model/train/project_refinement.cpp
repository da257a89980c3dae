#include "train/project_refinement.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <set>

#include "core/error.h"

namespace sevila::train {
namespace {

std::string keyOf(const std::string& dataset, const std::string& qid) {
  return dataset + " " + qid;
}

}  // namespace

std::vector<size_t> heldOutIndices(size_t count, int percent, int seed) {
  if (count < 2 || percent <= 0) return {};
  size_t n = static_cast<size_t>(std::lround(static_cast<double>(count) * percent / 100.0));
  n = std::clamp<size_t>(n, 1, count - 1);
  std::vector<size_t> order(count);
  for (size_t i = 0; i < count; ++i) order[i] = i;
  std::mt19937_64 rng(static_cast<uint64_t>(seed));
  std::shuffle(order.begin(), order.end(), rng);
  order.resize(n);
  std::sort(order.begin(), order.end());
  return order;
}

PreparedRefinement prepareRefinement(const ProjectRefinement& p, const VideoResolver& resolveVideo,
                                     nlohmann::json provenance) {
  std::map<std::string, data::DatasetItem> items;
  for (const auto& item : p.items) items.emplace(keyOf(item.dataset, item.qid), item);
  if (items.empty())
    throw Error(p.humanFile.empty() ? std::string("refinement") : p.humanFile, "no question to learn from",
                "mark keyframes on some questions, or add pseudo-labels from a dataset");

  // Held out: a share of the questions with confirmed human keyframes (else of all questions).
  std::vector<std::string> candidates;
  for (const auto& r : p.human)
    if (r.state == data::LabelState::Confirmed && items.count(keyOf(r.dataset, r.qid)))
      candidates.push_back(keyOf(r.dataset, r.qid));
  if (candidates.empty())
    for (const auto& [key, item] : items) candidates.push_back(key);
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  std::set<std::string> heldOutKeys;
  for (size_t i : heldOutIndices(candidates.size(), p.heldOutPercent, p.seed))
    heldOutKeys.insert(candidates[i]);

  PreparedRefinement out;
  RefinementJob& job = out.job;
  LabelSources sources;
  for (auto& [key, item] : items) (heldOutKeys.count(key) ? job.heldOut : sources.items).push_back(item);
  for (const auto& r : p.human) {
    if (!items.count(keyOf(r.dataset, r.qid))) continue;  // a label without its item
    (heldOutKeys.count(keyOf(r.dataset, r.qid)) ? job.heldOutLabels : sources.human).push_back(r);
  }
  // The Answerer's examples are the items with a ground truth (the reverse chain's source, as
  // `sevila finetune` takes them).
  const bool answerer = p.role == TrainRole::Answerer;
  sources.reverseChain = answerer || p.reverseChain;
  sources.windows = p.windows;
  if (answerer) {
    sources.human.clear();
    job.heldOutLabels.clear();
  }
  sources.humanFile = p.humanFile;
  job.resolveVideo = resolveVideo;
  job.labels = mergeLabels(sources, resolveVideo);

  TrainingRunOptions& o = job.options;
  o = referenceRecipe(p.role);
  const auto n = static_cast<int>(job.labels.examples.size());
  o.train.batchSize = std::clamp(n / 4, 1, answerer ? 8 : 16);
  if (n < 64) o.train.accumulation = 1;  // few questions: every batch a step
  o.train.schedule.maxEpochs = p.epochs;
  o.train.schedule.initLr = p.learningRate;
  o.train.schedule.warmupSteps = std::max(1, (n + o.train.batchSize - 1) / o.train.batchSize);
  o.train.seed = static_cast<uint64_t>(p.seed);
  o.frames = p.frames;
  o.sampling = p.uniformFrames ? FrameSampling::Uniform : FrameSampling::RandomInInterval;
  o.keyframes = p.keyframes;
  o.outputDir = p.outputDir;
  out.heldOut.assign(heldOutKeys.begin(), heldOutKeys.end());
  provenance["role"] = trainRoleName(p.role);
  provenance["held_out_percent"] = p.heldOutPercent;
  provenance["held_out"] = out.heldOut;
  o.provenance = provenance;
  out.options = provenance;
  out.options["training"] = trainingOptionsJson(o, 1);
  out.options["labels"] = job.labels.counts.toJson();
  out.trainQuestions = n;
  return out;
}

}  // namespace sevila::train
