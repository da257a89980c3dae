#include "engine/frame_prefetch.h"

#include <algorithm>

#include "core/error.h"
#include "media/decoded_frames.h"
#include "media/frame_reader.h"

namespace sevila::engine {

struct FramePrefetch::Job {
  std::string key;
  std::string path;
  DecodePlanFn plan;
  bool started = false;
  bool finished = false;
  std::unique_ptr<media::FrameSource> frames;
  std::exception_ptr error;
};

FramePrefetch::FramePrefetch(int workers) {
  if (workers < 1) throw Error("decoding ahead", "needs at least one worker, got " + std::to_string(workers));
  for (int i = 0; i < workers; ++i) m_workers.emplace_back([this] { work(); });
}

FramePrefetch::~FramePrefetch() {
  {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_stopping = true;
    m_queue.clear();
  }
  m_changed.notify_all();
  for (auto& worker : m_workers) worker.join();
}

void FramePrefetch::runJob(Job& job) {
  try {
    auto video = std::make_unique<media::FrameReader>(job.path);
    const DecodePlan plan = job.plan(*video);
    job.frames = std::make_unique<media::DecodedFrames>(std::move(video), plan.frames, plan.format);
  } catch (...) {
    job.error = std::current_exception();
  }
}

void FramePrefetch::work() {
  std::unique_lock<std::mutex> lock(m_mutex);
  for (;;) {
    m_changed.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
    if (m_stopping) return;
    std::shared_ptr<Job> job = m_queue.front();
    m_queue.pop_front();
    job->started = true;
    lock.unlock();
    runJob(*job);
    lock.lock();
    job->finished = true;
    m_changed.notify_all();
  }
}

void FramePrefetch::request(const std::string& key, const std::string& videoPath, DecodePlanFn plan) {
  {
    std::lock_guard<std::mutex> lock(m_mutex);
    if (m_stopping || m_jobs.count(key)) return;
    auto job = std::make_shared<Job>();
    job->key = key;
    job->path = videoPath;
    job->plan = std::move(plan);
    m_jobs.emplace(key, job);
    m_queue.push_back(std::move(job));
  }
  m_changed.notify_all();
}

std::unique_ptr<media::FrameSource> FramePrefetch::take(const std::string& key) {
  std::shared_ptr<Job> job;
  {
    std::unique_lock<std::mutex> lock(m_mutex);
    const auto it = m_jobs.find(key);
    if (it == m_jobs.end()) return nullptr;
    job = it->second;
    m_jobs.erase(it);
    if (!job->started) {  // no worker has begun: decoding here is as quick as waiting for one
      job->started = true;
      m_queue.erase(std::find(m_queue.begin(), m_queue.end(), job));
    } else {
      m_changed.wait(lock, [&] { return job->finished; });
    }
  }
  if (!job->finished) {
    runJob(*job);
    job->finished = true;
  }
  if (job->error) std::rethrow_exception(job->error);
  return std::move(job->frames);
}

size_t FramePrefetch::waiting() const {
  std::lock_guard<std::mutex> lock(m_mutex);
  return m_jobs.size();
}

}  // namespace sevila::engine
