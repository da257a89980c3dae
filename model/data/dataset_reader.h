// The one entry point for annotation files: readDataset("nextqa", "val.csv") -> items + skipped rows.
// Dataset names: nextqa, star, how2qa, tvqa, vlep, qvhighlights (see each *_reader.h for the format,
// the qid scheme and the text preprocessing). Malformed rows are skipped and listed, or, with
// ReadOptions::strict, the first one throws sevila::Error naming file, line and field.
#pragma once

#include <string>
#include <vector>

#include "data/dataset_item.h"
#include "data/dataset_kind.h"
#include "data/row_errors.h"

namespace sevila::data {

DatasetRead readDataset(DatasetKind kind, const std::string& path, const ReadOptions& options = {});
// By name (dataset_kind.h's table); an unknown name throws sevila::Error listing the known ones.
DatasetRead readDataset(const std::string& name, const std::string& path, const ReadOptions& options = {});

// The names readDataset accepts, in a fixed order.
const std::vector<std::string>& datasetNames();

}  // namespace sevila::data
