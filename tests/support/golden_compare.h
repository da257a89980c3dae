// The golden tolerance of tests/data/golden (its README): a float tensor matches when
// max|ours − ref| ≤ 1e-4 · max(1, max|ref|); an integer tensor (ids, keyframes, answers) matches exactly.
// One comparator for every parity test: it prints one line per tensor and keeps the tallies.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <string>

#include <torch/torch.h>

namespace golden {

constexpr double kTolerance = 1e-4;

// max|ours − ref| / max(1, max|ref|), in double; *absError gets max|ours − ref|.
inline double scaledError(const at::Tensor& ours, const at::Tensor& ref, double* absError = nullptr) {
  const at::Tensor a = ours.detach().to(at::kCPU, at::kDouble), b = ref.detach().to(at::kCPU, at::kDouble);
  const double err = b.numel() ? (a - b).abs().max().item<double>() : 0.0;
  if (absError) *absError = err;
  return err / std::max(1.0, b.numel() ? b.abs().max().item<double>() : 0.0);
}

struct Comparison {
  bool strictFloats = true;  // false: float errors are reported but do not fail (bf16 runs)
  int compared = 0;
  int failed = 0;
  double worst = 0.0;
  std::map<std::string, double> worstByFamily;  // by the `family` given to compare()

  // Compares one tensor, prints one line; false when it is outside the tolerance (or shapes differ).
  bool compare(const std::string& label, const at::Tensor& ours, const at::Tensor& ref,
               const std::string& family = {}) {
    ++compared;
    if (!ours.defined() || ours.sizes() != ref.sizes()) {
      std::printf("  %-44s SHAPE ours [%s] ref [%s]\n", label.c_str(),
                  ours.defined() ? c10::str(ours.sizes()).c_str() : "undefined",
                  c10::str(ref.sizes()).c_str());
      ++failed;
      return false;
    }
    if (!ref.is_floating_point()) {
      const auto a = ours.to(at::kCPU, at::kLong), b = ref.to(at::kCPU, at::kLong);
      const bool same = a.equal(b);
      std::printf("  %-44s int    %s (%lld of %lld differ)\n", label.c_str(), same ? "exact" : "DIFFERENT",
                  static_cast<long long>((a != b).sum().item<int64_t>()), static_cast<long long>(b.numel()));
      if (!same) ++failed;
      return same;
    }
    double absError = 0.0;
    const double scaled = scaledError(ours, ref, &absError);
    const bool within = std::isfinite(absError) && scaled <= kTolerance;
    const bool ok = std::isfinite(absError) && (within || !strictFloats);
    std::printf("  %-44s max|d| %.3e  scaled %.3e  %s\n", label.c_str(), absError, scaled,
                !ok      ? "FAIL"
                : within ? "ok"
                         : "(reported)");
    worst = std::max(worst, scaled);
    if (!family.empty()) worstByFamily[family] = std::max(worstByFamily[family], scaled);
    if (!ok) ++failed;
    return ok;
  }
};

}  // namespace golden
