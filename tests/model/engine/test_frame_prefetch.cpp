// Decoding ahead: frames decoded on worker threads give the answers the video gives, the plan names the
// sampled grids less what the feature cache holds, errors arrive when the frames are taken, and the
// workers stop cleanly with work still queued.
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <set>
#include <string>

#include "core/error.h"
#include "engine/feature_cache.h"
#include "engine/forward_chain.h"
#include "engine/frame_prefetch.h"
#include "media/decoded_frames.h"
#include "media/frame_reader.h"
#include "media/frame_sampler.h"
#include "minitest.h"
#include "temp_dir.h"
#include "tiny_model.h"

namespace fs = std::filesystem;
using namespace sevila::engine;

namespace {
const std::string kData = SEVILA_TEST_DATA;
const std::string kPens = kData + "/media/pens.mp4";

std::vector<Question> questions() {
  std::vector<Question> out(3);
  out[0].qid = "q0";
  out[0].question = "what does the person hold?";
  out[0].options = {"a pen", "a cup", "a phone", "a book"};
  out[1] = out[0];
  out[1].qid = "q1";
  out[1].question = "why?";
  out[2] = out[0];
  out[2].qid = "q2";  // another clip: frames of its own
  out[2].clip = sevila::media::ClipWindow{0.5, 1.5};
  return out;
}

ChainOptions chainOptions() {
  ChainOptions o;
  o.frames = 8;
  o.keyframes = 3;
  return o;
}

using sevila::testing::TempDir;

// The sampled frames of `qs` on pens.mp4 (8 per question), each once.
std::set<int64_t> gridUnion(const std::vector<Question>& qs) {
  sevila::media::FrameReader reader(kPens);
  std::set<int64_t> frames;
  for (const auto& q : qs)
    for (int64_t f :
         sevila::media::sampleFrameIndices(reader.info().frameCount, 8, reader.info().fps, q.clip))
      frames.insert(f);
  return frames;
}
// Frames in both the whole video's grid and the clip's.
size_t sharedFrames() {
  const auto whole = gridUnion({questions()[0]}), clip = gridUnion({questions()[2]});
  size_t n = 0;
  for (int64_t f : clip) n += whole.count(f);
  return n;
}

void checkSame(const std::vector<ChainResult>& a, const std::vector<ChainResult>& b) {
  REQUIRE(a.size() == b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    CHECK_EQ(a[i].video, b[i].video);
    CHECK(a[i].keyframes == b[i].keyframes);
    REQUIRE(a[i].frames.size() == b[i].frames.size());
    for (size_t f = 0; f < a[i].frames.size(); ++f)
      CHECK_EQ(a[i].frames[f].yesLogit, b[i].frames[f].yesLogit);
    CHECK(a[i].answer.probabilities == b[i].answer.probabilities);
  }
}
}  // namespace

TEST(framesDecodedAheadGiveTheAnswersTheVideoGives) {
  const auto options = chainOptions();
  SevilaEngine direct(testmodel::tinyModel(), nullptr);
  const auto fromVideo = direct.runGroup(kPens, questions(), options);

  SevilaEngine engine(testmodel::tinyModel(), nullptr);
  FramePrefetch prefetch(2);
  prefetch.request("pens", kPens, engine.decodePlan(questions(), options));
  CHECK(!prefetch.take("never asked"));
  auto frames = prefetch.take("pens");
  REQUIRE(frames != nullptr);
  CHECK_EQ(prefetch.waiting(), size_t(0));
  auto* decoded = dynamic_cast<sevila::media::DecodedFrames*>(frames.get());
  REQUIRE(decoded != nullptr);
  // The whole video's grid and the clip's, each frame once.
  const auto wanted = gridUnion(questions());
  CHECK(wanted.size() > 8);
  CHECK_EQ(decoded->decodedAhead(), static_cast<int64_t>(wanted.size()));
  const auto fromMemory = engine.runGroup(*frames, questions(), options);
  CHECK_EQ(decoded->readLater(), int64_t(0));  // every frame the run read was decoded ahead
  checkSame(fromMemory, fromVideo);            // the same pixels: the same numbers
}

TEST(framesTheCacheHoldsAreNotDecoded) {
  TempDir dir;
  auto cache = std::make_shared<FeatureCache>(dir.path(), 1 << 26);
  const auto options = chainOptions();
  std::vector<Question> first = {questions()[0]};
  SevilaEngine engine(testmodel::tinyModel(), cache);
  const auto answered = engine.runGroup(kPens, first, options);  // the whole video's grid, cached

  FramePrefetch prefetch(1);
  prefetch.request("all", kPens, engine.decodePlan(questions(), options));
  auto frames = prefetch.take("all");
  auto* decoded = dynamic_cast<sevila::media::DecodedFrames*>(frames.get());
  REQUIRE(decoded != nullptr);
  // Only the clip's frames that the whole video's grid did not cache.
  CHECK_EQ(decoded->decodedAhead(),
           static_cast<int64_t>(gridUnion({questions()[2]}).size() - sharedFrames()));
  const auto again = engine.runGroup(*frames, questions(), options);
  CHECK_EQ(decoded->readLater(), int64_t(0));
  CHECK(again[0].keyframes == answered[0].keyframes);
  // q0 now shares its passes with q1 (padded prompts): equal up to float rounding.
  REQUIRE(again[0].answer.probabilities.size() == answered[0].answer.probabilities.size());
  for (size_t o = 0; o < again[0].answer.probabilities.size(); ++o)
    CHECK_NEAR(again[0].answer.probabilities[o], answered[0].answer.probabilities[o], 1e-5);
}

TEST(errorsArriveWhenTheFramesAreTaken) {
  SevilaEngine engine(testmodel::tinyModel(), nullptr);
  FramePrefetch prefetch(1);
  const std::string missing = kData + "/media/no-such-video.mp4";
  prefetch.request("missing", missing, engine.decodePlan(questions(), chainOptions()));
  CHECK_THROWS_WITH(prefetch.take("missing"), "no-such-video.mp4");
  CHECK_EQ(prefetch.waiting(), size_t(0));
  // A plan that names a frame the video lacks fails as reading it would.
  prefetch.request("beyond", kPens, [](const sevila::media::FrameSource&) {
    return DecodePlan{{100000}, sevila::media::FrameFormat{16, 16}};
  });
  CHECK_THROWS_WITH(prefetch.take("beyond"), "pens.mp4");
  CHECK_THROWS_WITH(FramePrefetch(0), "at least one worker");
}

TEST(manyJobsOnFewWorkersAndAStopWithWorkQueued) {
  SevilaEngine engine(testmodel::tinyModel(), nullptr);
  const auto options = chainOptions();
  const auto plan = engine.decodePlan({questions()[0]}, options);
  {
    FramePrefetch prefetch(2);
    const std::vector<std::string> videos = {kPens, kData + "/media/sage-example.mp4",
                                             kData + "/media/alea.mpg", kPens};
    for (size_t i = 0; i < videos.size(); ++i) prefetch.request(std::to_string(i), videos[i], plan);
    prefetch.request("0", kData + "/media/alea.mpg", plan);  // a key already asked for stays as it was
    CHECK_EQ(prefetch.waiting(), size_t(4));
    // Taken in another order than asked: a job no worker has begun is decoded by the taker.
    for (const std::string key : {"3", "1", "0", "2"}) {
      auto frames = prefetch.take(key);
      REQUIRE(frames != nullptr);
      const std::string& video = videos[static_cast<size_t>(std::stoi(key))];
      CHECK_EQ(frames->info().path, video);
      sevila::media::FrameReader reader(video);
      CHECK_EQ(frames->index().contentKey, reader.index().contentKey);
    }
  }
  // Destroyed with jobs queued and one running: it drops the queue and waits for the running one (a
  // hang would fail the test by its timeout).
  FramePrefetch prefetch(1);
  for (int i = 0; i < 6; ++i) prefetch.request(std::to_string(i), kPens, plan);
  CHECK_EQ(prefetch.waiting(), size_t(6));
}

MINITEST_MAIN
