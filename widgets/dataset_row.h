// One item of the dataset browser: the question, the model's last answer and how sure it was, the
// ground truth, and whether a human labelled keyframes (and how well they overlap the model's).
// When two model versions are compared (a base and a refined Localizer), it also carries the other
// ("before") version's answer, so the browser can show what refinement fixed and what it broke.
// A plain value the controller fills from the project store; the browser only renders it.
#pragma once

#include <QString>

namespace sevila::widgets {

struct DatasetRow {
  enum class Outcome { Unknown, Wrong, Right };
  // How the answer moved from the "before" version to this one. Unknown: either version has no answer.
  // Changed: another answer that neither fixed nor broke it (wrong to wrong, or the truth is unknown).
  enum class Change { Unknown, Same, Changed, Fixed, Broken };

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
  // The compared ("before") version on this item.
  int compareAnswer = -1;         // option index, -1 when that version has no run on this item
  double compareConfidence = -1;  // probability of its answer, -1 without a run
  double keyframeChange = -1;     // share of the model's keyframes that changed between the versions, [0, 1]
                                  // (-1 unknown)

  // Right or wrong needs both the model's answer and the ground truth.
  Outcome outcome() const {
    if (modelAnswer < 0 || groundTruth < 0) return Outcome::Unknown;
    return modelAnswer == groundTruth ? Outcome::Right : Outcome::Wrong;
  }
  bool isWrong() const { return outcome() == Outcome::Wrong; }
  bool hasCompare() const { return compareAnswer >= 0; }
  Outcome compareOutcome() const {
    if (compareAnswer < 0 || groundTruth < 0) return Outcome::Unknown;
    return compareAnswer == groundTruth ? Outcome::Right : Outcome::Wrong;
  }
  // Before wrong, now right (needs the ground truth).
  bool fixed() const { return compareOutcome() == Outcome::Wrong && outcome() == Outcome::Right; }
  // Before right, now wrong (needs the ground truth).
  bool broken() const { return compareOutcome() == Outcome::Right && outcome() == Outcome::Wrong; }
  // Both versions answered, differently (whatever the ground truth).
  bool answerChanged() const {
    return compareAnswer >= 0 && modelAnswer >= 0 && compareAnswer != modelAnswer;
  }
  Change change() const {
    if (compareAnswer < 0 || modelAnswer < 0) return Change::Unknown;
    if (fixed()) return Change::Fixed;
    if (broken()) return Change::Broken;
    return answerChanged() ? Change::Changed : Change::Same;
  }
  bool hasConfidence() const { return confidence >= 0; }
  // The human's keyframes and the model's differ (only defined when both exist).
  bool humanDisagrees() const { return labelled && overlap >= 0 && overlap < 1; }
};

}  // namespace sevila::widgets
