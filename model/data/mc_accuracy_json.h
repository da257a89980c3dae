// A multiple-choice accuracy report as JSON, the same for `sevila metrics --json` and a server job's
// report: overall, per type and per group {name, correct, total, accuracy (percent, two decimals, null
// without questions)} and the headline {name, value}.
#pragma once

#include <nlohmann/json.hpp>

#include "data/mc_accuracy.h"

namespace sevila::data {

nlohmann::json accuracyCellJson(const AccuracyCell& cell);
// {"overall", "types", "groups", "headline"}; callers add their own fields.
nlohmann::json mcAccuracyJson(const McAccuracyReport& report);

}  // namespace sevila::data
