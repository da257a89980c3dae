#include "serve/api_request.h"

#include <cmath>
#include <set>

#include <nlohmann/json.hpp>

#include "core/base64.h"

namespace sevila::serve {
namespace {
using nlohmann::json;

ApiError fieldError(const std::string& field, const std::string& message) {
  return ApiError{400, message, field};
}

json parseObject(const std::string& body, const std::set<std::string>& known) {
  json j = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) throw ApiError{400, "the body is not JSON", ""};
  if (!j.is_object()) throw ApiError{400, "the body must be a JSON object", ""};
  for (const auto& item : j.items())
    if (!known.count(item.key())) throw fieldError(item.key(), "unknown field '" + item.key() + "'");
  return j;
}

std::string text(const json& j, const std::string& field, size_t maxBytes, bool required = true,
                 const std::string& fallback = "") {
  if (!j.contains(field)) {
    if (required) throw fieldError(field, "'" + field + "' is missing");
    return fallback;
  }
  if (!j[field].is_string()) throw fieldError(field, "'" + field + "' must be a string");
  const std::string value = j[field].get<std::string>();
  if (value.empty() && required) throw fieldError(field, "'" + field + "' is empty");
  if (value.size() > maxBytes)
    throw fieldError(field, "'" + field + "' is longer than " + std::to_string(maxBytes) + " bytes");
  return value;
}

std::optional<int> integer(const json& j, const std::string& field, int low, int high) {
  if (!j.contains(field)) return std::nullopt;
  const json& v = j[field];
  if (!v.is_number_integer()) throw fieldError(field, "'" + field + "' must be an integer");
  const auto wide = v.is_number_unsigned() ? static_cast<long double>(v.get<uint64_t>())
                                           : static_cast<long double>(v.get<int64_t>());
  if (wide < low || wide > high)
    throw fieldError(
        field, "'" + field + "' must be between " + std::to_string(low) + " and " + std::to_string(high));
  return static_cast<int>(wide);
}

std::optional<double> seconds(const json& j, const std::string& field) {
  if (!j.contains(field)) return std::nullopt;
  if (!j[field].is_number()) throw fieldError(field, "'" + field + "' must be a number of seconds");
  const double v = j[field].get<double>();
  if (!std::isfinite(v) || v < 0) throw fieldError(field, "'" + field + "' must be a finite number >= 0");
  return v;
}

bool flag(const json& j, const std::string& field) {
  if (!j.contains(field)) return false;
  if (!j[field].is_boolean()) throw fieldError(field, "'" + field + "' must be true or false");
  return j[field].get<bool>();
}

}  // namespace

AnswerRequest parseAnswerRequest(const std::string& body) {
  const json j = parseObject(
      body, {"video", "frames_id", "question", "options", "answer", "start", "end", "frames", "keyframes",
             "mode", "baselines", "frame_answers", "qid", "dataset", "type", "prompt", "frame_indices"});
  AnswerRequest r;
  if (j.contains("video") == j.contains("frames_id"))
    throw fieldError("video",
                     "give either 'video' (a path under a video root) or 'frames_id' (uploaded frames)");
  r.video = text(j, "video", 4096, false);
  r.framesId = text(j, "frames_id", 64, false);
  if (j.contains("frames_id") &&
      (r.framesId.size() != 64 || r.framesId.find_first_not_of("0123456789abcdef") != std::string::npos))
    throw fieldError("frames_id", "'frames_id' must be the id POST /v1/frames answered (64 hex digits)");
  if (j.contains("video") && r.video.empty()) throw fieldError("video", "'video' is empty");
  r.question = text(j, "question", 4096);
  if (!j.contains("options")) throw fieldError("options", "'options' is missing");
  if (!j["options"].is_array()) throw fieldError("options", "'options' must be an array of strings");
  if (j["options"].size() < 2 || j["options"].size() > 5)
    throw fieldError("options", "'options' must hold 2 to 5 options");
  for (const json& o : j["options"]) {
    if (!o.is_string() || o.get<std::string>().empty() || o.get<std::string>().size() > 1024)
      throw fieldError("options", "every option must be a non-empty string of at most 1024 bytes");
    r.options.push_back(o.get<std::string>());
  }
  r.answer = integer(j, "answer", 0, static_cast<int>(r.options.size()) - 1);
  r.start = seconds(j, "start");
  r.end = seconds(j, "end");
  if (r.start && r.end && *r.end <= *r.start) throw fieldError("end", "'end' must come after 'start'");
  r.frames = integer(j, "frames", 1, 256).value_or(r.frames);
  r.keyframes = integer(j, "keyframes", 1, r.frames).value_or(std::min(r.keyframes, r.frames));
  r.mode = text(j, "mode", 16, false, r.mode);
  if (r.mode != "sevila" && r.mode != "concat" && r.mode != "voting")
    throw fieldError("mode", "'mode' must be sevila, concat or voting");
  r.baselines = flag(j, "baselines");
  r.frameAnswers = flag(j, "frame_answers");
  r.qid = text(j, "qid", 256, false, r.qid);
  if (r.qid.empty()) r.qid = "answer";
  r.dataset = text(j, "dataset", 32, false);
  r.type = text(j, "type", 64, false);
  r.prompt = text(j, "prompt", 32, false, r.prompt);
  if (r.prompt != "multiple-choice" && r.prompt != "vlep" && r.prompt != "qvhighlights")
    throw fieldError("prompt", "'prompt' must be multiple-choice, vlep or qvhighlights");
  if (j.contains("frame_indices")) {
    const json& f = j["frame_indices"];
    if (!f.is_array() || f.empty() || f.size() > 256)
      throw fieldError("frame_indices", "'frame_indices' must be an array of 1 to 256 frame indices");
    for (const json& v : f) {
      if (!v.is_number_integer() ||
          (v.is_number_unsigned() ? v.get<uint64_t>() > (1ULL << 40)
                                  : (v.get<int64_t>() < 0 || v.get<int64_t>() > (1LL << 40))))
        throw fieldError("frame_indices", "every frame index must be an integer between 0 and 2^40");
      r.frameIndices.push_back(v.get<int64_t>());
    }
  }
  return r;
}

FramesUpload parseFramesUpload(const std::string& body) {
  const json j = parseObject(body, {"name", "fps", "pictures"});
  FramesUpload r;
  r.name = text(j, "name", 1024, false, r.name);
  if (r.name.empty()) r.name = "uploaded frames";
  double fps = 1.0;
  if (j.contains("fps")) {
    if (!j["fps"].is_number()) throw fieldError("fps", "'fps' must be a number");
    fps = j["fps"].get<double>();
    if (!std::isfinite(fps) || fps <= 0 || fps > 1000) throw fieldError("fps", "'fps' must be in (0, 1000]");
  }
  if (!j.contains("pictures") || !j["pictures"].is_array() || j["pictures"].empty() ||
      j["pictures"].size() > 1024)
    throw fieldError("pictures", "'pictures' must be an array of 1 to 1024 pictures");
  const bool timed = j["pictures"].front().is_object() && j["pictures"].front().contains("time");
  for (const json& p : j["pictures"]) {
    const std::string at = "picture " + std::to_string(r.pictures.size());
    if (!p.is_object()) throw fieldError("pictures", at + " must be a JSON object");
    for (const auto& f : p.items())
      if (f.key() != "data" && f.key() != "time")
        throw fieldError("pictures", at + ": unknown field '" + f.key() + "'");
    if (!p.contains("data") || !p["data"].is_string())
      throw fieldError("pictures", at + ": 'data' must be the picture's bytes in base64");
    auto bytes = decodeBase64(p["data"].get_ref<const std::string&>());
    if (!bytes || bytes->empty()) throw fieldError("pictures", at + ": 'data' is not valid base64");
    if (p.contains("time") != timed)
      throw fieldError("pictures", at + ": give a 'time' for every picture or for none");
    double time = static_cast<double>(r.pictures.size()) / fps;
    if (timed) {
      if (!p["time"].is_number()) throw fieldError("pictures", at + ": 'time' must be a number of seconds");
      time = p["time"].get<double>();
      if (!std::isfinite(time) || time < 0)
        throw fieldError("pictures", at + ": 'time' must be finite and >= 0");
      if (!r.pictures.empty() && !(time > r.pictures.back().second))
        throw fieldError("pictures", at + ": times must increase from picture to picture");
    }
    r.pictures.emplace_back(std::move(*bytes), time);
  }
  return r;
}

JobRequest parseJobRequest(const std::string& body) {
  const json j = parseObject(body, {"dataset", "annotations", "videos", "frames", "keyframes", "limit"});
  JobRequest r;
  r.dataset = text(j, "dataset", 32);
  static const std::set<std::string> kDatasets = {"nextqa", "star", "how2qa", "tvqa", "vlep", "qvhighlights"};
  if (!kDatasets.count(r.dataset))
    throw fieldError("dataset", "'dataset' must be nextqa, star, how2qa, tvqa, vlep or qvhighlights");
  r.annotations = text(j, "annotations", 4096);
  r.videos = text(j, "videos", 4096);
  r.frames = integer(j, "frames", 1, 256).value_or(r.frames);
  r.keyframes = integer(j, "keyframes", 1, r.frames).value_or(std::min(r.keyframes, r.frames));
  r.limit = integer(j, "limit", 1, 1 << 30);
  return r;
}

RefineRequest parseRefineRequest(const std::string& body) {
  const json j = parseObject(body, {"role", "items", "labels", "reverse_chain", "epochs", "learning_rate",
                                    "held_out_percent", "seed", "frames", "keyframes", "uniform_frames"});
  RefineRequest r;
  const std::string role = text(j, "role", 16, false, "localizer");
  if (role != "localizer" && role != "answerer")
    throw fieldError("role", "'role' must be localizer (refinement) or answerer (fine-tuning)");
  r.answerer = role == "answerer";
  if (!j.contains("items") || !j["items"].is_array() || j["items"].empty() || j["items"].size() > 100000)
    throw fieldError("items", "'items' must be an array of 1 to 100000 questions");
  static const std::set<std::string> kItemFields = {"qid",    "dataset", "video", "question", "options",
                                                    "answer", "type",    "start", "end"};
  for (const json& i : j["items"]) {
    if (!i.is_object()) throw fieldError("items", "every item must be a JSON object");
    for (const auto& f : i.items())
      if (!kItemFields.count(f.key())) throw fieldError("items", "unknown item field '" + f.key() + "'");
    data::DatasetItem item;
    item.qid = text(i, "qid", 256);
    item.dataset = text(i, "dataset", 32);
    // A dataset's name, or the studio's own questions ("studio"); QVHighlights' windows do not travel.
    if (item.dataset == "qvhighlights" ||
        item.dataset.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_-") != std::string::npos)
      throw fieldError("items",
                       "item " + item.qid +
                           ": 'dataset' must be a multiple-choice dataset's name (nextqa, star, how2qa, "
                           "tvqa, vlep) or studio");
    item.video = text(i, "video", 4096);
    item.question = text(i, "question", 4096, item.dataset != "vlep");
    if (!i.contains("options") || !i["options"].is_array() || i["options"].size() < 2 ||
        i["options"].size() > 5)
      throw fieldError("items", "item " + item.qid + ": 'options' must hold 2 to 5 options");
    for (const json& o : i["options"]) {
      if (!o.is_string() || o.get<std::string>().empty() || o.get<std::string>().size() > 1024)
        throw fieldError("items", "item " + item.qid + ": every option must be a non-empty string");
      item.options.push_back(o.get<std::string>());
    }
    item.answer = integer(i, "answer", 0, static_cast<int>(item.options.size()) - 1);
    item.type = text(i, "type", 64, false);
    const auto start = seconds(i, "start"), end = seconds(i, "end");
    if (start || end) {
      if (!start || !end || *end <= *start)
        throw fieldError("items", "item " + item.qid + ": a clip needs 'start' before 'end'");
      item.clip = data::TimeWindow{*start, *end};
    }
    r.items.push_back(std::move(item));
  }
  r.labels = text(j, "labels", 64 << 20, false);
  r.reverseChain = j.contains("reverse_chain") ? flag(j, "reverse_chain") : false;
  if (r.answerer) {
    // The Answerer learns each question's ground truth on the keyframes the frozen Localizer picks.
    if (!r.labels.empty() || r.reverseChain)
      throw fieldError(r.labels.empty() ? "reverse_chain" : "labels",
                       "keyframe labels train the Localizer; fine-tuning the Answerer needs only the items' "
                       "answers");
    for (const auto& item : r.items)
      if (!item.answer)
        throw fieldError("items", "item " + item.qid + ": fine-tuning the Answerer needs its 'answer'");
  } else if (r.labels.empty() && !r.reverseChain) {
    throw fieldError("labels", "no labels: give 'labels' (keyframes.jsonl text) or 'reverse_chain': true");
  }
  r.epochs = integer(j, "epochs", 1, 100).value_or(r.epochs);
  if (j.contains("learning_rate")) {
    if (!j["learning_rate"].is_number())
      throw fieldError("learning_rate", "'learning_rate' must be a number");
    r.learningRate = j["learning_rate"].get<double>();
    if (!std::isfinite(r.learningRate) || r.learningRate <= 0 || r.learningRate > 0.01)
      throw fieldError("learning_rate", "'learning_rate' must be in (0, 0.01]");
  }
  r.heldOutPercent = integer(j, "held_out_percent", 0, 90).value_or(r.heldOutPercent);
  r.seed = integer(j, "seed", 0, 1 << 30).value_or(r.seed);
  r.frames = integer(j, "frames", 1, 256).value_or(r.frames);
  r.keyframes = integer(j, "keyframes", 1, r.frames).value_or(std::min(r.keyframes, r.frames));
  r.uniformFrames = flag(j, "uniform_frames");
  return r;
}

std::string parseVersionRequest(const std::string& body) {
  const json j = parseObject(body, {"version"});
  const std::string version = text(j, "version", 64);
  if (version != "base" &&
      (version.size() != 16 || version.find_first_not_of("0123456789abcdef") != std::string::npos))
    throw fieldError("version", "'version' must be \"base\" or a refinement's id");
  return version;
}

}  // namespace sevila::serve
