// The shown run without widgets: human keyframes with and without a project, one undo path for both,
// the "what if" answer tied to the keyframes it was computed on, baselines for the run still shown.
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

#include "project_store.h"
#include "run_session.h"

using sevila::engine::ChainResult;
using sevila::studio::ProjectStore;
using sevila::studio::RunSession;

Q_DECLARE_METATYPE(sevila::studio::RunSession::Changes)

namespace {
// A run on 8 sampled frames (every 10th frame of a 25 fps video), keyframes 2 and 5, answer B of three.
ChainResult run(const std::string& question = "what rolls?") {
  ChainResult r;
  r.video = "/videos/ball.mp4";
  r.question = question;
  r.options = {"a ball", "a cup", "a wire"};
  r.groundTruth = 1;
  r.frameCount = 80;
  r.fps = 25;
  for (int i = 0; i < 8; ++i)
    r.frames.push_back({int64_t(i * 10), i * 10 / 25.0, double(i), 0.1 * i, 0.1 * i + 0.05});
  r.keyframes = {2, 5};
  r.answer.logits = {0.1, 2.0, -1.0};
  r.answer.probabilities = {0.2, 0.7, 0.1};
  r.answer.answer = 1;
  return r;
}

sevila::engine::OptionScores scores(int answer) {
  sevila::engine::OptionScores s;
  s.logits = {0, 0, 0};
  s.logits[size_t(answer)] = 1;
  s.probabilities = {0.2, 0.2, 0.2};
  s.probabilities[size_t(answer)] = 0.6;
  s.answer = answer;
  return s;
}

RunSession::Changes lastChange(const QSignalSpy& spy) {
  return spy.last().at(0).value<RunSession::Changes>();
}
}  // namespace

class TestRunSession : public QObject {
  Q_OBJECT
private Q_SLOTS:
  void initTestCase() { qRegisterMetaType<RunSession::Changes>(); }

  void withoutAProjectEditsAreUndoableToo() {
    RunSession session("ann");
    QSignalSpy changed(&session, &RunSession::changed);
    session.showRun(run(), "/videos/ball.mp4");
    QVERIFY(lastChange(changed) & RunSession::Result);
    QCOMPARE(session.itemId(), qint64(0));
    QVERIFY(!session.labelTarget());

    session.toggleKeyframe(5);
    session.toggleKeyframe(1);
    QCOMPARE(session.humanKeyframes(), (QVector<int>{1, 5}));
    QVERIFY(lastChange(changed) & RunSession::Human);
    QCOMPARE(session.humanFrames(), (QVector<qint64>{10, 50}));
    session.toggleKeyframe(5);
    QCOMPARE(session.humanKeyframes(), QVector<int>{1});
    QCOMPARE(session.undoStack()->count(), 3);
    QVERIFY(session.undoStack()->undoText().contains("frame 50"));
    session.undoStack()->undo();
    QCOMPARE(session.humanKeyframes(), (QVector<int>{1, 5}));
    session.undoStack()->undo();
    session.undoStack()->undo();
    QVERIFY(session.humanKeyframes().isEmpty());
    session.undoStack()->redo();
    QCOMPARE(session.humanKeyframes(), QVector<int>{5});

    session.acceptModelKeyframes();
    QCOMPARE(session.humanKeyframes(), (QVector<int>{2, 5}));
    session.clearKeyframes();
    QVERIFY(session.humanKeyframes().isEmpty());
    session.undoStack()->undo();
    QCOMPARE(session.humanKeyframes(), (QVector<int>{2, 5}));

    // Outside the grid: nothing happens, nothing is pushed.
    const int commands = session.undoStack()->count();
    session.toggleKeyframe(8);
    session.toggleKeyframe(-1);
    session.setKeyframes({0, 9}, "bad");
    QCOMPARE(session.undoStack()->count(), commands);

    // An edit made on an earlier run does not touch the next one: its undo does nothing.
    session.showRun(run("what is red?"), "/videos/ball.mp4");
    QVERIFY(session.humanKeyframes().isEmpty());
    session.undoStack()->undo();
    QVERIFY(session.humanKeyframes().isEmpty());
    session.toggleKeyframe(3);
    QCOMPARE(session.humanKeyframes(), QVector<int>{3});
  }

  void inAProjectEditsAreCommittedAndUndone() {
    QTemporaryDir dir;
    ProjectStore store(dir.filePath("p.sevila"));
    RunSession session("ann");
    session.setStore(&store);
    session.showRun(run(), "/videos/ball.mp4");
    QVERIFY(session.itemId() > 0);
    QVERIFY(session.runId() > 0);
    const auto item = store.item(session.itemId());
    QVERIFY(item.has_value());
    QCOMPARE(item->dataset, std::string("studio"));
    QVERIFY(item->qid.rfind("studio_", 0) == 0);  // typed questions get a stable qid
    QCOMPARE(store.runs(session.itemId()).size(), size_t(1));
    QVERIFY(!session.label());

    session.toggleKeyframe(3);
    session.toggleKeyframe(6);
    QCOMPARE(session.humanKeyframes(), (QVector<int>{3, 6}));
    {
      ProjectStore reader(store.path());  // another connection sees the commit
      QCOMPARE(reader.label(session.itemId(), "ann")->keyframes, (std::vector<int>{3, 6}));
    }
    session.setNote("ball hidden");
    session.setUnsure(true);
    QCOMPARE(session.label()->note, std::string("ball hidden"));
    QVERIFY(session.label()->state == sevila::data::LabelState::Unsure);
    session.undoStack()->undo();
    session.undoStack()->undo();
    session.undoStack()->undo();
    QCOMPARE(session.humanKeyframes(), QVector<int>{3});
    QCOMPARE(store.label(session.itemId(), "ann")->keyframes, std::vector<int>{3});
    QCOMPARE(session.label()->note, std::string());

    // The same run shown again is recorded once; another run of the same question is added to the item,
    // with the label shown on it.
    const qint64 item1 = session.itemId();
    const qint64 run1 = session.runId();
    session.showRun(run(), "/videos/ball.mp4");
    QCOMPARE(session.itemId(), item1);
    QCOMPARE(session.runId(), run1);
    QCOMPARE(store.runs(item1).size(), size_t(1));
    sevila::engine::ChainResult again = run();
    again.frames[0].yesLogit += 1;
    session.showRun(again, "/videos/ball.mp4");
    QCOMPARE(session.itemId(), item1);
    QVERIFY(session.runId() != run1);
    QCOMPARE(store.runs(item1).size(), size_t(2));
    QCOMPARE(session.humanKeyframes(), QVector<int>{3});

    // Another project: the history belongs to the old one, the run is recorded in the new one.
    ProjectStore other(dir.filePath("q.sevila"));
    session.setStore(&other);
    QCOMPARE(session.undoStack()->count(), 0);
    QVERIFY(session.humanKeyframes().isEmpty());
    QVERIFY(other.itemByQid("studio", item->qid).has_value());
  }

  void anotherAnnotatorSeesTheirOwnLabel() {
    QTemporaryDir dir;
    ProjectStore store(dir.filePath("p.sevila"));
    RunSession session("ann");
    session.setStore(&store);
    session.showRun(run(), "/videos/ball.mp4");
    session.toggleKeyframe(1);
    QCOMPARE(session.undoStack()->count(), 1);
    session.setAuthor("bob");
    QCOMPARE(session.author(), std::string("bob"));
    QVERIFY(session.humanKeyframes().isEmpty());  // bob has no label yet
    QCOMPARE(session.undoStack()->count(), 0);    // ann's edits are not bob's to undo
    session.toggleKeyframe(4);
    QCOMPARE(store.label(session.itemId(), "bob")->keyframes, std::vector<int>{4});
    QCOMPARE(store.label(session.itemId(), "ann")->keyframes, std::vector<int>{1});
    session.setAuthor("ann");
    QCOMPARE(session.humanKeyframes(), QVector<int>{1});
    session.setAuthor("");  // no name: nothing changes
    QCOMPARE(session.author(), std::string("ann"));
  }

  void labelsOnAnotherGridShowByFrameIndex() {
    QTemporaryDir dir;
    ProjectStore store(dir.filePath("p.sevila"));
    RunSession session("ann");
    session.setStore(&store);
    session.showRun(run(), "/videos/ball.mp4");
    // A label made on another grid (frames 0, 20, 35, 60) with keyframes at frames 20 and 35: only frame 20
    // lies on this run's grid (position 2), so only it shows.
    sevila::studio::KeyframeLabel label;
    label.itemId = session.itemId();
    label.author = "ann";
    label.fps = 25;
    label.grid.frameIndices = {0, 20, 35, 60};
    label.grid.timestamps = {0, 0.8, 1.4, 2.4};
    label.keyframes = {1, 2};
    QSignalSpy changed(&session, &RunSession::changed);
    store.putLabel(label);  // another writer: the store tells the session
    QCOMPARE(session.humanKeyframes(), QVector<int>{2});
    QVERIFY(lastChange(changed) & RunSession::Human);
    // Someone else's label is not this author's.
    label.author = "bob";
    label.keyframes = {0};
    changed.clear();
    store.putLabel(label);
    QCOMPARE(session.humanKeyframes(), QVector<int>{2});
    QVERIFY(changed.isEmpty());
  }

  void whatIfShowsOnlyWithItsKeyframes() {
    RunSession session("ann");
    QSignalSpy changed(&session, &RunSession::changed);
    session.showRun(run(), "/videos/ball.mp4");
    session.toggleKeyframe(1);
    session.toggleKeyframe(4);
    session.setWhatIf(scores(2), session.humanFrames());
    QVERIFY(session.whatIf().has_value());
    QCOMPARE(session.whatIf()->answer, 2);
    session.toggleKeyframe(6);  // other keyframes: the answer no longer holds
    QVERIFY(!session.whatIf());
    QVERIFY(lastChange(changed) & RunSession::WhatIf);
    session.undoStack()->undo();  // back to the keyframes it was computed on
    QVERIFY(session.whatIf().has_value());
    QVERIFY(lastChange(changed) & RunSession::WhatIf);
    session.undoStack()->undo();
    session.undoStack()->undo();
    QVERIFY(!session.whatIf());  // no human keyframes, no "what if"
    session.undoStack()->redo();
    session.undoStack()->redo();
    QVERIFY(session.whatIf().has_value());
    // Baselines leave it alone.
    ChainResult withBaselines = run();
    withBaselines.concat = scores(0);
    withBaselines.voting = 1;
    withBaselines.oracle = true;
    withBaselines.frameAnswers = {0, 1, 1, 1, 2, 1, 0, 1};
    QVERIFY(session.addBaselines(withBaselines));
    QVERIFY(session.whatIf().has_value());
    // A new run drops it.
    session.showRun(run(), "/videos/ball.mp4");
    QVERIFY(!session.whatIf());
  }

  void baselinesOnlyForTheRunStillShown() {
    RunSession session("ann");
    session.showRun(run(), "/videos/ball.mp4");
    session.setBaselinesRunning(true);
    QVERIFY(session.baselinesRunning());
    ChainResult other = run("what is red?");
    other.concat = scores(0);
    other.voting = 0;
    QVERIFY(!session.addBaselines(other));
    QVERIFY(!session.baselinesRunning());
    QVERIFY(!session.result()->concat);
    ChainResult same = run();
    same.video = "/videos/ball.mp4";
    same.concat = scores(2);
    same.voting = 1;
    same.oracle = true;
    same.frameAnswers = {0, 1, 1, 1, 2, 1, 0, 1};
    same.stageSeconds["baselines"] = 0.25;
    QVERIFY(session.addBaselines(same));
    QCOMPARE(session.result()->concat->answer, 2);
    QCOMPARE(session.result()->voting, std::optional<int>(1));
    QCOMPARE(session.result()->frameAnswers, same.frameAnswers);
    QCOMPARE(session.result()->stageSeconds.at("baselines"), 0.25);
    QCOMPARE(session.result()->answer.answer, 1);  // the run's own answer stays
  }

  void lockedEditsAreRefusedWithTheReason() {
    RunSession session("ann");
    session.showRun(run(), "/videos/ball.mp4");
    QSignalSpy refused(&session, &RunSession::editRefused);
    session.lockEdits("labels are being imported");
    QVERIFY(session.editsLocked());
    session.toggleKeyframe(2);
    session.clearKeyframes();
    QCOMPARE(refused.count(), 2);
    QCOMPARE(refused.first().at(0).toString(), QString("labels are being imported"));
    QVERIFY(session.humanKeyframes().isEmpty());
    QCOMPARE(session.undoStack()->count(), 0);
    session.lockEdits({});
    session.toggleKeyframe(2);
    QCOMPARE(session.humanKeyframes(), QVector<int>{2});
  }

  void bracketsWalkTheKeyframesInTime() {
    RunSession session("ann");
    QCOMPARE(session.neighbourKeyframe(0, true), -1);
    session.showRun(run(), "/videos/ball.mp4");  // model keyframes 2 (0.8 s) and 5 (2.0 s)
    session.toggleKeyframe(6);                   // human: 2.4 s
    QCOMPARE(session.neighbourKeyframe(0.0, true), 2);
    QCOMPARE(session.neighbourKeyframe(0.8, true), 5);  // the keyframe on screen is not the next one
    QCOMPARE(session.neighbourKeyframe(2.0, true), 6);
    QCOMPARE(session.neighbourKeyframe(2.4, true), -1);
    QCOMPARE(session.neighbourKeyframe(2.4, false), 5);
    QCOMPARE(session.neighbourKeyframe(1.0, false), 2);
    QCOMPARE(session.neighbourKeyframe(0.8, false), -1);
  }

  void nearestPositionAndClear() {
    RunSession session("ann");
    QCOMPARE(session.nearestPosition(1.0), -1);
    session.showRun(run(), "/videos/ball.mp4");
    QCOMPARE(session.nearestPosition(0.0), 0);
    QCOMPARE(session.nearestPosition(1.25), 3);  // frame 30 at 1.2 s
    QCOMPARE(session.nearestPosition(99.0), 7);
    session.toggleKeyframe(3);
    session.clear();
    QVERIFY(!session.hasRun());
    QVERIFY(session.humanKeyframes().isEmpty());
    session.toggleKeyframe(3);  // nothing to edit
    QVERIFY(session.humanKeyframes().isEmpty());
  }
};

QTEST_GUILESS_MAIN(TestRunSession)
#include "test_run_session.moc"
