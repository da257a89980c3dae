// Agreement of two sets of binary frame labels, e.g. the reverse chain's pseudo-labels (predicted)
// against human keyframes (reference): the 2x2 confusion matrix, precision, recall and Cohen's kappa.
// Labels are 0 (no) / 1 (yes), one per sampled frame, as in keyframes.jsonl's frame_labels. Plain C++17.
#pragma once

#include <cstdint>
#include <vector>

namespace sevila::data {

struct BinaryAgreement {
  // predicted vs reference: TP = both 1, FP = predicted 1 / reference 0, FN = predicted 0 / reference 1,
  // TN = both 0.
  int64_t truePositive = 0, falsePositive = 0, falseNegative = 0, trueNegative = 0;

  int64_t total() const;
  // TP / (TP + FP); NaN when undefined (no predicted positives).
  double precision() const;
  // TP / (TP + FN); NaN when undefined (no reference positives).
  double recall() const;
  // Cohen's kappa (po - pe) / (1 - pe), with po the observed agreement and pe the agreement expected by
  // chance from the two marginals. 1 when both label sets are constant and equal (pe = po = 1); NaN when
  // pe is undefined or 1 otherwise (no labels at all). Computed as 2 (TP TN - FP FN) /
  // ((TP + FP)(FP + TN) + (TP + FN)(FN + TN)), which is the same value without the cancellation.
  double cohenKappa() const;

  // Counts one pair of label sequences (one item's frames). Throws sevila::Error when the lengths differ
  // or a label is neither 0 nor 1; nothing is counted then.
  void add(const std::vector<int64_t>& predicted, const std::vector<int64_t>& reference);
  BinaryAgreement& operator+=(const BinaryAgreement& other);
  bool operator==(const BinaryAgreement& other) const {
    return truePositive == other.truePositive && falsePositive == other.falsePositive &&
           falseNegative == other.falseNegative && trueNegative == other.trueNegative;
  }
};

}  // namespace sevila::data
