#include "run_views.h"

#include <algorithm>

#include "project_store.h"

namespace sevila::studio {

widgets::TimelineState timelineState(const engine::ChainResult& run, const QVector<int>& human) {
  widgets::TimelineState state;
  for (size_t i = 0; i < run.frames.size(); ++i) {
    const engine::FrameScore& f = run.frames[i];
    state.times << f.seconds;
    state.frameIndices << int(f.frameIndex);
    state.yesProb << f.yesNoProb;  // P(yes | yes, no): readable for any model; the tooltip has all three
    state.yesLogit << f.yesLogit;
  }
  if (run.groundTruth && run.frameAnswers.size() == run.frames.size())
    for (int answer : run.frameAnswers) state.frameCorrect << (answer == *run.groundTruth ? 1 : 0);
  state.modelKeyframes = QVector<int>(run.keyframes.begin(), run.keyframes.end());
  state.humanKeyframes = human;
  return state;
}

QVector<widgets::KeyframeThumb> keyframeThumbs(const engine::ChainResult& run, const QVector<int>& human) {
  const QVector<int> model(run.keyframes.begin(), run.keyframes.end());
  QVector<int> positions = model;
  for (int h : human)
    if (!positions.contains(h)) positions << h;
  std::sort(positions.begin(), positions.end());
  QVector<widgets::KeyframeThumb> thumbs;
  for (int p : positions) {
    if (p < 0 || p >= int(run.frames.size())) continue;
    const engine::FrameScore& f = run.frames[size_t(p)];
    widgets::KeyframeThumb t;
    t.position = p;
    t.frameIndex = int(f.frameIndex);
    t.seconds = f.seconds;
    t.score = f.yesNoProb;
    const bool byModel = model.contains(p), byHuman = human.contains(p);
    t.source = byModel && byHuman ? widgets::KeyframeThumb::Source::Both
               : byModel          ? widgets::KeyframeThumb::Source::Model
                                  : widgets::KeyframeThumb::Source::Human;
    thumbs << t;
  }
  return thumbs;
}

QVector<widgets::SampledFrame> sampledFrames(const engine::ChainResult& run, const QVector<int>& human) {
  const bool oracle = run.groundTruth && run.frameAnswers.size() == run.frames.size();
  QVector<widgets::SampledFrame> frames;
  for (size_t i = 0; i < run.frames.size(); ++i) {
    const engine::FrameScore& f = run.frames[i];
    widgets::SampledFrame s;
    s.position = int(i);
    s.frameIndex = int(f.frameIndex);
    s.seconds = f.seconds;
    s.score = f.yesNoProb;
    s.modelKeyframe = std::find(run.keyframes.begin(), run.keyframes.end(), int(i)) != run.keyframes.end();
    s.humanKeyframe = human.contains(int(i));
    if (oracle) s.correct = run.frameAnswers[i] == *run.groundTruth ? 1 : 0;
    frames << s;
  }
  return frames;
}

widgets::AnswerView answerView(const engine::ChainResult& run,
                               const std::optional<engine::OptionScores>& whatIf, bool baselinesRunning,
                               const QString& note) {
  widgets::AnswerView view;
  for (const auto& o : run.options) view.options << QString::fromStdString(o);
  view.probabilities = QVector<double>(run.answer.probabilities.begin(), run.answer.probabilities.end());
  view.answer = run.answer.answer;
  view.groundTruth = run.groundTruth.value_or(-1);
  if (whatIf) {
    view.whatIfProbabilities = QVector<double>(whatIf->probabilities.begin(), whatIf->probabilities.end());
    view.whatIfAnswer = whatIf->answer;
  }
  view.note = note;
  view.baselinesComputed = run.concat.has_value() && run.voting.has_value();
  view.baselinesRunning = baselinesRunning;
  if (run.concat && run.concat->answer >= 0 &&
      size_t(run.concat->answer) < run.concat->probabilities.size()) {
    view.concatAnswer = run.concat->answer;
    view.concatProbability = run.concat->probabilities[size_t(run.concat->answer)];
  }
  view.votingAnswer = run.voting.value_or(-1);
  view.oracle = run.oracle ? int(*run.oracle) : -1;
  return view;
}

widgets::LabelDetailsView labelDetailsView(const std::string& author, bool editable,
                                           const KeyframeLabel* label, const std::string& shownAuthor,
                                           const QStringList& authors) {
  widgets::LabelDetailsView view;
  view.author = QString::fromStdString(author);
  view.shownAuthor = QString::fromStdString(shownAuthor.empty() ? author : shownAuthor);
  view.authors = authors;
  view.editable = editable;
  if (editable && label) {
    view.exists = true;
    view.updated = QString::fromStdString(label->updatedAt);
    view.unsure = label->state == LabelState::Unsure;
    view.note = QString::fromStdString(label->note);
    view.review = label->review == ReviewState::Accepted ? 1 : label->review == ReviewState::Rejected ? 2 : 0;
    view.reviewer = QString::fromStdString(label->reviewer);
    view.reviewed = QString::fromStdString(label->reviewedAt);
    // Reviewing is for someone else's label, by an annotator with a name.
    view.canReview = !author.empty() && view.shownAuthor != view.author;
  }
  return view;
}

}  // namespace sevila::studio
