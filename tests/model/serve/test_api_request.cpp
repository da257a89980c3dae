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

TEST(the_items_fields_and_chosen_frames) {
  const AnswerRequest r = parseAnswerRequest(
      R"({"video":"c/a","question":"q","options":["x","y"],"qid":"VLEP_7","dataset":"vlep","type":"",)"
      R"("prompt":"vlep","frame_answers":true,"frame_indices":[40,8,0]})");
  CHECK_EQ(r.qid, std::string("VLEP_7"));
  CHECK_EQ(r.dataset, std::string("vlep"));
  CHECK_EQ(r.prompt, std::string("vlep"));
  CHECK(r.frameAnswers && !r.baselines);
  CHECK_EQ(r.frameIndices, (std::vector<int64_t>{40, 8, 0}));
  const AnswerRequest d = parseAnswerRequest(R"({"video":"c/a","question":"q","options":["x","y"]})");
  CHECK_EQ(d.qid, std::string("answer"));
  CHECK_EQ(d.prompt, std::string("multiple-choice"));
  CHECK(d.frameIndices.empty());
  const std::string base = R"({"video":"c/a","question":"q","options":["x","y"],)";
  CHECK_EQ(refusedField(base + R"("prompt":"essay"})"), std::string("prompt"));
  CHECK_EQ(refusedField(base + R"("frame_indices":[]})"), std::string("frame_indices"));
  CHECK_EQ(refusedField(base + R"("frame_indices":[-1]})"), std::string("frame_indices"));
  CHECK_EQ(refusedField(base + R"("frame_indices":[1.5]})"), std::string("frame_indices"));
  CHECK_EQ(refusedField(base + R"("frame_indices":[1e300]})"), std::string("frame_indices"));
  CHECK_EQ(refusedField(base + R"("frame_indices":[18446744073709551615]})"), std::string("frame_indices"));
  CHECK_EQ(refusedField(base + R"("frame_indices":"1,2"})"), std::string("frame_indices"));
  CHECK_EQ(refusedField(base + R"("frame_answers":"yes"})"), std::string("frame_answers"));
  CHECK_EQ(refusedField(base + R"("qid":7})"), std::string("qid"));
  std::string many = base + R"("frame_indices":[)";
  for (int i = 0; i < 257; ++i) many += (i ? "," : "") + std::to_string(i);
  CHECK_EQ(refusedField(many + "]}"), std::string("frame_indices"));
}

namespace {
std::string refusedRefine(const std::string& body) {
  try {
    parseRefineRequest(body);
  } catch (const ApiError& e) {
    return e.field;
  }
  return "accepted";
}
}  // namespace

TEST(a_refinement_request) {
  const std::string item =
      R"({"qid":"CW_1_2","dataset":"nextqa","video":"clips/1.mp4","question":"why?","options":["a","b"],)"
      R"("answer":1,"type":"CW","start":1,"end":3})";
  const RefineRequest r =
      parseRefineRequest(R"({"items":[)" + item +
                         R"(],"labels":"{}\n","epochs":2,"learning_rate":0.001,)"
                         R"("held_out_percent":0,"frames":8,"keyframes":2,"uniform_frames":true})");
  CHECK_EQ(r.items.size(), size_t(1));
  CHECK_EQ(r.items[0].qid, std::string("CW_1_2"));
  CHECK(r.items[0].answer == 1);
  CHECK(r.items[0].clip && r.items[0].clip->end == 3.0);
  CHECK_EQ(r.epochs, 2);
  CHECK_EQ(r.learningRate, 0.001);
  CHECK(r.uniformFrames && !r.reverseChain);
  CHECK_EQ(refusedRefine(R"({"items":[)" + item + "]}"), std::string("labels"));  // nothing to learn from
  CHECK_EQ(refusedRefine(R"({"items":[],"reverse_chain":true})"), std::string("items"));
  CHECK_EQ(refusedRefine(R"({"items":[)" + item + R"(],"reverse_chain":true,"epochs":0})"),
           std::string("epochs"));
  CHECK_EQ(refusedRefine(R"({"items":[)" + item + R"(],"reverse_chain":true,"learning_rate":1})"),
           std::string("learning_rate"));
  CHECK_EQ(
      refusedRefine(R"({"items":[{"qid":"q","dataset":"qvhighlights","video":"c/v","options":["a","b"]}],)"
                    R"("reverse_chain":true})"),
      std::string("items"));
  CHECK_EQ(refusedRefine(R"({"items":[{"qid":"q","dataset":"nextqa","video":"c/v","question":"q",)"
                         R"("options":["a","b"],"answer":5}],"reverse_chain":true})"),
           std::string("answer"));
  CHECK_EQ(refusedRefine(R"({"items":[{"qid":"q","dataset":"nextqa","video":"c/v","question":"q",)"
                         R"("options":["a","b"],"script":"rm"}],"reverse_chain":true})"),
           std::string("items"));
  CHECK_EQ(parseVersionRequest(R"({"version":"base"})"), std::string("base"));
  CHECK_EQ(parseVersionRequest(R"({"version":"0123456789abcdef"})"), std::string("0123456789abcdef"));
  bool refused = false;
  try {
    parseVersionRequest(R"({"version":"../x"})");
  } catch (const ApiError& e) {
    refused = e.field == "version";
  }
  CHECK(refused);
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

namespace {
std::string refusedUpload(const std::string& body) {
  try {
    parseFramesUpload(body);
  } catch (const ApiError& e) {
    return e.field;
  }
  return "accepted";
}
}  // namespace

TEST(frame_uploads_and_answers_on_them) {
  // "AQID" is the bytes 1 2 3; whether they make a picture is the media layer's question.
  const FramesUpload timed = parseFramesUpload(
      R"({"name":"clip","pictures":[{"data":"AQID","time":0.5},{"data":"AQIDBA==","time":1}]})");
  CHECK_EQ(timed.name, std::string("clip"));
  REQUIRE(timed.pictures.size() == 2);
  CHECK_EQ(timed.pictures[0].first, std::string("\x01\x02\x03"));
  CHECK_EQ(timed.pictures[1].first, std::string("\x01\x02\x03\x04"));
  CHECK_EQ(timed.pictures[1].second, 1.0);
  const FramesUpload paced =
      parseFramesUpload(R"({"fps":4,"pictures":[{"data":"AQID"},{"data":"AQID"},{"data":"AQID"}]})");
  CHECK_EQ(paced.pictures[2].second, 0.5);
  CHECK_EQ(paced.name, std::string("uploaded frames"));
  CHECK_EQ(refusedUpload(R"({"pictures":[]})"), std::string("pictures"));
  CHECK_EQ(refusedUpload(R"({"pictures":[{"data":"AQI"}]})"),
           std::string("pictures"));  // not a multiple of 4
  CHECK_EQ(refusedUpload(R"({"pictures":[{"data":"AQ!D"}]})"),
           std::string("pictures"));  // outside the alphabet
  CHECK_EQ(refusedUpload(R"({"pictures":[{"data":"AQJ="}]})"), std::string("pictures"));  // stray bits
  CHECK_EQ(refusedUpload(R"({"pictures":[{"data":"AQID","time":1},{"data":"AQID","time":1}]})"),
           std::string("pictures"));  // times must increase
  CHECK_EQ(refusedUpload(R"({"pictures":[{"data":"AQID","time":1},{"data":"AQID"}]})"),
           std::string("pictures"));
  CHECK_EQ(refusedUpload(R"({"pictures":[{"data":"AQID","path":"/etc/passwd"}]})"), std::string("pictures"));
  CHECK_EQ(refusedUpload(R"({"fps":0,"pictures":[{"data":"AQID"}]})"), std::string("fps"));
  CHECK_EQ(refusedUpload(R"({"fps":4,"pictures":[{"data":"AQID"}],"exec":1})"), std::string("exec"));

  const AnswerRequest onFrames =
      parseAnswerRequest(R"({"frames_id":")" + std::string(64, 'f') +
                         R"(","question":"q","options":["x","y"],"frame_indices":[0,2]})");
  CHECK_EQ(onFrames.framesId, std::string(64, 'f'));
  CHECK(onFrames.video.empty());
  CHECK_EQ(refusedField(R"({"frames_id":"abc","question":"q","options":["x","y"]})"),
           std::string("frames_id"));
  CHECK_EQ(refusedField(R"({"video":"c/a","frames_id":")" + std::string(64, 'f') +
                        R"(","question":"q","options":["x","y"]})"),
           std::string("video"));  // one of the two, not both
}

TEST(fine_tuning_requests) {
  const std::string item =
      R"({"qid":"CW_1_2","dataset":"nextqa","video":"clips/1.mp4","question":"why?","options":["a","b"],"answer":1})";
  const RefineRequest r = parseRefineRequest(R"({"role":"answerer","items":[)" + item + "]}");
  CHECK(r.answerer);
  CHECK(!parseRefineRequest(R"({"items":[)" + item + R"(],"reverse_chain":true})").answerer);
  const std::string unanswered =
      R"({"qid":"q","dataset":"nextqa","video":"clips/1.mp4","question":"why?","options":["a","b"]})";
  CHECK_EQ(refusedRefine(R"({"role":"answerer","items":[)" + unanswered + "]}"), std::string("items"));
  CHECK_EQ(refusedRefine(R"({"role":"answerer","items":[)" + item + R"(],"labels":"{}\n"})"),
           std::string("labels"));
  CHECK_EQ(refusedRefine(R"({"role":"answerer","items":[)" + item + R"(],"reverse_chain":true})"),
           std::string("reverse_chain"));
  CHECK_EQ(refusedRefine(R"({"role":"teacher","items":[)" + item + "]}"), std::string("role"));
}

MINITEST_MAIN
