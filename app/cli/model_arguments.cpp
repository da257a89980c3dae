#include "model_arguments.h"

#include <chrono>
#include <cstdio>

#include "nn/config.h"
#include "core/error.h"
#include "nn/device.h"
#include "nn/device_fallback.h"
#include "nn/pass_graphs.h"
#include "nn/sevila_model.h"

namespace sevila::cli {

const OptionSet& modelOptions() {
  static const OptionSet options =
      OptionSet("", "")
          .group("Model")
          .value("--model", "DIR", "BLIP-2 directory (config.json, *.safetensors, spiece.model)")
          .value("--sevila", "FILE", "SeViLA checkpoint (.pth); without it both roles are zero-shot BLIP-2")
          .value("--tokenizer", "FILE", "spiece.model when it is not in the model directory")
          .value("--flavour", "F", "lavis (what SeViLA was trained with) or hf",
                 nn::flavourName(nn::Flavour::Lavis))
          .value("--device", "D",
                 "cpu, cuda or cuda:N (no CUDA, or too little of its memory: the CPU, with a note)", "cpu")
          .value("--dtype", "T", "f32, bf16 (on a CPU: bf16 weights, f32 arithmetic) or f16",
                 nn::dtypeName(c10::kFloat))
          .value("--threads", "N", "CPU threads", "all cores")
          .flag("--cuda-graphs",
                "replay the Localizer's and Answerer's passes from CUDA graphs (experimental)");
  return options;
}

std::shared_ptr<const nn::SevilaModel> loadModelFromArguments(const Arguments& args) {
  const int threads = nn::configureThreads(args.intValue("--threads", 0));  // 0: all cores
  const std::string dir = args.require("--model");
  const auto flavour = nn::parseFlavour(args.value("--flavour", modelOptions().defaultOf("--flavour")));
  // CUDA absent or out of memory: the CPU, with a note saying why.
  const std::string asked = args.value("--device", modelOptions().defaultOf("--device"));
  const auto dtype = nn::parseDtype(args.value("--dtype", modelOptions().defaultOf("--dtype")));
  nn::DevicePlan plan = nn::planDevice(asked);
  nn::SevilaOptions options = nn::sevilaDefaults();
  const bool graphs = args.flag("--cuda-graphs");
  if (graphs && plan.notice.empty()) {
    if (!plan.device.is_cuda()) throw Error("--cuda-graphs", "CUDA graphs need --device cuda");
    if (!nn::PassGraphs::supported())
      throw Error("--cuda-graphs", "this build has no CUDA graphs", "use a build against a CUDA LibTorch");
  }
  const auto start = std::chrono::steady_clock::now();
  std::shared_ptr<const nn::SevilaModel> model;
  nn::loadWithFallback(plan, [&](c10::Device device) {
    options.passGraphs = graphs && device.is_cuda();
    model = nn::SevilaModel::load(dir, args.value("--sevila", ""), args.value("--tokenizer", ""), flavour,
                                  device, dtype, options);
  });
  const auto device = plan.device;
  if (!plan.notice.empty())
    std::fprintf(stderr, "note: --device %s: %s%s\n", asked.c_str(), plan.notice.c_str(),
                 graphs ? " (without CUDA graphs)" : "");
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::fprintf(stderr, "loaded %s%s%s (%s, %s, %s%s, %d threads) in %.1f s\n", dir.c_str(),
               model->zeroShot() ? "" : " + ", model->checkpoint().c_str(), nn::flavourName(flavour).c_str(),
               device.str().c_str(), model->network().precisionName().c_str(),
               options.passGraphs ? ", CUDA graphs" : "", threads, seconds);
  for (const auto& warning : model->network().loadWarnings())
    std::fprintf(stderr, "warning: %s\n", warning.c_str());
  return model;
}

}  // namespace sevila::cli
