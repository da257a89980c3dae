// Multiple-choice accuracy on hand-computed cases: NExT-QA groups with the TP -> TN merge, STAR's
// mean of type accuracies, generic per-type accuracy.
#include "data/mc_accuracy.h"

#include "minitest.h"

using namespace sevila::data;

namespace {
std::vector<McRecord> nextQaRecords() {
  // type: (prediction, answer) ...
  return {
      {"CW_1_0", 1, 1, "CW"}, {"CW_1_1", 2, 2, "CW"}, {"CW_1_2", 0, 3, "CW"},  // CW 2/3
      {"CH_1_3", 4, 4, "CH"},                                                  // CH 1/1
      {"TN_2_0", 1, 1, "TN"}, {"TN_2_1", 1, 2, "TN"},                          // TN 1/2
      {"TP_2_2", 3, 3, "TP"}, {"TP_2_3", 0, 1, "TP"},                          // TP 1/2 -> merged into TN
      {"TC_2_4", 2, 0, "TC"},                                                  // TC 0/1
      {"DC_3_0", 0, 0, "DC"}, {"DC_3_1", 1, 1, "DC"},                          // DC 2/2
      {"DL_3_2", 1, 0, "DL"},                                                  // DL 0/1
      {"DO_3_3", 4, 4, "DO"},                                                  // DO 1/1
  };
}
const AccuracyCell* find(const std::vector<AccuracyCell>& cells, const std::string& name) {
  for (const auto& c : cells)
    if (c.name == name) return &c;
  return nullptr;
}
}  // namespace

TEST(nextQaGroupsMergeTpIntoTn) {
  const McAccuracyReport r = computeMcAccuracy(nextQaRecords(), McScheme::NextQa);
  // overall: correct 2+1+1+1+0+2+0+1 = 8 of 13 -> 61.538... -> 61.54
  CHECK_EQ(r.overall.correct, 8);
  CHECK_EQ(r.overall.total, 13);
  CHECK_EQ(percent2(r.overall.accuracy()), 61.54);
  CHECK_EQ(percent2(r.headline), 61.54);
  // fine types in eval_mc.py's order, no TP row.
  REQUIRE(r.types.size() == 7u);
  CHECK_EQ(r.types[2].name, std::string("TN"));
  CHECK(find(r.types, "TP") == nullptr);
  // TN = TN 1/2 + TP 1/2 = 2/4 = 50.00
  CHECK_EQ(find(r.types, "TN")->correct, 2);
  CHECK_EQ(find(r.types, "TN")->total, 4);
  CHECK_EQ(percent2(find(r.types, "CW")->accuracy()), 66.67);  // 2/3
  // groups: Causal (CW+CH) 3/4 = 75.00; Temporal (TN+TP+TC) 2/5 = 40.00; Descriptive 3/4 = 75.00
  REQUIRE(r.groups.size() == 3u);
  CHECK_EQ(r.groups[0].name, std::string("Causal"));
  CHECK_EQ(percent2(r.groups[0].accuracy()), 75.0);
  CHECK_EQ(r.groups[1].name, std::string("Temporal"));
  CHECK_EQ(r.groups[1].correct, 2);
  CHECK_EQ(r.groups[1].total, 5);
  CHECK_EQ(percent2(r.groups[1].accuracy()), 40.0);
  CHECK_EQ(percent2(r.groups[2].accuracy()), 75.0);
  CHECK(r.missingTypes.empty());
}

TEST(starHeadlineIsMeanOfTypes) {
  std::vector<McRecord> rec = {
      {"Interaction_T1_1", 0, 0, "Interaction"}, {"Interaction_T1_2", 1, 1, "Interaction"},
      {"Interaction_T1_3", 1, 2, "Interaction"}, {"Interaction_T1_4", 3, 2, "Interaction"},  // 2/4
      {"Sequence_T1_1", 2, 2, "Sequence"},                                                   // 1/1
      {"Prediction_T1_1", 0, 1, "Prediction"},   {"Prediction_T1_2", 0, 3, "Prediction"},    // 0/2
      {"Feasibility_T1_1", 1, 1, "Feasibility"}, {"Feasibility_T1_2", 2, 2, "Feasibility"},
      {"Feasibility_T1_3", 3, 3, "Feasibility"},  // 3/3
  };
  const McAccuracyReport r = computeMcAccuracy(rec, McScheme::Star);
  // headline = (0.5 + 1 + 0 + 1) / 4 = 0.625 -> 62.50; overall 6/10 = 60.00 is NOT the headline
  CHECK_NEAR(r.headline, 0.625, 1e-12);
  CHECK_EQ(percent2(r.headline), 62.5);
  CHECK_EQ(percent2(r.overall.accuracy()), 60.0);
  CHECK_EQ(r.headlineName, std::string("mean of type accuracies"));
  // Without Feasibility: mean of the three present = (0.5 + 1 + 0) / 3 = 0.5, Feasibility listed missing.
  rec.resize(7);
  const McAccuracyReport partial = computeMcAccuracy(rec, McScheme::Star);
  CHECK_NEAR(partial.headline, 0.5, 1e-12);
  REQUIRE(partial.missingTypes.size() == 1u);
  CHECK_EQ(partial.missingTypes[0], std::string("Feasibility"));
}

TEST(genericAndErrors) {
  const McAccuracyReport r = computeMcAccuracy(
      {{"TVQA_0", 1, 1, ""}, {"TVQA_1", -1, 0, ""}, {"TVQA_2", 4, 4, ""}}, McScheme::Generic);
  CHECK(r.types.empty());
  CHECK_EQ(r.overall.correct, 2);  // prediction -1 (no answer) is wrong
  CHECK_EQ(percent2(r.headline), 66.67);
  CHECK_THROWS_WITH(computeMcAccuracy({{"CW_1_0", 1, 1, "CW"}, {"CW_1_0", 1, 1, "CW"}}, McScheme::NextQa),
                    "listed twice");
  CHECK_THROWS_WITH(computeMcAccuracy({{"XX_1_0", 1, 1, "XX"}}, McScheme::NextQa), "not a NExT-QA type code");
  CHECK_THROWS_WITH(computeMcAccuracy({{"Guess_1", 1, 1, "Guess"}}, McScheme::Star), "not a STAR category");
  CHECK(mcSchemeFor("nextqa") == McScheme::NextQa);
  CHECK(mcSchemeFor("star") == McScheme::Star);
  CHECK(mcSchemeFor("vlep") == McScheme::Generic);
  CHECK_EQ(percent2(2.0 / 3.0), 66.67);
  CHECK_EQ(percent2(0.123449), 12.34);
}

MINITEST_MAIN
