// One video of the demo data set: its scene drawn (shape_scene.h), rendered and encoded through the ffmpeg
// CLI (shape_raster.h, rawvideo_encoder.h), then read back by the project's own frame index, so that the
// frame count, frame rate and frame times are the ones `sevila refine` and the studio will see, and
// checked to hold exactly the frames drawn. Its questions' keyframes are the positions of the sampler's
// uniform grid (media/frame_sampler.h, evaluation sampling) that fall inside each question's event.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "data/keyframe_labels.h"
#include "rawvideo_encoder.h"
#include "shape_questions.h"
#include "shape_scene.h"

namespace sevila::demo {

struct DemoVideoSpec {
  uint64_t seed = 0;
  int64_t index = 0;  // which video of the seed's sequence (its scene)
  int64_t id = 0;     // its NExT-QA video id: the file is <videosDir>/<id>.mp4
  std::string videosDir;
  std::string ffmpeg = "ffmpeg";
  SceneOptions scene;
};

struct DemoVideo {
  int64_t id = 0;
  std::string path;
  Scene scene;
  std::vector<Question> questions;          // allQuestionTypes() order
  double fps = 0;                           // the container's average rate, as the studio reads it
  int64_t frameCount = 0;                   // decoded frames, as the trainer counts them
  data::SamplingGrid grid;                  // the uniform grid of gridFrames positions with decoded times
  std::vector<std::vector<int>> keyframes;  // per question: grid positions inside its event
};

// Throws sevila::Error naming the video when ffmpeg fails or the file does not hold the frames drawn.
DemoVideo makeDemoVideo(const DemoVideoSpec& spec);

// The positions of `grid` whose frame lies in the question's event, ascending.
std::vector<int> eventPositions(const data::SamplingGrid& grid, const Question& question);

}  // namespace sevila::demo
