// One setting of the dataset browser's filters, named, so a useful view of the failures ("wrong and
// unsure on TN") can be saved and restored. A plain value with a JSON form the studio keeps in its
// settings; the browser applies it to its controls and its filter model.
#pragma once

#include <QString>

class QJsonObject;

namespace sevila::widgets {

struct DatasetFilterState {
  QString search;  // as typed (the filter folds case itself)
  bool wrongOnly = false;
  bool lowConfidence = false;
  double threshold = 0.5;  // the low-confidence threshold
  bool disagree = false;   // human keyframes ≠ model's
  bool unlabelled = false;
  // Comparing two model versions (see DatasetRow): refinement fixed it, broke it, or changed the answer.
  bool fixed = false;
  bool broken = false;
  bool answerChanged = false;
  double confLo = -1;  // confidence range [confLo, confHi), -1 when no range is set
  double confHi = -1;
  QString name;

  bool hasConfidenceRange() const { return confLo >= 0 && confHi > confLo; }
  // The same filters, whatever the names.
  bool sameFilter(const DatasetFilterState& other) const;
  bool operator==(const DatasetFilterState& other) const { return sameFilter(other) && name == other.name; }
  bool operator!=(const DatasetFilterState& other) const { return !(*this == other); }

  QJsonObject toJson() const;
  // Missing keys keep their defaults (a filter saved before a condition existed has it off); an invalid
  // confidence range or threshold is dropped.
  static DatasetFilterState fromJson(const QJsonObject& json);
};

}  // namespace sevila::widgets
