// `sevila model`: look inside a BLIP-2 model directory.
//   sevila model info --model DIR [--flavour lavis|hf]
//   sevila model init --config FILE --out DIR [--seed N] [--tokenizer spiece.model]
//   sevila model dump --model DIR --inputs FILE --out FILE [--flavour lavis|hf] [--sevila PTH]
//                     [--device cpu|cuda[:N]] [--dtype f32|bf16|f16] [--max-new-tokens N]
// `dump` runs the backbone on golden-style inputs and writes every named activation it computes
// (the names of tests/data/golden: vision.*, blip2.*, t5.* for lavis; the hf-* README's for hf) to a
// safetensors file, so any reference can be compared with the C++ port tensor by tensor.
#include <cstdio>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <ATen/Context.h>
#include <torch/torch.h>

#include "arguments.h"
#include "command.h"
#include "nn/activation.h"
#include "nn/blip2_model.h"
#include "nn/blip2_trace.h"
#include "nn/config.h"
#include "nn/device.h"
#include "nn/hugging_face_export.h"
#include "nn/weight_init.h"
#include "nn/sevila_checkpoint.h"
#include "nn/sevila_dump.h"
#include "nn/sevila_model.h"
#include "nn/weight_names.h"
#include "core/error.h"
#include "model_arguments.h"
#include "nn/safetensors.h"

namespace {

using namespace sevila;

const cli::OptionSet& declaredOptions() {
  static const cli::OptionSet options =
      cli::OptionSet(
          "sevila model info --model DIR [--flavour lavis|hf]\n"
          "       sevila model init --config FILE --out DIR [--seed N] [--tokenizer FILE]\n"
          "       sevila model dump --model DIR --inputs FILE --out FILE [options]",
          "  info   print the configuration, parameter counts per part and memory per precision\n"
          "  init   a new BLIP-2 of that config.json with seeded random weights (to train from scratch):\n"
          "         DIR/config.json, DIR/model.safetensors (Hugging Face names), DIR/spiece.model\n"
          "  dump   run the backbone on INPUTS (pixel_values, t5.* or input_ids/attention_mask/...) and\n"
          "         write every named activation (golden names) to OUT as safetensors; with --sevila\n"
          "         also both roles (bridges, sevila.*, train.*)")
          .include(cli::modelOptions())
          .group("Init")
          .value("--config", "FILE", "a BLIP-2 config.json (model_type blip-2, Flan-T5 text model)")
          .value("--seed", "N", "seed of the random weights", "0")
          .group("Dump")
          .value("--inputs", "FILE", "the inputs (safetensors: pixel_values, ...)")
          .value("--out", "FILE", "where the activations go (safetensors)")
          .value("--options", "N", "option letters the Answerer scores", "5")
          .value("--max-new-tokens", "N", "hf flavour: generate() length", "5");
  return options;
}

std::string millions(int64_t n) {
  char text[64];
  std::snprintf(text, sizeof text, "%10.2f M", static_cast<double>(n) / 1e6);
  return text;
}

std::string memory(int64_t bytes) {
  char text[64];
  const double mib = static_cast<double>(bytes) / (1024.0 * 1024.0);
  if (mib >= 1024.0)
    std::snprintf(text, sizeof text, "%8.2f GiB", mib / 1024.0);
  else
    std::snprintf(text, sizeof text, "%8.2f MiB", mib);
  return text;
}

int runInfo(const cli::Arguments& a) {
  const std::string dir = a.require("--model");
  const auto flavour = nn::parseFlavour(a.value("--flavour", declaredOptions().defaultOf("--flavour")));
  const auto c = nn::loadBlip2Config(dir + "/config.json", flavour);
  std::printf("model       %s (flavour %s)\n", dir.c_str(), nn::flavourName(flavour).c_str());
  std::printf(
      "vision      EVA ViT: width %lld, %lld layers, %lld heads, MLP %lld, image %lld, patch %lld, eps %g, "
      "post-norm eps %g, %s\n",
      (long long)c.vision.hidden_size, (long long)c.vision.num_hidden_layers,
      (long long)c.vision.num_attention_heads, (long long)c.vision.intermediate_size,
      (long long)c.vision.image_size, (long long)c.vision.patch_size, c.vision.layer_norm_eps,
      c.vision.post_layernorm_eps, nn::activationName(c.vision.hidden_act));
  std::printf(
      "qformer     width %lld, %lld layers, %lld heads, FFN %lld, cross-attention every %lld, image width "
      "%lld, "
      "%lld query tokens\n",
      (long long)c.qformer.hidden_size, (long long)c.qformer.num_hidden_layers,
      (long long)c.qformer.num_attention_heads, (long long)c.qformer.intermediate_size,
      (long long)c.qformer.cross_attention_frequency, (long long)c.qformer.encoder_hidden_size,
      (long long)c.num_query_tokens);
  std::printf(
      "t5          d_model %lld, d_ff %lld, %lld+%lld layers, %lld heads x %lld, vocab %lld, buckets "
      "%lld/%lld, "
      "%s%s, %s head\n",
      (long long)c.text.d_model, (long long)c.text.d_ff, (long long)c.text.num_layers,
      (long long)c.text.num_decoder_layers, (long long)c.text.num_heads, (long long)c.text.d_kv,
      (long long)c.text.vocab_size, (long long)c.text.relative_attention_num_buckets,
      (long long)c.text.relative_attention_max_distance, c.text.is_gated_act ? "gated-" : "",
      nn::activationName(c.text.dense_act_fn), c.text.tie_word_embeddings ? "tied" : "untied");
  const auto n = nn::Blip2ModelImpl::countParameters(c);
  std::printf("\nparameters  %14s %12s %12s %12s\n", "count", "f32", "bf16", "f16");
  auto row = [](const char* name, int64_t count) {
    std::printf("%-11s %14s %12s %12s %12s\n", name, millions(count).c_str(), memory(4 * count).c_str(),
                memory(2 * count).c_str(), memory(2 * count).c_str());
  };
  row("vision", n.vision);
  row("qformer", n.qformer);
  row("projection", n.projection);
  row("t5", n.t5);
  row("total", n.total());
  std::printf("(a SeViLA checkpoint adds the Localizer's Q-Former, queries, projection and norm: %.2f M)\n",
              static_cast<double>(n.qformer + n.projection + 2 * c.vision.hidden_size) / 1e6);
  return 0;
}

int runDump(const cli::Arguments& a) {
  const std::string dir = a.require("--model");
  const std::string inputsPath = a.require("--inputs");
  const std::string outPath = a.require("--out");
  const auto flavour = nn::parseFlavour(a.value("--flavour", declaredOptions().defaultOf("--flavour")));
  const auto device = nn::parseDevice(a.value("--device", declaredOptions().defaultOf("--device")));
  const auto dtype = nn::parseDtype(a.value("--dtype", declaredOptions().defaultOf("--dtype")));
  const int threads = nn::configureThreads(a.intValue("--threads", 0));
  if (device.is_cuda() && dtype == c10::kFloat) {
    // A dump is for comparison: f32 must mean f32, not cuDNN's / cuBLAS's TF32 (10-bit mantissa).
    at::globalContext().setAllowTF32CuDNN(false);
    at::globalContext().setAllowTF32CuBLAS(false);
  }
  nn::TraceOptions options;
  options.maxNewTokens =
      a.intValue("--max-new-tokens", std::stoi(declaredOptions().defaultOf("--max-new-tokens")));
  if (options.maxNewTokens < 1 || options.maxNewTokens > 4096)
    throw Error("--max-new-tokens", "must be between 1 and 4096");

  const auto inputs = nn::loadSafetensors(inputsPath);
  if (!inputs.count("pixel_values"))
    throw Error(inputsPath, "no pixel_values tensor", "the inputs need at least pixel_values (T, 3, S, S)");
  auto model = nn::Blip2ModelImpl::load(dir, flavour, device, dtype);
  for (const auto& warning : model->loadWarnings()) std::fprintf(stderr, "warning: %s\n", warning.c_str());
  auto outputs = nn::traceBlip2(*model, inputs, options);
  if (auto pth = a.value("--sevila")) {
    nn::applySevilaCheckpoint(*model, *pth);
    for (auto& [name, value] : nn::traceBlip2(*model, inputs, options)) outputs.emplace(name, value);
    // The roles themselves: Localizer, Answerer, single-frame answers, pseudo-labels, training loss.
    const auto sevilaModel =
        nn::SevilaModel::load(dir, *pth, a.value("--tokenizer", ""), flavour, device, dtype);
    nn::SevilaDumpOptions dumpOptions;
    dumpOptions.numOptions = a.intValue("--options", std::stoi(declaredOptions().defaultOf("--options")));
    for (auto& [name, value] : nn::dumpSevila(*sevilaModel, inputs, dumpOptions))
      outputs.emplace(name, value);
  }
  nn::saveSafetensors(
      outPath, outputs,
      {{"model", dir}, {"flavour", nn::flavourName(flavour)}, {"dtype", nn::dtypeName(dtype)}});
  std::printf("wrote %zu tensors to %s (%s, %s, %s, %d threads)\n", outputs.size(), outPath.c_str(),
              nn::flavourName(flavour).c_str(), device.str().c_str(), nn::dtypeName(dtype).c_str(), threads);
  return 0;
}

int runInit(const cli::Arguments& a) {
  const std::string configPath = a.require("--config");
  const std::string out = a.require("--out");
  const auto seed = static_cast<uint64_t>(a.intValue("--seed", 0));
  const auto flavour = nn::parseFlavour(a.value("--flavour", declaredOptions().defaultOf("--flavour")));
  const nn::Blip2Config config = nn::loadBlip2Config(configPath, flavour);
  nn::Blip2ModelImpl net(config);
  nn::initialiseWeights(net, seed);
  const auto tensors = nn::huggingFaceStateDict(net);
  namespace fs = std::filesystem;
  fs::create_directories(out);
  fs::copy_file(configPath, fs::path(out) / "config.json", fs::copy_options::overwrite_existing);
  if (auto tokenizer = a.value("--tokenizer"))
    fs::copy_file(*tokenizer, fs::path(out) / "spiece.model", fs::copy_options::overwrite_existing);
  nn::saveSafetensors((fs::path(out) / "model.safetensors").string(), tensors,
                      {{"init", "sevila model init"}, {"seed", std::to_string(seed)}});
  int64_t count = 0;
  for (const auto& [name, t] : tensors) count += t.numel();
  std::printf("wrote %zu tensors (%s parameters, seed %llu) to %s\n", tensors.size(), millions(count).c_str(),
              static_cast<unsigned long long>(seed), out.c_str());
  return 0;
}

int runModel(const std::vector<std::string>& args) {
  const std::string help = declaredOptions().help();
  if (args.empty() || args[0] == "--help" || args[0] == "-h") {
    std::printf("%s", help.c_str());
    return args.empty() ? 2 : 0;
  }
  const std::string sub = args[0];
  const cli::Arguments a = declaredOptions().parse(std::vector<std::string>(args.begin() + 1, args.end()));
  if (a.flag("--help")) {
    std::printf("%s", help.c_str());
    return 0;
  }
  if (sub == "info") return runInfo(a);
  if (sub == "init") return runInit(a);
  if (sub == "dump") return runDump(a);
  std::fprintf(stderr, "sevila model: unknown subcommand '%s'\n%s", sub.c_str(), help.c_str());
  return 2;
}

}  // namespace

namespace sevila::cli {
Command modelCommand() {
  return {"model", "inspect a BLIP-2 model: sizes and parameter counts (info), named activations (dump)",
          runModel};
}
}  // namespace sevila::cli
