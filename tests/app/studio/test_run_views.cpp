// What the widgets are told to show of a run: pure functions, checked value by value.
#include <QtTest>

#include "project_store.h"
#include "run_views.h"

using sevila::engine::ChainResult;
using sevila::widgets::KeyframeThumb;

namespace {
ChainResult run() {
  ChainResult r;
  r.question = "what rolls?";
  r.options = {"a ball", "a cup", "a wire"};
  for (int i = 0; i < 6; ++i)
    r.frames.push_back({int64_t(i * 10), i * 0.4, double(i) - 2, 0.01 * i, 0.1 * i});
  r.keyframes = {1, 4};
  r.answer.probabilities = {0.2, 0.7, 0.1};
  r.answer.answer = 1;
  return r;
}
}  // namespace

class TestRunViews : public QObject {
  Q_OBJECT
private Q_SLOTS:
  void timelinePlotsEverySampledFrame() {
    ChainResult r = run();
    auto state = sevila::studio::timelineState(r, {0, 4});
    QCOMPARE(state.times, (QVector<double>{0 * 0.4, 1 * 0.4, 2 * 0.4, 3 * 0.4, 4 * 0.4, 5 * 0.4}));
    QCOMPARE(state.frameIndices, (QVector<int>{0, 10, 20, 30, 40, 50}));
    QCOMPARE(state.yesProb[3], 0.3);  // P(yes | yes, no), not the vocabulary softmax
    QCOMPARE(state.yesLogit[0], -2.0);
    QCOMPARE(state.modelKeyframes, (QVector<int>{1, 4}));
    QCOMPARE(state.humanKeyframes, (QVector<int>{0, 4}));
    QVERIFY(state.frameCorrect.isEmpty());  // no single-frame answers yet
    r.frameAnswers = {1, 1, 0, 2, 1, 0};
    QVERIFY(sevila::studio::timelineState(r, {}).frameCorrect.isEmpty());  // and no ground truth
    r.groundTruth = 1;
    QCOMPARE(sevila::studio::timelineState(r, {}).frameCorrect, (QVector<int>{1, 1, 0, 0, 1, 0}));
  }

  void keyframesInTimeOrderWithWhoChoseThem() {
    const auto thumbs = sevila::studio::keyframeThumbs(run(), {4, 0, 9});  // 9 is off the grid
    QCOMPARE(thumbs.size(), 3);
    QCOMPARE(thumbs[0].position, 0);
    QVERIFY(thumbs[0].source == KeyframeThumb::Source::Human);
    QCOMPARE(thumbs[1].position, 1);
    QVERIFY(thumbs[1].source == KeyframeThumb::Source::Model);
    QCOMPARE(thumbs[2].position, 4);
    QVERIFY(thumbs[2].source == KeyframeThumb::Source::Both);
    QCOMPARE(thumbs[2].frameIndex, 40);
    QCOMPARE(thumbs[2].seconds, 4 * 0.4);
    QCOMPARE(thumbs[2].score, 0.4);
    QCOMPARE(sevila::studio::keyframeThumbs(run(), {}).size(), 2);
  }

  void answerWithWhatIfAndBaselines() {
    ChainResult r = run();
    auto view = sevila::studio::answerView(r, std::nullopt, false, "random weights");
    QCOMPARE(view.options, (QStringList{"a ball", "a cup", "a wire"}));
    QCOMPARE(view.probabilities, (QVector<double>{0.2, 0.7, 0.1}));
    QCOMPARE(view.answer, 1);
    QCOMPARE(view.groundTruth, -1);
    QVERIFY(view.whatIfProbabilities.isEmpty());
    QCOMPARE(view.whatIfAnswer, -1);
    QVERIFY(!view.baselinesComputed);
    QCOMPARE(view.note, QString("random weights"));
    QCOMPARE(view.oracle, -1);

    sevila::engine::OptionScores whatIf;
    whatIf.probabilities = {0.5, 0.3, 0.2};
    whatIf.answer = 0;
    r.groundTruth = 0;
    r.concat = sevila::engine::OptionScores{{0, 0, 1}, {0.25, 0.25, 0.5}, 2};
    r.voting = 1;
    r.oracle = true;
    view = sevila::studio::answerView(r, whatIf, true, {});
    QCOMPARE(view.groundTruth, 0);
    QCOMPARE(view.whatIfProbabilities, (QVector<double>{0.5, 0.3, 0.2}));
    QCOMPARE(view.whatIfAnswer, 0);
    QVERIFY(view.baselinesComputed);
    QVERIFY(view.baselinesRunning);
    QCOMPARE(view.concatAnswer, 2);
    QCOMPARE(view.concatProbability, 0.5);
    QCOMPARE(view.votingAnswer, 1);
    QCOMPARE(view.oracle, 1);
  }

  void labelDetailsOnlyWhenStored() {
    sevila::studio::KeyframeLabel label;
    label.note = "half hidden";
    label.state = sevila::data::LabelState::Unsure;
    label.updatedAt = "2026-12-05T06:00:00Z";
    auto view = sevila::studio::labelDetailsView("ann", true, &label);
    QVERIFY(view.editable && view.exists && view.unsure);
    QCOMPARE(view.author, QString("ann"));
    QCOMPARE(view.note, QString("half hidden"));
    QCOMPARE(view.updated, QString("2026-12-05T06:00:00Z"));
    view = sevila::studio::labelDetailsView("ann", true, nullptr);
    QVERIFY(view.editable && !view.exists && !view.unsure);
    view = sevila::studio::labelDetailsView("ann", false, &label);  // no stored run: nothing to edit
    QVERIFY(!view.editable && !view.exists);
  }
};

QTEST_GUILESS_MAIN(TestRunViews)
#include "test_run_views.moc"
