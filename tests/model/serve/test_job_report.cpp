// A job's report: the official accuracy over the results with a ground truth, the baselines', the
// failures and the time per question; malformed lines are not counted.
#include <string>

#include "minitest.h"
#include "serve/job_report.h"

using nlohmann::json;

TEST(accuracy_baselines_and_time_from_the_results) {
  const std::string results =
      R"({"qid":"1","type":"CW","answer":2,"prediction":2,"concat":{"answer":1},"voting":2,"oracle":true,)"
      R"("stage_seconds":{"localizer":0.5,"answerer":0.25}})"
      "\n"
      R"({"qid":"2","type":"TN","answer":0,"prediction":1,"concat":{"answer":0},"voting":1,"oracle":false,)"
      R"("stage_seconds":{"localizer":1.0}})"
      "\n"
      R"({"qid":"3","type":"TP","answer":1,"prediction":1,"stage_seconds":{"localizer":2.0}})"
      "\n"
      R"({"qid":"4","type":"DO","answer":null,"prediction":0,"stage_seconds":{}})"
      "\n"
      "{\"qid\": truncated\n";
  const json report = sevila::serve::jobReport("nextqa", results, {{"state", "done"}, {"failed", 1}});
  CHECK_EQ(report.at("answered").get<int>(), 4);
  CHECK_EQ(report.at("failed").get<int>(), 1);
  CHECK_EQ(report.at("without_ground_truth").get<int>(), 1);
  CHECK_EQ(report.at("overall").at("correct").get<int>(), 2);
  CHECK_EQ(report.at("overall").at("total").get<int>(), 3);
  CHECK_NEAR(report.at("headline").at("value").get<double>(), 66.67, 1e-9);
  // NExT-QA's grouping: TP counts as TN, so Temporal holds 2 questions, 1 right.
  bool temporal = false;
  for (const auto& g : report.at("groups"))
    if (g.at("name") == "Temporal") {
      temporal = true;
      CHECK_EQ(g.at("correct").get<int>(), 1);
      CHECK_EQ(g.at("total").get<int>(), 2);
    }
  CHECK(temporal);
  CHECK_NEAR(report.at("baselines").at("concat").get<double>(), 50.0, 1e-9);
  CHECK_NEAR(report.at("baselines").at("voting").get<double>(), 50.0, 1e-9);
  CHECK_NEAR(report.at("baselines").at("oracle").get<double>(), 50.0, 1e-9);
  CHECK_NEAR(report.at("seconds_per_question").at("median").get<double>(), 0.875, 1e-9);
  const std::string md = sevila::serve::jobReportMarkdown(report);
  CHECK(md.find("**overall accuracy: 66.67**") != std::string::npos);
  CHECK(md.find("| Temporal | 1 | 2 | 50.00 |") != std::string::npos);
  CHECK(md.find("concat 50.00") != std::string::npos);

  // Nothing with a ground truth: no accuracy, and the markdown says so.
  const json none = sevila::serve::jobReport("star", R"({"qid":"9","prediction":0})", {{"state", "running"}});
  CHECK(!none.contains("overall"));
  CHECK(sevila::serve::jobReportMarkdown(none).find("no accuracy") != std::string::npos);
}

MINITEST_MAIN
