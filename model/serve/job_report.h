// The report of a server job (GET /v1/jobs/ID/report): the dataset's official multiple-choice accuracy
// (model/data/mc_accuracy.h, as `sevila metrics` computes it) over the answered questions whose ground
// truth is known, the baselines' accuracies where they were computed, how many questions failed, and
// the model's time per question. As JSON, or as markdown for people.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace sevila::serve {

// `results`: JSON lines as `sevila run` writes them; `status`: the job's status (its failures counted).
nlohmann::json jobReport(const std::string& dataset, const std::string& results,
                         const nlohmann::json& status);
std::string jobReportMarkdown(const nlohmann::json& report);

}  // namespace sevila::serve
