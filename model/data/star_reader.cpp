#include "data/star_reader.h"

#include "data/csv_reader.h"
#include "data/json_fields.h"

namespace sevila::data {

bool isStarCategory(const std::string& type) {
  return type == "Interaction" || type == "Sequence" || type == "Prediction" || type == "Feasibility";
}

namespace {

// STAR writes start/end as numbers; SeViLA's records sometimes as strings. Accept both, strictly.
double seconds(const JsonFields& f, const std::string& key) {
  const nlohmann::json& v = f.raw(key);
  if (v.is_string()) {
    auto d = parseNumber(v.get<std::string>());
    if (!d) throw f.error(key, "expected seconds, got '" + v.get<std::string>() + "'");
    return *d;
  }
  return f.numberValue(v, key);
}

}  // namespace

DatasetRead readStar(const std::string& path, const ReadOptions& options) {
  const std::string content = readTextFile(path);
  const nlohmann::json doc = parseJsonDocument(content, path);
  if (!doc.is_array())
    throw Error(path, "expected one JSON array of questions, got " + jsonTypeName(doc),
                "is this STAR_val.json?");
  const std::vector<int> lines = topLevelArrayElementLines(content);
  RowCollector rows(path, options);
  for (size_t i = 0; i < doc.size(); ++i) {
    const int line = i < lines.size() ? lines[i] : 0;
    rows.row(line, [&]() {
      JsonFields f(doc[i], path, line);
      DatasetItem item;
      item.setKind(DatasetKind::Star);
      item.qid = item.sourceId = f.nonEmptyString("question_id");
      item.type = item.qid.substr(0, item.qid.find('_'));
      if (!isStarCategory(item.type))
        throw f.error("question_id",
                      "category '" + item.type + "' is not Interaction, Sequence, Prediction or Feasibility");
      item.video = f.nonEmptyString("video_id");
      item.question = f.nonEmptyString("question");
      const double start = seconds(f, "start"), end = seconds(f, "end");
      if (start < 0 || end < start)
        throw f.error(
            "end", "clip [" + std::to_string(start) + ", " + std::to_string(end) + "] is not a valid span");
      item.clip = TimeWindow{start, end};
      const nlohmann::json& choices = f.array("choices");
      if (choices.size() < 2)
        throw f.error("choices", "expected at least 2 choices, got " + std::to_string(choices.size()));
      for (size_t j = 0; j < choices.size(); ++j) {
        const std::string field = "choices[" + std::to_string(j) + "]";
        if (!choices[j].is_object())
          throw f.error(field, "expected an object, got " + jsonTypeName(choices[j]));
        auto c = choices[j].find("choice");
        if (c == choices[j].end()) throw f.error(field + ".choice", "missing");
        std::string text = f.stringValue(*c, field + ".choice");
        if (text.find_first_not_of(" \t\r\n") == std::string::npos)
          throw f.error(field + ".choice", "empty option");
        item.options.push_back(std::move(text));
      }
      if (f.has("answer")) {
        const std::string answer = f.string("answer");
        int found = -1;
        for (size_t j = 0; j < item.options.size(); ++j) {
          if (item.options[j] != answer) continue;
          if (found >= 0) throw f.error("answer", "'" + answer + "' equals more than one choice");
          found = static_cast<int>(j);
        }
        if (found < 0) throw f.error("answer", "'" + answer + "' equals none of the choices");
        item.answer = found;
      }
      return item;
    });
  }
  return rows.take();
}

}  // namespace sevila::data
