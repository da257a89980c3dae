#include "train/training_labels.h"

#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/error.h"

namespace sevila::train {

const char* labelSourceName(LabelSource source) {
  switch (source) {
    case LabelSource::ReverseChain:
      return "reverse-chain";
    case LabelSource::Human:
      return "human";
    case LabelSource::Windows:
      return "qvh-windows";
  }
  return "?";
}

SourceCounts& LabelCounts::of(LabelSource source) {
  return source == LabelSource::Human ? human : source == LabelSource::Windows ? windows : reverseChain;
}
const SourceCounts& LabelCounts::of(LabelSource source) const {
  return source == LabelSource::Human ? human : source == LabelSource::Windows ? windows : reverseChain;
}

namespace {

nlohmann::json number(double v) {
  return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr);
}

nlohmann::json sourceJson(const SourceCounts& c) {
  return {{"items", c.items}, {"frames", c.frames}, {"yes", c.yes}, {"no", c.frames - c.yes}};
}

std::string gridText(const std::vector<int64_t>& grid) {
  std::ostringstream s;
  s << "n=" << grid.size() << " [";
  for (size_t i = 0; i < grid.size() && i < 6; ++i) s << (i ? "," : "") << grid[i];
  if (grid.size() > 6) s << ",...";
  s << "]";
  return s.str();
}

}  // namespace

nlohmann::json LabelCounts::toJson() const {
  const auto& a = pseudoVsHuman;
  return {{"reverse_chain", sourceJson(reverseChain)},
          {"human", sourceJson(human)},
          {"qvh_windows", sourceJson(windows)},
          {"pseudo_replaced_by_human", pseudoReplacedByHuman},
          {"unsure_skipped", unsureSkipped},
          {"author_conflicts", authorConflicts},
          {"items_without_labels", withoutLabels},
          {"pseudo_vs_human",
           {{"frames", a.total()},
            {"true_positive", a.truePositive},
            {"false_positive", a.falsePositive},
            {"false_negative", a.falseNegative},
            {"true_negative", a.trueNegative},
            {"precision", number(a.precision())},
            {"recall", number(a.recall())},
            {"cohen_kappa", number(a.cohenKappa())}}}};
}

std::string LabelCounts::summary() const {
  std::ostringstream s;
  auto line = [&](const char* name, const SourceCounts& c) {
    s << "  " << name << ": " << c.items << " questions, " << c.frames << " frames (" << c.yes << " yes, "
      << (c.frames - c.yes) << " no)\n";
  };
  line("reverse chain", reverseChain);
  line("human keyframes", human);
  line("QVHighlights windows", windows);
  if (pseudoReplacedByHuman || unsureSkipped || authorConflicts || withoutLabels)
    s << "  human labels replaced the pseudo-labels of " << pseudoReplacedByHuman << " questions; "
      << unsureSkipped << " unsure labels left out; " << authorConflicts
      << " questions with several authors; " << withoutLabels << " questions without any label\n";
  const auto& a = pseudoVsHuman;
  if (a.total() > 0) {
    auto text = [](double v) {
      if (!std::isfinite(v)) return std::string("n/a");
      char buffer[32];
      std::snprintf(buffer, sizeof buffer, "%.3f", v);
      return std::string(buffer);
    };
    s << "  pseudo-labels vs human labels on " << a.total() << " frames: precision " << text(a.precision())
      << ", recall " << text(a.recall()) << ", Cohen's kappa " << text(a.cohenKappa()) << "\n";
  }
  return s.str();
}

MergedLabels mergeLabels(const LabelSources& sources, const VideoResolver& resolveVideo) {
  MergedLabels out;
  auto& counts = out.counts;
  // The newest confirmed human label per question.
  std::map<std::pair<std::string, std::string>, const data::KeyframeLabelRecord*> human;
  for (const auto& record : sources.human) {
    if (record.state == data::LabelState::Unsure) {
      ++counts.unsureSkipped;
      continue;
    }
    const auto key = std::make_pair(record.dataset, record.qid);
    auto it = human.find(key);
    if (it == human.end()) {
      human[key] = &record;
    } else {
      ++counts.authorConflicts;
      if (record.updated > it->second->updated) it->second = &record;
    }
  }
  std::map<std::pair<std::string, std::string>, bool> known;
  for (const auto& item : sources.items) known[{item.dataset, item.qid}] = true;
  for (const auto& [key, record] : human)
    if (!known.count(key))
      throw Error(sources.humanFile.empty() ? std::string("human labels") : sources.humanFile,
                  "the label of " + key.first + " question " + key.second + " (author " + record->author +
                      ") names a question that is not in the training annotations",
                  "pass the annotation file that holds it, or remove the label");

  for (const auto& item : sources.items) {
    TrainingExample example;
    example.item = item;
    const auto h = human.find({item.dataset, item.qid});
    const bool pseudoPossible = sources.reverseChain && !item.options.empty() && item.answer.has_value();
    const bool windowsPossible = sources.windows && !item.relevantWindows.empty();
    if (h != human.end()) {
      example.source = LabelSource::Human;
      example.grid = h->second->grid;
      example.author = h->second->author;
      example.gridLabels.assign(static_cast<size_t>(example.grid.size()), 0);
      for (const int p : h->second->keyframes) example.gridLabels[static_cast<size_t>(p)] = 1;
      if (pseudoPossible) ++counts.pseudoReplacedByHuman;
    } else if (windowsPossible) {
      example.source = LabelSource::Windows;
    } else if (pseudoPossible) {
      example.source = LabelSource::ReverseChain;
    } else {
      ++counts.withoutLabels;
      continue;
    }
    example.videoPath = resolveVideo(item);
    ++counts.of(example.source).items;
    out.examples.push_back(std::move(example));
  }
  if (out.examples.empty())
    throw Error(
        "training labels",
        "no question has a label: no confirmed human keyframes, no ground truth for the "
        "reverse chain and no QVHighlights windows",
        "give annotations with answers (reverse chain), --labels with confirmed keyframes, or QVHighlights "
        "annotations with relevant windows");
  return out;
}

void requireSameGrid(const TrainingExample& example, const std::vector<int64_t>& trainerGrid) {
  if (example.source != LabelSource::Human) return;
  if (example.grid.frameIndices == trainerGrid) return;
  throw Error(example.item.dataset + " " + example.item.qid,
              "the human label of " + example.author + " was made on the sampled frames " +
                  gridText(example.grid.frameIndices) + ", but the trainer samples " + gridText(trainerGrid) +
                  " from " + example.videoPath,
              "label with the same number of frames (--frames) and the same video, or relabel this question");
}

}  // namespace sevila::train
