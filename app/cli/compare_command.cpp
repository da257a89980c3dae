// sevila compare: two model versions' results on the same questions (e.g. before and after `sevila refine`,
// each from `sevila run`): accuracy before and after, the questions fixed and broken, and every question
// whose answer or keyframes changed.
#include <cstdio>

#include <nlohmann/json.hpp>

#include "command.h"
#include "core/error.h"
#include "engine/result_comparison.h"
#include "engine/results_file.h"
#include "option_set.h"

namespace sevila::cli {
namespace {

const OptionSet& declaredOptions() {
  static const OptionSet options =
      OptionSet("sevila compare --before FILE --after FILE [--json]",
                "Compares two results files of the same questions (matched by dataset and qid): accuracy\n"
                "before and after, the questions fixed (wrong before, right after) and broken, and every\n"
                "question whose answer or keyframes changed.")
          .value("--before", "FILE", "results of the earlier version (sevila run)")
          .value("--after", "FILE", "results of the later version")
          .flag("--json", "print the comparison as JSON");
  return options;
}

std::vector<engine::ChainResult> read(const std::string& path) {
  auto read = engine::readResults(path);
  for (const auto& p : read.problems) std::fprintf(stderr, "skipped: %s\n", p.c_str());
  if (read.results.empty()) throw Error(path, "holds no result", "give a results file of sevila run");
  return std::move(read.results);
}

std::string letter(int option) {
  return option >= 0 ? std::string(1, static_cast<char>('A' + option)) : "-";
}

int runCompare(const std::vector<std::string>& words) {
  for (const auto& w : words)
    if (w == "--help" || w == "-h") {
      std::printf("%s", declaredOptions().help().c_str());
      return 0;
    }
  const Arguments args = declaredOptions().parse(words);
  if (!args.positionals().empty())
    throw Error(args.positionals().front(), "unexpected argument", "see --help");
  const auto comparison =
      engine::compareResults(read(args.require("--before")), read(args.require("--after")));
  if (comparison.common == 0)
    throw Error(args.require("--after"), "shares no question with " + args.require("--before"),
                "compare results of the same split");
  if (args.flag("--json")) {
    std::printf("%s\n", comparison.toJson().dump(1).c_str());
    return 0;
  }
  std::printf("%s", comparison.summary().c_str());
  if (!comparison.changes.empty())
    std::printf("\n%-32s %6s %6s  %s\n", "question", "before", "after", "change");
  for (const auto& c : comparison.changes) {
    std::string what = c.fixed ? "fixed" : c.broken ? "broken" : c.answerChanged ? "answer changed" : "";
    if (c.keyframesChanged) what += std::string(what.empty() ? "" : ", ") + "keyframes changed";
    std::printf("%-32s %6s %6s  %s\n", c.qid.c_str(), letter(c.before).c_str(), letter(c.after).c_str(),
                what.c_str());
  }
  return 0;
}

}  // namespace

Command compareCommand() {
  return {"compare", "two versions' results on the same questions: fixed, broken, changed", runCompare};
}

}  // namespace sevila::cli
