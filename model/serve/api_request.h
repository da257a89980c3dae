// The JSON bodies `sevila serve` accepts, validated field by field: a body that is not JSON, misses a
// field, has one of the wrong type or out of range, or has a field the API does not know gets an
// ApiError (HTTP 400) that names the field and says what was expected. Nothing from a body reaches the
// engine unchecked.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "data/dataset_item.h"

namespace sevila::serve {

struct ApiError {
  int status = 400;
  std::string message;
  std::string field;  // empty when the body as a whole is wrong
};

// POST /v1/answer
struct AnswerRequest {
  std::string video;     // ROOT/PATH (VideoRoots), or
  std::string framesId;  // an uploaded frame set (POST /v1/frames): exactly one of the two
  std::string question;
  std::vector<std::string> options;  // 2 to 5
  std::optional<int> answer;         // ground truth, when known
  std::optional<double> start, end;  // a clip, seconds
  int frames = 32;                   // 1..256
  int keyframes = 4;                 // 1..frames
  std::string mode = "sevila";       // sevila | concat | voting
  bool baselines = false;
  bool frameAnswers = false;  // the single-frame Answerer on every sampled frame (the oracle strip)
  // The item it belongs to (echoed in the result) and its prompt family.
  std::string qid = "answer", dataset, type;
  std::string prompt = "multiple-choice";  // multiple-choice | vlep | qvhighlights
  // The Answerer alone on these frames (absolute indices, 1 to 256 of them): the answer is
  // {"option_scores", "frames"} instead of a whole chain result.
  std::vector<int64_t> frameIndices;
};
AnswerRequest parseAnswerRequest(const std::string& body);

// POST /v1/frames: a video as pictures, for a server that cannot read the client's file.
// {"name": "...", "fps": F, "pictures": [{"data": BASE64, "time": SECONDS}, ...]}: JPEG or PNG files,
// times strictly increasing; without times the pictures are 1/fps apart (fps 1 when not given).
struct FramesUpload {
  std::string name = "uploaded frames";
  std::vector<std::pair<std::string, double>> pictures;  // bytes and seconds; 1 to 1024
};
FramesUpload parseFramesUpload(const std::string& body);

// POST /v1/jobs: a dataset split through the forward chain.
struct JobRequest {
  std::string dataset;      // nextqa, star, how2qa, tvqa, vlep, qvhighlights
  std::string annotations;  // ROOT/PATH
  std::string videos;       // ROOT or ROOT/PATH of a folder
  int frames = 32;
  int keyframes = 4;
  std::optional<int> limit;  // at most this many items
};
JobRequest parseJobRequest(const std::string& body);

// POST /v1/refine: the Localizer refined from a client's labelled questions (a studio project's), or
// with "role": "answerer" (POST /v1/finetune) the Answerer fine-tuned on their ground truths through the
// frozen Localizer's keyframes.
struct RefineRequest {
  bool answerer = false;  // "role": "localizer" (default) | "answerer"
  // Each: qid, dataset, video (ROOT/PATH), question, options (2 to 5); optional answer, type, start, end.
  std::vector<data::DatasetItem> items;  // 1 to 100000
  std::string labels;                    // the human keyframes as keyframes.jsonl text (one record per line)
  bool reverseChain = false;             // also pseudo-labels of the reverse chain on items with an answer
  int epochs = 5;                        // 1..100
  double learningRate = 3e-5;            // (0, 0.01]
  int heldOutPercent = 20;               // 0..90
  int seed = 42;
  int frames = 32;  // 1..256
  int keyframes = 4;
  bool uniformFrames = false;
};
RefineRequest parseRefineRequest(const std::string& body);

// POST /v1/model: which version answers, "base" (what the server was started with) or a finished
// refinement's id.
std::string parseVersionRequest(const std::string& body);

}  // namespace sevila::serve
