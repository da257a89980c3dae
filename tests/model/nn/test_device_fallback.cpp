// The CPU where the asked device cannot run the model: CUDA absent, or out of its memory at load.
#include <stdexcept>
#include <string>
#include <vector>

#include <c10/util/Exception.h>

#include "minitest.h"
#include "nn/device.h"
#include "nn/device_fallback.h"

using sevila::nn::DevicePlan;

namespace {
c10::OutOfMemoryError outOfMemory() {
  return c10::OutOfMemoryError(
      c10::SourceLocation{__func__, __FILE__, static_cast<uint32_t>(__LINE__)},
      "CUDA out of memory. Tried to allocate 2.00 GiB (GPU 0; 7.79 GiB total)\nmore");
}
}  // namespace

TEST(cpuStaysTheCpuWithoutANotice) {
  const DevicePlan plan = sevila::nn::planDevice("cpu");
  CHECK(plan.device.is_cpu());
  CHECK(plan.notice.empty());
}

TEST(cudaAbsentGivesTheCpuAndSaysWhy) {
  if (sevila::nn::cudaAvailable()) {  // nothing to fall back from
    const DevicePlan plan = sevila::nn::planDevice("cuda");
    CHECK(plan.device.is_cuda() && plan.notice.empty());
    return;
  }
  for (const std::string text : {"cuda", "cuda:1"}) {
    const DevicePlan plan = sevila::nn::planDevice(text);
    CHECK(plan.device.is_cpu());
    CHECK_EQ(plan.notice,
             std::string("no CUDA device on this machine or in this LibTorch build; running on the CPU"));
  }
}

TEST(malformedDevicesAreStillRefused) {
  CHECK_THROWS_WITH(sevila::nn::planDevice("tpu"), "unknown device");
  // Thrown, not taken for CUDA and fallen back from: the message names the text.
  CHECK_THROWS_WITH(sevila::nn::planDevice("cudax"), "--device cudax");
  CHECK_THROWS_WITH(sevila::nn::planDevice("cuda:"), "--device cuda:");
}

TEST(outOfCudaMemoryAtLoadLoadsOnTheCpu) {
  DevicePlan plan;
  plan.device =
      c10::Device(c10::kCUDA, 0);  // constructible without a GPU: the loader below stands in for one
  std::vector<c10::Device> tried;
  sevila::nn::loadWithFallback(plan, [&](c10::Device d) {
    tried.push_back(d);
    if (d.is_cuda()) throw outOfMemory();
  });
  CHECK_EQ(tried.size(), size_t{2});
  CHECK(tried[0].is_cuda() && tried[1].is_cpu());
  CHECK(plan.device.is_cpu());
  CHECK_EQ(plan.notice,
           "out of memory loading the model on cuda:0 (CUDA out of memory. Tried to allocate 2.00 GiB "
           "(GPU 0; 7.79 GiB total)); running on the CPU");
}

TEST(otherFailuresAndCpuFailuresPassThrough) {
  DevicePlan cuda;
  cuda.device = c10::Device(c10::kCUDA, 0);
  CHECK_THROWS_WITH(
      sevila::nn::loadWithFallback(cuda, [](c10::Device) { throw std::runtime_error("bad file"); }),
      "bad file");
  CHECK(cuda.device.is_cuda() && cuda.notice.empty());
  DevicePlan cpu;  // out of memory on the CPU: nowhere else to go
  int calls = 0;
  bool threw = false;
  try {
    sevila::nn::loadWithFallback(cpu, [&](c10::Device) {
      ++calls;
      throw outOfMemory();
    });
  } catch (const c10::OutOfMemoryError&) {
    threw = true;
  }
  CHECK(threw);
  CHECK_EQ(calls, 1);
  CHECK(cpu.notice.empty());
}

MINITEST_MAIN
