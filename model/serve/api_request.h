// The JSON bodies `sevila serve` accepts, validated field by field: a body that is not JSON, misses a
// field, has one of the wrong type or out of range, or has a field the API does not know gets an
// ApiError (HTTP 400) that names the field and says what was expected. Nothing from a body reaches the
// engine unchecked.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace sevila::serve {

struct ApiError {
  int status = 400;
  std::string message;
  std::string field;  // empty when the body as a whole is wrong
};

// POST /v1/answer
struct AnswerRequest {
  std::string video;  // ROOT/PATH (VideoRoots)
  std::string question;
  std::vector<std::string> options;  // 2 to 5
  std::optional<int> answer;         // ground truth, when known
  std::optional<double> start, end;  // a clip, seconds
  int frames = 32;                   // 1..256
  int keyframes = 4;                 // 1..frames
  std::string mode = "sevila";       // sevila | concat | voting
  bool baselines = false;
};
AnswerRequest parseAnswerRequest(const std::string& body);

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

}  // namespace sevila::serve
