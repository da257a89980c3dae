#include <cstdio>

#include "minitest.h"
#include "nn/device.h"
#include "core/error.h"

TEST(parsesCpuAndPrecisions) {
  CHECK(sevila::nn::parseDevice("cpu").is_cpu());
  CHECK(sevila::nn::parseDtype("bf16") == c10::kBFloat16);
  CHECK(sevila::nn::parseDtype("f16") == c10::kHalf);
  CHECK(sevila::nn::parseDtype("f32") == c10::kFloat);
  CHECK_EQ(sevila::nn::dtypeName(c10::kBFloat16), std::string("bf16"));
}

TEST(rejectsUnknownDeviceAndDtype) {
  CHECK_THROWS_WITH(sevila::nn::parseDevice("tpu"), "unknown device");
  CHECK_THROWS_WITH(sevila::nn::parseDtype("f8"), "unknown precision");
  if (!sevila::nn::cudaAvailable()) CHECK_THROWS_WITH(sevila::nn::parseDevice("cuda"), "no CUDA");
}

TEST(configuresThreads) {
  CHECK_EQ(sevila::nn::configureThreads(2), 2);
  CHECK(sevila::nn::configureThreads(0) >= 1);
}

// A narrow network gets one OpenBLAS thread; a real-size one gets back the count OpenBLAS started with.
TEST(fitsBlasThreadsToTheWidth) {
  const int initial = sevila::nn::blasThreads();
  if (initial == 0) {
    std::printf("SKIP: this LibTorch does not use OpenBLAS\n");
    return;
  }
  CHECK_EQ(sevila::nn::fitBlasThreads(64), 1);
  CHECK_EQ(sevila::nn::blasThreads(), 1);
  CHECK_EQ(sevila::nn::fitBlasThreads(2048), initial);
  CHECK_EQ(sevila::nn::blasThreads(), initial);
}

MINITEST_MAIN
