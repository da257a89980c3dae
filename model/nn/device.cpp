#include "nn/device.h"

#include <dlfcn.h>

#include <thread>

#include <torch/torch.h>

#include "core/error.h"

namespace sevila::nn {

bool cudaAvailable() {
  return torch::cuda::is_available();
}

c10::Device parseDevice(const std::string& text) {
  if (text == "cpu") return c10::Device(c10::kCPU);
  if (text.rfind("cuda", 0) == 0) {
    if (!cudaAvailable())
      throw Error("--device " + text, "this LibTorch build sees no CUDA device",
                  "use --device cpu, or build against a CUDA LibTorch with -DTorch_DIR=...");
    int index = 0;
    if (text.size() > 4) {
      if (text[4] != ':' || text.size() == 5) throw Error("--device " + text, "expected cuda or cuda:N");
      try {
        index = std::stoi(text.substr(5));
      } catch (const std::exception&) {
        throw Error("--device " + text, "expected cuda or cuda:N");
      }
      if (index < 0 || index >= static_cast<int>(torch::cuda::device_count()))
        throw Error("--device " + text,
                    "no such CUDA device (" + std::to_string(torch::cuda::device_count()) + " present)");
    }
    return c10::Device(c10::kCUDA, static_cast<c10::DeviceIndex>(index));
  }
  throw Error("--device " + text, "unknown device", "use cpu, cuda or cuda:N");
}

c10::ScalarType parseDtype(const std::string& text) {
  if (text == "f32" || text == "fp32" || text == "float32") return c10::kFloat;
  if (text == "bf16" || text == "bfloat16") return c10::kBFloat16;
  if (text == "f16" || text == "fp16" || text == "float16") return c10::kHalf;
  throw Error("--dtype " + text, "unknown precision", "use f32, bf16 or f16");
}

std::string dtypeName(c10::ScalarType type) {
  switch (type) {
    case c10::kFloat:
      return "f32";
    case c10::kBFloat16:
      return "bf16";
    case c10::kHalf:
      return "f16";
    default:
      return c10::toString(type);
  }
}

int configureThreads(int requested) {
  int n = requested > 0 ? requested : static_cast<int>(std::thread::hardware_concurrency());
  if (n <= 0) n = 1;
  torch::set_num_threads(n);
  return n;
}

namespace {

using SetThreads = void (*)(int);
using GetThreads = int (*)();

// Looked up at run time: LibTorch may use another BLAS, and then there is nothing to tune.
SetThreads openblasSet() {
  static const auto set = reinterpret_cast<SetThreads>(::dlsym(RTLD_DEFAULT, "openblas_set_num_threads"));
  return set;
}

GetThreads openblasGet() {
  static const auto get = reinterpret_cast<GetThreads>(::dlsym(RTLD_DEFAULT, "openblas_get_num_threads"));
  return get;
}

}  // namespace

int blasThreads() {
  return openblasGet() ? openblasGet()() : 0;
}

int fitBlasThreads(int64_t width) {
  if (!openblasSet() || !openblasGet()) return 0;
  static const int initial = openblasGet()();  // the first call sees OpenBLAS's own choice
  openblasSet()(width < kNarrowWidth ? 1 : initial);
  return blasThreads();
}

void singleThreadedBlas() {
  fitBlasThreads(0);
}

}  // namespace sevila::nn
