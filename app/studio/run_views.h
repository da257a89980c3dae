// What the widgets show of a run: pure functions from the run (and the annotator's keyframes) to the
// timeline, keyframe strip, answer panel and label details view states. No widget and no model is touched.
#pragma once

#include <optional>
#include <string>

#include <QString>
#include <QStringList>
#include <QVector>

#include "engine/chain_result.h"
#include "widgets/answer_panel.h"
#include "widgets/keyframe_strip.h"
#include "widgets/label_details.h"
#include "widgets/sampled_frame_strip.h"
#include "widgets/score_timeline.h"

namespace sevila::studio {

struct KeyframeLabel;

// Per sampled frame: time, P(yes | yes, no), the yes-logit; the model's and the human's keyframes; the
// oracle strip when baselines and the ground truth are known.
widgets::TimelineState timelineState(const engine::ChainResult& run, const QVector<int>& human);

// The model's and the human's keyframes in time order, each marked with who chose it.
QVector<widgets::KeyframeThumb> keyframeThumbs(const engine::ChainResult& run, const QVector<int>& human);

// Every sampled frame with its score, the model's and the human's marks and the oracle strip's verdict.
QVector<widgets::SampledFrame> sampledFrames(const engine::ChainResult& run, const QVector<int>& human);

// The answer, the "what if" answer from the human keyframes, and the baselines. `note` is shown under it.
widgets::AnswerView answerView(const engine::ChainResult& run,
                               const std::optional<engine::OptionScores>& whatIf, bool baselinesRunning,
                               const QString& note);

// The shown label's author, state, note and review; editable when the run is stored in a project.
// `author` is the annotator, `shownAuthor` whose label is shown (the annotator or another author, whose
// label the annotator can review), `authors` those to choose from.
widgets::LabelDetailsView labelDetailsView(const std::string& author, bool editable,
                                           const KeyframeLabel* label, const std::string& shownAuthor = {},
                                           const QStringList& authors = {});

}  // namespace sevila::studio
