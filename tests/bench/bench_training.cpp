// Training throughput of SeViLA's two stages with random weights (no files needed): one optimizer
// iteration of the Localizer's refinement (B questions x T frames, target yes/no) or of the Answerer's
// fine-tuning (B questions x k keyframes, target "Option X"), through the project's Trainer (LAVIS
// AdamW groups, dropout on, ViT output given as features, as the feature cache gives it). Prints frames
// per second and the peak RSS (on CUDA read the device peak with nvidia-smi). Not a test.
//   bench_training [--real] [--role localizer|answerer] [--batch B] [--frames T] [--iters N]
//                  [--threads N] [--device cpu|cuda] [--dtype f32|bf16]

#include <chrono>
#include <cstdio>
#include <string>

#include <torch/cuda.h>
#include <torch/torch.h>

#include "core/freed_memory.h"
#include "nn/blip2_model.h"
#include "nn/config.h"
#include "nn/device.h"
#include "nn/sevila_model.h"
#include "tiny_bench_config.h"
#include "train/trainer.h"
#include "peak_rss.h"

using namespace sevila;

int main(int argc, char** argv) {
  sevila::keepFreedMemoryForReuse();  // as the sevila CLI and the studio do
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  bool real = false;
  std::string role = "localizer", deviceText = "cpu", dtypeText = "f32";
  int batch = 0, frames = 0, iters = 0, threads = 0;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "%s needs a value\n", a.c_str());
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--real")
      real = true;
    else if (a == "--role")
      role = next();
    else if (a == "--batch")
      batch = std::stoi(next());
    else if (a == "--frames")
      frames = std::stoi(next());
    else if (a == "--iters")
      iters = std::stoi(next());
    else if (a == "--threads")
      threads = std::stoi(next());
    else if (a == "--device")
      deviceText = next();
    else if (a == "--dtype")
      dtypeText = next();
    else {
      std::fprintf(stderr, "unknown option %s\n", a.c_str());
      return 2;
    }
  }
  const bool localizer = role == "localizer";
  if (!batch) batch = real ? 1 : 16;
  if (!frames) frames = localizer ? (real ? 4 : 32) : 4;
  if (!iters) iters = real ? 2 : 10;
  const int usedThreads = nn::configureThreads(threads);
  const auto device = nn::parseDevice(deviceText);
  const auto dtype = nn::parseDtype(dtypeText);
  const nn::Blip2Config config = real ? nn::flanT5XlConfig() : tinyBenchConfig();
  std::printf("bench_training: %s size, %s, batch %d x %d frames, %s %s, %d threads\n",
              real ? "real (Flan-T5-XL BLIP-2)" : "tiny", role.c_str(), batch, frames, device.str().c_str(),
              nn::dtypeName(dtype).c_str(), usedThreads);
  auto network = nn::Blip2ModelImpl::random(config, device, dtype);
  network->attachLocalizer();
  network->to(device);
  auto model = std::make_shared<nn::SevilaModel>(network, std::nullopt);
  train::TrainOptions o;
  o.role = localizer ? train::TrainRole::Localizer : train::TrainRole::Answerer;
  o.schedule.warmupSteps = 1;
  train::Trainer trainer(model, o);

  const int64_t n = 1 + (config.vision.image_size / 14) * (config.vision.image_size / 14);
  const auto options = torch::TensorOptions().dtype(dtype).device(device);
  std::vector<train::TrainingSample> samples;
  for (int b = 0; b < batch; ++b) {
    train::TrainingSample s;
    s.imageTokens = torch::randn({frames, n, config.vision.hidden_size}, options);
    std::vector<int64_t> text(60, 100);
    text.back() = 1;
    s.text = text;
    if (localizer) {
      s.prefixes = {{7, 8, 3}};
      s.targets = torch::tensor({4273, 1}, torch::dtype(at::kLong)).repeat({frames, 1});
    } else {
      for (int j = 0; j < frames; ++j) s.prefixes.push_back({7, 9 + j, 8, 3});
      s.targets = torch::tensor({1566, 71, 1}, torch::dtype(at::kLong));
    }
    samples.push_back(std::move(s));
  }
  auto sync = [&] {
    if (device.is_cuda()) torch::cuda::synchronize(device.index());
  };
  trainer.iterate(samples, 1, 0, 0);  // warm-up
  sync();
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < iters; ++i) trainer.iterate(samples, 1, i, i + 1);
  sync();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() / iters;
  std::printf("  %.3f s per iteration, %.1f frames/s, %.2f questions/s\n", seconds, batch * frames / seconds,
              batch / seconds);
  std::printf("  peak RSS %.0f MiB\n", benchutil::peakRssMiB());
  return 0;
}
