#include "data/dataset_reader.h"

#include "data/how2qa_reader.h"
#include "data/nextqa_reader.h"
#include "data/qvhighlights_reader.h"
#include "data/star_reader.h"
#include "data/tvqa_reader.h"
#include "data/vlep_reader.h"

namespace sevila::data {

const std::vector<std::string>& datasetNames() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> n;
    for (DatasetKind kind : allDatasetKinds()) n.push_back(datasetKindName(kind));
    return n;
  }();
  return names;
}

DatasetRead readDataset(DatasetKind kind, const std::string& path, const ReadOptions& options) {
  switch (kind) {
    case DatasetKind::NextQa:
      return readNextQa(path, options);
    case DatasetKind::Star:
      return readStar(path, options);
    case DatasetKind::How2Qa:
      return readHow2Qa(path, options);
    case DatasetKind::Tvqa:
      return readTvqa(path, options);
    case DatasetKind::Vlep:
      return readVlep(path, options);
    case DatasetKind::QvHighlights:
      return readQvHighlights(path, options);
  }
  throw Error(path, "unknown dataset kind");
}

DatasetRead readDataset(const std::string& name, const std::string& path, const ReadOptions& options) {
  return readDataset(parseDatasetKind(name), path, options);
}

}  // namespace sevila::data
