// Multiple-choice accuracy, overall and per question type, with each dataset's official grouping.
//
// Input: one McRecord per answered question (qid, predicted index, right index, type).
// Schemes:
//  - NextQa: the official doc-doc/NExT-QA eval_mc.py. Types are re-labelled TP -> TN first, then fine
//    types CW, CH, TN, TC, DC, DL, DO and groups by the code's first letter: Causal (CW, CH), Temporal
//    (TN incl. TP, TC), Descriptive (DC, DL, DO). Headline = overall accuracy (correct / all).
//    A type outside the 8 codes is an error.
//  - Star: SeViLA's lavis VideoQA task: types Interaction, Sequence, Prediction, Feasibility; headline =
//    the MEAN of the per-type accuracies (not the overall accuracy). Types with no question are left
//    out of that mean and listed in `missingTypes` (the headline is then not comparable to published
//    numbers). A type outside the 4 is an error.
//  - Generic (How2QA, TVQA, VLEP, anything else): per distinct type (if any is non-empty) and overall;
//    headline = overall accuracy.
// Accuracies are fractions in [0, 1]; reports print 100 x value with 2 decimals (as eval_mc.py does).
// A qid listed twice is an error (it would be counted twice).
#pragma once

#include <string>
#include <vector>

namespace sevila::data {

struct McRecord {
  std::string qid;
  int prediction = -1;  // chosen option index; -1 (no answer) counts as wrong
  int answer = 0;       // right option index
  std::string type;     // NExT-QA code, STAR category, or empty
};

enum class McScheme { Generic, NextQa, Star };

// "nextqa" -> NextQa, "star" -> Star, anything else -> Generic.
McScheme mcSchemeFor(const std::string& dataset);

struct AccuracyCell {
  std::string name;  // "CW", "Causal", "Interaction", "overall"
  int correct = 0;
  int total = 0;
  double accuracy() const { return total > 0 ? static_cast<double>(correct) / total : 0.0; }
};

struct McAccuracyReport {
  McScheme scheme = McScheme::Generic;
  AccuracyCell overall{"overall"};
  std::vector<AccuracyCell> types;        // fine types in the scheme's order (NExT-QA: CW CH TN TC DC DL DO)
  std::vector<AccuracyCell> groups;       // NExT-QA: Causal, Temporal, Descriptive; empty otherwise
  double headline = 0.0;                  // see the schemes above
  std::string headlineName;               // "overall accuracy" or "mean of type accuracies"
  std::vector<std::string> missingTypes;  // scheme types with no question in the input
};

McAccuracyReport computeMcAccuracy(const std::vector<McRecord>& records, McScheme scheme);

// 100 x value rounded to two decimals, the way the official scripts print it ("{:.2f}").
double percent2(double fraction);

}  // namespace sevila::data
