// A refinement of the Localizer on the server (POST /v1/refine), on a thread of its own so that
// questions keep their turn on the device: the work (server.cpp) loads a private f32 copy of the model,
// trains it on the client's labels with train::runRefinementJob and reports here; clients read the stage,
// the progress and every step's loss as they come (GET /v1/refine/ID?loss_from=N), cancel it (the
// checkpoint saved so far is kept), fetch its report and switch the server to the new version.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/cancel_token.h"

namespace sevila::serve {

class RefineJob {
public:
  enum class State { Running, Done, Failed, Cancelled };
  using Work = std::function<void(RefineJob& job, const engine::CancelToken& cancel)>;

  // Starts `work` on a thread of its own; an exception it throws fails the job with its message.
  RefineJob(std::string id, Work work);
  ~RefineJob();  // cancels and waits
  RefineJob(const RefineJob&) = delete;
  RefineJob& operator=(const RefineJob&) = delete;

  void cancel() { m_cancel.cancel(); }

  // From the work.
  void setStage(const std::string& stage, int64_t done = 0, int64_t total = 0);
  void recordStep(int64_t step, int64_t steps, double loss, double etaSeconds);
  struct Outcome {
    std::string checkpoint, checkpointSha256;  // the new version ("" when cancelled before a step)
    nlohmann::json report;                     // report.json (null when cancelled)
    std::string summary;                       // report.md
    nlohmann::json options;                    // training options and label counts
    int epochsCompleted = 0;
    int trainQuestions = 0;
    bool interrupted = false;  // cancelled after some steps: the checkpoint holds them
  };
  void finish(Outcome outcome);

  const std::string& id() const { return m_id; }
  State state() const;
  // {"id", "state", "stage", "done", "total", "step", "steps", "eta_seconds", "loss": [[step, loss], ...]
  // from the lossFrom-th on, "loss_count", and when finished "version", "train_questions", "options",
  // "report", "summary" (markdown); "error" when it failed}
  nlohmann::json status(size_t lossFrom = 0) const;
  Outcome outcome() const;

private:
  std::string m_id;
  engine::CancelToken m_cancel;
  mutable std::mutex m_mutex;
  State m_state = State::Running;
  std::string m_stage = "starting", m_error;
  int64_t m_done = 0, m_total = 0, m_step = 0, m_steps = 0;
  double m_eta = -1;
  std::vector<std::pair<int64_t, double>> m_loss;
  Outcome m_outcome;
  std::thread m_thread;  // last: started when everything above exists
};

const char* stateName(RefineJob::State state);

}  // namespace sevila::serve
