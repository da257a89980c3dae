// Cooperative cancellation for long work (decoding, the ViT over many frames, dataset runs). The GUI or
// a signal handler calls cancel() from any thread; the work checks between batches and stops with
// Cancelled, leaving caches and result files consistent.
#pragma once

#include <atomic>
#include <functional>
#include <string>

#include "core/error.h"

namespace sevila::engine {

class Cancelled : public Error {
public:
  Cancelled() : Error("", "cancelled") {}
};

class CancelToken {
public:
  void cancel() { m_cancelled.store(true, std::memory_order_relaxed); }
  bool cancelled() const { return m_cancelled.load(std::memory_order_relaxed); }
  void throwIfCancelled() const {
    if (cancelled()) throw Cancelled();
  }
  void reset() { m_cancelled.store(false); }

private:
  std::atomic<bool> m_cancelled{false};
};

// Progress of a stage: fraction in [0, 1] of the whole job and the stage's name ("decoding frames",
// "vision encoder", "localizer", "answerer", "baselines").
using ProgressFn = std::function<void(double fraction, const std::string& stage)>;

}  // namespace sevila::engine
