#include "serve/job_report.h"

#include <algorithm>
#include <cstdio>
#include <sstream>
#include <vector>

#include "data/mc_accuracy.h"
#include "data/mc_accuracy_json.h"

namespace sevila::serve {
namespace {
using nlohmann::json;

int intOr(const json& j, const char* key, int fallback) {
  return j.contains(key) && j[key].is_number_integer() ? j[key].get<int>() : fallback;
}

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

}  // namespace

json jobReport(const std::string& dataset, const std::string& results, const json& status) {
  std::vector<data::McRecord> chain, concat, voting;
  std::vector<double> seconds;
  int answered = 0, withoutTruth = 0, oracle = 0, withOracle = 0;
  std::istringstream lines(results);
  for (std::string line; std::getline(lines, line);) {
    const json r = json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (!r.is_object() || !r.contains("qid") || !r["qid"].is_string()) continue;
    ++answered;
    double total = 0;
    if (r.contains("stage_seconds") && r["stage_seconds"].is_object())
      for (const auto& s : r["stage_seconds"])
        if (s.is_number()) total += s.get<double>();
    seconds.push_back(total);
    const int truth = intOr(r, "answer", -1);
    if (truth < 0) {
      ++withoutTruth;
      continue;
    }
    const std::string qid = r["qid"].get<std::string>();
    const std::string type = r.contains("type") && r["type"].is_string() ? r["type"].get<std::string>() : "";
    chain.push_back({qid, intOr(r, "prediction", -1), truth, type});
    if (r.contains("concat") && r["concat"].is_object())
      concat.push_back({qid, intOr(r["concat"], "answer", -1), truth, type});
    if (r.contains("voting")) voting.push_back({qid, intOr(r, "voting", -1), truth, type});
    if (r.contains("oracle") && r["oracle"].is_boolean()) {
      ++withOracle;
      oracle += r["oracle"].get<bool>();
    }
  }
  const data::McScheme scheme = data::mcSchemeFor(dataset);
  json report = {{"dataset", dataset},
                 {"answered", answered},
                 {"failed", intOr(status, "failed", 0)},
                 {"without_ground_truth", withoutTruth},
                 {"state", status.value("state", "")},
                 {"seconds_per_question", {{"median", median(seconds)}}}};
  if (!chain.empty()) {
    const data::McAccuracyReport r = data::computeMcAccuracy(chain, scheme);
    report.update(data::mcAccuracyJson(r));
    json baselines = json::object();
    if (!concat.empty())
      baselines["concat"] = data::percent2(data::computeMcAccuracy(concat, scheme).headline);
    if (!voting.empty())
      baselines["voting"] = data::percent2(data::computeMcAccuracy(voting, scheme).headline);
    if (withOracle > 0) baselines["oracle"] = data::percent2(static_cast<double>(oracle) / withOracle);
    if (!baselines.empty()) report["baselines"] = baselines;
  }
  return report;
}

std::string jobReportMarkdown(const json& report) {
  std::ostringstream out;
  char number[64];
  out << "# " << report.value("dataset", std::string("dataset")) << " job report\n\n";
  out << report.value("answered", 0) << " questions answered, " << report.value("failed", 0) << " failed, "
      << report.value("without_ground_truth", 0) << " without a ground truth (job "
      << report.value("state", "") << ").\n\n";
  if (report.contains("headline")) {
    std::snprintf(number, sizeof number, "%.2f", report["headline"]["value"].get<double>());
    out << "**" << report["headline"]["name"].get<std::string>() << ": " << number << "**\n\n";
    out << "| type | correct | total | accuracy |\n|---|---|---|---|\n";
    for (const char* part : {"types", "groups"})
      for (const auto& c : report[part]) {
        out << "| " << c["name"].get<std::string>() << " | " << c["correct"] << " | " << c["total"] << " | ";
        if (c["accuracy"].is_null()) {
          out << "- |\n";
        } else {
          std::snprintf(number, sizeof number, "%.2f", c["accuracy"].get<double>());
          out << number << " |\n";
        }
      }
    const auto& o = report["overall"];
    std::snprintf(number, sizeof number, "%.2f", o["accuracy"].is_null() ? 0.0 : o["accuracy"].get<double>());
    out << "| overall | " << o["correct"] << " | " << o["total"] << " | " << number << " |\n";
    if (report.contains("baselines")) {
      out << "\nBaselines:";
      for (const auto& [name, value] : report["baselines"].items()) {
        std::snprintf(number, sizeof number, "%.2f", value.get<double>());
        out << " " << name << " " << number;
      }
      out << "\n";
    }
  } else {
    out << "No answered question has a ground truth: no accuracy.\n";
  }
  std::snprintf(number, sizeof number, "%.3f", report["seconds_per_question"]["median"].get<double>());
  out << "\nModel time per question (median): " << number << " s\n";
  return out.str();
}

}  // namespace sevila::serve
