// One item of the dataset browser: the question, the model's last answer and how sure it was, the
// ground truth, and whether a human labelled keyframes (and how well they overlap the model's).
// A plain value the controller fills from the project store; the browser only renders it.
#pragma once

#include <QString>

namespace sevila::widgets {

struct DatasetRow {
  enum class Outcome { Unknown, Wrong, Right };

  QString qid;   // SeViLA's qid, e.g. "TN_4010069381_5"
  QString type;  // question type, e.g. "CW", "TN", "DO"
  QString question;
  QString videoId;
  int modelAnswer = -1;    // option index, -1 when there is no run
  int groundTruth = -1;    // option index, -1 when unknown
  double confidence = -1;  // probability of the model's answer, -1 when there is no run
  bool labelled = false;   // a human keyframe label exists
  double overlap = -1;  // |human ∩ model| / |human ∪ model| keyframes in [0, 1], -1 without a human label
  bool hasRun = false;

  // Right or wrong needs both the model's answer and the ground truth.
  Outcome outcome() const {
    if (modelAnswer < 0 || groundTruth < 0) return Outcome::Unknown;
    return modelAnswer == groundTruth ? Outcome::Right : Outcome::Wrong;
  }
  bool isWrong() const { return outcome() == Outcome::Wrong; }
  bool hasConfidence() const { return confidence >= 0; }
  // The human's keyframes and the model's differ (only defined when both exist).
  bool humanDisagrees() const { return labelled && overlap >= 0 && overlap < 1; }
};

}  // namespace sevila::widgets
