#include "data/dataset_kind.h"

#include "core/error.h"

namespace sevila::data {

namespace {
struct Entry {
  DatasetKind kind;
  const char* name;
};
constexpr Entry kTable[] = {{DatasetKind::NextQa, "nextqa"}, {DatasetKind::Star, "star"},
                            {DatasetKind::How2Qa, "how2qa"}, {DatasetKind::Tvqa, "tvqa"},
                            {DatasetKind::Vlep, "vlep"},     {DatasetKind::QvHighlights, "qvhighlights"}};
}  // namespace

const std::vector<DatasetKind>& allDatasetKinds() {
  static const std::vector<DatasetKind> kinds = [] {
    std::vector<DatasetKind> k;
    for (const Entry& e : kTable) k.push_back(e.kind);
    return k;
  }();
  return kinds;
}

const char* datasetKindName(DatasetKind kind) {
  for (const Entry& e : kTable)
    if (e.kind == kind) return e.name;
  return "nextqa";
}

std::optional<DatasetKind> datasetKindFromName(const std::string& name) {
  for (const Entry& e : kTable)
    if (name == e.name) return e.kind;
  return std::nullopt;
}

DatasetKind parseDatasetKind(const std::string& name) {
  if (auto kind = datasetKindFromName(name)) return *kind;
  std::string known;
  for (const Entry& e : kTable) known += std::string(known.empty() ? "" : ", ") + e.name;
  throw Error(name, "unknown dataset", "use one of: " + known);
}

bool isMultipleChoice(DatasetKind kind) {
  return kind != DatasetKind::QvHighlights;
}

}  // namespace sevila::data
