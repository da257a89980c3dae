#include "data/vlep_reader.h"

#include "data/json_lines_items.h"

namespace sevila::data {

DatasetRead readVlep(const std::string& path, const ReadOptions& options) {
  return readJsonLinesItems(path, options, [](const JsonFields& f, int) {
    DatasetItem item;
    item.setKind(DatasetKind::Vlep);
    item.sourceId = f.id("example_id");
    item.qid = "VLEP_" + item.sourceId;
    item.video = f.nonEmptyString("vid_name");
    const nlohmann::json& ts = f.array("ts");
    if (ts.size() != 2) throw f.error("ts", "expected [start, end], got " + ts.dump());
    const double s = f.numberValue(ts[0], "ts[0]"), e = f.numberValue(ts[1], "ts[1]");
    if (s < 0 || e < s) throw f.error("ts", ts.dump() + " is not a valid span");
    item.clip = TimeWindow{s, e};
    const nlohmann::json& events = f.array("events");
    if (events.size() != 2)
      throw f.error("events", "expected 2 events, got " + std::to_string(events.size()));
    for (int j = 0; j < 2; ++j) {
      const std::string field = "events[" + std::to_string(j) + "]";
      std::string event = f.stringValue(events[j], field);
      if (event.find_first_not_of(" \t\r\n") == std::string::npos) throw f.error(field, "empty option");
      item.options.push_back(std::move(event));
    }
    if (f.has("answer")) {
      const int64_t answer = f.integer("answer");
      if (answer != 0 && answer != 1)
        throw f.error("answer", "answer index " + std::to_string(answer) + " outside 0-1");
      item.answer = static_cast<int>(answer);
    }
    return item;
  });
}

}  // namespace sevila::data
