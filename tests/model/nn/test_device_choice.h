// The device a GPU-capable test runs on: SEVILA_TEST_DEVICE (cpu by default; tests/cuda/run.sh sets
// cuda). On CUDA, TF32 is off in cuBLAS and cuDNN (on by default for convolutions on Ampere and later),
// so f32 is compared with f32 at the usual tolerance.
#pragma once

#include <cstdlib>

#include <ATen/Context.h>
#include <c10/core/Device.h>

#include "nn/device.h"

inline c10::Device testDevice() {
  const char* d = std::getenv("SEVILA_TEST_DEVICE");
  const auto device = sevila::nn::parseDevice(d && *d ? d : "cpu");
  if (device.is_cuda()) {
    at::globalContext().setAllowTF32CuDNN(false);
    at::globalContext().setAllowTF32CuBLAS(false);
  }
  return device;
}
