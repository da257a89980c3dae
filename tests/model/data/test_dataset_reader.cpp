// The front readDataset(name, path) dispatches to each reader and rejects unknown names.
#include "data/dataset_reader.h"

#include "minitest.h"
#include "test_support_files.h"

using namespace sevila::data;

TEST(dispatchesByName) {
  CHECK_EQ(readDataset("nextqa", datatest::sample("nextqa/val_sample.csv")).items.size(), 28u);
  CHECK_EQ(readDataset("qvhighlights", datatest::sample("qvhighlights/val_sample.jsonl")).items.size(), 20u);
  CHECK_EQ(readDataset("how2qa", datatest::sample("how2qa/val_sample.csv")).items.size(), 9u);
  CHECK_EQ(readDataset("star", datatest::sample("star/val_sample.json")).items.size(), 4u);
  CHECK_EQ(readDataset("tvqa", datatest::sample("tvqa/val_sample.jsonl")).items.size(), 3u);
  const DatasetRead vlep = readDataset("vlep", datatest::sample("vlep/dev_sample.jsonl"));
  REQUIRE(!vlep.items.empty());
  CHECK_EQ(vlep.items.front().dataset, std::string("vlep"));
  CHECK(vlep.items.front().kind() == DatasetKind::Vlep);
  CHECK_EQ(datasetNames().size(), 6u);
  // One name table: every kind's name parses back to it, and the readers set both fields.
  for (DatasetKind kind : allDatasetKinds()) CHECK(parseDatasetKind(datasetKindName(kind)) == kind);
  CHECK(readDataset(DatasetKind::QvHighlights, datatest::sample("qvhighlights/val_sample.jsonl"))
            .items.front()
            .kind() == DatasetKind::QvHighlights);
  CHECK(isMultipleChoice(DatasetKind::NextQa));
  CHECK(!isMultipleChoice(DatasetKind::QvHighlights));
  CHECK_THROWS_WITH(parseDatasetKind("msrvtt"), "use one of: nextqa, star, how2qa, tvqa, vlep, qvhighlights");
}

TEST(unknownNameAndWrongFormat) {
  CHECK_THROWS_WITH(readDataset("msrvtt", "x"), "unknown dataset");
  // A NExT-QA csv given as QVHighlights: every line is a row error, strict names the first.
  ReadOptions strict;
  strict.strict = true;
  CHECK_THROWS_WITH(readDataset("qvhighlights", datatest::sample("nextqa/val_sample.csv"), strict),
                    "val_sample.csv:1: field 'json'");
  const DatasetRead read = readDataset("qvhighlights", datatest::sample("nextqa/val_sample.csv"));
  CHECK_EQ(read.items.size(), 0u);
  CHECK_EQ(read.skipped.size(), 29u);
}

MINITEST_MAIN
