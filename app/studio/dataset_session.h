// An open dataset in the studio: its annotation file read by the engine's readers, the folder of its
// videos, and optionally a `sevila run` results file, turned into the browser's rows.
#pragma once

#include <QString>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "data/dataset_item.h"
#include "engine/chain_result.h"
#include "widgets/dataset_row.h"

namespace sevila::studio {

struct DatasetSource {
  QString dataset;      // nextqa, star, how2qa, tvqa, vlep, qvhighlights
  QString annotations;  // the annotation file
  QString videos;       // folder of videos
  QString results;      // optional results JSONL of `sevila run`
};

class DatasetSession {
public:
  // Reads everything; throws sevila::Error naming the file and the reason.
  static DatasetSession load(const DatasetSource& source);

  const DatasetSource& source() const { return m_source; }
  const std::vector<data::DatasetItem>& items() const { return m_items; }
  const data::DatasetItem* item(const std::string& qid) const;
  const engine::ChainResult* result(const std::string& qid) const;
  std::vector<widgets::DatasetRow> rows() const;
  int skippedRows() const { return m_skipped; }
  // The video file of an item (searched in the video folder); throws sevila::Error.
  QString videoPath(const data::DatasetItem& item) const;

private:
  DatasetSource m_source;
  std::vector<data::DatasetItem> m_items;
  std::map<std::string, engine::ChainResult> m_results;
  int m_skipped = 0;
};

// One browser row from an item and its stored run (if any).
widgets::DatasetRow rowOf(const data::DatasetItem& item, const engine::ChainResult* result);

}  // namespace sevila::studio
