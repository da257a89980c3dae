// Speed of the BLIP-2 networks with random weights (no files needed): EVA ViT ms/frame, Q-Former
// (+ norm + projection) ms/frame, T5 encoder ms/sequence, one T5 decoder step, peak RSS, threads
// and the BLAS LibTorch runs on. Tiny sizes by default; --real builds Flan-T5-XL BLIP-2 sizes one
// part at a time (to bound memory). Not a test: run through the `bench` target or directly.
//   bench_networks [--real] [--threads N] [--frames T] [--dtype f32|bf16|f16] [--device cpu|cuda]
//                  [--reps R] [--text L]

#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <string>

#include <torch/cuda.h>
#include <torch/torch.h>

#include "core/freed_memory.h"
#include "nn/blip2_model.h"
#include "nn/config.h"
#include "nn/device.h"
#include "nn/eva_vit.h"
#include "nn/language_projection.h"
#include "nn/qformer.h"
#include "nn/t5_model.h"
#include "tiny_bench_config.h"
#include "peak_rss.h"

using namespace sevila::nn;

namespace {

// The BLAS library this process mapped (Debian's libtorch multiplies through libblas.so.3).
std::string blasLibrary() {
  std::ifstream maps("/proc/self/maps");
  std::string line;
  while (std::getline(maps, line)) {
    const auto slash = line.find('/');
    if (slash == std::string::npos) continue;
    const std::string path = line.substr(slash);
    if (path.find("blas") != std::string::npos || path.find("mkl") != std::string::npos) return path;
  }
  return "none mapped (MKL inside libtorch or no BLAS)";
}

void synchronize(const c10::Device& device) {
  if (device.is_cuda()) torch::cuda::synchronize(device.index());
}

// Median-free simple timing: one warm-up call, then `reps` timed calls; returns ms per call.
double timeMs(int reps, const c10::Device& device, const std::function<void()>& body) {
  body();
  synchronize(device);
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < reps; ++i) body();
  synchronize(device);
  const auto end = std::chrono::steady_clock::now();
  return std::chrono::duration<double, std::milli>(end - start).count() / reps;
}

template <typename M, typename... Args>
M build(c10::ScalarType dtype, const c10::Device& device, Args&&... args) {
  DefaultDtypeGuard guard(dtype);
  M module(std::forward<Args>(args)...);
  module->to(device);
  module->eval();
  return module;
}

}  // namespace

int main(int argc, char** argv) {
  sevila::keepFreedMemoryForReuse();         // as the sevila CLI and the studio do
  std::setvbuf(stdout, nullptr, _IOLBF, 0);  // line by line, also into a file: long runs show progress
  bool real = false;
  int threads = 0, frames = 0, reps = 0, text = 77;
  std::string dtypeText = "f32", deviceText = "cpu";
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
    else if (a == "--threads")
      threads = std::stoi(next());
    else if (a == "--frames")
      frames = std::stoi(next());
    else if (a == "--reps")
      reps = std::stoi(next());
    else if (a == "--text")
      text = std::stoi(next());
    else if (a == "--dtype")
      dtypeText = next();
    else if (a == "--device")
      deviceText = next();
    else {
      std::printf(
          "usage: bench_networks [--real] [--threads N] [--frames T] [--reps R] [--text L] "
          "[--dtype f32|bf16|f16] [--device cpu|cuda[:N]]\n");
      return a == "--help" ? 0 : 2;
    }
  }
  try {
    const auto dtype = parseDtype(dtypeText);
    const auto device = parseDevice(deviceText);
    Blip2ModelImpl::requireSupported(device, dtype);
    const int usedThreads = configureThreads(threads);
    if (frames <= 0) frames = real ? 2 : 8;
    if (reps <= 0) reps = real ? 1 : 20;
    const Blip2Config c = real ? flanT5XlConfig() : tinyBenchConfig();
    const auto counts = Blip2ModelImpl::countParameters(c);
    torch::NoGradGuard noGrad;
    torch::manual_seed(0);

    std::printf("bench_networks: %s sizes (%.2f M parameters), %s on %s, %d intra-op threads, LibTorch %s\n",
                real ? "BLIP-2 Flan-T5-XL" : "tiny", static_cast<double>(counts.total()) / 1e6,
                dtypeName(dtype).c_str(), device.str().c_str(), usedThreads, TORCH_VERSION);
    std::printf("BLAS: %s\n", blasLibrary().c_str());
    std::printf("frames %d (%lldx%lld), queries %lld, text %d tokens, %d timed repetitions\n\n", frames,
                (long long)c.vision.image_size, (long long)c.vision.image_size, (long long)c.num_query_tokens,
                text, reps);

    const auto opts = torch::TensorOptions().dtype(dtype).device(device);
    at::Tensor image;
    {
      auto t0 = std::chrono::steady_clock::now();
      auto vit = build<EvaVit>(dtype, device, EvaVitOptions(c.vision));
      const double buildS = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      auto pixels = torch::randn({frames, 3, c.vision.image_size, c.vision.image_size}, opts);
      const double ms = timeMs(reps, device, [&] { image = vit->forward(pixels); });
      std::printf("%-34s %10.2f ms/frame   (batch of %d: %.1f ms; built in %.1f s; peak RSS %.0f MiB)\n",
                  "EVA ViT", ms / frames, frames, ms, buildS, benchutil::peakRssMiB());
    }
    at::Tensor tokens;
    {
      auto norm = build<torch::nn::LayerNorm>(dtype, device,
                                              torch::nn::LayerNormOptions({c.vision.hidden_size}).eps(1e-5));
      auto qformer = build<QFormer>(dtype, device, QFormerOptions(c.qformer));
      auto projection = build<LanguageProjection>(
          dtype, device, LanguageProjectionOptions(c.qformer.hidden_size, c.text.d_model));
      auto queries = torch::randn({1, c.num_query_tokens, c.qformer.hidden_size}, opts);
      const double ms = timeMs(reps * 5, device, [&] {
        tokens = projection->forward(qformer->forward(queries, norm->forward(image)));
      });
      std::printf("%-34s %10.2f ms/frame   (peak RSS %.0f MiB)\n", "ln_vision + Q-Former + projection",
                  ms / frames, benchutil::peakRssMiB());
    }
    image = at::Tensor();
    {
      auto t0 = std::chrono::steady_clock::now();
      auto t5 = build<T5Model>(dtype, device, c.text);
      const double buildS = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      const int64_t length = c.num_query_tokens + text;
      auto ids = torch::randint(3, c.text.vocab_size, {1, text},
                                torch::TensorOptions().dtype(torch::kLong).device(device));
      auto embeds = torch::cat({tokens.narrow(0, 0, 1), t5->embed(ids)}, 1);  // (1, Q + L, D)
      auto mask = torch::ones({1, length}, torch::TensorOptions().dtype(torch::kLong).device(device));
      at::Tensor encoded;
      const double encMs = timeMs(reps, device, [&] { encoded = t5->encode(embeds, mask); });
      std::printf("%-34s %10.2f ms/sequence (%lld tokens; built in %.1f s)\n", "T5 encoder", encMs,
                  (long long)length, buildS);
      const double decMs = timeMs(reps * 2, device, [&] { t5->firstStepLogits(encoded, mask); });
      std::printf("%-34s %10.2f ms/step\n", "T5 decoder step (first token)", decMs);
      const int steps = 5;
      const double genMs = timeMs(reps, device, [&] { t5->generate(encoded, mask, steps, false); });
      std::printf("%-34s %10.2f ms/token (greedy, %d tokens, no cache)\n", "T5 greedy decoding",
                  genMs / steps, steps);
    }
    std::printf("\npeak RSS %.0f MiB\n", benchutil::peakRssMiB());
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_networks: %s\n", e.what());
    return 1;
  }
}
