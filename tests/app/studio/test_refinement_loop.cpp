// The loop end to end on the demo (README, "The loop on the demo"). The weak demo model
// (resources/demo/weak-localizer, its Localizer trained on DO questions only) answers a generated split.
// An annotator opens items in the studio, runs them, and marks the frames that answer with the playhead
// and M; the project stores the corrections. The Localizer is refined from the project's labels through
// the refinement view, half of the labelled items held out; on those, the hit rate and the chain's
// accuracy rise, and the refined version shows a held-out item's curves before and after. Skips visibly
// without the ffmpeg CLI (the videos are generated).
#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <cstdio>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "dataset_session.h"
#include "main_window.h"
#include "named_child.h"
#include "model_controller.h"
#include "project_store.h"
#include "recording_error_reporter.h"
#include "refinement_controller.h"
#include "run_controller.h"
#include "run_session.h"
#include "studio_settings.h"
#include "translations.h"
#include "video_controller.h"
#include "widgets/refinement_dialog.h"
#include "widgets/score_timeline.h"

using sevila::studio::MainWindow;
using sevila::studio::RefinementController;
using sevila::studio::RefinementOutcome;
using sevila::testing::child;

namespace {

// What the annotator corrects: every TC question of the split (the type the weak Localizer never learnt)
// and some DO questions, so that refining on TC does not make it forget DO.
constexpr int kVideos = 40, kDoLabelled = 20;

struct Truth {
  QString qid;
  std::vector<int> keyframes;  // positions on the 32-frame grid where the event happens
};

std::vector<Truth> readTruth(const QString& file) {
  std::vector<Truth> tc, dq;
  std::ifstream in(file.toStdString());
  for (std::string line; std::getline(in, line);) {
    const auto j = nlohmann::json::parse(line);
    Truth t{QString::fromStdString(j.at("qid").get<std::string>()),
            j.at("keyframes").get<std::vector<int>>()};
    (t.qid.startsWith("TC_") ? tc : dq).push_back(t);
  }
  dq.resize(std::min<size_t>(dq.size(), kDoLabelled));
  tc.insert(tc.end(), dq.begin(), dq.end());
  return tc;
}

}  // namespace

class TestRefinementLoop : public QObject {
  Q_OBJECT
  QTemporaryDir m_dir;

private Q_SLOTS:
  void initTestCase() { sevila::studio::installTranslations(*qApp, "en"); }

  void correctedKeyframesRaiseTheHeldOutHitRateAndAccuracy() {
    if (QStandardPaths::findExecutable("ffmpeg").isEmpty())
      QSKIP("no ffmpeg CLI: the demo videos cannot be generated");
    // Videos the weak model never saw (its training used seeds 1 and 2).
    const QString data = m_dir.filePath("loop");
    QProcess generate;
    generate.start(SEVILA_DEMO_DATA, {"--out", data, "--videos", QString::number(kVideos), "--seed", "5",
                                      "--split-name", "loop", "--first-id", "500001", "--jobs", "2"});
    QVERIFY(generate.waitForFinished(300000));
    QVERIFY2(generate.exitCode() == 0, generate.readAllStandardError().constData());
    const std::vector<Truth> truth = readTruth(QDir(data).filePath("loop-keyframes.jsonl"));
    QCOMPARE(truth.size(), size_t(kVideos + kDoLabelled));

    qputenv("SEVILA_PROJECT", m_dir.filePath("loop.sevila").toUtf8());
    sevila::studio::StudioSettings settings(m_dir.filePath("s.ini"), nullptr);
    settings.setCacheDirectory(m_dir.filePath("features"));
    settings.setOracleStripWithRuns(false);
    MainWindow w(&settings, nullptr, sevila::testing::recordErrors());
    w.resize(1600, 1000);
    w.show();
    QSignalSpy loaded(w.modelController(), &sevila::studio::ModelController::loaded);
    sevila::studio::ModelRequest weak;
    weak.directory = QStringLiteral(SEVILA_WEAK_MODEL);
    weak.checkpoint = QStringLiteral(SEVILA_WEAK_MODEL "/sevila.pth");
    w.openModel(weak);
    QVERIFY(QTest::qWaitFor([&] { return loaded.count() > 0; }, 60000));
    QSignalSpy opened(&w, &MainWindow::datasetOpened);
    w.openDataset(sevila::studio::DatasetSource{QStringLiteral("nextqa"), QDir(data).filePath("loop.csv"),
                                                QDir(data).filePath("videos"), QString()});
    QVERIFY(QTest::qWaitFor([&] { return opened.count() > 0; }, 30000));

    // The annotator opens each item, runs it, clears the model's picks and presses M on the frames that
    // show the event.
    for (const Truth& t : truth) {
      QSignalSpy ran(w.runController(), &sevila::studio::RunController::finished);
      w.openDatasetItem(t.qid);
      const QString video = "/" + t.qid.section('_', 1, 1) + ".mp4";  // <type>_<video>_<n>
      QVERIFY2(QTest::qWaitFor(
                   [&] {
                     return w.videoController()->isOpen() && w.videoController()->info().path.endsWith(video);
                   },
                   20000),
               qPrintable(t.qid));
      w.action("actionRun")->trigger();
      QVERIFY2(QTest::qWaitFor([&] { return ran.count() > 0; }, 60000), qPrintable(t.qid));
      w.action("actionClearKeyframes")->trigger();
      for (int p : t.keyframes) {
        w.videoController()->seekSeconds(w.session()->result()->frames[size_t(p)].seconds);
        QVERIFY(QTest::qWaitFor(
            [&] { return w.session()->nearestPosition(w.videoController()->currentSeconds()) == p; }, 10000));
        w.action("actionToggleKeyframe")->trigger();
      }
      QCOMPARE(int(w.session()->humanKeyframes().size()), int(t.keyframes.size()));
    }
    // Every correction is in the project.
    int labelled = 0;
    for (const auto& label : w.projectStore()->allLabels())
      labelled += label.state == sevila::studio::LabelState::Confirmed && !label.keyframes.empty();
    QCOMPARE(labelled, int(truth.size()));

    // Refine from the project's labels in the refinement view; half of them are held out.
    auto* dialog = w.showRefinement();
    auto s = dialog->settings();
    QVERIFY(s.projectLabels);
    s.epochs = kEpochs;
    s.heldOutPercent = 50;
    s.learningRate = 1e-3;
    s.uniformFrames = true;
    dialog->setSettings(s);
    QSignalSpy finished(w.refinement(), &RefinementController::finished);
    QSignalSpy failed(w.refinement(), &RefinementController::failed);
    QTest::mouseClick(child<QAbstractButton>(*dialog, "startButton"), Qt::LeftButton);
    QVERIFY(QTest::qWaitFor([&] { return finished.count() + failed.count() > 0; }, 900000));
    QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
    const auto outcome = finished.first().first().value<RefinementOutcome>();
    std::printf(
        "  %d questions trained, %d held out: hit rate %.1f %% -> %.1f %%, accuracy %.1f %% -> %.1f %%\n",
        outcome.trainQuestions, outcome.heldOutQuestions, 100 * outcome.hitRateBefore,
        100 * outcome.hitRateAfter, 100 * outcome.accuracyBefore, 100 * outcome.accuracyAfter);
    std::printf("%s\n", qPrintable(outcome.summary));
    QCOMPARE(outcome.trainQuestions + outcome.heldOutQuestions, int(truth.size()));
    QCOMPARE(outcome.heldOutQuestions, int(truth.size()) / 2);
    QVERIFY(outcome.hitRateAfter >= outcome.hitRateBefore + kMinHitRateGain);
    QVERIFY(outcome.accuracyAfter >= outcome.accuracyBefore + kMinAccuracyGain);
    QVERIFY(QDir().mkpath(QStringLiteral(SEVILA_BINARY_DIR "/screenshots")));
    QVERIFY(dialog->grab().save(QStringLiteral(SEVILA_BINARY_DIR "/screenshots/loop-refinement.png")));

    // Use the refined version, and open a held-out TC item it fixed: the timeline overlays the weak
    // version's curve (from the annotator's run) on the refined one.
    const auto report = nlohmann::json::parse(outcome.reportJson.toStdString());
    std::printf("  training: %.1f s\n", report.at("training").at("seconds").get<double>());
    QString shown;  // the one whose keyframes gained most
    int gain = 0;
    for (const auto& f : report.at("held_out").at("fixed")) {
      const int g = f.at("keyframe_hits_after").get<int>() - f.at("keyframe_hits_before").get<int>();
      if (f.at("qid").get<std::string>().rfind("TC_", 0) == 0 && g > gain) {
        gain = g;
        shown = QString::fromStdString(f.at("qid").get<std::string>());
      }
    }
    QVERIFY2(!shown.isEmpty(), "no held-out TC question was fixed with better keyframes");
    QSignalSpy reloaded(w.runController(), &sevila::studio::RunController::finished);
    QTest::mouseClick(child<QAbstractButton>(*dialog, "useRefinedButton"), Qt::LeftButton);
    QVERIFY(QTest::qWaitFor([&] { return reloaded.count() > 0; }, 60000));
    dialog->hide();
    const auto versions = w.projectStore()->modelVersions();
    QCOMPARE(versions.size(), size_t(2));
    QCOMPARE(w.currentVersionId(), versions[1].id);
    QSignalSpy ran(w.runController(), &sevila::studio::RunController::finished);
    w.openDatasetItem(shown);
    const QString video = "/" + shown.section('_', 1, 1) + ".mp4";
    QVERIFY(QTest::qWaitFor([&] { return w.videoController()->info().path.endsWith(video); }, 20000));
    w.action("actionRun")->trigger();
    QVERIFY(QTest::qWaitFor([&] { return ran.count() > 0; }, 60000));
    QCOMPARE(w.timeline()->comparePointCount(), 32);
    const auto& after = *w.session()->result();
    QCOMPARE(after.checkpoint, versions[1].checkpoint);
    w.videoController()->seekSeconds(after.frames[size_t(after.keyframes.front())].seconds);
    QTest::qWait(500);
    QVERIFY(w.grab().save(QStringLiteral(SEVILA_BINARY_DIR "/screenshots/loop-before-after.png")));
  }

private:
  static constexpr int kEpochs = 60;
  static constexpr double kMinHitRateGain = 0.2, kMinAccuracyGain = 0.2;  // measured: +40, +37 points
};

QTEST_MAIN(TestRefinementLoop)
#include "test_refinement_loop.moc"
