// `sevila metrics`: evaluation numbers from a results file, with each dataset's official definitions
// (model/data/mc_accuracy.h, model/data/moment_retrieval_metrics.h; docs/metrics.md).
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "arguments.h"
#include "option_set.h"
#include "command.h"
#include "data/dataset_reader.h"
#include "data/mc_accuracy.h"
#include "data/mc_accuracy_json.h"
#include "data/moment_retrieval_metrics.h"
#include "data/nextqa_official_results.h"
#include "data/qvh_predictions.h"
#include "data/sevila_results.h"
#include "core/error.h"

namespace {

using namespace sevila;
using nlohmann::json;

const cli::OptionSet& declaredOptions() {
  static const cli::OptionSet options =
      cli::OptionSet(
          "sevila metrics --results FILE [--format sevila|nextqa-official|qvh]\n"
          "                      [--annotations FILE --dataset NAME] [--strict] [--json]",
          "Scores a results file with the dataset's official metric:\n"
          "  NExT-QA   accuracy overall, per type (TP counted as TN) and per group (Causal, Temporal,\n"
          "            Descriptive)\n"
          "  STAR      accuracy per category; headline = mean of the four category accuracies\n"
          "  others    accuracy overall (and per type when types are given)\n"
          "  QVHighlights  R1@0.5, R1@0.7 (first listed window), mAP@0.5, mAP@0.75, mAP (0.5:0.05:0.95)")
          .value("--results", "FILE", "the results to score")
          .value("--format", "F",
                 "sevila: our JSON lines {\"qid\", \"prediction\", [\"answer\"], [\"type\"], [\"dataset\"]}\n"
                 "nextqa-official: {\"<video>_<qid>\": {\"prediction\": i, \"answer\": j}} (needs the "
                 "NExT-QA csv)\n"
                 "qvh: QVHighlights submission jsonl {\"qid\", \"pred_relevant_windows\": [[s, e, score], "
                 "...]}\n"
                 "     (needs the ground-truth jsonl)",
                 "sevila")
          .value("--annotations", "FILE",
                 "the dataset's annotation file: answers and types are looked up there")
          .value("--dataset", "NAME",
                 "nextqa, star, how2qa, tvqa, vlep, qvhighlights (how to read the annotations and which\n"
                 "grouping to report; default: from --format or the results' \"dataset\")")
          .flag("--strict", "stop at the first malformed row instead of skipping it")
          .flag("--json", "print machine-readable JSON instead of tables");
  return options;
}

json skippedJson(const std::vector<data::SkippedRow>& rows) {
  json list = json::array();
  for (size_t i = 0; i < rows.size() && i < 50; ++i)
    list.push_back({{"file", rows[i].file},
                    {"line", rows[i].line},
                    {"field", rows[i].field},
                    {"reason", rows[i].reason}});
  return {{"count", rows.size()}, {"rows", list}};
}

void warnSkipped(const std::vector<data::SkippedRow>& rows, const char* what) {
  if (rows.empty()) return;
  std::fprintf(stderr, "warning: skipped %zu malformed %s (use --strict to stop at the first):\n",
               rows.size(), what);
  for (size_t i = 0; i < rows.size() && i < 10; ++i)
    std::fprintf(stderr, "  %s\n", data::describe(rows[i]).c_str());
  if (rows.size() > 10) std::fprintf(stderr, "  ... and %zu more\n", rows.size() - 10);
}

const char* nextQaTypeName(const std::string& code) {
  // eval_mc.py's column names.
  if (code == "CW") return "Why";
  if (code == "CH") return "How";
  if (code == "TN") return "Bef&Aft";
  if (code == "TC") return "When";
  if (code == "DC") return "Cnt";
  if (code == "DL") return "Loc";
  if (code == "DO") return "Other";
  return "";
}

void printCell(const data::AccuracyCell& c, const char* label) {
  if (c.total > 0)
    std::printf("  %-22s %7d %7d %9.2f\n", label, c.correct, c.total, data::percent2(c.accuracy()));
  else
    std::printf("  %-22s %7d %7d %9s\n", label, c.correct, c.total, "-");
}

int reportAccuracy(const std::string& dataset, const data::McJoin& join,
                   const std::vector<data::SkippedRow>& readSkipped, bool asJson) {
  std::vector<data::SkippedRow> skipped = readSkipped;
  skipped.insert(skipped.end(), join.skipped.begin(), join.skipped.end());
  if (join.records.empty()) {
    warnSkipped(skipped, "rows");
    throw Error("sevila metrics", "no scorable result", "see the skipped rows above, or give --annotations");
  }
  const data::McAccuracyReport r = data::computeMcAccuracy(join.records, data::mcSchemeFor(dataset));
  if (asJson) {
    json out = {{"dataset", dataset.empty() ? json(nullptr) : json(dataset)}, {"questions", r.overall.total}};
    out.update(data::mcAccuracyJson(r));
    out["missing_types"] = r.missingTypes;
    out["annotated_without_result"] = join.annotatedWithoutResult;
    out["skipped"] = skippedJson(skipped);
    std::printf("%s\n", out.dump(2).c_str());
    warnSkipped(skipped, "rows");
    return 0;
  }
  const bool nextqa = r.scheme == data::McScheme::NextQa;
  std::printf("%s accuracy over %d questions%s\n\n", dataset.empty() ? "Multiple-choice" : dataset.c_str(),
              r.overall.total, nextqa ? " (official grouping: TP counted as TN)" : "");
  std::printf("  %-22s %7s %7s %9s\n", "type", "correct", "total", "accuracy");
  for (const auto& c : r.types) {
    std::string label = c.name;
    if (nextqa) label += std::string(" (") + nextQaTypeName(c.name) + ")";
    printCell(c, label.c_str());
  }
  if (!r.groups.empty()) std::printf("\n");
  for (const auto& c : r.groups) printCell(c, c.name.c_str());
  std::printf("\n");
  printCell(r.overall, "overall");
  std::printf("\nheadline (%s): %.2f\n", r.headlineName.c_str(), data::percent2(r.headline));
  if (!r.missingTypes.empty()) {
    std::string list;
    for (const auto& t : r.missingTypes) list += " " + t;
    std::printf("note: no question of type%s%s\n", list.c_str(),
                r.scheme == data::McScheme::Star
                    ? "; the headline (mean over the present types) is not comparable to published numbers"
                    : "");
  }
  if (join.annotatedWithoutResult > 0)
    std::printf("note: %d annotated questions have no result (not counted)\n", join.annotatedWithoutResult);
  warnSkipped(skipped, "rows");
  return 0;
}

int reportMomentRetrieval(const std::string& resultsPath, const std::string& annotationsPath,
                          const data::ReadOptions& options, bool asJson) {
  const data::DatasetRead gtRead =
      data::readDataset(data::DatasetKind::QvHighlights, annotationsPath, options);
  warnSkipped(gtRead.skipped, "annotation rows");
  const data::QvhPredictionsRead pred = data::readQvhPredictions(resultsPath, options);
  for (const auto& w : pred.warnings) std::fprintf(stderr, "warning: %s\n", w.c_str());
  const std::vector<data::MrGroundTruth> gt = data::groundTruthFromItems(gtRead.items);
  const data::MrBucket buckets[] = {data::MrBucket::Full, data::MrBucket::Short, data::MrBucket::Middle,
                                    data::MrBucket::Long};
  std::vector<data::MrReport> reports;
  for (auto b : buckets) reports.push_back(data::evaluateMomentRetrieval(pred.predictions, gt, b));
  const data::MrReport& full = reports.front();
  if (full.queries == 0) throw Error(resultsPath, "no query with both a prediction and a ground truth");
  if (asJson) {
    json out = {{"dataset", "qvhighlights"},
                {"queries", full.queries},
                {"without_prediction", full.withoutPrediction}};
    out["R1@0.5"] = full.r1At05();
    out["R1@0.7"] = full.r1At07();
    out["mAP@0.5"] = full.map05();
    out["mAP@0.75"] = full.map075();
    out["mAP"] = full.mapAvg();
    for (const auto& r : reports) {
      json b = {{"queries", r.queries}, {"mAP", r.mapAvg()}};
      json ap = json::object(), r1 = json::object();
      for (size_t i = 0; i < r.apAt.size(); ++i) {
        char key[16];
        std::snprintf(key, sizeof key, "%.2f", r.mapThresholds[i]);
        ap[key] = data::percent2(r.apAt[i]);
        r1[key] = data::percent2(r.r1At[i]);
      }
      b["mAP_at"] = ap;
      b["R1_at"] = r1;
      out["buckets"][data::mrBucketName(r.bucket)] = b;
    }
    out["skipped"] = skippedJson(pred.skipped);
    std::printf("%s\n", out.dump(2).c_str());
    warnSkipped(pred.skipped, "prediction rows");
    return 0;
  }
  std::printf("QVHighlights moment retrieval over %d queries (official definitions)\n\n", full.queries);
  std::printf("  R1@0.5   %6.2f\n  R1@0.7   %6.2f\n  mAP@0.5  %6.2f\n  mAP@0.75 %6.2f\n  mAP      %6.2f\n\n",
              full.r1At05(), full.r1At07(), full.map05(), full.map075(), full.mapAvg());
  std::printf("  by ground-truth window length:\n");
  for (size_t i = 1; i < reports.size(); ++i)
    std::printf("    %-7s mAP %6.2f over %d queries\n", data::mrBucketName(reports[i].bucket),
                reports[i].mapAvg(), reports[i].queries);
  if (full.withoutPrediction > 0)
    std::printf("\nnote: %d ground-truth queries have no predicted window (left out)\n",
                full.withoutPrediction);
  warnSkipped(pred.skipped, "prediction rows");
  return 0;
}

int runMetrics(const std::vector<std::string>& args) {
  for (const auto& a : args)
    if (a == "--help" || a == "-h") {
      std::printf("%s", declaredOptions().help().c_str());
      return 0;
    }
  const cli::Arguments a = declaredOptions().parse(args);
  if (!a.positionals().empty()) throw Error(a.positionals().front(), "unexpected argument", "see --help");
  const std::string results = a.require("--results");
  const std::string format = a.value("--format", declaredOptions().defaultOf("--format"));
  std::string dataset = a.value("--dataset", "");
  const std::optional<std::string> annotations = a.value("--annotations");
  data::ReadOptions options;
  options.strict = a.flag("--strict");
  const bool asJson = a.flag("--json");
  std::optional<data::DatasetKind> kind;
  if (!dataset.empty()) kind = data::parseDatasetKind(dataset);

  if (format == "qvh") {
    if (kind && kind != data::DatasetKind::QvHighlights)
      throw Error("--dataset " + dataset, "--format qvh is for qvhighlights");
    if (!annotations) throw Error("--format qvh", "needs --annotations (the ground-truth jsonl)");
    return reportMomentRetrieval(results, *annotations, options, asJson);
  }
  if (format == "nextqa-official") {
    if (kind && kind != data::DatasetKind::NextQa)
      throw Error("--dataset " + dataset, "--format nextqa-official is for nextqa");
    if (!annotations)
      throw Error("--format nextqa-official", "needs --annotations (NExT-QA's csv, for the question types)");
    const data::DatasetRead ann = data::readDataset(data::DatasetKind::NextQa, *annotations, options);
    warnSkipped(ann.skipped, "annotation rows");
    const data::McJoin join = data::readNextQaOfficialResults(results, ann.items, options);
    return reportAccuracy("nextqa", join, {}, asJson);
  }
  if (format != "sevila")
    throw Error("--format " + format, "unknown format", "use sevila, nextqa-official or qvh");

  const data::SevilaResultsRead read = data::readSevilaResults(results, options);
  if (dataset.empty()) {
    for (const auto& r : read.results) {
      if (r.dataset.empty()) continue;
      if (!dataset.empty() && r.dataset != dataset)
        throw Error(results, "mixes datasets '" + dataset + "' and '" + r.dataset + "'",
                    "score one dataset at a time");
      dataset = r.dataset;
    }
  }
  if (kind == data::DatasetKind::QvHighlights)
    throw Error("--dataset qvhighlights", "moment retrieval results use --format qvh");
  std::optional<data::DatasetRead> ann;
  if (annotations) {
    if (dataset.empty()) throw Error("--annotations", "needs --dataset NAME to know how to read the file");
    ann = data::readDataset(dataset, *annotations, options);
    warnSkipped(ann->skipped, "annotation rows");
  }
  const data::McJoin join = data::joinResults(read.results, ann ? &ann->items : nullptr, dataset, options);
  return reportAccuracy(dataset, join, read.skipped, asJson);
}

}  // namespace

namespace sevila::cli {
Command metricsCommand() {
  return {"metrics", "accuracy / moment-retrieval metrics of a results file (official definitions)",
          runMetrics};
}
}  // namespace sevila::cli
