// The datasets SeViLA is evaluated on, with the one table of their names ("nextqa", ..., as the CLI's
// --dataset, results files and label files write them). Code compares kinds, never name strings.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace sevila::data {

enum class DatasetKind { NextQa, Star, How2Qa, Tvqa, Vlep, QvHighlights };

// Every kind, in the order --help lists them.
const std::vector<DatasetKind>& allDatasetKinds();
const char* datasetKindName(DatasetKind kind);
std::optional<DatasetKind> datasetKindFromName(const std::string& name);
// Throws sevila::Error naming the text and the known names.
DatasetKind parseDatasetKind(const std::string& name);
// Answered by choosing an option: all but QVHighlights (moment retrieval).
bool isMultipleChoice(DatasetKind kind);

}  // namespace sevila::data
