#include "model_arguments.h"

#include <chrono>
#include <cstdio>

#include "nn/config.h"
#include "nn/device.h"
#include "nn/sevila_model.h"

namespace sevila::cli {

const std::set<std::string>& modelArgumentKeys() {
  static const std::set<std::string> keys = {"--model", "--sevila", "--tokenizer", "--flavour",
                                             "--device", "--dtype", "--threads"};
  return keys;
}

const char* modelArgumentsHelp() {
  return "Model:\n"
         "  --model DIR        BLIP-2 directory (config.json, *.safetensors, spiece.model)\n"
         "  --sevila FILE      SeViLA checkpoint (.pth); without it both roles are zero-shot BLIP-2\n"
         "  --tokenizer FILE   spiece.model when it is not in the model directory\n"
         "  --flavour F        lavis (default, what SeViLA was trained with) or hf\n"
         "  --device D         cpu (default), cuda, cuda:N\n"
         "  --dtype T          f32 (default), bf16, f16\n"
         "  --threads N        CPU threads (default: all cores)\n";
}

std::shared_ptr<const nn::SevilaModel> loadModelFromArguments(const Arguments& args) {
  const int threads = nn::configureThreads(args.intValue("--threads", 0));
  const std::string dir = args.require("--model");
  const auto flavour = nn::parseFlavour(args.value("--flavour", "lavis"));
  const auto device = nn::parseDevice(args.value("--device", "cpu"));
  const auto dtype = nn::parseDtype(args.value("--dtype", "f32"));
  const auto start = std::chrono::steady_clock::now();
  auto model = nn::SevilaModel::load(dir, args.value("--sevila", ""), args.value("--tokenizer", ""), flavour, device,
                                     dtype);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::fprintf(stderr, "loaded %s%s%s (%s, %s, %s, %d threads) in %.1f s\n", dir.c_str(),
               model->zeroShot() ? "" : " + ", model->checkpoint().c_str(), nn::flavourName(flavour).c_str(),
               device.str().c_str(), nn::dtypeName(dtype).c_str(), threads, seconds);
  for (const auto& warning : model->network().loadWarnings()) std::fprintf(stderr, "warning: %s\n", warning.c_str());
  return model;
}

}  // namespace sevila::cli
