#include "data/keyframe_labels.h"

#include <algorithm>
#include <charconv>
#include <iterator>
#include <cmath>
#include <limits>
#include <set>
#include <tuple>

#include <nlohmann/json.hpp>

#include "data/csv_reader.h"
#include "data/json_fields.h"
#include "data/label_windows.h"
#include "data/row_errors.h"
#include "core/error.h"

namespace sevila::data {

using nlohmann::json;

namespace {

constexpr int kMaxFrames = 100000;  // a grid larger than this is not a sampling grid

// Keys of a v2 line, in the order the writer emits them; a v1 line has all but "windows" and "review".
const std::vector<std::string>& knownKeys() {
  static const std::vector<std::string> keys = {
      "schema",    "qid",          "dataset",          "author",  "video", "fps",  "sampling",
      "keyframes", "frame_labels", "relevant_windows", "windows", "state", "note", "created",
      "updated",   "review"};
  return keys;
}
bool onlyInV2(const std::string& key) {
  return key == "windows" || key == "review";
}

// Invalid UTF-8 becomes U+FFFD rather than an exception: a label note never blocks an export.
std::string quoted(const std::string& s) {
  return json(s).dump(-1, ' ', false, json::error_handler_t::replace);
}

int64_t microsDown(double x) {
  auto m = static_cast<int64_t>(std::floor(x * 1e6));
  if (static_cast<double>(m) / 1e6 > x) --m;
  return m;
}
int64_t microsUp(double x) {
  auto m = static_cast<int64_t>(std::ceil(x * 1e6));
  if (static_cast<double>(m) / 1e6 < x) ++m;
  return m;
}
int64_t microsNearest(double x) {
  return static_cast<int64_t>(std::llround(x * 1e6));
}

struct WindowMicros {
  int64_t start, end;
};

std::vector<WindowMicros> windowMicros(const SamplingGrid& grid, double fps,
                                       const std::vector<int>& keyframes) {
  if (!(fps > 0) || !std::isfinite(fps))
    throw Error("fps", "must be a positive number, got " + formatShortest(fps));
  const int n = grid.size();
  std::vector<double> t(n);
  for (int i = 0; i < n; ++i) t[i] = static_cast<double>(grid.frameIndices[i]) / fps;
  double gap = std::numeric_limits<double>::infinity();
  for (int i = 1; i < n; ++i)
    if (t[i] > t[i - 1]) gap = std::min(gap, t[i] - t[i - 1]);
  const double pad = std::isfinite(gap) ? gap / 4 : 0.0;
  std::vector<int> sorted = keyframes;
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  std::vector<WindowMicros> out;
  for (size_t a = 0; a < sorted.size();) {
    if (sorted[a] < 0 || sorted[a] >= n)
      throw Error("keyframes", "position " + std::to_string(sorted[a]) + " is outside the grid of " +
                                   std::to_string(n) + " frames");
    size_t b = a;
    while (b + 1 < sorted.size() && sorted[b + 1] == sorted[b] + 1 && sorted[b + 1] < n) ++b;
    const double s = std::max(0.0, t[sorted[a]] - pad);
    const double e = t[sorted[b]] + pad;
    // With a margin (pad >= gap / 4) the nearest microsecond keeps every frame on its side; with none
    // (all frames at one time) round outward so the window still contains its frame.
    if (pad > 0)
      out.push_back({std::max<int64_t>(0, microsNearest(s)), microsNearest(e)});
    else
      out.push_back({std::max<int64_t>(0, microsDown(s)), microsUp(e)});
    a = b + 1;
  }
  return out;
}

std::string timesArray(const std::vector<double>& times) {
  std::string s = "[";
  for (size_t i = 0; i < times.size(); ++i) {
    if (i) s += ',';
    s += formatMicros(microsNearest(times[i]));
  }
  return s + "]";
}

template <typename T>
std::string intArray(const std::vector<T>& v) {
  std::string s = "[";
  for (size_t i = 0; i < v.size(); ++i) {
    if (i) s += ',';
    s += std::to_string(v[i]);
  }
  return s + "]";
}

bool recordLess(const KeyframeLabelRecord& a, const KeyframeLabelRecord& b) {
  return std::tie(a.qid, a.dataset, a.author) < std::tie(b.qid, b.dataset, b.author);
}

// "[1,2]" for messages.
std::string positionsText(const std::vector<int>& positions) {
  return intArray(positions);
}

// Why drawn windows do not cover exactly the keyframes ("" when they do).
std::string coverageMismatch(const KeyframeLabelRecord& r) {
  const std::vector<int> covered = positionsInWindows(r.grid, r.fps, r.windows);
  if (covered == r.keyframes) return {};
  std::vector<int> extra, missing;
  std::set_difference(covered.begin(), covered.end(), r.keyframes.begin(), r.keyframes.end(),
                      std::back_inserter(extra));
  std::set_difference(r.keyframes.begin(), r.keyframes.end(), covered.begin(), covered.end(),
                      std::back_inserter(missing));
  std::string why = "the drawn windows cover positions " + positionsText(covered) +
                    " but the keyframes are " + positionsText(r.keyframes) + " (";
  if (!extra.empty()) why += "covered but not keyframes: " + positionsText(extra);
  if (!extra.empty() && !missing.empty()) why += "; ";
  if (!missing.empty()) why += "keyframes not covered: " + positionsText(missing);
  return why + ")";
}

// The windows a line or a QVHighlights annotation holds: the drawn ones, else those derived from the
// keyframes.
std::string windowsArray(const KeyframeLabelRecord& r) {
  std::vector<WindowMicros> windows;
  if (r.windows.empty())
    windows = windowMicros(r.grid, r.fps, r.keyframes);
  else
    for (const TimeWindow& w : r.windows) windows.push_back({microsNearest(w.start), microsNearest(w.end)});
  std::string s = "[";
  for (size_t i = 0; i < windows.size(); ++i) {
    if (i) s += ',';
    s += "[" + formatMicros(windows[i].start) + "," + formatMicros(windows[i].end) + "]";
  }
  return s + "]";
}

}  // namespace

std::string toString(LabelState state) {
  return state == LabelState::Unsure ? "unsure" : "confirmed";
}

LabelState labelStateFromString(const std::string& text, const std::string& subject) {
  if (text == "confirmed") return LabelState::Confirmed;
  if (text == "unsure") return LabelState::Unsure;
  throw Error(subject, "label state must be \"confirmed\" or \"unsure\", got \"" + text + "\"");
}

std::string toString(ReviewState state) {
  switch (state) {
    case ReviewState::Accepted:
      return "accepted";
    case ReviewState::Rejected:
      return "rejected";
    case ReviewState::None:
      break;
  }
  return "";
}

ReviewState reviewStateFromString(const std::string& text, const std::string& subject) {
  if (text.empty()) return ReviewState::None;
  if (text == "accepted") return ReviewState::Accepted;
  if (text == "rejected") return ReviewState::Rejected;
  throw Error(subject, "review state must be \"accepted\", \"rejected\" or empty, got \"" + text + "\"");
}

bool KeyframeLabelRecord::operator==(const KeyframeLabelRecord& o) const {
  return qid == o.qid && dataset == o.dataset && author == o.author && video == o.video && fps == o.fps &&
         grid == o.grid && keyframes == o.keyframes && state == o.state && note == o.note &&
         created == o.created && updated == o.updated && windows == o.windows && review == o.review &&
         reviewer == o.reviewer && reviewed == o.reviewed;
}

std::string formatShortest(double value) {
  if (!std::isfinite(value)) throw Error("number", "not finite");
  if (value == 0) return "0";
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, value);
  return std::string(buf, r.ptr);
}

std::string formatMicros(int64_t micros) {
  const bool negative = micros < 0;
  const uint64_t m = negative ? static_cast<uint64_t>(-(micros + 1)) + 1 : static_cast<uint64_t>(micros);
  std::string s = std::to_string(m / 1000000);
  uint64_t frac = m % 1000000;
  if (frac) {
    std::string f = std::to_string(frac);
    f.insert(0, 6 - f.size(), '0');
    while (!f.empty() && f.back() == '0') f.pop_back();
    s += "." + f;
  }
  return negative ? "-" + s : s;
}

std::string frameLabelString(int n, const std::vector<int>& keyframes) {
  std::vector<bool> yes(std::max(n, 0), false);
  for (int p : keyframes)
    if (p >= 0 && p < n) yes[p] = true;
  std::string s;
  for (int i = 0; i < n; ++i) {
    if (i) s += '_';
    s += yes[i] ? "yes" : "no";
  }
  return s;
}

std::vector<TimeWindow> relevantWindows(const SamplingGrid& grid, double fps,
                                        const std::vector<int>& keyframes) {
  std::vector<TimeWindow> out;
  for (const WindowMicros& w : windowMicros(grid, fps, keyframes))
    out.push_back({static_cast<double>(w.start) / 1e6, static_cast<double>(w.end) / 1e6});
  return out;
}

bool insideAnyWindow(double t, const std::vector<TimeWindow>& windows) {
  for (const TimeWindow& w : windows)
    if (t >= w.start && t <= w.end) return true;
  return false;
}

std::vector<int> remapKeyframes(const SamplingGrid& from, const std::vector<int>& keyframes,
                                const SamplingGrid& to) {
  std::set<int> out;
  for (int p : keyframes) {
    if (p < 0 || p >= from.size()) continue;
    const auto it = std::find(to.frameIndices.begin(), to.frameIndices.end(), from.frameIndices[p]);
    if (it != to.frameIndices.end()) out.insert(static_cast<int>(it - to.frameIndices.begin()));
  }
  return {out.begin(), out.end()};
}

void validateKeyframeLabel(const KeyframeLabelRecord& r, const std::string& subject, int line) {
  auto fail = [&](const std::string& field, const std::string& reason) {
    throw RowError(subject, line, field, reason);
  };
  if (r.qid.empty()) fail("qid", "empty");
  if (r.author.empty()) fail("author", "empty");
  if (!(r.fps > 0) || !std::isfinite(r.fps)) fail("fps", "must be a positive finite number");
  const int n = r.grid.size();
  if (n < 1 || n > kMaxFrames)
    fail("sampling.n", "must be in [1, " + std::to_string(kMaxFrames) + "], got " + std::to_string(n));
  if (static_cast<int>(r.grid.timestamps.size()) != n)
    fail("sampling.pts_s",
         "has " + std::to_string(r.grid.timestamps.size()) + " entries, the grid has " + std::to_string(n));
  for (int i = 0; i < n; ++i) {
    const std::string at = "[" + std::to_string(i) + "]";
    if (r.grid.frameIndices[i] < 0) fail("sampling.frame_indices" + at, "negative frame index");
    if (i && r.grid.frameIndices[i] < r.grid.frameIndices[i - 1])
      fail("sampling.frame_indices" + at, "frame indices must not decrease (the grid is in time order)");
    if (!std::isfinite(r.grid.timestamps[i]) || r.grid.timestamps[i] < 0)
      fail("sampling.pts_s" + at, "must be a finite time >= 0");
    if (i && r.grid.timestamps[i] < r.grid.timestamps[i - 1])
      fail("sampling.pts_s" + at, "times must not decrease (the grid is in time order)");
  }
  for (size_t j = 0; j < r.keyframes.size(); ++j) {
    const std::string at = "keyframes[" + std::to_string(j) + "]";
    if (r.keyframes[j] < 0 || r.keyframes[j] >= n)
      fail(at, "position " + std::to_string(r.keyframes[j]) + " is outside the grid [0, " +
                   std::to_string(n) + ")");
    if (j && r.keyframes[j] <= r.keyframes[j - 1])
      fail(at, "positions must be strictly increasing (time order, no repeats)");
  }
  for (size_t j = 0; j < r.windows.size(); ++j) {
    const TimeWindow& w = r.windows[j];
    const std::string at = "relevant_windows[" + std::to_string(j) + "]";
    if (!std::isfinite(w.start) || !std::isfinite(w.end)) fail(at, "a drawn window must have finite ends");
    if (w.start < 0) fail(at, "a drawn window must not start before 0, got " + formatShortest(w.start));
    if (w.end < w.start)
      fail(at, "ends before it starts ([" + formatShortest(w.start) + ", " + formatShortest(w.end) + "])");
    if (j && w.start < r.windows[j - 1].start) fail(at, "drawn windows must be sorted by start");
    if (j && w.start <= r.windows[j - 1].end)
      fail(at, "overlaps or touches the window before it (drawn windows are disjoint; merge them)");
  }
  if (!r.windows.empty()) {
    const std::string why = coverageMismatch(r);
    if (!why.empty()) fail("relevant_windows", why);
  }
  if (r.review != ReviewState::None && r.reviewer.empty()) fail("review.by", "a review needs a reviewer");
  if (r.review == ReviewState::None && (!r.reviewer.empty() || !r.reviewed.empty()))
    fail("review", "a reviewer or review time without a review state");
}

std::string keyframeLabelLine(const KeyframeLabelRecord& r) {
  validateKeyframeLabel(r, r.qid.empty() ? std::string("keyframe label") : r.qid);
  const bool v2 = !r.windows.empty() || r.review != ReviewState::None;
  std::string s = "{\"schema\":" + quoted(v2 ? kKeyframeLabelsSchemaV2 : kKeyframeLabelsSchema);
  s += ",\"qid\":" + quoted(r.qid);
  s += ",\"dataset\":" + quoted(r.dataset);
  s += ",\"author\":" + quoted(r.author);
  s += ",\"video\":" + quoted(r.video);
  s += ",\"fps\":" + formatShortest(r.fps);
  s += ",\"sampling\":{\"n\":" + std::to_string(r.grid.size()) +
       ",\"frame_indices\":" + intArray(r.grid.frameIndices) + ",\"pts_s\":" + timesArray(r.grid.timestamps) +
       "}";
  s += ",\"keyframes\":" + intArray(r.keyframes);
  s += ",\"frame_labels\":" + quoted(frameLabelString(r.grid.size(), r.keyframes));
  s += ",\"relevant_windows\":" + windowsArray(r);
  if (!r.windows.empty()) s += ",\"windows\":\"drawn\"";
  s += ",\"state\":" + quoted(toString(r.state));
  s += ",\"note\":" + quoted(r.note);
  s += ",\"created\":" + quoted(r.created);
  s += ",\"updated\":" + quoted(r.updated);
  if (r.review != ReviewState::None)
    s += ",\"review\":{\"state\":" + quoted(toString(r.review)) + ",\"by\":" + quoted(r.reviewer) +
         ",\"at\":" + quoted(r.reviewed) + "}";
  return s + "}";
}

std::string writeKeyframeLabels(std::vector<KeyframeLabelRecord> records) {
  std::stable_sort(records.begin(), records.end(), recordLess);
  std::string out;
  for (size_t i = 0; i < records.size(); ++i) {
    if (i && !recordLess(records[i - 1], records[i]))
      throw RowError(
          "keyframes.jsonl", static_cast<int>(i + 1), "qid",
          "two labels for (" + records[i].dataset + ", " + records[i].qid + ", " + records[i].author + ")");
    out += keyframeLabelLine(records[i]);
    out += '\n';
  }
  return out;
}

std::vector<KeyframeLabelRecord> parseKeyframeLabels(const std::string& content, const std::string& file) {
  std::vector<KeyframeLabelRecord> records;
  std::set<std::tuple<std::string, std::string, std::string>> seen;
  forEachJsonLine(content, [&](int line, const std::string& text) {
    const json object = parseJsonLine(text, file, line);
    JsonFields f(object, file, line);
    const std::string knows =
        " (this reader knows " + std::string(kKeyframeLabelsSchema) + " and " + kKeyframeLabelsSchemaV2 + ")";
    for (auto it = object.begin(); it != object.end(); ++it)
      if (std::find(knownKeys().begin(), knownKeys().end(), it.key()) == knownKeys().end())
        throw f.error(it.key(), "unknown key" + knows);
    const std::string schema = f.string("schema");
    if (schema != kKeyframeLabelsSchema && schema != kKeyframeLabelsSchemaV2)
      throw f.error("schema", "unsupported schema \"" + schema + "\"" + knows);
    const bool v2 = schema == kKeyframeLabelsSchemaV2;
    if (!v2)
      for (auto it = object.begin(); it != object.end(); ++it)
        if (onlyInV2(it.key()))
          throw f.error(it.key(), std::string("unknown key in ") + kKeyframeLabelsSchema +
                                      " (drawn windows and reviews need " + kKeyframeLabelsSchemaV2 + ")");
    KeyframeLabelRecord r;
    r.qid = f.nonEmptyString("qid");
    r.dataset = f.string("dataset");
    r.author = f.nonEmptyString("author");
    r.video = f.string("video");
    r.fps = f.number("fps");
    if (!(r.fps > 0) || !std::isfinite(r.fps)) throw f.error("fps", "must be a positive number");

    const json& sampling = f.raw("sampling");
    if (!sampling.is_object()) throw f.error("sampling", "expected an object, got " + jsonTypeName(sampling));
    for (auto it = sampling.begin(); it != sampling.end(); ++it)
      if (it.key() != "n" && it.key() != "frame_indices" && it.key() != "pts_s")
        throw f.error("sampling." + it.key(), "unknown key");
    if (!sampling.contains("n")) throw f.error("sampling.n", "missing");
    const int64_t n = f.integerValue(sampling["n"], "sampling.n");
    if (n < 1 || n > kMaxFrames)
      throw f.error("sampling.n",
                    "must be in [1, " + std::to_string(kMaxFrames) + "], got " + std::to_string(n));
    for (const char* key : {"frame_indices", "pts_s"}) {
      const std::string field = std::string("sampling.") + key;
      if (!sampling.contains(key)) throw f.error(field, "missing");
      if (!sampling[key].is_array())
        throw f.error(field, "expected an array, got " + jsonTypeName(sampling[key]));
      if (static_cast<int64_t>(sampling[key].size()) != n)
        throw f.error(field, "has " + std::to_string(sampling[key].size()) + " entries but sampling.n is " +
                                 std::to_string(n));
    }
    for (int64_t i = 0; i < n; ++i) {
      const std::string at = "[" + std::to_string(i) + "]";
      r.grid.frameIndices.push_back(
          f.integerValue(sampling["frame_indices"][i], "sampling.frame_indices" + at));
      r.grid.timestamps.push_back(f.numberValue(sampling["pts_s"][i], "sampling.pts_s" + at));
    }

    const json& keyframes = f.array("keyframes");
    for (size_t j = 0; j < keyframes.size(); ++j) {
      const std::string field = "keyframes[" + std::to_string(j) + "]";
      const int64_t p = f.integerValue(keyframes[j], field);
      if (p < 0 || p >= n)
        throw f.error(
            field, "position " + std::to_string(p) + " is outside the grid [0, " + std::to_string(n) + ")");
      r.keyframes.push_back(static_cast<int>(p));
    }
    validateKeyframeLabel(r, file, line);  // order and grid checks, with the same file:line

    const std::string labels = f.string("frame_labels");
    size_t tokens =
        labels.empty() ? 0 : static_cast<size_t>(std::count(labels.begin(), labels.end(), '_')) + 1;
    if (tokens != static_cast<size_t>(n))
      throw f.error("frame_labels", "has " + std::to_string(tokens) + " yes/no entries but sampling.n is " +
                                        std::to_string(n));
    const std::string expected = frameLabelString(static_cast<int>(n), r.keyframes);
    if (labels != expected) {
      size_t pos = 0;
      for (int64_t i = 0; i < n; ++i) {
        size_t end = labels.find('_', pos);
        if (end == std::string::npos) end = labels.size();
        const std::string token = labels.substr(pos, end - pos);
        if (token != "yes" && token != "no")
          throw f.error("frame_labels",
                        "entry " + std::to_string(i) + " is \"" + token + "\", expected \"yes\" or \"no\"");
        pos = end + 1;
      }
      throw f.error("frame_labels", "does not match keyframes (\"yes\" exactly at the keyframe positions)");
    }

    const bool drawn = v2 && f.has("windows");
    if (drawn) {
      const std::string how = f.string("windows");
      if (how != "drawn")
        throw f.error("windows", "must be \"drawn\" (or absent: windows derived from the keyframes), got \"" +
                                     how + "\"");
      const json& windows = f.array("relevant_windows");
      if (windows.empty())
        throw f.error("relevant_windows", "is empty but \"windows\" says \"drawn\" (drop \"windows\")");
      for (size_t j = 0; j < windows.size(); ++j) {
        const std::string field = "relevant_windows[" + std::to_string(j) + "]";
        if (!windows[j].is_array() || windows[j].size() != 2) throw f.error(field, "expected [start, end]");
        // Read to the microsecond, the resolution the writer uses: the record writes back the same text.
        const double start = f.numberValue(windows[j][0], field + "[0]");
        const double end = f.numberValue(windows[j][1], field + "[1]");
        if (!std::isfinite(start) || !std::isfinite(end) || std::fabs(start) > 1e12 || std::fabs(end) > 1e12)
          throw f.error(field, "times must be finite numbers of seconds");
        r.windows.push_back(
            {static_cast<double>(microsNearest(start)) / 1e6, static_cast<double>(microsNearest(end)) / 1e6});
      }
      validateKeyframeLabel(r, file, line);  // order, >= 0, and exactly the keyframes covered
    } else if (f.has("relevant_windows")) {
      const json& windows = f.array("relevant_windows");
      const std::vector<WindowMicros> derived = windowMicros(r.grid, r.fps, r.keyframes);
      bool same = windows.size() == derived.size();
      for (size_t j = 0; same && j < windows.size(); ++j) {
        const std::string field = "relevant_windows[" + std::to_string(j) + "]";
        if (!windows[j].is_array() || windows[j].size() != 2) throw f.error(field, "expected [start, end]");
        same = microsNearest(f.numberValue(windows[j][0], field + "[0]")) == derived[j].start &&
               microsNearest(f.numberValue(windows[j][1], field + "[1]")) == derived[j].end;
      }
      if (!same)
        throw f.error("relevant_windows",
                      "do not match the keyframes (they are derived from them; drop the key to "
                      "have them recomputed)");
    }

    r.state = LabelState::Confirmed;
    const std::string state = f.string("state");
    if (state == "unsure")
      r.state = LabelState::Unsure;
    else if (state != "confirmed")
      throw f.error("state", "must be \"confirmed\" or \"unsure\", got \"" + state + "\"");
    r.note = f.has("note") ? f.string("note") : std::string();
    r.created = f.has("created") ? f.string("created") : std::string();
    r.updated = f.has("updated") ? f.string("updated") : std::string();
    if (v2 && f.has("review")) {
      const json& review = f.raw("review");
      if (!review.is_object()) throw f.error("review", "expected an object, got " + jsonTypeName(review));
      for (auto it = review.begin(); it != review.end(); ++it)
        if (it.key() != "state" && it.key() != "by" && it.key() != "at")
          throw f.error("review." + it.key(), "unknown key");
      for (const char* key : {"state", "by", "at"})
        if (!review.contains(key)) throw f.error(std::string("review.") + key, "missing");
      const std::string state = f.stringValue(review["state"], "review.state");
      if (state != "accepted" && state != "rejected")
        throw f.error("review.state", "must be \"accepted\" or \"rejected\", got \"" + state + "\"");
      r.review = reviewStateFromString(state, file);
      r.reviewer = f.stringValue(review["by"], "review.by");
      if (r.reviewer.empty()) throw f.error("review.by", "empty (a review needs a reviewer)");
      r.reviewed = f.stringValue(review["at"], "review.at");
    }
    if (!seen.insert({r.dataset, r.qid, r.author}).second)
      throw f.error("qid", "a second label for (" + r.dataset + ", " + r.qid + ", " + r.author + ")");
    records.push_back(std::move(r));
  });
  return records;
}

std::vector<KeyframeLabelRecord> readKeyframeLabels(const std::string& path) {
  return parseKeyframeLabels(readTextFile(path), path);
}

std::string qvhAnnotationLine(const KeyframeLabelRecord& r, const std::string& query, double duration) {
  validateKeyframeLabel(r, r.qid);
  return "{\"qid\":" + quoted(r.qid) + ",\"query\":" + quoted(query) +
         ",\"duration\":" + formatShortest(duration) + ",\"vid\":" + quoted(r.video) +
         ",\"relevant_windows\":" + windowsArray(r) + "}";
}

}  // namespace sevila::data
