#include "serve/label_studio.h"

#include <algorithm>
#include <cstdlib>
#include <set>

#include <nlohmann/json.hpp>

#include "engine/chain_result.h"
#include "serve/api_request.h"

namespace sevila::serve {
namespace {
using nlohmann::json;

std::string stringField(const json& data, const std::string& field, bool required) {
  if (!data.contains(field)) {
    if (required) throw ApiError{400, "the task's data lack '" + field + "'", "tasks"};
    return "";
  }
  if (!data[field].is_string()) throw ApiError{400, "the task's '" + field + "' must be a string", "tasks"};
  return data[field].get<std::string>();
}

}  // namespace

LabelStudioTask labelStudioTask(const json& task) {
  if (!task.is_object() || !task.contains("data") || !task["data"].is_object())
    throw ApiError{400, "a task must be an object with 'data'", "tasks"};
  LabelStudioTask t;
  if (task.contains("id") && task["id"].is_number_integer()) t.id = task["id"].get<int64_t>();
  const json& data = task["data"];
  t.video = stringField(data, "sevila_video", true);
  t.question = stringField(data, "question", true);
  if (!data.contains("options") || !data["options"].is_array() || data["options"].size() < 2 ||
      data["options"].size() > 5)
    throw ApiError{400, "the task's 'options' must be an array of 2 to 5 strings", "tasks"};
  for (const json& o : data["options"]) {
    if (!o.is_string() || o.get<std::string>().empty())
      throw ApiError{400, "the task's 'options' must be an array of 2 to 5 strings", "tasks"};
    t.options.push_back(o.get<std::string>());
  }
  t.qid = stringField(data, "qid", false);
  if (t.qid.empty()) t.qid = "ls-" + std::to_string(t.id);
  t.dataset = stringField(data, "dataset", false);
  if (t.dataset.empty()) t.dataset = "labelstudio";
  return t;
}

json labelStudioPrediction(const engine::ChainResult& r, const std::string& modelVersion) {
  json result = json::array();
  for (int position : r.keyframes) {
    const int64_t frame = r.frames.at(static_cast<size_t>(position)).frameIndex + 1;  // 1-based
    result.push_back(
        {{"from_name", "keyframes"},
         {"to_name", "video"},
         {"type", "timelinelabels"},
         {"origin", "prediction"},
         {"value", {{"ranges", {{{"start", frame}, {"end", frame}}}}, {"timelinelabels", {"keyframe"}}}}});
  }
  const int answer = r.answer.answer;
  const double probability = r.answer.probabilities.at(static_cast<size_t>(answer));
  result.push_back({{"from_name", "answer"},
                    {"to_name", "video"},
                    {"type", "choices"},
                    {"origin", "prediction"},
                    {"value", {{"choices", {std::string(1, static_cast<char>('A' + answer))}}}},
                    {"score", probability}});
  return {{"result", result}, {"score", probability}, {"model_version", modelVersion}};
}

std::vector<std::pair<int64_t, int64_t>> annotatedFrameRanges(const json& annotation) {
  std::vector<std::pair<int64_t, int64_t>> ranges;
  if (!annotation.is_object() || !annotation.contains("result") || !annotation["result"].is_array())
    throw ApiError{400, "the annotation has no 'result' array", "annotation"};
  for (const json& item : annotation["result"]) {
    if (!item.is_object() || item.value("type", "") != "timelinelabels" ||
        item.value("from_name", "") != "keyframes")
      continue;
    const json value = item.value("value", json::object());
    if (!value.contains("ranges") || !value["ranges"].is_array())
      throw ApiError{400, "a timeline label has no 'ranges'", "annotation"};
    for (const json& range : value["ranges"]) {
      if (!range.is_object() || !range.contains("start") || !range.contains("end") ||
          !range["start"].is_number_integer() || !range["end"].is_number_integer())
        throw ApiError{400, "a timeline range needs integer 'start' and 'end' frames", "annotation"};
      const int64_t start = range["start"].get<int64_t>(), end = range["end"].get<int64_t>();
      if (start < 1 || end < start || end > (int64_t(1) << 40))
        throw ApiError{400, "a timeline range must satisfy 1 <= start <= end", "annotation"};
      ranges.emplace_back(start - 1, end - 1);
    }
  }
  return ranges;
}

std::vector<int> keyframesOnGrid(const data::SamplingGrid& grid,
                                 const std::vector<std::pair<int64_t, int64_t>>& ranges) {
  std::set<int> positions;
  for (const auto& [start, end] : ranges) {
    bool inside = false;
    for (int p = 0; p < grid.size(); ++p)
      if (grid.frameIndices[p] >= start && grid.frameIndices[p] <= end) positions.insert(p), inside = true;
    if (inside || grid.size() == 0) continue;
    const double middle = (static_cast<double>(start) + static_cast<double>(end)) / 2;
    int nearest = 0;
    for (int p = 1; p < grid.size(); ++p)
      if (std::abs(grid.frameIndices[p] - middle) < std::abs(grid.frameIndices[nearest] - middle))
        nearest = p;
    positions.insert(nearest);
  }
  return {positions.begin(), positions.end()};
}

}  // namespace sevila::serve
