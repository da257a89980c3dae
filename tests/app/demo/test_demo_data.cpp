// sevila-demo-data (app/demo): the scenes keep their promises (the star only in its event, the crosser
// only on the line, no shapes touching, events of 4-5 grid positions, answers spread over the options),
// and a split made by the real executable reads back as the project reads it: the NExT-QA csv, the
// decoded pixels, the keyframes on the sampler's grid, and the same bytes for the same seed.
#include <stdlib.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>

#include <nlohmann/json.hpp>

#include "data/dataset_reader.h"
#include "data/keyframe_labels.h"
#include "demo_split.h"
#include "demo_video.h"
#include "media/frame_reader.h"
#include "media/frame_sampler.h"
#include "demo_test_support.h"
#include "minitest.h"
#include "shape_questions.h"
#include "shape_raster.h"
#include "shape_scene.h"

using namespace sevila;
using namespace sevila::demo;
using sevila::demo::testing::TempDir;

namespace {

constexpr uint64_t kSeed = 7;
constexpr int kVideos = 3;
constexpr int kTolerance = 40;  // per channel, after yuv420p and x264 at crf 18

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Runs the executable as users do; its exit status (output in DIR.log, printed when it fails unexpectedly).
int generate(const std::string& dir, uint64_t seed, const std::string& extra = "", bool mayFail = false) {
  const std::string cmd = std::string("'") + SEVILA_DEMO_DATA + "' --out '" + dir + "' --videos " +
                          std::to_string(kVideos) + " --seed " + std::to_string(seed) + " " + extra + " >'" +
                          dir + ".log' 2>&1";
  const int rc = std::system(cmd.c_str());
  if (rc != 0 && !mayFail) std::fprintf(stderr, "  %s\n%s", cmd.c_str(), readFile(dir + ".log").c_str());
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

// The split every test below reads: made once per process.
const std::string& split() {
  static TempDir tmp;
  static const std::string dir = tmp.path() + "/shapes";
  static const int rc = generate(dir, kSeed, "--jobs 2");
  REQUIRE(rc == 0);
  return dir;
}

std::string videoPath(int index) {
  return split() + "/videos/" + std::to_string(1 + index) + ".mp4";
}

bool near(const uint8_t* p, Rgb c) {
  return std::abs(p[0] - c.r) <= kTolerance && std::abs(p[1] - c.g) <= kTolerance &&
         std::abs(p[2] - c.b) <= kTolerance;
}

int countNear(const media::RgbImage& image, Rgb colour, Box box) {
  int n = 0;
  for (int y = std::max(0, box.y0); y < std::min(image.height, box.y1); ++y)
    for (int x = std::max(0, box.x0); x < std::min(image.width, box.x1); ++x)
      n += near(image.row(y) + 3 * x, colour);
  return n;
}

media::FrameReaderOptions readerOptions() {
  media::FrameReaderOptions o;
  o.threads = 1;
  o.index.diskCache = false;
  return o;
}

std::vector<int64_t> uniformGrid(int frameCount) {
  return media::sampleFrameIndices(frameCount, 32, 10);
}

}  // namespace

TEST(scenesKeepTheirPromises) {
  std::map<std::string, int> starColours, crosserKinds;
  double chance = 0;
  int questions = 0, distractors = 0;
  const int scenes = 200;
  for (int i = 0; i < scenes; ++i) {
    const Scene scene = makeScene(11, i);
    const auto qs = askQuestions(scene);
    REQUIRE(qs.size() == 2);
    const Shape& star = scene.star();
    const Shape& crosser = scene.crosser();
    CHECK(crosser.kind != ShapeKind::Star);
    starColours[shapeColourName(star.colour)]++;
    crosserKinds[shapeKindName(crosser.kind)]++;
    CHECK_EQ(qs[0].answer, static_cast<int>(star.colour));
    CHECK_EQ(qs[1].answer, static_cast<int>(crosser.colour));
    for (const Shape& s : scene.shapes) {
      CHECK(s.size >= 40 && s.size <= 50);
      if (&s != &star) CHECK(s.kind != ShapeKind::Star);  // the only star
      distractors += s.role == ShapeRole::Distractor;
    }
    const int lineMiddle = (scene.line.x0 + scene.line.x1) / 2;
    for (int f = 0; f < scene.frameCount; ++f) {
      CHECK_EQ(star.visibleAt(f), qs[0].isEvent(f));
      CHECK_EQ(crosser.visibleAt(f), qs[1].isEvent(f));
      // Nobody but the crosser touches the line, and no two shapes touch.
      for (size_t a = 0; a < scene.shapes.size(); ++a) {
        const Shape& s = scene.shapes[a];
        if (!s.visibleAt(f)) continue;
        const Box box = s.boxAt(f);
        CHECK(box.x0 >= 0 && box.y0 >= 0 && box.x1 <= scene.width && box.y1 <= scene.height);
        if (&s != &crosser) CHECK(!box.near(scene.line, kShapeGap));
        for (size_t b = a + 1; b < scene.shapes.size(); ++b)
          if (scene.shapes[b].visibleAt(f)) CHECK(!box.near(scene.shapes[b].boxAt(f), kShapeGap));
      }
      // In the picture: the line is whole exactly when the crosser is not shown.
      const auto rgb = renderFrame(scene, f);
      int covered = 0;
      for (int y = 0; y < scene.height; ++y) {
        const uint8_t* p = rgb.data() + (static_cast<size_t>(y) * scene.width + lineMiddle) * 3;
        covered += !(Rgb{p[0], p[1], p[2]} == kLineColour);
      }
      CHECK_EQ(covered > 0, crosser.visibleAt(f));
      if (crosser.visibleAt(f)) CHECK(covered >= crosser.size / 4);
    }
    data::SamplingGrid grid;
    grid.frameIndices = uniformGrid(scene.frameCount);
    for (const Question& q : qs) {
      const int n = static_cast<int>(eventPositions(grid, q).size());
      CHECK(n >= 4 && n <= 5);
      chance += n / 32.0;
      ++questions;
    }
  }
  chance /= questions;
  std::printf("  %d scenes: chance top-4 hit rate %.3f, %.2f distractors per scene\n", scenes, chance,
              double(distractors) / scenes);
  CHECK(chance > 0.13 && chance < 0.15);
  CHECK(double(distractors) / scenes >= 1.3);  // 1 or 2 wanted; the second may find no room
  // Every answer occurs, none dominates.
  CHECK_EQ(starColours.size(), size_t(5));
  CHECK_EQ(crosserKinds.size(), size_t(5));
  for (const auto& [name, n] : starColours) CHECK(n >= scenes / 10);
  for (const auto& [name, n] : crosserKinds) CHECK(n >= scenes / 10);
}

TEST(aSceneIsAFunctionOfSeedAndIndex) {
  const Scene a = makeScene(5, 3), b = makeScene(5, 3), c = makeScene(6, 3);
  REQUIRE(a.frameCount == b.frameCount);
  bool differs = a.frameCount != c.frameCount;
  for (int f = 0; f < a.frameCount; ++f) {
    CHECK(renderFrame(a, f) == renderFrame(b, f));
    if (f < c.frameCount) differs = differs || renderFrame(a, f) != renderFrame(c, f);
  }
  CHECK(differs);
}

TEST(csvReadsAsNextQa) {
  REQUIRE_FFMPEG();
  const auto read = data::readDataset("nextqa", split() + "/train.csv", data::ReadOptions{true, true});
  REQUIRE(read.items.size() == 2 * kVideos);
  CHECK(read.skipped.empty());
  for (int v = 0; v < kVideos; ++v) {
    const Scene scene = makeScene(kSeed, v);
    const auto qs = askQuestions(scene);
    for (int k = 0; k < 2; ++k) {
      const data::DatasetItem& item = read.items[static_cast<size_t>(2 * v + k)];
      const std::string id = std::to_string(1 + v);
      CHECK_EQ(item.video, id);
      CHECK_EQ(item.type, std::string(questionTypeCode(qs[k].type)));
      CHECK_EQ(item.qid, item.type + "_" + id + "_" + std::to_string(k));
      CHECK_EQ(item.question, questionText(qs[k].type) + "?");
      CHECK_EQ(item.answer.value_or(-1), qs[k].answer);
      REQUIRE(item.options.size() == 5);
      for (size_t j = 0; j < 5; ++j) CHECK_EQ(item.options[j], questionOptions(qs[k].type)[j] + ".");
    }
    CHECK_EQ(read.items[static_cast<size_t>(2 * v)].question, std::string("what colour is the star?"));
    CHECK_EQ(read.items[static_cast<size_t>(2 * v)].options,
             (std::vector<std::string>{"red.", "green.", "blue.", "yellow.", "white."}));
    CHECK_EQ(read.items[static_cast<size_t>(2 * v + 1)].question,
             std::string("what colour is the shape that crosses the grey line?"));
    CHECK_EQ(read.items[static_cast<size_t>(2 * v + 1)].options,
             (std::vector<std::string>{"red.", "green.", "blue.", "yellow.", "white."}));
  }
}

TEST(decodedFramesShowTheAnswerOnlyInItsEvent) {
  REQUIRE_FFMPEG();
  int absentChecked = 0;
  for (int v = 0; v < kVideos; ++v) {
    const Scene scene = makeScene(kSeed, v);
    const auto qs = askQuestions(scene);
    const Shape& star = scene.star();
    const Shape& crosser = scene.crosser();
    media::FrameReader reader(videoPath(v), readerOptions());
    REQUIRE(reader.index().frameCount() == scene.frameCount);
    CHECK_EQ(reader.info().width, 128);
    const Rgb starRgb = shapeColourRgb(star.colour);
    const Rgb crosserRgb = shapeColourRgb(crosser.colour);
    // The line's inner columns (its edges share chroma samples with the background).
    const Box lineInside{scene.line.x0 + 1, 0, scene.line.x1 - 1, scene.height};
    const int lineArea = (lineInside.x1 - lineInside.x0) * scene.height;
    for (int f = 0; f < scene.frameCount; ++f) {
      const media::RgbImage image = reader.read(f, media::FrameFormat{});
      // Star colour question.
      if (qs[0].isEvent(f)) {
        const Box box = star.boxAt(f);
        const int area = star.size * star.size;
        const int seen = countNear(image, starRgb, box);
        if (seen < area / 4)
          std::fprintf(stderr, "  video %d frame %d: %d of %d star pixels\n", v, f, seen, area);
        CHECK(seen >= area / 4);
      } else {
        bool colourShown = false;
        for (const Shape& s : scene.shapes)
          colourShown = colourShown || (s.visibleAt(f) && s.colour == star.colour);
        if (!colourShown) {
          ++absentChecked;
          CHECK(countNear(image, starRgb, {0, 0, image.width, image.height}) <= 2);
        }
      }
      // Line crossing question: something of the crosser's colour lies on the line exactly in the event.
      const int onLine = countNear(image, crosserRgb, lineInside);
      const int grey = countNear(image, kLineColour, lineInside);
      if (qs[1].isEvent(f)) {
        CHECK(onLine >= crosser.size / 2);
        CHECK(grey < lineArea);
      } else {
        CHECK(grey >= lineArea * 95 / 100);
      }
    }
  }
  CHECK(absentChecked >= 10);
}

TEST(keyframesAreTheUniformGridInsideTheEvents) {
  REQUIRE_FFMPEG();
  const auto records = data::readKeyframeLabels(split() + "/train-keyframes.jsonl");
  REQUIRE(records.size() == 2 * kVideos);
  std::map<std::string, nlohmann::json> events;
  std::istringstream lines(readFile(split() + "/train-events.jsonl"));
  for (std::string line; std::getline(lines, line);) {
    const auto j = nlohmann::json::parse(line);
    events[j.at("qid").get<std::string>()] = j;
  }
  REQUIRE(events.size() == 2 * kVideos);
  for (const auto& r : records) {
    REQUIRE(events.count(r.qid));
    const auto& e = events[r.qid];
    const int v = std::stoi(r.video) - 1;
    REQUIRE(v >= 0 && v < kVideos);
    CHECK_EQ(r.dataset, std::string("nextqa"));
    CHECK_EQ(r.author, std::string("generator"));
    CHECK(r.state == data::LabelState::Confirmed);
    media::FrameReader reader(videoPath(v), readerOptions());
    const int64_t frameCount = reader.index().frameCount();
    CHECK_EQ(e.at("frame_count").get<int64_t>(), frameCount);
    CHECK_NEAR(r.fps, reader.info().fps, 1e-9);
    // The trainer's grid for this video, with the decoder's times.
    CHECK_EQ(r.grid.frameIndices, media::sampleFrameIndices(frameCount, 32, reader.info().fps));
    REQUIRE(r.grid.size() == 32);
    for (int p = 0; p < 32; ++p)
      CHECK_NEAR(r.grid.timestamps[static_cast<size_t>(p)],
                 reader.index().seconds[static_cast<size_t>(r.grid.frameIndices[static_cast<size_t>(p)])],
                 1e-6);
    // Keyframes: exactly the grid positions whose frame shows the answer.
    const auto frames = e.at("frames").get<std::vector<int64_t>>();
    std::vector<int> expected;
    for (int p = 0; p < 32; ++p)
      if (std::count(frames.begin(), frames.end(), r.grid.frameIndices[static_cast<size_t>(p)]))
        expected.push_back(p);
    CHECK_EQ(r.keyframes, expected);
    CHECK_EQ(e.at("grid_positions").get<std::vector<int>>(), expected);
    CHECK(expected.size() >= 4 && expected.size() <= 5);
    // The events are the scene's.
    const Scene scene = makeScene(kSeed, v);
    const auto qs = askQuestions(scene);
    const Question& q = qs[r.qid.rfind("DO_", 0) == 0 ? 0 : 1];
    CHECK_EQ(frames.front(), int64_t(q.firstFrame));
    CHECK_EQ(frames.back(), int64_t(q.endFrame - 1));
    CHECK_EQ(frames.size(), size_t(q.endFrame - q.firstFrame));
  }
}

TEST(theSameSeedGivesTheSameBytes) {
  REQUIRE_FFMPEG();
  TempDir tmp;
  const std::string again = tmp.path() + "/again", other = tmp.path() + "/other";
  REQUIRE(generate(again, kSeed, "--jobs 1") == 0);  // another job count: still the same files
  for (const char* file : {"/train.csv", "/train-events.jsonl", "/train-keyframes.jsonl"}) {
    const std::string a = readFile(split() + file), b = readFile(again + file);
    CHECK(!a.empty());
    CHECK(a == b);
  }
  for (int v = 0; v < kVideos; ++v) {
    const std::string name = "/videos/" + std::to_string(1 + v) + ".mp4";
    CHECK(readFile(split() + name) == readFile(again + name));
  }
  REQUIRE(generate(other, kSeed + 1) == 0);
  CHECK(readFile(split() + "/train.csv") != readFile(other + "/train.csv"));
}

TEST(badArgumentsAreErrorsWithHints) {
  TempDir tmp;
  const std::string dir = tmp.path() + "/x";
  CHECK_EQ(generate(dir, 1, "--ffmpeg /nonexistent/ffmpeg", true), 1);
  const std::string log = readFile(dir + ".log");
  CHECK(log.find("cannot start the ffmpeg CLI") != std::string::npos);
  CHECK(log.find("hint: ") != std::string::npos);
  CHECK(!std::filesystem::exists(dir + "/train.csv"));
  CHECK_EQ(generate(dir, 1, "--jobs x", true), 1);
  CHECK(readFile(dir + ".log").find("--jobs") != std::string::npos);
}

MINITEST_MAIN
