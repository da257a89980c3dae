// sevila-demo-train: trains the bundled demo model from scratch on the generated shapes videos
// (sevila-demo-data) and writes it as a model folder (demo_model_folder.h). Not installed: a developer
// tool; resources/demo/README.md has the command that made the shipped weights.
#include <chrono>
#include <cmath>
#include <cstdio>
#include <exception>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include "core/error.h"
#include "demo_corpus.h"
#include "demo_evaluation.h"
#include "demo_model_folder.h"
#include "demo_trainer.h"
#include "nn/blip2_model.h"
#include "nn/config.h"
#include "nn/device.h"
#include "nn/sevila_model.h"
#include "nn/t5_tokenizer.h"
#include "nn/weight_init.h"

namespace {

void printHelp() {
  std::printf(
      "Usage: sevila-demo-train --data DIR --config FILE --tokenizer FILE --out DIR [options]\n\n"
      "Trains a BLIP-2 of FILE's configuration from scratch, every weight, in both SeViLA roles, on the\n"
      "shapes videos of DIR (sevila-demo-data: DIR/train.csv and DIR/train-keyframes.jsonl), evaluates it\n"
      "on DIR/val.* and writes it to OUT (config.json, model.safetensors, sevila.pth, spiece.model,\n"
      "training.json).\n\n"
      "  --steps N            optimisation steps (default 3000)\n"
      "  --videos-per-step N  videos per step (default 8)\n"
      "  --lr X               peak learning rate (default 1e-3)\n"
      "  --warmup N           warm-up steps (default 100)\n"
      "  --localizer-frames N frames per Localizer sample: a quarter keyframes, a quarter hard negatives, "
      "the rest random "
      "(default 8)\n"
      "  --localizer-types T  question types the Localizer learns, comma-separated (default: all; e.g.\n"
      "                       DO leaves the TC Localizer untrained, for the refinement demo)\n"
      "  --seed N             weights' and data order's seed (default 1)\n"
      "  --eval-every N       evaluate on the first --eval-videos validation videos every N steps (0: "
      "never)\n"
      "  --eval-videos N      (default 40)\n"
      "  --threads N          torch threads (default: the number of cores)\n"
      "  --train-split NAME   (default train)     --val-split NAME  (default val)\n");
}

double number(const std::string& option, const std::string& text) {
  try {
    size_t used = 0;
    const double v = std::stod(text, &used);
    if (used == text.size() && std::isfinite(v) && v >= 0) return v;
  } catch (const std::exception&) {
  }
  throw sevila::Error(option, "expected a non-negative number, got '" + text + "'");
}

void printEvaluation(const char* title, const sevila::demo::DemoEvaluation& e) {
  std::printf(
      "%s: %d questions, top-4 hit rate %.1f %% (chance %.1f %%), Answerer from the right frames "
      "%.1f %%, chain %.1f %%\n",
      title, e.all.questions, 100 * e.all.hitRate(), 100 * e.chanceHitRate, 100 * e.all.answererAccuracy(),
      100 * e.all.chainAccuracy());
  for (const auto& [type, s] : e.byType)
    std::printf("  %s: hit rate %.1f %%, Answerer %.1f %%, chain %.1f %%\n", type.c_str(), 100 * s.hitRate(),
                100 * s.answererAccuracy(), 100 * s.chainAccuracy());
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  using namespace sevila;
  const std::vector<std::string> words(argv + 1, argv + argc);
  if (words.empty() || words[0] == "--help" || words[0] == "-h") {
    printHelp();
    return words.empty() ? 2 : 0;
  }
  try {
    std::string data, config, tokenizer, out, trainSplit = "train", valSplit = "val";
    demo::DemoTrainingOptions options;
    int evalEvery = 0, evalVideos = 40;
    int threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    for (size_t i = 0; i < words.size(); ++i) {
      const std::string& w = words[i];
      const auto value = [&]() -> const std::string& {
        if (i + 1 >= words.size()) throw Error(w, "needs a value", "see sevila-demo-train --help");
        return words[++i];
      };
      if (w == "--data")
        data = value();
      else if (w == "--config")
        config = value();
      else if (w == "--tokenizer")
        tokenizer = value();
      else if (w == "--out")
        out = value();
      else if (w == "--steps")
        options.steps = static_cast<int>(number(w, value()));
      else if (w == "--videos-per-step")
        options.videosPerStep = static_cast<int>(number(w, value()));
      else if (w == "--lr")
        options.lr = number(w, value());
      else if (w == "--localizer-types") {
        options.localizerTypes.clear();
        std::string list = value();
        for (size_t from = 0; from <= list.size();) {
          const size_t comma = std::min(list.find(',', from), list.size());
          if (comma > from) options.localizerTypes.push_back(list.substr(from, comma - from));
          from = comma + 1;
        }
      } else if (w == "--localizer-frames")
        options.localizerFrames = static_cast<int>(number(w, value()));
      else if (w == "--warmup")
        options.warmupSteps = static_cast<int>(number(w, value()));
      else if (w == "--seed")
        options.seed = static_cast<uint64_t>(number(w, value()));
      else if (w == "--eval-every")
        evalEvery = static_cast<int>(number(w, value()));
      else if (w == "--eval-videos")
        evalVideos = static_cast<int>(number(w, value()));
      else if (w == "--threads")
        threads = std::max(1, static_cast<int>(number(w, value())));
      else if (w == "--train-split")
        trainSplit = value();
      else if (w == "--val-split")
        valSplit = value();
      else
        throw Error(w, "unknown option", "see sevila-demo-train --help");
    }
    if (data.empty() || config.empty() || tokenizer.empty() || out.empty())
      throw Error("arguments", "--data, --config, --tokenizer and --out are required",
                  "see sevila-demo-train --help");
    torch::set_num_threads(threads);
    nn::singleThreadedBlas();
    const auto wall = std::chrono::steady_clock::now();
    auto seconds = [&] {
      return std::chrono::duration<double>(std::chrono::steady_clock::now() - wall).count();
    };

    const nn::Blip2Config blip2 = nn::loadBlip2Config(config, nn::Flavour::Lavis);
    auto net = std::make_shared<nn::Blip2ModelImpl>(blip2);
    nn::initialiseWeights(*net, options.seed, nn::WeightInit::FanIn);
    net->eval();
    auto model = std::make_shared<const nn::SevilaModel>(net, nn::T5Tokenizer::load(tokenizer));
    const int size = static_cast<int>(blip2.vision.image_size);

    auto progress = [](int done, int total) {
      if (done % 500 == 0 || done == total) std::fprintf(stderr, "  decoded %d/%d videos\n", done, total);
    };
    const auto train = demo::loadDemoCorpus(data, trainSplit, size, threads, progress);
    const auto val = demo::loadDemoCorpus(data, valSplit, size, threads, progress);
    const double loadSeconds = seconds();
    std::printf(
        "corpus: %zu training videos (%zu questions), %zu validation videos, %d frames each at %dx%d; "
        "loaded in %.1f s\n",
        train.videoPaths.size(), train.questions.size(), val.videoPaths.size(), train.gridFrames(), size,
        size, loadSeconds);
    std::fflush(stdout);

    nlohmann::json history = nlohmann::json::array();
    double locAvg = NAN, ansAvg = NAN;
    const auto trainStart = seconds();
    demo::trainDemoModel(model, train, options, [&](const demo::DemoStep& s) {
      locAvg = std::isnan(locAvg) ? s.localizerLoss : 0.98 * locAvg + 0.02 * s.localizerLoss;
      ansAvg = std::isnan(ansAvg) ? s.answererLoss : 0.98 * ansAvg + 0.02 * s.answererLoss;
      if (s.step % 10 == 0)
        history.push_back({{"step", s.step},
                           {"localizer_loss", s.localizerLoss},
                           {"answerer_loss", s.answererLoss},
                           {"lr", s.lr}});
      if (s.step % 25 == 0 || s.step == options.steps) {
        const double eta =
            s.seconds / static_cast<double>(s.step) * static_cast<double>(options.steps - s.step);
        std::printf(
            "step %5lld/%d  loss: localizer %.4f answerer %.4f  lr %.2e  %.0f s (%.2f s/step, ETA %.0f s)\n",
            static_cast<long long>(s.step), options.steps, locAvg, ansAvg, s.lr, s.seconds,
            s.seconds / static_cast<double>(s.step), eta);
        std::fflush(stdout);
      }
      if (evalEvery > 0 && s.step % evalEvery == 0 && s.step < options.steps)
        printEvaluation(("step " + std::to_string(s.step)).c_str(),
                        demo::evaluateDemoModel(*model, val, options.keyframes, evalVideos));
      return true;
    });
    const double trainSeconds = seconds() - trainStart;
    const auto result = demo::evaluateDemoModel(*model, val, options.keyframes);
    printEvaluation("validation", result);
    std::printf("training took %.1f s (%.1f min) on %d threads; %.1f s in all\n", trainSeconds,
                trainSeconds / 60, threads, seconds());

    std::string command = "sevila-demo-train";
    for (const auto& w : words) command += " " + w;
    const nlohmann::json about = {
        {"what",
         "the SeViLA Studio demo model: a small BLIP-2 trained from scratch on synthetic shapes videos"},
        {"command", command},
        {"options",
         {{"steps", options.steps},
          {"videos_per_step", options.videosPerStep},
          {"lr", options.lr},
          {"min_lr", options.minLr},
          {"warmup_steps", options.warmupSteps},
          {"steps_per_epoch", options.stepsPerEpoch},
          {"weight_decay", options.weightDecay},
          {"oracle_share", options.oracleShare},
          {"seed", options.seed},
          {"keyframes", options.keyframes},
          {"localizer_frames", options.localizerFrames},
          {"localizer_types", options.localizerTypes},
          {"threads", threads}}},
        {"training_videos", train.videoPaths.size()},
        {"validation", result.toJson()},
        {"training_seconds", trainSeconds},
        {"history", history}};
    demo::saveDemoModel(*model, config, tokenizer, out, about);
    std::printf("wrote %s\n", out.c_str());
    return 0;
  } catch (const sevila::Error& e) {
    std::fprintf(stderr, "sevila-demo-train: error: %s: %s\n", e.subject().c_str(), e.reason().c_str());
    if (!e.hint().empty()) std::fprintf(stderr, "hint: %s\n", e.hint().c_str());
    return 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "sevila-demo-train: internal error: %s\n", e.what());
    return 3;
  }
}
