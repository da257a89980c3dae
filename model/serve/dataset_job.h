// A dataset split answered as a server job: one question per step on the device thread (device_queue.h),
// with its progress, a cancel that takes effect after the question in flight, and its results as JSON
// lines in memory (what `sevila run` would write).
#pragma once

#include <atomic>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "data/dataset_item.h"

namespace sevila::serve {

class DatasetJob {
public:
  enum class State { Queued, Running, Done, Cancelled };
  // Answers one item (on the device thread) and returns its result line; throws for a failed item.
  using AnswerFn = std::function<std::string(const data::DatasetItem& item)>;

  DatasetJob(std::string id, std::string dataset, std::vector<data::DatasetItem> items, AnswerFn answer);

  // One question; false when the job is over (done or cancelled).
  bool step();
  void cancel() { m_cancel = true; }

  const std::string& id() const { return m_id; }
  const std::string& dataset() const { return m_dataset; }
  nlohmann::json status() const;  // {"id","state","total","done","failed","failures":[...]}
  std::string results() const;    // JSON lines so far

private:
  std::string m_id;
  std::string m_dataset;
  std::vector<data::DatasetItem> m_items;
  AnswerFn m_answer;
  std::atomic<bool> m_cancel{false};
  mutable std::mutex m_mutex;
  State m_state = State::Queued;
  size_t m_next = 0;
  int m_done = 0;
  std::vector<std::string> m_failures;  // "qid: reason"
  std::string m_results;
};

const char* stateName(DatasetJob::State state);

}  // namespace sevila::serve
