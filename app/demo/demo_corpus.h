// A generated split of the demo data set (demo_split.h) held in memory for training from scratch: every
// video's frames on the keyframes' sampling grid, decoded once at the model's input size and
// normalised exactly as the chain normalises them (media/frame_tensor.h), and every question with its
// ground-truth keyframes (the grid positions inside its event, from <split>-keyframes.jsonl).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <ATen/core/Tensor.h>

#include "data/dataset_item.h"

namespace sevila::demo {

struct CorpusQuestion {
  data::DatasetItem item;  // from the NExT-QA csv: the question and options exactly as the chain reads them
  int video = 0;           // index into DemoCorpus::videoPaths and frames
  std::vector<int> keyframes;  // ground-truth positions on the grid, ascending
};

struct DemoCorpus {
  std::vector<std::string> videoPaths;
  at::Tensor frames;  // (V, T, 3, S, S) float32, CLIP-normalised
  std::vector<CorpusQuestion> questions;
  int gridFrames() const;  // T
};

// Reads DIR/<split>.csv, DIR/<split>-keyframes.jsonl and decodes DIR/videos/*.mp4 on `threads` threads.
// Throws sevila::Error naming the file for a missing or inconsistent split (a label whose grid is not
// the video's uniform grid of the labels' size, a question without labels...).
DemoCorpus loadDemoCorpus(const std::string& dir, const std::string& split, int imageSize, int threads = 2,
                          const std::function<void(int, int)>& progress = {});

}  // namespace sevila::demo
