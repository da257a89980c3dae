// Falling back to the CPU where the asked device cannot run the model (issue 15: "fall back to CPU with a
// clear message when CUDA is absent or out of memory"): the tools that answer questions (sevila answer,
// run and serve, the studio) keep working and say why they run on the CPU. Measuring tools (model dump,
// the benchmarks) keep parseDevice's strictness.
#pragma once

#include <exception>
#include <functional>
#include <string>

#include <c10/core/Device.h>

namespace sevila::nn {

struct DevicePlan {
  c10::Device device{c10::kCPU};
  // Why the model runs on the CPU rather than where it was asked to ("" if it does not); callers put the
  // asked device before it ("--device cuda: ...").
  std::string notice;
};

// "cpu", "cuda" or "cuda:N" as parseDevice reads them, except that CUDA asked for where this LibTorch or
// machine has none gives the CPU and a notice. Malformed text and a missing cuda:N still throw.
DevicePlan planDevice(const std::string& text);

// Runs load(plan.device). When that runs out of CUDA memory, runs load(CPU) instead and sets plan's
// device and notice. Other errors pass through.
void loadWithFallback(DevicePlan& plan, const std::function<void(c10::Device)>& load);

// The first line of an out-of-memory error's message: how much was asked for and how much is free, without
// LibTorch's advice and backtrace.
std::string outOfMemoryReason(const std::exception& error);

}  // namespace sevila::nn
