// CLIP's normalisation of frame bytes (nn/pixel_normalization.h): torchvision's float32 arithmetic
// exactly, on the CPU and on the device of SEVILA_TEST_DEVICE (tests/cuda/run.sh runs it on CUDA, where
// `sevila` normalises its frames since they travel as bytes).
#include <cstdio>

#include <torch/torch.h>

#include "minitest.h"
#include "nn/pixel_normalization.h"
#include "test_device_choice.h"

using sevila::nn::normalizePixelBytes;

namespace {
at::Tensor someBytes() {
  torch::manual_seed(7);
  return torch::randint(0, 256, {3, 9, 11, 3}, torch::dtype(torch::kUInt8));
}
}  // namespace

TEST(bytesBecomeClipNormalisedFloatsAsTorchvisionComputesThem) {
  const at::Tensor bytes = someBytes();
  const at::Tensor pixels = normalizePixelBytes(bytes);
  CHECK(pixels.sizes() == at::IntArrayRef({3, 3, 9, 11}));
  CHECK(pixels.scalar_type() == at::kFloat);
  const float mean[3] = {0.48145466f, 0.4578275f, 0.40821073f};
  const float stdev[3] = {0.26862954f, 0.26130258f, 0.27577711f};
  const auto b = bytes.accessor<uint8_t, 4>();
  const auto p = pixels.accessor<float, 4>();
  int64_t differ = 0;
  for (int64_t t = 0; t < 3; ++t)
    for (int64_t y = 0; y < 9; ++y)
      for (int64_t x = 0; x < 11; ++x)
        for (int64_t c = 0; c < 3; ++c) {
          const float want = (static_cast<float>(b[t][y][x][c]) / 255.0f - mean[c]) / stdev[c];
          differ += p[t][c][y][x] != want;  // bit for bit: the same float32 steps
        }
  CHECK_EQ(differ, int64_t(0));
}

TEST(theDeviceGivesTheCpusNumbers) {
  const c10::Device device = testDevice();
  if (!device.is_cuda()) SKIP("SEVILA_TEST_DEVICE is not cuda (tests/cuda/run.sh sets it)");
  const at::Tensor bytes = someBytes();
  const at::Tensor onDevice = normalizePixelBytes(bytes.pin_memory().to(device, /*non_blocking=*/true));
  CHECK(onDevice.device() == device);
  const double worst = (onDevice.cpu() - normalizePixelBytes(bytes)).abs().max().item<double>();
  std::printf("  %s vs cpu: max|d| %.3e\n", device.str().c_str(), worst);
  CHECK(at::equal(onDevice.cpu(), normalizePixelBytes(bytes)));
}

TEST(anythingButFrameBytesIsRefused) {
  CHECK_THROWS_WITH(normalizePixelBytes(someBytes().to(at::kFloat)), "(T, H, W, 3) bytes");
  CHECK_THROWS_WITH(normalizePixelBytes(torch::zeros({2, 4, 4, 4}, torch::kUInt8)), "[2, 4, 4, 4]");
  CHECK_THROWS_WITH(normalizePixelBytes(torch::zeros({4, 4, 3}, torch::kUInt8)), "(T, H, W, 3) bytes");
}

MINITEST_MAIN
