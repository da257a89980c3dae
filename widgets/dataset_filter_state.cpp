#include "widgets/dataset_filter_state.h"

#include <QJsonObject>

namespace sevila::widgets {

bool DatasetFilterState::sameFilter(const DatasetFilterState& o) const {
  return search == o.search && wrongOnly == o.wrongOnly && lowConfidence == o.lowConfidence &&
         threshold == o.threshold && disagree == o.disagree && unlabelled == o.unlabelled &&
         fixed == o.fixed && broken == o.broken && answerChanged == o.answerChanged && confLo == o.confLo &&
         confHi == o.confHi;
}

QJsonObject DatasetFilterState::toJson() const {
  QJsonObject json{
      {QStringLiteral("name"), name},
      {QStringLiteral("search"), search},
      {QStringLiteral("wrongOnly"), wrongOnly},
      {QStringLiteral("lowConfidence"), lowConfidence},
      {QStringLiteral("threshold"), threshold},
      {QStringLiteral("disagree"), disagree},
      {QStringLiteral("unlabelled"), unlabelled},
      {QStringLiteral("fixed"), fixed},
      {QStringLiteral("broken"), broken},
      {QStringLiteral("answerChanged"), answerChanged},
  };
  if (hasConfidenceRange()) {
    json.insert(QStringLiteral("confLo"), confLo);
    json.insert(QStringLiteral("confHi"), confHi);
  }
  return json;
}

DatasetFilterState DatasetFilterState::fromJson(const QJsonObject& json) {
  DatasetFilterState s;
  s.name = json.value(QStringLiteral("name")).toString();
  s.search = json.value(QStringLiteral("search")).toString();
  s.wrongOnly = json.value(QStringLiteral("wrongOnly")).toBool();
  s.lowConfidence = json.value(QStringLiteral("lowConfidence")).toBool();
  const double threshold = json.value(QStringLiteral("threshold")).toDouble(s.threshold);
  if (threshold >= 0 && threshold <= 1) s.threshold = threshold;
  s.disagree = json.value(QStringLiteral("disagree")).toBool();
  s.unlabelled = json.value(QStringLiteral("unlabelled")).toBool();
  s.fixed = json.value(QStringLiteral("fixed")).toBool();
  s.broken = json.value(QStringLiteral("broken")).toBool();
  s.answerChanged = json.value(QStringLiteral("answerChanged")).toBool();
  const double lo = json.value(QStringLiteral("confLo")).toDouble(-1);
  const double hi = json.value(QStringLiteral("confHi")).toDouble(-1);
  if (lo >= 0 && hi > lo) {
    s.confLo = lo;
    s.confHi = hi;
  }
  return s;
}

}  // namespace sevila::widgets
