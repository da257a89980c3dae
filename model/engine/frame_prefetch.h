// Decoding ahead: while the model answers one video's questions, worker threads open the next videos
// and decode the frames their questions will sample, so a dataset run waits for the decoder only when
// decoding is slower than answering (on a GPU a video's group of questions can take less time than
// decoding its 32 frames; on a CPU decoding hides behind the model). The engine names the frames
// (SevilaEngine::decodePlan: the sampled grids less what the feature cache holds); a frame the plan missed is
// read from the video when asked for, so a plan costs time when wrong, never an answer.
#pragma once

#include <condition_variable>
#include <deque>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "engine/decode_plan.h"

namespace sevila::media {
class FrameSource;
}

namespace sevila::engine {

class FramePrefetch {
public:
  // `workers` videos decoded at once (>= 1).
  explicit FramePrefetch(int workers);
  // Drops what has not started and waits for the videos being decoded.
  ~FramePrefetch();
  FramePrefetch(const FramePrefetch&) = delete;
  FramePrefetch& operator=(const FramePrefetch&) = delete;

  // Opens `videoPath` and decodes what `plan` names, on a worker. `key` names the job (a video and its
  // questions); a key already asked for is left as it is.
  void request(const std::string& key, const std::string& videoPath, DecodePlanFn plan);
  // The frames of `key`: waits while a worker decodes them, decodes them here when no worker has begun,
  // rethrows the error opening or decoding raised; null when `key` was never asked for. Forgets the job.
  std::unique_ptr<media::FrameSource> take(const std::string& key);

  size_t waiting() const;  // jobs asked for and not taken

private:
  struct Job;
  static void runJob(Job& job);
  void work();

  mutable std::mutex m_mutex;
  std::condition_variable m_changed;
  std::deque<std::shared_ptr<Job>> m_queue;            // not started, oldest first
  std::map<std::string, std::shared_ptr<Job>> m_jobs;  // by key, until taken
  bool m_stopping = false;
  std::vector<std::thread> m_workers;
};

}  // namespace sevila::engine
