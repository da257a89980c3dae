#include "serve/device_queue.h"

namespace sevila::serve {

DeviceQueue::DeviceQueue() : m_thread([this] { loop(); }) {}

DeviceQueue::~DeviceQueue() {
  {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_stopping = true;
  }
  m_wake.notify_all();
  m_thread.join();
}

std::future<void> DeviceQueue::submit(std::function<void()> task) {
  std::packaged_task<void()> packaged(std::move(task));
  std::future<void> done = packaged.get_future();
  {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_questions.push_back(std::move(packaged));
  }
  m_wake.notify_one();
  return done;
}

void DeviceQueue::addJob(std::function<bool()> step) {
  {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_jobs.push_back(std::move(step));
  }
  m_wake.notify_one();
}

size_t DeviceQueue::waitingQuestions() const {
  std::lock_guard<std::mutex> lock(m_mutex);
  return m_questions.size();
}

size_t DeviceQueue::activeJobs() const {
  std::lock_guard<std::mutex> lock(m_mutex);
  return m_jobs.size();
}

void DeviceQueue::loop() {
  for (;;) {
    std::unique_lock<std::mutex> lock(m_mutex);
    m_wake.wait(lock, [this] { return m_stopping || !m_questions.empty() || !m_jobs.empty(); });
    if (m_stopping) return;  // waiting questions' futures report broken promises
    if (!m_questions.empty()) {
      std::packaged_task<void()> task = std::move(m_questions.front());
      m_questions.pop_front();
      lock.unlock();
      task();  // exceptions go to the future
      continue;
    }
    std::function<bool()> step = std::move(m_jobs.front());
    m_jobs.pop_front();
    lock.unlock();
    bool more = false;
    try {
      more = step();
    } catch (...) {
      more = false;  // a job reports its own failures; a throwing step ends it
    }
    if (more) {
      lock.lock();
      m_jobs.push_back(std::move(step));  // its next turn comes after the other jobs'
    }
  }
}

}  // namespace sevila::serve
