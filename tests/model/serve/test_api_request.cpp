// Request bodies are checked field by field before anything reaches the engine.
#include "minitest.h"
#include "serve/api_request.h"

using namespace sevila::serve;

namespace {
// The field an invalid body is refused for ("" for the body as a whole), or "accepted".
std::string refusedField(const std::string& body) {
  try {
    parseAnswerRequest(body);
  } catch (const ApiError& e) {
    CHECK_EQ(e.status, 400);
    CHECK(!e.message.empty());
    return e.field;
  }
  return "accepted";
}
}  // namespace

TEST(a_full_answer_request) {
  const AnswerRequest r = parseAnswerRequest(
      R"({"video":"clips/a.mp4","question":"why?","options":["x","y","z"],"answer":2,"start":1.5,"end":4,)"
      R"("frames":16,"keyframes":3,"mode":"voting","baselines":true})");
  CHECK_EQ(r.video, std::string("clips/a.mp4"));
  CHECK_EQ(r.options.size(), size_t(3));
  CHECK(r.answer == 2);
  CHECK(r.start == 1.5 && r.end == 4.0);
  CHECK_EQ(r.frames, 16);
  CHECK_EQ(r.keyframes, 3);
  CHECK_EQ(r.mode, std::string("voting"));
  CHECK(r.baselines);
  // Defaults, with k clamped to n.
  const AnswerRequest d =
      parseAnswerRequest(R"({"video":"c/a","question":"q","options":["x","y"],"frames":2})");
  CHECK_EQ(d.keyframes, 2);
  CHECK_EQ(d.mode, std::string("sevila"));
}

TEST(every_bad_field_is_named) {
  const std::string base = R"("video":"c/a","question":"q","options":["x","y"])";
  CHECK_EQ(refusedField("not json"), std::string(""));
  CHECK_EQ(refusedField("[]"), std::string(""));
  CHECK_EQ(refusedField("{" + std::string(R"("question":"q","options":["x","y"])") + "}"),
           std::string("video"));
  CHECK_EQ(refusedField("{" + base + R"(,"frames":0})"), std::string("frames"));
  CHECK_EQ(refusedField("{" + base + R"(,"frames":257})"), std::string("frames"));
  CHECK_EQ(refusedField("{" + base + R"(,"frames":1e300})"), std::string("frames"));
  CHECK_EQ(refusedField("{" + base + R"(,"frames":18446744073709551615})"), std::string("frames"));
  CHECK_EQ(refusedField("{" + base + R"(,"frames":8,"keyframes":9})"), std::string("keyframes"));
  CHECK_EQ(refusedField("{" + base + R"(,"answer":2})"), std::string("answer"));
  CHECK_EQ(refusedField("{" + base + R"(,"start":-1})"), std::string("start"));
  CHECK_EQ(refusedField("{" + base + R"(,"start":5,"end":2})"), std::string("end"));
  CHECK_EQ(refusedField("{" + base + R"(,"mode":"magic"})"), std::string("mode"));
  CHECK_EQ(refusedField("{" + base + R"(,"baselines":"yes"})"), std::string("baselines"));
  CHECK_EQ(refusedField("{" + base + R"(,"extra":1})"), std::string("extra"));
  CHECK_EQ(refusedField(R"({"video":"c/a","question":"q","options":["x"]})"), std::string("options"));
  CHECK_EQ(refusedField(R"({"video":"c/a","question":"q","options":["x",""]})"), std::string("options"));
  CHECK_EQ(refusedField(R"({"video":"c/a","question":"q","options":"x,y"})"), std::string("options"));
  CHECK_EQ(refusedField(R"({"video":7,"question":"q","options":["x","y"]})"), std::string("video"));
  CHECK_EQ(refusedField("{" + base + "}"), std::string("accepted"));
}

TEST(job_requests) {
  const JobRequest r =
      parseJobRequest(R"({"dataset":"star","annotations":"c/s.json","videos":"c","limit":5})");
  CHECK_EQ(r.dataset, std::string("star"));
  CHECK(r.limit == 5);
  bool refused = false;
  try {
    parseJobRequest(R"({"dataset":"imagenet","annotations":"c/s.json","videos":"c"})");
  } catch (const ApiError& e) {
    refused = e.field == "dataset";
  }
  CHECK(refused);
}

MINITEST_MAIN
