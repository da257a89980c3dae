// What the long CLI commands share: Ctrl+C and SIGTERM (Slurm's preemption signal) cancel the work
// cooperatively through a CancelToken, so the command finishes its step and saves; and a clock text for
// elapsed times and ETAs.
#pragma once

#include <string>

#include "engine/cancel_token.h"

namespace sevila::cli {

// While it lives, SIGINT and SIGTERM cancel `token` (one at a time per process).
class InterruptCancels {
public:
  explicit InterruptCancels(engine::CancelToken& token);
  ~InterruptCancels();
  InterruptCancels(const InterruptCancels&) = delete;
  InterruptCancels& operator=(const InterruptCancels&) = delete;
};

// "h:mm:ss"
std::string clockText(double seconds);

}  // namespace sevila::cli
