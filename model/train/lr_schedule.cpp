#include "train/lr_schedule.h"

#include <algorithm>
#include <cmath>

namespace sevila::train {

double LrSchedule::at(int epoch, int64_t iterationInEpoch) const {
  if (epoch == 0) {
    const double steps = static_cast<double>(std::max<int64_t>(warmupSteps, 1));
    return std::min(initLr, warmupLr + (initLr - warmupLr) * static_cast<double>(iterationInEpoch) / steps);
  }
  const double pi = std::acos(-1.0);
  return (initLr - minLr) * 0.5 * (1.0 + std::cos(pi * epoch / std::max(maxEpochs, 1))) + minLr;
}

}  // namespace sevila::train
