#include "data/dataset_reader.h"

#include "data/how2qa_reader.h"
#include "data/nextqa_reader.h"
#include "data/qvhighlights_reader.h"
#include "data/star_reader.h"
#include "data/tvqa_reader.h"
#include "data/vlep_reader.h"

namespace sevila::data {

const std::vector<std::string>& datasetNames() {
  static const std::vector<std::string> names = {"nextqa", "star", "how2qa", "tvqa", "vlep", "qvhighlights"};
  return names;
}

bool isMultipleChoice(const std::string& name) { return name != "qvhighlights"; }

DatasetRead readDataset(const std::string& name, const std::string& path, const ReadOptions& options) {
  if (name == "nextqa") return readNextQa(path, options);
  if (name == "star") return readStar(path, options);
  if (name == "how2qa") return readHow2Qa(path, options);
  if (name == "tvqa") return readTvqa(path, options);
  if (name == "vlep") return readVlep(path, options);
  if (name == "qvhighlights") return readQvHighlights(path, options);
  std::string known;
  for (const auto& n : datasetNames()) known += (known.empty() ? "" : ", ") + n;
  throw Error(name, "unknown dataset", "use one of: " + known);
}

}  // namespace sevila::data
