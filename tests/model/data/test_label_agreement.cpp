// Agreement of binary frame labels (pseudo-labels vs human keyframes): confusion matrices counted by hand,
// precision/recall, and Cohen's kappa checked against values worked out by hand below.
#include "data/label_agreement.h"

#include <cmath>

#include "minitest.h"
#include "core/error.h"

using sevila::data::BinaryAgreement;

namespace {

// `count` copies of (predicted, reference) appended to the two sequences.
void block(std::vector<int64_t>& predicted, std::vector<int64_t>& reference, int count, int p, int r) {
  for (int i = 0; i < count; ++i) {
    predicted.push_back(p);
    reference.push_back(r);
  }
}

BinaryAgreement matrix(int64_t tp, int64_t fp, int64_t fn, int64_t tn) {
  BinaryAgreement a;
  a.truePositive = tp;
  a.falsePositive = fp;
  a.falseNegative = fn;
  a.trueNegative = tn;
  return a;
}

}  // namespace

// One item: pseudo-labels no_yes_yes_no_no_no_no_yes against human keyframes [1, 2, 3, 7].
//   position   0 1 2 3 4 5 6 7
//   predicted  0 1 1 0 0 0 0 1
//   reference  0 1 1 1 0 0 0 1
// TP = 3 (1, 2, 7), FP = 0, FN = 1 (3), TN = 4 (0, 4, 5, 6).
// precision = 3/3 = 1, recall = 3/4.
// po = 7/8; predicted yes 3/8, reference yes 4/8; pe = 3/8*4/8 + 5/8*4/8 = 12/64 + 20/64 = 1/2;
// kappa = (7/8 - 1/2) / (1 - 1/2) = (3/8) / (1/2) = 0.75.
TEST(countsOneItemByHand) {
  BinaryAgreement a;
  a.add({0, 1, 1, 0, 0, 0, 0, 1}, {0, 1, 1, 1, 0, 0, 0, 1});
  CHECK(a == matrix(3, 0, 1, 4));
  CHECK_EQ(a.total(), 8);
  CHECK_NEAR(a.precision(), 1.0, 1e-15);
  CHECK_NEAR(a.recall(), 0.75, 1e-15);
  CHECK_NEAR(a.cohenKappa(), 0.75, 1e-15);
}

// The classic 2x2 example (Wikipedia, "Cohen's kappa", simple example): 50 proposals, rater A = predicted,
// rater B = reference.
//              B yes  B no
//   A yes        20     5      -> TP 20, FP 5
//   A no         10    15      -> FN 10, TN 15
// po = (20 + 15) / 50 = 0.7; A yes 25/50 = 0.5, B yes 30/50 = 0.6;
// pe = 0.5*0.6 + 0.5*0.4 = 0.5; kappa = (0.7 - 0.5) / (1 - 0.5) = 0.4.
// precision = 20/25 = 0.8; recall = 20/30 = 2/3.
TEST(classicWikipediaExample) {
  std::vector<int64_t> p, r;
  block(p, r, 20, 1, 1);
  block(p, r, 5, 1, 0);
  block(p, r, 10, 0, 1);
  block(p, r, 15, 0, 0);
  BinaryAgreement a;
  a.add(p, r);
  CHECK(a == matrix(20, 5, 10, 15));
  CHECK_EQ(a.total(), 50);
  CHECK_NEAR(a.cohenKappa(), 0.4, 1e-12);
  CHECK_NEAR(a.precision(), 0.8, 1e-15);
  CHECK_NEAR(a.recall(), 2.0 / 3.0, 1e-15);
}

// Same marginal agreement po = 0.6, different kappas (Wikipedia's "same percentage, different kappa"):
//   (a) TP 45, FP 15, FN 25, TN 15 (N 100): A yes 0.60, B yes 0.70; pe = 0.6*0.7 + 0.4*0.3 = 0.54;
//       kappa = (0.60 - 0.54) / 0.46 = 0.06 / 0.46 = 3/23 = 0.130434...
//   (b) TP 25, FP 35, FN 5, TN 35 (N 100): A yes 0.60, B yes 0.30; pe = 0.6*0.3 + 0.4*0.7 = 0.46;
//       kappa = (0.60 - 0.46) / 0.54 = 0.14 / 0.54 = 7/27 = 0.259259...
TEST(samePoDifferentKappa) {
  const BinaryAgreement a = matrix(45, 15, 25, 15);
  CHECK_NEAR(a.cohenKappa(), 3.0 / 23.0, 1e-12);
  CHECK_NEAR(a.precision(), 45.0 / 60.0, 1e-15);
  CHECK_NEAR(a.recall(), 45.0 / 70.0, 1e-15);
  const BinaryAgreement b = matrix(25, 35, 5, 35);
  CHECK_NEAR(b.cohenKappa(), 7.0 / 27.0, 1e-12);
  CHECK_NEAR(b.precision(), 25.0 / 60.0, 1e-15);
  CHECK_NEAR(b.recall(), 25.0 / 30.0, 1e-15);
}

// Perfect disagreement: predicted 1 0 1 0, reference 0 1 0 1 -> TP 0, FP 2, FN 2, TN 0; po = 0,
// pe = 0.5*0.5 + 0.5*0.5 = 0.5; kappa = (0 - 0.5) / 0.5 = -1. precision 0/2 = 0, recall 0/2 = 0.
TEST(perfectDisagreementIsMinusOne) {
  BinaryAgreement a;
  a.add({1, 0, 1, 0}, {0, 1, 0, 1});
  CHECK(a == matrix(0, 2, 2, 0));
  CHECK_NEAR(a.cohenKappa(), -1.0, 1e-15);
  CHECK_EQ(a.precision(), 0.0);
  CHECK_EQ(a.recall(), 0.0);
}

// Perfect agreement with both classes present: kappa 1 (po = 1, pe < 1).
TEST(perfectAgreementIsOne) {
  BinaryAgreement a;
  a.add({1, 0, 0, 1, 1}, {1, 0, 0, 1, 1});
  CHECK(a == matrix(3, 0, 0, 2));
  CHECK_EQ(a.cohenKappa(), 1.0);
  CHECK_EQ(a.precision(), 1.0);
  CHECK_EQ(a.recall(), 1.0);
}

// Constant label sets. Both all-yes or both all-no: po = pe = 1, kappa defined as 1. Constant but
// different (all yes vs all no): po = 0, pe = 1*0 + 0*1 = 0, kappa 0. One constant, the other not
// (predicted 0 0 0 0, reference 1 0 0 0): po = 3/4, pe = 0*1/4 + 1*3/4 = 3/4, kappa 0.
TEST(constantLabels) {
  BinaryAgreement yes;
  yes.add({1, 1, 1}, {1, 1, 1});
  CHECK(yes == matrix(3, 0, 0, 0));
  CHECK_EQ(yes.cohenKappa(), 1.0);
  CHECK_EQ(yes.precision(), 1.0);
  CHECK_EQ(yes.recall(), 1.0);

  BinaryAgreement no;
  no.add({0, 0, 0, 0}, {0, 0, 0, 0});
  CHECK(no == matrix(0, 0, 0, 4));
  CHECK_EQ(no.cohenKappa(), 1.0);
  CHECK(std::isnan(no.precision()));  // nothing predicted positive
  CHECK(std::isnan(no.recall()));     // nothing to find

  BinaryAgreement opposite;
  opposite.add({1, 1, 1}, {0, 0, 0});
  CHECK(opposite == matrix(0, 3, 0, 0));
  CHECK_EQ(opposite.cohenKappa(), 0.0);
  CHECK_EQ(opposite.precision(), 0.0);
  CHECK(std::isnan(opposite.recall()));

  BinaryAgreement oneConstant;
  oneConstant.add({0, 0, 0, 0}, {1, 0, 0, 0});
  CHECK(oneConstant == matrix(0, 0, 1, 3));
  CHECK_EQ(oneConstant.cohenKappa(), 0.0);
  CHECK(std::isnan(oneConstant.precision()));
  CHECK_EQ(oneConstant.recall(), 0.0);
}

TEST(emptyIsUndefined) {
  BinaryAgreement a;
  CHECK_EQ(a.total(), 0);
  CHECK(std::isnan(a.precision()));
  CHECK(std::isnan(a.recall()));
  CHECK(std::isnan(a.cohenKappa()));  // pe = 0/0
  a.add({}, {});
  CHECK(a == BinaryAgreement{});
  CHECK(std::isnan(a.cohenKappa()));
}

TEST(mismatchAndNonBinaryThrowAndCountNothing) {
  BinaryAgreement a;
  a.add({1, 0}, {1, 1});
  const BinaryAgreement before = a;
  CHECK_THROWS_WITH(a.add({1, 0, 1}, {1, 0}), "predicted has 3 frame labels, reference has 2");
  CHECK(a == before);
  bool isSevilaError = false;
  try {
    a.add({1}, {});
  } catch (const sevila::Error& e) {
    isSevilaError = e.subject() == "label agreement";
  }
  CHECK(isSevilaError);
  CHECK_THROWS_WITH(a.add({1, 2}, {1, 0}), "predicted[1] is 2, not a binary label");
  CHECK_THROWS_WITH(a.add({1, 0}, {1, -100}), "reference[1] is -100");
  CHECK(a == before);
}

// Summing per-item matrices equals counting the concatenation; kappa is NOT the mean of item kappas.
TEST(sumOverItems) {
  // Item 1: TP 1, FP 1, FN 0, TN 2 (kappa alone: po 3/4, pe = 2/4*1/4 + 2/4*3/4 = 1/2, kappa 1/2).
  // Item 2: TP 2, FP 0, FN 2, TN 0 (reference constant yes, predicted not: po 1/2, pe = 2/4*1 + 0 = 1/2,
  //         kappa 0).
  // Sum: TP 3, FP 1, FN 2, TN 2 (N 8): po 5/8; predicted yes 4/8, reference yes 5/8;
  //      pe = 4/8*5/8 + 4/8*3/8 = 20/64 + 12/64 = 1/2; kappa = (5/8 - 1/2) / (1/2) = 1/4.
  BinaryAgreement item1, item2, whole;
  item1.add({1, 1, 0, 0}, {1, 0, 0, 0});
  item2.add({1, 1, 0, 0}, {1, 1, 1, 1});
  CHECK_NEAR(item1.cohenKappa(), 0.5, 1e-15);
  CHECK_NEAR(item2.cohenKappa(), 0.0, 1e-15);
  BinaryAgreement sum;
  sum += item1;
  sum += item2;
  whole.add({1, 1, 0, 0, 1, 1, 0, 0}, {1, 0, 0, 0, 1, 1, 1, 1});
  CHECK(sum == whole);
  CHECK(sum == matrix(3, 1, 2, 2));
  CHECK_NEAR(sum.cohenKappa(), 0.25, 1e-15);
  CHECK_NEAR(sum.precision(), 0.75, 1e-15);
  CHECK_NEAR(sum.recall(), 0.6, 1e-15);
  // add() accumulates as well.
  BinaryAgreement accumulated;
  accumulated.add({1, 1, 0, 0}, {1, 0, 0, 0});
  accumulated.add({1, 1, 0, 0}, {1, 1, 1, 1});
  CHECK(accumulated == whole);
  CHECK(&(sum += BinaryAgreement{}) == &sum);
}

// Counts far beyond int range (a whole corpus of frames) keep kappa exact: 2 (TP TN - FP FN) would
// overflow int64 here (TP TN = 1e24).
TEST(largeCounts) {
  const int64_t e12 = 1000000000000;
  CHECK_NEAR(matrix(e12, 0, 0, e12).cohenKappa(), 1.0, 1e-15);
  // Scaled classic example: same kappa 0.4 at 1e11 times the counts.
  CHECK_NEAR(matrix(20 * e12 / 10, 5 * e12 / 10, 10 * e12 / 10, 15 * e12 / 10).cohenKappa(), 0.4, 1e-12);
  CHECK_EQ(matrix(e12, e12, e12, e12).total(), 4 * e12);
}

MINITEST_MAIN
