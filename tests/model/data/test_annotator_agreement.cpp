// Inter-annotator agreement: every pair of authors, items both labelled, frames compared on the same grid
// and across grids by absolute frame index; counts and kappa worked out by hand below.
#include "data/annotator_agreement.h"

#include <cmath>

#include "core/error.h"
#include "minitest.h"

using namespace sevila::data;

namespace {

SamplingGrid grid(std::vector<int64_t> frames) {
  SamplingGrid g;
  for (int64_t f : frames) {
    g.frameIndices.push_back(f);
    g.timestamps.push_back(static_cast<double>(f) / 30.0);
  }
  return g;
}

KeyframeLabelRecord label(const std::string& qid, const std::string& author, SamplingGrid g,
                          std::vector<int> keyframes, const std::string& dataset = "nextqa") {
  KeyframeLabelRecord r;
  r.qid = qid;
  r.dataset = dataset;
  r.author = author;
  r.fps = 30;
  r.grid = std::move(g);
  r.keyframes = std::move(keyframes);
  return r;
}

const SamplingGrid kGrid8 = grid({15, 45, 75, 105, 135, 165, 195, 225});

}  // namespace

// Two items on the same 8-frame grid, alice vs bob:
//   q1  alice 0 1 1 0 0 0 0 1   bob 0 1 1 1 0 0 0 1   -> TP 3, FP 0, FN 1, TN 4
//   q2  alice 1 0 0 0 0 0 0 0   bob 0 0 0 0 0 0 0 0   -> TP 0, FP 1, FN 0, TN 7
// Sum: TP 3, FP 1, FN 1, TN 11 (N 16). kappa = 2 (TP TN - FP FN) / ((TP+FP)(FP+TN) + (TP+FN)(FN+TN))
//   = 2 (33 - 1) / (4 * 12 + 4 * 12) = 64 / 96 = 2/3.
TEST(sameGridPairCountsAndKappa) {
  const std::vector<KeyframeLabelRecord> labels = {
      label("q1", "bob", kGrid8, {1, 2, 3, 7}), label("q1", "alice", kGrid8, {1, 2, 7}),
      label("q2", "alice", kGrid8, {0}), label("q2", "bob", kGrid8, {}),
      label("q3", "alice", kGrid8, {4})};  // only alice: not compared
  const std::vector<AuthorPairAgreement> pairs = pairwiseAgreement(labels);
  REQUIRE(pairs.size() == 1u);
  CHECK_EQ(pairs[0].authorA, std::string("alice"));
  CHECK_EQ(pairs[0].authorB, std::string("bob"));
  CHECK_EQ(pairs[0].items, int64_t(2));
  CHECK_EQ(pairs[0].frames.truePositive, int64_t(3));
  CHECK_EQ(pairs[0].frames.falsePositive, int64_t(1));  // alice yes, bob no (q2 frame 0)
  CHECK_EQ(pairs[0].frames.falseNegative, int64_t(1));  // alice no, bob yes (q1 frame 3)
  CHECK_EQ(pairs[0].frames.trueNegative, int64_t(11));
  CHECK_NEAR(pairs[0].frames.cohenKappa(), 2.0 / 3.0, 1e-12);
  CHECK_NEAR(pairs[0].frames.precision(), 0.75, 1e-12);
}

// Different grids for one item: alice on the 8-frame grid, carol on a 4-frame grid
// [45, 75, 135, 225] (positions 1, 2, 4, 7 of alice's). Compared frames: 45, 75, 135, 225.
//   alice keyframes [1, 2, 3, 7] -> frames 45 y, 75 y, 135 n, 225 y  (105 is not in carol's grid)
//   carol keyframes [0, 2]       -> frames 45 y, 75 n, 135 y, 225 n
// TP 1 (45), FP 2 (75, 225), FN 1 (135), TN 0. kappa = 2 (0 - 2) / ((3)(2) + (2)(1)) = -4 / 8 = -0.5.
// Another item where the grids share no frame is skipped.
TEST(differentGridsCompareCommonFrames) {
  const SamplingGrid coarse = grid({45, 75, 135, 225});
  const std::vector<KeyframeLabelRecord> labels = {
      label("q1", "alice", kGrid8, {1, 2, 3, 7}), label("q1", "carol", coarse, {0, 2}),
      label("q2", "alice", kGrid8, {0}), label("q2", "carol", grid({1, 2, 3}), {1})};
  const std::vector<AuthorPairAgreement> pairs = pairwiseAgreement(labels);
  REQUIRE(pairs.size() == 1u);
  CHECK_EQ(pairs[0].items, int64_t(1));
  CHECK_EQ(pairs[0].frames.truePositive, int64_t(1));
  CHECK_EQ(pairs[0].frames.falsePositive, int64_t(2));
  CHECK_EQ(pairs[0].frames.falseNegative, int64_t(1));
  CHECK_EQ(pairs[0].frames.trueNegative, int64_t(0));
  CHECK_NEAR(pairs[0].frames.cohenKappa(), -0.5, 1e-12);
  // Swapping the roles compares carol's grid instead: the same four frames, FP and FN swap.
  const std::vector<KeyframeLabelRecord> swapped = {label("q1", "alice", coarse, {0, 2}),
                                                    label("q1", "bob", kGrid8, {1, 2, 3, 7})};
  const AuthorPairAgreement p = pairwiseAgreement(swapped).at(0);
  CHECK_EQ(p.frames.falsePositive, int64_t(1));
  CHECK_EQ(p.frames.falseNegative, int64_t(2));
  CHECK_NEAR(p.frames.cohenKappa(), -0.5, 1e-12);
}

// Three authors: three pairs in order (alice, bob), (alice, carol), (bob, carol); the same qid in another
// dataset is another item; a pair with no common item has items 0 and no frames.
TEST(everyPairOfAuthors) {
  const std::vector<KeyframeLabelRecord> labels = {
      label("q1", "carol", kGrid8, {0}), label("q1", "alice", kGrid8, {0}),
      label("q1", "bob", kGrid8, {0}, "star"),  // q1 of STAR, not NExT-QA's q1
      label("q2", "alice", kGrid8, {0, 1}, "star")};
  const std::vector<AuthorPairAgreement> pairs = pairwiseAgreement(labels);
  REQUIRE(pairs.size() == 3u);
  CHECK_EQ(pairs[0].authorA + "/" + pairs[0].authorB, std::string("alice/bob"));
  CHECK_EQ(pairs[1].authorA + "/" + pairs[1].authorB, std::string("alice/carol"));
  CHECK_EQ(pairs[2].authorA + "/" + pairs[2].authorB, std::string("bob/carol"));
  CHECK_EQ(pairs[0].items, int64_t(0));  // alice's STAR item is q2, bob's is q1
  CHECK_EQ(pairs[0].frames.total(), int64_t(0));
  CHECK(std::isnan(pairs[0].frames.cohenKappa()));
  // alice and carol agree on every frame of q1: TP 1, TN 7, kappa 1.
  CHECK_EQ(pairs[1].items, int64_t(1));
  CHECK_EQ(pairs[1].frames.truePositive, int64_t(1));
  CHECK_EQ(pairs[1].frames.trueNegative, int64_t(7));
  CHECK_EQ(pairs[1].frames.cohenKappa(), 1.0);
  CHECK_EQ(pairs[2].items, int64_t(0));
  CHECK(pairwiseAgreement({}).empty());
  CHECK(pairwiseAgreement({label("q1", "alice", kGrid8, {})}).empty());
}

TEST(duplicateLabelsAreRefused) {
  CHECK_THROWS_WITH(pairwiseAgreement({label("q1", "alice", kGrid8, {0}), label("q1", "alice", kGrid8, {1})}),
                    "two labels for (nextqa, q1, alice)");
}

MINITEST_MAIN
