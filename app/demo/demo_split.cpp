#include "demo_split.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <filesystem>
#include <mutex>
#include <thread>

#include <nlohmann/json.hpp>

#include "core/atomic_file.h"
#include "core/error.h"

namespace sevila::demo {
namespace {

// Generated labels carry this time instead of the clock, so a seed always gives the same bytes.
constexpr const char* kLabelTime = "1970-01-01T00:00:00.000Z";

// RFC 4180: quoted only when needed (the generator's text never needs it; a changed question might).
std::string csvField(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (const char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

void checkOptions(const SplitOptions& o) {
  if (o.outDir.empty()) throw Error("--out", "no output folder given", "pass --out DIR");
  if (o.videos < 1) throw Error("--videos", "at least one video is needed");
  if (o.jobs < 1) throw Error("--jobs", "at least one job is needed");
  if (o.firstId < 0) throw Error("--first-id", "video ids are not negative (NExT-QA's are numbers)");
  if (o.splitName.empty() || o.splitName.find_first_of("/\\") != std::string::npos)
    throw Error("--split-name", "'" + o.splitName + "' is not a file name", "e.g. train or val");
}

}  // namespace

std::string nextQaQid(QuestionType type, int64_t video, int number) {
  return std::string(questionTypeCode(type)) + "_" + std::to_string(video) + "_" + std::to_string(number);
}

std::string nextQaCsv(const std::vector<DemoVideo>& videos) {
  std::string out = "video,frame_count,width,height,question,answer,qid,type,a0,a1,a2,a3,a4\n";
  for (const DemoVideo& v : videos) {
    for (size_t k = 0; k < v.questions.size(); ++k) {
      const Question& q = v.questions[k];
      std::vector<std::string> row = {std::to_string(v.id),
                                      std::to_string(v.frameCount),
                                      std::to_string(v.scene.width),
                                      std::to_string(v.scene.height),
                                      questionText(q.type),
                                      std::to_string(q.answer),
                                      std::to_string(k),
                                      questionTypeCode(q.type)};
      for (const auto& option : questionOptions(q.type)) row.push_back(option);
      for (size_t c = 0; c < row.size(); ++c) out += (c ? "," : "") + csvField(row[c]);
      out += "\n";
    }
  }
  return out;
}

std::string eventsJsonl(const std::vector<DemoVideo>& videos) {
  std::string out;
  for (const DemoVideo& v : videos) {
    for (size_t k = 0; k < v.questions.size(); ++k) {
      const Question& q = v.questions[k];
      const Shape& target = v.scene.shapes[static_cast<size_t>(q.target)];
      std::vector<int> frames;
      for (int f = q.firstFrame; f < q.endFrame; ++f) frames.push_back(f);
      nlohmann::ordered_json j;
      j["qid"] = nextQaQid(q.type, v.id, static_cast<int>(k));
      j["video"] = std::to_string(v.id);
      j["type"] = questionTypeCode(q.type);
      j["question"] = questionText(q.type);
      j["answer"] = q.answer;
      j["answer_text"] = questionOptions(q.type)[static_cast<size_t>(q.answer)];
      j["target"] = {{"kind", shapeKindName(target.kind)}, {"colour", shapeColourName(target.colour)}};
      j["frame_count"] = v.frameCount;
      j["fps"] = v.fps;
      j["frames"] = frames;
      j["grid_positions"] = v.keyframes[k];
      out += j.dump() + "\n";
    }
  }
  return out;
}

std::vector<data::KeyframeLabelRecord> keyframeLabels(const std::vector<DemoVideo>& videos, uint64_t seed) {
  std::vector<data::KeyframeLabelRecord> records;
  for (const DemoVideo& v : videos) {
    for (size_t k = 0; k < v.questions.size(); ++k) {
      data::KeyframeLabelRecord r;
      r.qid = nextQaQid(v.questions[k].type, v.id, static_cast<int>(k));
      r.dataset = data::datasetKindName(data::DatasetKind::NextQa);
      r.author = "generator";
      r.video = std::to_string(v.id);  // as the csv names it, like `sevila run`
      r.fps = v.fps;
      r.grid = v.grid;
      r.keyframes = v.keyframes[k];
      r.state = data::LabelState::Confirmed;
      r.note = "sevila-demo-data seed " + std::to_string(seed);
      r.created = kLabelTime;
      r.updated = kLabelTime;
      records.push_back(std::move(r));
    }
  }
  return records;
}

SplitSummary generateSplit(const SplitOptions& options) {
  checkOptions(options);
  const std::string videosDir = options.outDir + "/videos";
  std::error_code ec;
  std::filesystem::create_directories(videosDir, ec);
  if (ec) throw Error(videosDir, "cannot create the folder: " + ec.message());

  // Each worker takes the next video number; a failure stops the others after their current video.
  std::vector<DemoVideo> videos(static_cast<size_t>(options.videos));
  std::atomic<int> next{0};
  std::atomic<bool> stop{false};
  std::mutex mutex;  // guards firstError, done and the progress callback
  std::exception_ptr firstError;
  int done = 0;
  const auto work = [&]() {
    for (int i = next++; i < options.videos && !stop; i = next++) {
      try {
        DemoVideoSpec spec;
        spec.seed = options.seed;
        spec.index = i;
        spec.id = options.firstId + i;
        spec.videosDir = videosDir;
        spec.ffmpeg = options.ffmpeg;
        spec.scene = options.scene;
        videos[static_cast<size_t>(i)] = makeDemoVideo(spec);
        std::lock_guard<std::mutex> lock(mutex);
        ++done;
        if (options.progress) options.progress(done, options.videos);
      } catch (...) {
        std::lock_guard<std::mutex> lock(mutex);
        if (!firstError) firstError = std::current_exception();
        stop = true;
      }
    }
  };
  std::vector<std::thread> workers;
  for (int j = 0; j < std::min(options.jobs, options.videos); ++j) workers.emplace_back(work);
  for (auto& w : workers) w.join();
  if (firstError) std::rethrow_exception(firstError);

  SplitSummary s;
  const std::string base = options.outDir + "/" + options.splitName;
  s.csv = base + ".csv";
  s.events = base + "-events.jsonl";
  s.keyframes = base + "-keyframes.jsonl";
  writeFileAtomically(s.csv, nextQaCsv(videos));
  writeFileAtomically(s.events, eventsJsonl(videos));
  writeFileAtomically(s.keyframes, data::writeKeyframeLabels(keyframeLabels(videos, options.seed)));

  s.videos = options.videos;
  s.minEventPositions = options.scene.gridFrames;
  long positions = 0;
  double share = 0;
  for (const DemoVideo& v : videos) {
    for (const auto& k : v.keyframes) {
      const int n = static_cast<int>(k.size());
      ++s.questions;
      positions += n;
      share += double(n) / v.grid.size();
      s.minEventPositions = std::min(s.minEventPositions, n);
      s.maxEventPositions = std::max(s.maxEventPositions, n);
    }
  }
  s.meanEventPositions = double(positions) / s.questions;
  s.chanceHitRate = share / s.questions;
  return s;
}

}  // namespace sevila::demo
