#include "demo_video.h"

#include "core/error.h"
#include "media/frame_index.h"
#include "media/frame_sampler.h"
#include "shape_raster.h"

namespace sevila::demo {

std::vector<int> eventPositions(const data::SamplingGrid& grid, const Question& question) {
  std::vector<int> positions;
  for (int p = 0; p < grid.size(); ++p)
    if (question.isEvent(static_cast<int>(grid.frameIndices[static_cast<size_t>(p)]))) positions.push_back(p);
  return positions;
}

DemoVideo makeDemoVideo(const DemoVideoSpec& spec) {
  DemoVideo v;
  v.id = spec.id;
  v.path = spec.videosDir + "/" + std::to_string(spec.id) + ".mp4";
  v.scene = makeScene(spec.seed, spec.index, spec.scene);
  v.questions = askQuestions(v.scene);

  EncoderSettings settings;
  settings.ffmpeg = spec.ffmpeg;
  settings.width = v.scene.width;
  settings.height = v.scene.height;
  settings.fps = v.scene.fps;
  RawVideoEncoder encoder(settings, v.path);
  std::vector<uint8_t> rgb(static_cast<size_t>(v.scene.width) * v.scene.height * 3);
  for (int f = 0; f < v.scene.frameCount; ++f) {
    renderFrame(v.scene, f, rgb.data());
    encoder.write(rgb.data());
  }
  encoder.finish();

  // Read back as the trainer will: no sidecar in the user's cache for generated files, one thread (the
  // split runs several videos at once).
  media::FrameIndexOptions indexOptions;
  indexOptions.diskCache = false;
  indexOptions.threads = 1;
  const media::VideoInfo info = media::probeVideo(v.path, indexOptions);
  const auto index = media::frameIndexFor(v.path, indexOptions);
  if (info.frameCount != v.scene.frameCount)
    throw Error(v.path,
                "holds " + std::to_string(info.frameCount) + " decoded frames, but " +
                    std::to_string(v.scene.frameCount) + " were drawn",
                "the event frames would not match the video; check the ffmpeg in use (--ffmpeg)");
  v.fps = info.fps;
  v.frameCount = info.frameCount;
  v.grid.frameIndices = media::sampleFrameIndices(v.frameCount, spec.scene.gridFrames, v.fps);
  for (const int64_t i : v.grid.frameIndices)
    v.grid.timestamps.push_back(index->seconds[static_cast<size_t>(i)]);
  for (const Question& q : v.questions) v.keyframes.push_back(eventPositions(v.grid, q));
  return v;
}

}  // namespace sevila::demo
