#include "data/mc_accuracy.h"

#include "data/dataset_kind.h"

#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>

#include "core/error.h"

namespace sevila::data {

McScheme mcSchemeFor(const std::string& dataset) {
  const auto kind = datasetKindFromName(dataset);
  if (kind == DatasetKind::NextQa) return McScheme::NextQa;
  if (kind == DatasetKind::Star) return McScheme::Star;
  return McScheme::Generic;
}

double percent2(double fraction) {
  char text[64];
  std::snprintf(text, sizeof text, "%.2f", fraction * 100.0);
  return std::strtod(text, nullptr);
}

McAccuracyReport computeMcAccuracy(const std::vector<McRecord>& records, McScheme scheme) {
  McAccuracyReport report;
  report.scheme = scheme;
  std::vector<std::string> typeOrder;
  if (scheme == McScheme::NextQa) typeOrder = {"CW", "CH", "TN", "TC", "DC", "DL", "DO"};
  if (scheme == McScheme::Star) typeOrder = {"Interaction", "Sequence", "Prediction", "Feasibility"};

  std::map<std::string, AccuracyCell> cells;
  std::set<std::string> seen;
  for (const McRecord& r : records) {
    if (!seen.insert(r.qid).second) throw Error(r.qid, "qid listed twice in the results");
    std::string type = r.type;
    if (scheme == McScheme::NextQa) {
      if (type == "TP") type = "TN";  // eval_mc.py: "combine temporal qns of previous and next as 'TN'"
      if (type != "CW" && type != "CH" && type != "TN" && type != "TC" && type != "DC" && type != "DL" &&
          type != "DO")
        throw Error(r.qid, "type '" + r.type + "' is not a NExT-QA type code (CW CH TN TP TC DC DL DO)",
                    "give the NExT-QA annotations so types can be looked up");
    } else if (scheme == McScheme::Star) {
      if (type != "Interaction" && type != "Sequence" && type != "Prediction" && type != "Feasibility")
        throw Error(r.qid, "type '" + r.type +
                               "' is not a STAR category (Interaction Sequence Prediction Feasibility)");
    }
    const bool correct = r.prediction == r.answer;
    report.overall.total += 1;
    report.overall.correct += correct;
    if (!type.empty()) {
      AccuracyCell& cell = cells[type];
      cell.name = type;
      cell.total += 1;
      cell.correct += correct;
    }
  }
  if (scheme == McScheme::Generic)
    for (const auto& [name, cell] : cells) typeOrder.push_back(name);
  for (const std::string& name : typeOrder) {
    auto it = cells.find(name);
    if (it == cells.end()) {
      report.missingTypes.push_back(name);
      report.types.push_back(AccuracyCell{name});
    } else {
      report.types.push_back(it->second);
    }
  }
  if (scheme == McScheme::NextQa) {
    const std::pair<const char*, char> groups[] = {{"Causal", 'C'}, {"Temporal", 'T'}, {"Descriptive", 'D'}};
    for (const auto& [name, letter] : groups) {
      AccuracyCell g{name};
      for (const AccuracyCell& c : report.types)
        if (c.name[0] == letter) {
          g.correct += c.correct;
          g.total += c.total;
        }
      report.groups.push_back(g);
    }
  }
  if (scheme == McScheme::Star) {
    double sum = 0.0;
    int n = 0;
    for (const AccuracyCell& c : report.types)
      if (c.total > 0) {
        sum += c.accuracy();
        ++n;
      }
    report.headline = n > 0 ? sum / n : 0.0;
    report.headlineName = "mean of type accuracies";
  } else {
    report.headline = report.overall.accuracy();
    report.headlineName = "overall accuracy";
  }
  return report;
}

}  // namespace sevila::data
