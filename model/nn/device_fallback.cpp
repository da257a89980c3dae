#include "nn/device_fallback.h"

#include <c10/util/Exception.h>

#include "nn/device.h"

namespace sevila::nn {

namespace {
// "cuda" or "cuda:N", N digits.
bool cudaText(const std::string& text) {
  if (text == "cuda") return true;
  return text.size() > 5 && text.compare(0, 5, "cuda:") == 0 &&
         text.find_first_not_of("0123456789", 5) == std::string::npos;
}
}  // namespace

DevicePlan planDevice(const std::string& text) {
  DevicePlan plan;
  if (cudaText(text) && !cudaAvailable()) {
    plan.notice = "no CUDA device on this machine or in this LibTorch build; running on the CPU";
    return plan;
  }
  plan.device = parseDevice(text);
  return plan;
}

void loadWithFallback(DevicePlan& plan, const std::function<void(c10::Device)>& load) {
  std::string reason;
  try {
    load(plan.device);
    return;
  } catch (const c10::OutOfMemoryError& e) {
    if (!plan.device.is_cuda()) throw;  // the CPU has nowhere else to go
    reason = outOfMemoryReason(e);
  }
  load(c10::Device(c10::kCPU));
  plan.notice =
      "out of memory loading the model on " + plan.device.str() + " (" + reason + "); running on the CPU";
  plan.device = c10::Device(c10::kCPU);
}

std::string outOfMemoryReason(const std::exception& error) {
  const auto* c10Error = dynamic_cast<const c10::Error*>(&error);
  const std::string text = c10Error ? c10Error->what_without_backtrace() : error.what();
  return text.substr(0, text.find('\n'));
}

}  // namespace sevila::nn
