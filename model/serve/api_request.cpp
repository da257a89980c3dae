#include "serve/api_request.h"

#include <cmath>
#include <set>

#include <nlohmann/json.hpp>

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

}  // namespace

AnswerRequest parseAnswerRequest(const std::string& body) {
  const json j = parseObject(body, {"video", "question", "options", "answer", "start", "end", "frames",
                                    "keyframes", "mode", "baselines"});
  AnswerRequest r;
  r.video = text(j, "video", 4096);
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
  if (j.contains("baselines")) {
    if (!j["baselines"].is_boolean()) throw fieldError("baselines", "'baselines' must be true or false");
    r.baselines = j["baselines"].get<bool>();
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

}  // namespace sevila::serve
