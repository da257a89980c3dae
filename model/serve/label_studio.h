// Label Studio's ML backend protocol (the label-studio-ml SDK's routes: /health, /setup, /predict,
// /webhook), so that a Label Studio project on videos is pre-annotated by SeViLA and its annotators'
// keyframes come back as human labels. The labeling config it expects (docs/serve.md):
//   <Video name="video" value="$video"/>                       what Label Studio plays
//   <TimelineLabels name="keyframes" toName="video"><Label value="keyframe"/></TimelineLabels>
//   <Choices name="answer" toName="video"> <Choice value="A"/> ... </Choices>
// and tasks whose data hold "sevila_video" (ROOT/PATH under a video root of the server), "question",
// "options" (2-5 strings) and optionally "qid" and "dataset". Timeline frames are 1-based, as Label
// Studio counts them; the engine's are 0-based.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "data/keyframe_labels.h"

namespace sevila::engine {
struct ChainResult;
}

namespace sevila::serve {

struct LabelStudioTask {
  int64_t id = 0;
  std::string video;  // ROOT/PATH
  std::string question;
  std::vector<std::string> options;
  std::string qid;      // default: "ls-<task id>"
  std::string dataset;  // default: "labelstudio"
};

// Throws ApiError (api_request.h) naming what the task lacks.
LabelStudioTask labelStudioTask(const nlohmann::json& task);

// One prediction: the keyframes as timeline labels (one range per keyframe) and the Answerer's choice
// with its probability; "score" is that probability, "model_version" as given.
nlohmann::json labelStudioPrediction(const engine::ChainResult& result, const std::string& modelVersion);

// The frames (0-based) an annotation marks as keyframes: every "timelinelabels" result of the
// "keyframes" control, ranges inclusive.
std::vector<std::pair<int64_t, int64_t>> annotatedFrameRanges(const nlohmann::json& annotation);

// Positions of `grid` inside the ranges; a range between two sampled frames takes the sampled frame
// nearest its middle (as the studio's M key snaps to the nearest sampled frame).
std::vector<int> keyframesOnGrid(const data::SamplingGrid& grid,
                                 const std::vector<std::pair<int64_t, int64_t>>& ranges);

}  // namespace sevila::serve
