#include "chain_arguments.h"

#include <string>

#include "core/error.h"
#include "engine/feature_cache_location.h"

namespace sevila::cli {

namespace {
const char* rankingName(nn::KeyframeRanking r) {
  return r == nn::KeyframeRanking::YesProbability ? "prob" : "logit";
}
}  // namespace

const OptionSet& chainOptions() {
  static const engine::ChainOptions d;
  static const OptionSet options =
      OptionSet("", "")
          .group("Chain")
          .value("--frames", "N", "frames sampled for the Localizer", std::to_string(d.frames))
          .value("--keyframes", "K", "keyframes for the Answerer", std::to_string(d.keyframes))
          .value("--rank", "logit|prob", "keyframe ranking (logit: as the reference)", rankingName(d.ranking))
          .value("--mode", "M", "sevila, concat (BLIP-2 on k uniform frames) or voting",
                 engine::chainModeName(d.mode))
          .flag("--baselines", "also run concat, voting and the oracle")
          .value("--batch", "N", "frames per vision-encoder call (at most 8 in CPU bf16)",
                 std::to_string(d.batch))
          .value("--cache", "DIR", "vision feature cache", "~/.cache/sevila/features")
          .flag("--no-cache", "no vision feature cache");
  return options;
}

engine::ChainOptions chainOptionsFrom(const Arguments& args) {
  engine::ChainOptions o;
  o.frames = args.intValue("--frames", o.frames);
  o.keyframes = args.intValue("--keyframes", o.keyframes);
  o.batch = args.intValue("--batch", o.batch);
  if (auto mode = args.value("--mode")) o.mode = engine::parseChainMode(*mode);
  o.baselines = args.flag("--baselines");
  if (auto rank = args.value("--rank")) {
    if (*rank != "logit" && *rank != "prob") throw Error("--rank " + *rank, "use logit or prob");
    o.ranking = *rank == "prob" ? nn::KeyframeRanking::YesProbability : nn::KeyframeRanking::YesLogit;
  }
  return o;
}

std::shared_ptr<engine::FeatureCache> featureCacheFrom(const Arguments& args) {
  return args.flag("--no-cache") ? nullptr : engine::openFeatureCache(args.value("--cache", ""));
}

}  // namespace sevila::cli
