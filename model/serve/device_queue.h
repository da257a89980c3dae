// One thread owns the device (GPU or CPU engine): every piece of model work runs on it, in this order:
// questions first, in the order they came, then one step of a long job, the jobs taking turns. A job
// step is one question of a dataset, so a short question waits at most for one step, never for a job.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <thread>

namespace sevila::serve {

class DeviceQueue {
public:
  DeviceQueue();
  ~DeviceQueue();  // finishes the task running, drops the rest, joins
  DeviceQueue(const DeviceQueue&) = delete;
  DeviceQueue& operator=(const DeviceQueue&) = delete;

  // Runs `task` on the device thread ahead of any job step; the future holds its exception, if any.
  std::future<void> submit(std::function<void()> task);
  // A long job: `step` runs on the device thread, one unit of work per call, taking turns with the other
  // jobs and after every waiting question; it returns false when the job is over.
  void addJob(std::function<bool()> step);

  size_t waitingQuestions() const;
  size_t activeJobs() const;

private:
  void loop();

  mutable std::mutex m_mutex;
  std::condition_variable m_wake;
  std::deque<std::packaged_task<void()>> m_questions;
  std::deque<std::function<bool()>> m_jobs;
  bool m_stopping = false;
  std::thread m_thread;  // last: started after the members it uses
};

}  // namespace sevila::serve
