// Shared by the training tests: generated videos whose "green" frames are known, items and human labels
// on the trainer's grid, and the tiny golden model with the tiny tokenizer.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "../media/media_test_util.h"
#include "data/dataset_item.h"
#include "data/keyframe_labels.h"
#include "media/frame_sampler.h"
#include "nn/sevila_model.h"

namespace traintest {

constexpr int kFrames = 8;        // n sampled per question
constexpr int kVideoFrames = 48;  // 6 s at 8 fps
constexpr double kFps = 8.0;

inline std::shared_ptr<const sevila::nn::SevilaModel> tinyModel() {
  const std::string dir = std::string(SEVILA_TEST_DATA) + "/golden/tiny-a";
  return sevila::nn::SevilaModel::load(dir, dir + "/sevila.pth",
                                       std::string(SEVILA_TEST_DATA) + "/golden/tokenizer/tiny_t5.model");
}

// Video `name` in `dir`: grey, green on the frames of sampled positions p and p+1 (frames 6p .. 6p+11).
inline std::string greenVideo(const std::string& dir, const std::string& name, int p) {
  const std::string path = dir + "/" + name + ".mp4";
  if (std::filesystem::exists(path)) return path;
  const std::string filter = "[0][1]overlay=enable='between(n," + std::to_string(6 * p) + "," +
                             std::to_string(6 * p + 11) + ")',format=yuv420p";
  const bool ok = mediatest::ffmpeg(
      "-f lavfi -i color=c=0x808080:s=64x64:r=8:d=6 -f lavfi -i color=c=0x20c020:s=64x64:r=8:d=6 "
      "-filter_complex " +
      mediatest::quote(filter) + " -c:v libx264 -g 8 -bf 0 " + mediatest::quote(path));
  if (!ok) throw std::runtime_error("ffmpeg could not make " + path);
  return path;
}

inline sevila::data::DatasetItem greenItem(const std::string& video, const std::string& qid) {
  sevila::data::DatasetItem item;
  item.dataset = "nextqa";
  item.qid = qid;
  item.sourceId = qid;
  item.video = video;
  item.question = "is the screen green?";
  item.options = {"yes", "no"};
  item.answer = 0;
  item.type = "DL";
  return item;
}

inline sevila::data::SamplingGrid uniformGrid(int n = kFrames) {
  sevila::data::SamplingGrid grid;
  grid.frameIndices = sevila::media::sampleFrameIndices(kVideoFrames, n, kFps);
  for (const int64_t f : grid.frameIndices) grid.timestamps.push_back(static_cast<double>(f) / kFps);
  return grid;
}

inline sevila::data::KeyframeLabelRecord greenLabel(
    const std::string& video, const std::string& qid, int p,
    sevila::data::LabelState state = sevila::data::LabelState::Confirmed, int n = kFrames) {
  sevila::data::KeyframeLabelRecord r;
  r.qid = qid;
  r.dataset = "nextqa";
  r.author = "alice";
  r.video = video;
  r.fps = kFps;
  r.grid = uniformGrid(n);
  r.keyframes = {p * n / kFrames, (p + 1) * n / kFrames};
  r.state = state;
  r.created = r.updated = "2026-12-04T10:00:00.000Z";
  return r;
}

}  // namespace traintest
