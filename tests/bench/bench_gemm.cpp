// How close the T5 encoder's matrix products come to this CPU's GEMM peak (issue 15, CPU side). Times
//   square    large square products (at::mm, 1024^3 to n^3);
//   shapes    the T5-XL encoder's own products for the Localizer's batch (M = 32 frames x 96 tokens):
//             attention projections (2048 -> 2048), the gated FFN's inputs (2048 -> 5120) and output;
//   peak      the best of all of these: what this BLAS reaches on this CPU;
//   encoder   one whole T5-XL encoder pass (24 layers, random weights) over that batch, its matrix
//             products' FLOPs divided by its time, as a share of the peak.
// Not a test; run it on an idle machine:  bench_gemm [--threads N] [--reps R] [--n 4096] [--batch 32]
//                                                    [--tokens 96] [--no-encoder]

#include <chrono>
#include <cstdio>
#include <algorithm>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include <torch/torch.h>

#include "nn/blip2_model.h"
#include "nn/config.h"
#include "nn/device.h"
#include "nn/t5_stack.h"
#include "peak_rss.h"

using namespace sevila;

namespace {

double seconds(int reps, const std::function<void()>& body) {
  body();  // warm-up
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < reps; ++i) body();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() / reps;
}

}  // namespace

int main(int argc, char** argv) {
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  int threads = 2, reps = 3, batch = 32, tokens = 96;
  int64_t n = 4096;
  bool encoder = true;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&] { return i + 1 < argc ? std::stoi(argv[++i]) : 0; };
    if (a == "--threads")
      threads = next();
    else if (a == "--reps")
      reps = next();
    else if (a == "--n")
      n = next();
    else if (a == "--batch")
      batch = next();
    else if (a == "--tokens")
      tokens = next();
    else if (a == "--no-encoder")
      encoder = false;
    else {
      std::printf(
          "usage: bench_gemm [--threads N] [--reps R] [--n N] [--batch B] [--tokens L] [--no-encoder]\n");
      return a == "--help" ? 0 : 2;
    }
  }
  torch::NoGradGuard noGrad;
  const int used = nn::configureThreads(threads);
  const nn::T5Config t5 = nn::flanT5XlConfig().text;
  const int64_t d = t5.d_model, inner = t5.num_heads * t5.d_kv, ff = t5.d_ff, m = int64_t(batch) * tokens;
  std::printf("bench_gemm: f32, %d intra-op threads, %d reps; Localizer batch %d x %d = %lld tokens\n", used,
              reps, batch, tokens, static_cast<long long>(m));

  const auto gflops = [](double flop, double s) { return flop / s / 1e9; };
  double peak = 0;
  for (int64_t size = 1024; size <= n; size *= 2) {
    const at::Tensor a = torch::randn({size, size}), b = torch::randn({size, size});
    const double t = seconds(reps, [&] { (void)at::mm(a, b); });
    const double g = gflops(2.0 * size * size * size, t);
    peak = std::max(peak, g);
    std::printf("%-44s %8.1f GFLOP/s  (%.3f s per product)\n",
                ("at::mm " + std::to_string(size) + "^3").c_str(), g, t);
  }
  struct Shape {
    const char* name;
    int64_t in, out;
  };
  std::vector<std::pair<std::string, double>> shapes;
  for (const Shape& s :
       {Shape{"attention projection (2048 -> 2048)", d, inner}, Shape{"FFN input (2048 -> 5120)", d, ff},
        Shape{"FFN output (5120 -> 2048)", ff, d}}) {
    const at::Tensor x = torch::randn({m, s.in}), w = torch::randn({s.out, s.in});
    const double t = seconds(reps, [&] { (void)at::linear(x, w); });
    shapes.emplace_back(s.name, gflops(2.0 * m * s.in * s.out, t));
    peak = std::max(peak, shapes.back().second);
  }
  for (const auto& [name, g] : shapes)
    std::printf("%-44s %8.1f GFLOP/s  %5.1f %% of peak\n", name.c_str(), g, 100.0 * g / peak);
  std::printf("%-44s %8.1f GFLOP/s\n", "peak (the best product above)", peak);
  if (encoder) {
    const auto start = std::chrono::steady_clock::now();
    nn::T5Stack stack{nn::T5StackOptions(t5)};
    stack->eval();
    const double built = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const at::Tensor embeds = torch::randn({batch, tokens, d}) * 0.1;
    const at::Tensor mask = torch::ones({batch, tokens}, torch::kLong);
    const double t = seconds(std::max(1, reps / 2), [&] { (void)stack->forward(embeds, mask); });
    // Matrix products per token and layer: Q, K, V, O; the gated FFN's two inputs and its output; and the
    // attention's own QK^T and AV over the sequence.
    const double perToken =
        2.0 * (4.0 * d * inner + (t5.is_gated_act ? 3.0 : 2.0) * d * ff) + 4.0 * tokens * inner;
    const double flop = perToken * static_cast<double>(m) * t5.num_layers;
    const double g = gflops(flop, t);
    std::printf("%-44s %8.1f GFLOP/s  %5.1f %% of peak  (%.2f s for %.2f TFLOP; built in %.0f s)\n",
                "T5-XL encoder pass", g, 100.0 * g / peak, t, flop / 1e12, built);
  }
  std::printf("peak RSS %.0f MiB\n", benchutil::peakRssMiB());
  return 0;
}
