#include "serve/dataset_job.h"

#include <exception>

#include <nlohmann/json.hpp>

namespace sevila::serve {

const char* stateName(DatasetJob::State state) {
  switch (state) {
    case DatasetJob::State::Queued:
      return "queued";
    case DatasetJob::State::Running:
      return "running";
    case DatasetJob::State::Done:
      return "done";
    case DatasetJob::State::Cancelled:
      return "cancelled";
  }
  return "?";
}

DatasetJob::DatasetJob(std::string id, std::string dataset, std::vector<data::DatasetItem> items,
                       AnswerFn answer)
    : m_id(std::move(id)),
      m_dataset(std::move(dataset)),
      m_items(std::move(items)),
      m_answer(std::move(answer)) {}

bool DatasetJob::step() {
  size_t index = 0;
  {
    std::lock_guard<std::mutex> lock(m_mutex);
    if (m_cancel) {
      m_state = State::Cancelled;
      return false;
    }
    if (m_next >= m_items.size()) {
      m_state = State::Done;
      return false;
    }
    m_state = State::Running;
    index = m_next++;
  }
  const data::DatasetItem& item = m_items[index];
  std::string line, failure;
  try {
    line = m_answer(item);
  } catch (const std::exception& e) {
    failure = item.qid + ": " + e.what();
  }
  std::lock_guard<std::mutex> lock(m_mutex);
  if (failure.empty()) {
    m_results += line + "\n";
    ++m_done;
  } else {
    m_failures.push_back(failure);
  }
  if (m_next >= m_items.size()) {
    m_state = State::Done;
    return false;
  }
  return true;
}

nlohmann::json DatasetJob::status() const {
  std::lock_guard<std::mutex> lock(m_mutex);
  return {{"id", m_id},     {"state", stateName(m_state)}, {"total", m_items.size()},
          {"done", m_done}, {"failed", m_failures.size()}, {"failures", m_failures}};
}

std::string DatasetJob::results() const {
  std::lock_guard<std::mutex> lock(m_mutex);
  return m_results;
}

}  // namespace sevila::serve
