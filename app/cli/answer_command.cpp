// sevila answer VIDEO --question Q --option A --option B ... : one question through the forward chain.
#include <cstdio>
#include <iostream>

#include <nlohmann/json.hpp>

#include "chain_arguments.h"
#include "command.h"
#include "engine/forward_chain.h"
#include "model_arguments.h"
#include "nn/sevila_model.h"

namespace sevila::cli {
namespace {

const OptionSet& declaredOptions() {
  static const OptionSet options =
      OptionSet(
          "sevila answer VIDEO --question TEXT --option TEXT --option TEXT [...] [options]",
          "Answers one multiple-choice question about a video with SeViLA's forward chain (Localizer over n\n"
          "sampled frames, top-k keyframes, Answerer).")
          .group("Question")
          .value("--question", "TEXT", "the question")
          .value("--option", "TEXT", "an answer option (2 to 5, in order A, B, ...)")
          .value("--answer", "I", "the ground truth's index (0 = A), to mark the result right/wrong")
          .value("--start", "S", "only the clip from S seconds ...")
          .value("--end", "E", "... to E seconds")
          .include(chainOptions())
          .group("Output")
          .flag("--json", "machine-readable JSON instead of the readable summary")
          .include(modelOptions());
  return options;
}

void printReadable(const engine::ChainResult& r) {
  std::printf("Video: %s (%lld frames, %.3f fps, %.2f s)\n", r.video.c_str(),
              static_cast<long long>(r.frameCount), r.fps, r.duration);
  for (const auto& w : r.warnings) std::printf("  warning: %s\n", w.c_str());
  std::printf("Question: %s\n\n", r.question.c_str());
  std::printf("Localizer over %zu frames (* = keyframe):\n", r.frames.size());
  std::printf("     #    frame     time    yes-logit  P(yes)   P(yes|yes,no)\n");
  for (size_t i = 0; i < r.frames.size(); ++i) {
    const auto& f = r.frames[i];
    const bool key =
        std::find(r.keyframes.begin(), r.keyframes.end(), static_cast<int>(i)) != r.keyframes.end();
    std::printf("  %c %3zu  %7lld  %7.2f s  %9.4f  %.5f  %.5f\n", key ? '*' : ' ', i + 1,
                static_cast<long long>(f.frameIndex), f.seconds, f.yesLogit, f.yesProb, f.yesNoProb);
  }
  std::printf("\nAnswer (%s): %c  %s\n", r.mode.c_str(), 'A' + r.answer.answer,
              r.options.at(static_cast<size_t>(r.answer.answer)).c_str());
  for (size_t i = 0; i < r.options.size(); ++i)
    std::printf("  %c  %.4f  %s%s\n", static_cast<char>('A' + i), r.answer.probabilities.at(i),
                r.options[i].c_str(),
                r.groundTruth && *r.groundTruth == static_cast<int>(i) ? "   <- ground truth" : "");
  if (r.groundTruth) std::printf("  %s\n", r.correct() ? "right" : "wrong");
  if (r.concat) std::printf("BLIP-2 concat (k uniform frames): %c\n", 'A' + r.concat->answer);
  if (r.voting) std::printf("BLIP-2 voting (single frames): %c\n", 'A' + *r.voting);
  if (r.oracle) std::printf("Oracle (any single frame right): %s\n", *r.oracle ? "yes" : "no");
  std::printf("Time:");
  for (const auto& [stage, seconds] : r.stageSeconds) std::printf(" %s %.2f s;", stage.c_str(), seconds);
  std::printf("\n");
}

int runAnswer(const std::vector<std::string>& words) {
  const Arguments args = declaredOptions().parse(words);
  if (args.flag("--help")) {
    std::printf("%s", declaredOptions().help().c_str());
    return 0;
  }
  if (args.positionals().size() != 1)
    throw Error("answer", "expected exactly one VIDEO", "see sevila answer --help");
  engine::Question q;
  q.question = args.require("--question");
  q.options = args.values("--option");
  if (args.value("--answer")) q.answer = args.intValue("--answer", -1);
  if (args.value("--start") || args.value("--end"))
    q.clip = media::ClipWindow{args.doubleValue("--start", 0), args.doubleValue("--end", 1e12)};
  const engine::ChainOptions options = chainOptionsFrom(args);

  auto model = loadModelFromArguments(args);
  engine::SevilaEngine engine(model, featureCacheFrom(args));
  engine::ChainResult result = engine.run(args.positionals()[0], q, options);
  result.model = args.require("--model");
  if (args.flag("--json")) {
    std::cout << engine::toJson(result).dump(2) << std::endl;
  } else {
    printReadable(result);
  }
  return 0;
}

}  // namespace

Command answerCommand() {
  return {"answer", "answer one question about a video (forward chain)", runAnswer};
}

}  // namespace sevila::cli
