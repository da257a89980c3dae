#include "data/mc_accuracy_json.h"

namespace sevila::data {

nlohmann::json accuracyCellJson(const AccuracyCell& c) {
  return {{"name", c.name},
          {"correct", c.correct},
          {"total", c.total},
          {"accuracy", c.total > 0 ? nlohmann::json(percent2(c.accuracy())) : nlohmann::json(nullptr)}};
}

nlohmann::json mcAccuracyJson(const McAccuracyReport& r) {
  nlohmann::json j;
  j["overall"] = accuracyCellJson(r.overall);
  j["types"] = nlohmann::json::array();
  for (const auto& c : r.types) j["types"].push_back(accuracyCellJson(c));
  j["groups"] = nlohmann::json::array();
  for (const auto& c : r.groups) j["groups"].push_back(accuracyCellJson(c));
  j["headline"] = {{"name", r.headlineName}, {"value", percent2(r.headline)}};
  return j;
}

}  // namespace sevila::data
