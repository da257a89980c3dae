#include "data/label_agreement.h"

#include <limits>
#include <string>

#include "core/error.h"

namespace sevila::data {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}  // namespace

int64_t BinaryAgreement::total() const {
  return truePositive + falsePositive + falseNegative + trueNegative;
}

double BinaryAgreement::precision() const {
  const int64_t predictedPositive = truePositive + falsePositive;
  return predictedPositive == 0 ? kNaN
                                : static_cast<double>(truePositive) / static_cast<double>(predictedPositive);
}

double BinaryAgreement::recall() const {
  const int64_t referencePositive = truePositive + falseNegative;
  return referencePositive == 0 ? kNaN
                                : static_cast<double>(truePositive) / static_cast<double>(referencePositive);
}

double BinaryAgreement::cohenKappa() const {
  if (total() == 0) return kNaN;
  // Both constant and equal: po = pe = 1, perfect agreement.
  if (falsePositive == 0 && falseNegative == 0 && (truePositive == 0 || trueNegative == 0)) return 1.0;
  // kappa = (po - pe) / (1 - pe) multiplied through by N^2. The denominator is zero only in the two
  // cases above (N = 0, or both constant and equal), so it is positive here. long double keeps the
  // products exact far beyond any frame count.
  const long double tp = truePositive, fp = falsePositive, fn = falseNegative, tn = trueNegative;
  const long double numerator = 2 * (tp * tn - fp * fn);
  const long double denominator = (tp + fp) * (fp + tn) + (tp + fn) * (fn + tn);
  return static_cast<double>(numerator / denominator);
}

void BinaryAgreement::add(const std::vector<int64_t>& predicted, const std::vector<int64_t>& reference) {
  if (predicted.size() != reference.size())
    throw Error("label agreement", "predicted has " + std::to_string(predicted.size()) +
                                       " frame labels, reference has " + std::to_string(reference.size()));
  auto check = [](const std::vector<int64_t>& labels, const char* which) {
    for (size_t i = 0; i < labels.size(); ++i)
      if (labels[i] != 0 && labels[i] != 1)
        throw Error("label agreement", std::string(which) + "[" + std::to_string(i) + "] is " +
                                           std::to_string(labels[i]) + ", not a binary label (0 or 1)");
  };
  check(predicted, "predicted");
  check(reference, "reference");
  for (size_t i = 0; i < predicted.size(); ++i) {
    if (predicted[i]) {
      if (reference[i])
        ++truePositive;
      else
        ++falsePositive;
    } else {
      if (reference[i])
        ++falseNegative;
      else
        ++trueNegative;
    }
  }
}

BinaryAgreement& BinaryAgreement::operator+=(const BinaryAgreement& o) {
  truePositive += o.truePositive;
  falsePositive += o.falsePositive;
  falseNegative += o.falseNegative;
  trueNegative += o.trueNegative;
  return *this;
}

}  // namespace sevila::data
