#include "demo_corpus.h"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <map>
#include <mutex>
#include <thread>

#include <torch/torch.h>

#include "core/error.h"
#include "data/dataset_reader.h"
#include "data/keyframe_labels.h"
#include "media/frame_reader.h"
#include "media/frame_sampler.h"
#include "media/frame_tensor.h"

namespace sevila::demo {
namespace fs = std::filesystem;

int DemoCorpus::gridFrames() const {
  return frames.defined() ? static_cast<int>(frames.size(1)) : 0;
}

DemoCorpus loadDemoCorpus(const std::string& dir, const std::string& split, int imageSize, int threads,
                          const std::function<void(int, int)>& progress) {
  const std::string csv = (fs::path(dir) / (split + ".csv")).string();
  const std::string labelsPath = (fs::path(dir) / (split + "-keyframes.jsonl")).string();
  const auto items = data::readDataset("nextqa", csv).items;
  const auto labels = data::readKeyframeLabels(labelsPath);
  std::map<std::string, const data::KeyframeLabelRecord*> byQid;
  for (const auto& l : labels) byQid[l.qid] = &l;

  DemoCorpus corpus;
  std::map<std::string, int> videoIndex;
  std::vector<data::SamplingGrid> grids;
  for (const auto& item : items) {
    const auto found = byQid.find(item.qid);
    if (found == byQid.end()) throw Error(labelsPath, "has no keyframes for question " + item.qid);
    const data::KeyframeLabelRecord& label = *found->second;
    auto [it, added] = videoIndex.emplace(item.video, static_cast<int>(corpus.videoPaths.size()));
    if (added) {
      corpus.videoPaths.push_back((fs::path(dir) / "videos" / (item.video + ".mp4")).string());
      grids.push_back(label.grid);
    } else if (grids[static_cast<size_t>(it->second)] != label.grid) {
      throw Error(labelsPath,
                  "question " + item.qid + " has another frame grid than its video's first question");
    }
    corpus.questions.push_back(CorpusQuestion{item, it->second, label.keyframes});
  }
  if (corpus.videoPaths.empty()) throw Error(csv, "holds no question");
  const int64_t t = grids.front().size();
  for (const auto& g : grids)
    if (g.size() != t) throw Error(labelsPath, "the videos' grids differ in size");

  corpus.frames = torch::empty({static_cast<int64_t>(corpus.videoPaths.size()), t, 3, imageSize, imageSize});
  std::atomic<size_t> next{0};
  std::atomic<int> done{0};
  std::mutex failureMutex;
  std::string failure;
  const media::FrameFormat format{imageSize, imageSize, media::Interpolation::Bilinear, true};
  auto work = [&] {
    for (size_t v = next++; v < corpus.videoPaths.size(); v = next++) {
      try {
        media::FrameReaderOptions readerOptions;
        readerOptions.threads = 1;
        media::FrameReader reader(corpus.videoPaths[v], readerOptions);
        // The labels must sit on the grid the chain samples, or they would teach the wrong frames.
        const auto& grid = grids[v].frameIndices;
        if (media::sampleFrameIndices(reader.index().frameCount(), static_cast<int>(t), reader.info().fps) !=
            grid)
          throw Error(corpus.videoPaths[v],
                      "its labels are not on the video's uniform grid of " + std::to_string(t) + " frames");
        corpus.frames[static_cast<int64_t>(v)].copy_(media::imagesToTensor(reader.read(grid, format)));
      } catch (const std::exception& e) {
        std::lock_guard<std::mutex> lock(failureMutex);
        if (failure.empty()) failure = e.what();
        next = corpus.videoPaths.size();
        return;
      }
      const int count = ++done;
      if (progress) {
        std::lock_guard<std::mutex> lock(failureMutex);
        progress(count, static_cast<int>(corpus.videoPaths.size()));
      }
    }
  };
  std::vector<std::thread> pool;
  for (int i = 0; i < std::max(1, threads); ++i) pool.emplace_back(work);
  for (auto& th : pool) th.join();
  if (!failure.empty()) throw Error(dir, "cannot read the " + split + " split: " + failure);
  return corpus;
}

}  // namespace sevila::demo
