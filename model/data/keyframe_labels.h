// Human keyframe labels and their interchange file, `keyframes.jsonl` (schemas "sevila-keyframes/1" and
// "sevila-keyframes/2").
//
// A label says which of the n frames SeViLA samples from a video (docs/method.md §2) are keyframes for one
// question, according to one author. It is tied to the sampling grid the trainer uses: a keyframe is a
// POSITION among the n sampled frames; the grid records each position's absolute frame index and its
// presentation time, so nothing is ever re-derived from seconds (VFR-safe).
//
// One JSON object per line, one line per (dataset, qid, author), keys always in this order:
//   {"schema":"sevila-keyframes/1","qid":"CW_4010069381_6","dataset":"nextqa","author":"alice",
//    "video":"1025/4010069381.mp4","fps":29.97,"sampling":{"n":4,"frame_indices":[3,9,15,21],
//    "pts_s":[0.1,0.3,0.5,0.7]},"keyframes":[1,2],"frame_labels":"no_yes_yes_no",
//    "relevant_windows":[[0.2,0.6]],"state":"confirmed","note":"","created":"2026-11-24T10:00:00.000Z",
//    "updated":"2026-11-24T10:00:00.000Z"}
// - keyframes: sampled positions, strictly increasing (time order), each in [0, n).
// - frame_labels: one "yes"/"no" per sampled frame joined with "_": exactly the target the reverse chain
//   (Localizer refinement) trains on, so a trainer reads it with no conversion. Derived from keyframes;
//   the reader checks that the two agree.
// - relevant_windows: QVHighlights-style windows in seconds, derived (see relevantWindows below);
//   optional on read, and checked against the keyframes when present.
// - pts_s: the decoder's presentation times, informational (windows use index / fps as SeViLA does).
//
// Schema 2 adds what schema 1 cannot say; a record that uses neither is still written as schema 1, byte
// for byte as before:
// - drawn windows: "relevant_windows" holds the windows the annotator drew and "windows":"drawn" follows
//   it; the keyframes are then exactly the positions those windows cover (label_windows.h).
// - a review: "review":{"state":"accepted"|"rejected","by":"bob","at":"2026-..."} after "updated".
//
// Deterministic, diff-friendly output: records sorted by qid, then dataset, then author (byte order);
// fixed key order; "\n" line ends; fps written as the shortest text that reads back to the same double;
// times written rounded to the microsecond with trailing zeros dropped. Writing, reading and writing
// again gives the same bytes.
//
// Plain C++17 + nlohmann-json (in the .cpp only); no Qt.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "data/dataset_item.h"

namespace sevila::data {

inline constexpr const char* kKeyframeLabelsSchema = "sevila-keyframes/1";
// Written only for records with drawn windows or a review.
inline constexpr const char* kKeyframeLabelsSchemaV2 = "sevila-keyframes/2";

// The n' frames SeViLA samples from a video (positions 0..n-1).
struct SamplingGrid {
  std::vector<int64_t> frameIndices;  // absolute decoded frame index per position; non-decreasing
                                      // (a clip shorter than n frames repeats indices)
  std::vector<double> timestamps;     // presentation time (seconds) per position; non-decreasing
  int size() const { return static_cast<int>(frameIndices.size()); }
  bool operator==(const SamplingGrid& o) const {
    return frameIndices == o.frameIndices && timestamps == o.timestamps;
  }
  bool operator!=(const SamplingGrid& o) const { return !(*this == o); }
};

enum class LabelState { Confirmed, Unsure };
std::string toString(LabelState state);  // "confirmed" | "unsure"
// Throws sevila::Error(subject, ...) for any other text.
LabelState labelStateFromString(const std::string& text, const std::string& subject);

// A second person's verdict on a label (None: not reviewed).
enum class ReviewState { None, Accepted, Rejected };
std::string toString(ReviewState state);  // "" | "accepted" | "rejected"
// The inverse of toString ("" gives None); throws sevila::Error(subject, ...) for any other text.
ReviewState reviewStateFromString(const std::string& text, const std::string& subject);

struct KeyframeLabelRecord {
  std::string qid;
  std::string dataset;
  std::string author;
  std::string video;  // path or id, as the project knows it
  double fps = 0;     // the container's average frame rate (what index / fps uses)
  SamplingGrid grid;
  std::vector<int> keyframes;  // positions in grid, strictly increasing
  LabelState state = LabelState::Confirmed;
  std::string note;
  std::string created;  // ISO 8601 UTC, e.g. "2026-11-24T10:00:00.000Z"
  std::string updated;
  // Drawn windows (seconds); empty = none drawn (the windows are derived from the keyframes). When not
  // empty, keyframes == positionsInWindows(grid, fps, windows) (label_windows.h).
  std::vector<TimeWindow> windows;
  ReviewState review = ReviewState::None;
  std::string reviewer;  // who reviewed (non-empty iff review != None)
  std::string reviewed;  // when, ISO 8601 UTC
  bool operator==(const KeyframeLabelRecord& o) const;
};

// "no_yes_yes_no": one token per grid position, "yes" at the keyframes.
std::string frameLabelString(int n, const std::vector<int>& keyframes);

// QVHighlights-style windows from keyframe positions. THE RULE:
//  1. t_i = frameIndices[i] / fps (SeViLA's own timestamp formula, §5: label "yes" iff t in [s, e]).
//  2. Keyframes at consecutive grid positions (p, p+1, ..., q) form one run; each run gives one window.
//  3. The window is [t_p - pad, t_q + pad] with pad = a quarter of the smallest positive gap between
//     consecutive t_i of the grid (0 when all t_i are equal), start clamped at 0; both ends rounded to
//     the nearest microsecond (outward when pad is 0). So SeViLA's inclusive test (t in [s, e]) on
//     these windows gives back exactly the keyframes (plus any grid position that repeats a keyframe's
//     frame index), even after the times are printed and read back (for frame gaps above ~4 us).
//  Example: fps 10, frame_indices [5,15,25,35,45,55] (t = 0.5, 1.5, ..., 5.5), keyframes [1,2,4]
//  -> pad 0.25 -> [[1.25, 2.75], [4.25, 4.75]].
// Windows come out in time order. Throws sevila::Error when fps <= 0 or a position is outside the grid.
std::vector<TimeWindow> relevantWindows(const SamplingGrid& grid, double fps,
                                        const std::vector<int>& keyframes);

// SeViLA's QVHighlights frame label: true iff t lies inside any window, both ends inclusive.
bool insideAnyWindow(double t, const std::vector<TimeWindow>& windows);

// Keyframe positions moved to another grid by absolute frame index: a position survives when its frame
// index is in `to` (the first position with that index); the others are dropped. Result sorted, unique.
std::vector<int> remapKeyframes(const SamplingGrid& from, const std::vector<int>& keyframes,
                                const SamplingGrid& to);

// Checks a record the way the reader does (grid sizes, order, keyframes inside the grid, fps > 0,
// non-empty qid and author; drawn windows in order, >= 0 and covering exactly the keyframes; a review
// with a reviewer, no reviewer or review time without a review). Throws RowError(subject, line, field,
// reason).
void validateKeyframeLabel(const KeyframeLabelRecord& record, const std::string& subject, int line = 0);

// One line of keyframes.jsonl (no "\n"): schema 1 unless the record has drawn windows or a review.
std::string keyframeLabelLine(const KeyframeLabelRecord& record);
// The whole file: records sorted (qid, dataset, author), one line each, each ending in "\n".
// Throws RowError when a record is invalid or two share (dataset, qid, author).
std::string writeKeyframeLabels(std::vector<KeyframeLabelRecord> records);

// Parses keyframes.jsonl content (schema 1 and 2 lines, mixed freely); `file` names it in messages.
// Throws RowError ("file:line: field 'x': reason") at the first bad line: not JSON, unknown schema,
// missing or mistyped key, unknown key (schema 2's keys are unknown keys in a schema 1 line), positions
// outside the grid, n not matching the arrays, frame_labels of the wrong length or not matching the
// keyframes, derived windows not matching, drawn windows out of order or not covering exactly the
// keyframes, a bad review, duplicate (dataset, qid, author). Drawn windows are read to the microsecond.
std::vector<KeyframeLabelRecord> parseKeyframeLabels(const std::string& content, const std::string& file);
std::vector<KeyframeLabelRecord> readKeyframeLabels(const std::string& path);

// One line of a QVHighlights annotation file for a label: {"qid","query","duration","vid",
// "relevant_windows"} with the drawn windows, or the derived ones when none are drawn (what SeViLA's
// QVH loader reads).
std::string qvhAnnotationLine(const KeyframeLabelRecord& record, const std::string& query, double duration);

// Number formatting used by the writer (exposed for tests and other exporters).
std::string formatShortest(double value);  // shortest round-trip text ("29.97")
std::string formatMicros(int64_t micros);  // microseconds as seconds: 6480000 -> "6.48"

}  // namespace sevila::data
