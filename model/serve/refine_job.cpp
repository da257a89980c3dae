#include "serve/refine_job.h"

#include <exception>

namespace sevila::serve {

const char* stateName(RefineJob::State state) {
  switch (state) {
    case RefineJob::State::Running:
      return "running";
    case RefineJob::State::Done:
      return "done";
    case RefineJob::State::Failed:
      return "failed";
    case RefineJob::State::Cancelled:
      return "cancelled";
  }
  return "?";
}

RefineJob::RefineJob(std::string id, Work work) : m_id(std::move(id)) {
  m_thread = std::thread([this, work = std::move(work)] {
    try {
      work(*this, m_cancel);
      std::lock_guard<std::mutex> lock(m_mutex);
      if (m_state == State::Running) m_state = m_cancel.cancelled() ? State::Cancelled : State::Done;
    } catch (const engine::Cancelled&) {
      std::lock_guard<std::mutex> lock(m_mutex);
      m_state = State::Cancelled;
    } catch (const std::exception& e) {
      std::lock_guard<std::mutex> lock(m_mutex);
      m_state = State::Failed;
      m_error = e.what();
    }
  });
}

RefineJob::~RefineJob() {
  m_cancel.cancel();
  if (m_thread.joinable()) m_thread.join();
}

void RefineJob::setStage(const std::string& stage, int64_t done, int64_t total) {
  std::lock_guard<std::mutex> lock(m_mutex);
  m_stage = stage;
  m_done = done;
  m_total = total;
}

void RefineJob::recordStep(int64_t step, int64_t steps, double loss, double etaSeconds) {
  std::lock_guard<std::mutex> lock(m_mutex);
  m_stage = "training";
  m_step = step;
  m_steps = steps;
  m_eta = etaSeconds;
  if (m_loss.empty() || m_loss.back().first != step) m_loss.emplace_back(step, loss);
}

void RefineJob::finish(Outcome outcome) {
  std::lock_guard<std::mutex> lock(m_mutex);
  m_outcome = std::move(outcome);
  m_stage = "finished";
  // A cancel after some steps still leaves a version: the checkpoint of the steps done.
  m_state = m_outcome.interrupted ? State::Cancelled : State::Done;
}

RefineJob::State RefineJob::state() const {
  std::lock_guard<std::mutex> lock(m_mutex);
  return m_state;
}

RefineJob::Outcome RefineJob::outcome() const {
  std::lock_guard<std::mutex> lock(m_mutex);
  return m_outcome;
}

nlohmann::json RefineJob::status(size_t lossFrom) const {
  std::lock_guard<std::mutex> lock(m_mutex);
  nlohmann::json loss = nlohmann::json::array();
  for (size_t i = lossFrom; i < m_loss.size(); ++i) loss.push_back({m_loss[i].first, m_loss[i].second});
  nlohmann::json s = {{"id", m_id},
                      {"state", stateName(m_state)},
                      {"stage", m_stage},
                      {"done", m_done},
                      {"total", m_total},
                      {"step", m_step},
                      {"steps", m_steps},
                      {"eta_seconds", m_eta},
                      {"loss_count", m_loss.size()},
                      {"loss", loss}};
  if (!m_outcome.checkpoint.empty())
    s["version"] = {{"id", m_id},
                    {"checkpoint_sha256", m_outcome.checkpointSha256},
                    {"epochs_completed", m_outcome.epochsCompleted},
                    {"interrupted", m_outcome.interrupted}};
  if (!m_outcome.options.is_null()) {
    s["train_questions"] = m_outcome.trainQuestions;
    s["options"] = m_outcome.options;
  }
  if (!m_outcome.report.is_null()) {
    s["report"] = m_outcome.report;
    s["summary"] = m_outcome.summary;
  }
  if (!m_error.empty()) s["error"] = m_error;
  return s;
}

}  // namespace sevila::serve
