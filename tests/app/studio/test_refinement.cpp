// The loop in the studio: keyframes corrected in the project refine the Localizer from the refinement view
// (on its own thread, with progress, a loss curve and Cancel), the result becomes a model version of the
// project, and switching to it shows the shown question before and after. Bad requests get a message and
// leave the project as it was.
#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMenu>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <memory>

#include "dataset_run_controller.h"
#include "dataset_session.h"
#include "main_window.h"
#include "named_child.h"
#include "project_store.h"
#include "recording_error_reporter.h"
#include "refinement_controller.h"
#include "run_controller.h"
#include "run_session.h"
#include "studio_settings.h"
#include "studio_test_model.h"
#include "translations.h"
#include "video_controller.h"
#include "widgets/dataset_browser.h"
#include "widgets/dataset_table_model.h"
#include "widgets/loss_curve.h"
#include "widgets/question_panel.h"
#include "widgets/refinement_dialog.h"
#include "widgets/score_timeline.h"

using sevila::studio::MainWindow;
using sevila::studio::RefinementController;
using sevila::studio::RefinementOutcome;
using sevila::testing::child;

namespace {

const QString kVideo = QStringLiteral(SEVILA_TEST_DATA "/media/Effet_force_magnetique.ogv");

struct Studio {
  QTemporaryDir dir;
  sevila::studio::StudioSettings settings{dir.filePath("s.ini"), nullptr};
  std::unique_ptr<MainWindow> window;
  Studio() {
    settings.setCacheDirectory(dir.filePath("features"));
    settings.setOracleStripWithRuns(false);
    window = std::make_unique<MainWindow>(&settings, nullptr, sevila::testing::recordErrors());
  }
  bool runQuestion() {
    MainWindow& w = *window;
    sevila::widgets::QuestionInput in;
    in.question = "what moves towards the magnet?";
    in.options = {"a ball", "a wire", "a cup"};
    in.groundTruth = 1;
    in.frames = 8;
    in.keyframes = 2;
    w.questionPanel()->setInput(in);
    QSignalSpy finished(w.runController(), &sevila::studio::RunController::finished);
    w.action("actionRun")->trigger();
    return QTest::qWaitFor([&] { return finished.count() > 0; }, 60000);
  }
  bool start() {
    QSignalSpy opened(window->videoController(), &sevila::studio::VideoController::opened);
    window->openVideo(kVideo);
    return QTest::qWaitFor([&] { return opened.count() > 0; }, 20000) &&
           sevila::testing::loadTinyModel(*window) && runQuestion();
  }
};

}  // namespace

class TestRefinement : public QObject {
  Q_OBJECT
  QTemporaryDir m_projects;
  int m_count = 0;

private Q_SLOTS:
  void init() {
    sevila::studio::installTranslations(*qApp, "en");
    qputenv("SEVILA_PROJECT", m_projects.filePath(QString("p%1.sevila").arg(++m_count)).toUtf8());
  }

  void heldOutShareIsSeededAndNeverAll() {
    const auto a = RefinementController::heldOutIndices(10, 20, 42);
    QCOMPARE(a.size(), size_t(2));
    QCOMPARE(RefinementController::heldOutIndices(10, 20, 42), a);  // the same seed, the same split
    QVERIFY(std::is_sorted(a.begin(), a.end()) && a.back() < 10);
    bool differs = false;
    for (int seed = 0; seed < 20 && !differs; ++seed)
      differs = RefinementController::heldOutIndices(10, 20, seed) != a;
    QVERIFY(differs);
    QVERIFY(RefinementController::heldOutIndices(1, 50, 1).empty());  // one question: nothing to hold out
    QCOMPARE(RefinementController::heldOutIndices(2, 90, 1).size(), size_t(1));  // never all
    QCOMPARE(RefinementController::heldOutIndices(20, 1, 1).size(), size_t(1));  // at least one
    QVERIFY(RefinementController::heldOutIndices(20, 0, 1).empty());
  }

  void refinesFromCorrectedKeyframesAndComparesVersions() {
    Studio studio;
    QVERIFY(studio.start());
    MainWindow& w = *studio.window;
    auto* store = w.projectStore();
    QVERIFY(store);
    // The loaded model is the project's first version; the run names its checkpoint's hash.
    auto versions = store->modelVersions();
    QCOMPARE(versions.size(), size_t(1));
    QCOMPARE(w.currentVersionId(), versions[0].id);
    QVERIFY(!versions[0].checkpointSha256.empty());
    QCOMPARE(store->runs(w.session()->itemId()).back().checkpointSha256, versions[0].checkpointSha256);
    const std::vector<double> before = [&] {
      std::vector<double> p;
      for (const auto& f : w.session()->result()->frames) p.push_back(f.yesNoProb);
      return p;
    }();

    // The annotator corrects the keyframes: frames 1 and 6 hold the answer.
    w.session()->clearKeyframes();
    w.session()->toggleKeyframe(1);
    w.session()->toggleKeyframe(6);

    auto* dialog = w.showRefinement();
    QVERIFY(dialog->isVisible());
    auto* projectBox = child<QAbstractButton>(*dialog, "projectLabelsCheck");
    QVERIFY(projectBox->isEnabled());
    QVERIFY(projectBox->text().contains("1"));
    QVERIFY(!child<QAbstractButton>(*dialog, "reverseChainCheck")->isEnabled());  // no dataset open
    auto settings = dialog->settings();
    settings.epochs = 3;
    settings.heldOutPercent = 0;
    settings.uniformFrames = true;
    dialog->setSettings(settings);
    QSignalSpy finished(w.refinement(), &RefinementController::finished);
    QSignalSpy failed(w.refinement(), &RefinementController::failed);
    QSignalSpy losses(w.refinement(), &RefinementController::lossRecorded);
    QTest::mouseClick(child<QAbstractButton>(*dialog, "startButton"), Qt::LeftButton);
    QVERIFY(w.refinement()->isRunning());
    QVERIFY(dialog->isRunning());
    // While it trains, the window stays usable and refuses a version switch.
    QVERIFY(!w.switchToVersion(versions[0].id));
    QVERIFY(QTest::qWaitFor([&] { return finished.count() + failed.count() > 0; }, 120000));
    QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
    const auto outcome = finished.first().first().value<RefinementOutcome>();
    QVERIFY(!outcome.cancelled);
    QCOMPARE(outcome.epochsCompleted, 3);
    QCOMPARE(outcome.trainQuestions, 1);
    QVERIFY(QFile::exists(outcome.checkpoint));
    // One loss per step, all on the curve.
    QCOMPARE(losses.count(), 3);  // one question, batch 1: one step per epoch
    QCOMPARE(dialog->lossCurve()->pointCount(), 3);
    QVERIFY(child<QAbstractButton>(*dialog, "useRefinedButton")->isVisible());

    // The refined Localizer is a version with its parent, hash and provenance.
    versions = store->modelVersions();
    QCOMPARE(versions.size(), size_t(2));
    const auto& refined = versions[1];
    QCOMPARE(refined.parentId, std::optional<int64_t>(versions[0].id));
    QCOMPARE(refined.checkpoint, outcome.checkpoint.toStdString());
    QCOMPARE(refined.checkpointSha256.size(), size_t(64));
    QVERIFY(refined.options.find("\"epochs\":3") != std::string::npos);
    QVERIFY(refined.options.find("\"sampling\":\"uniform\"") != std::string::npos);
    QVERIFY(refined.report.size() > 2);  // the before/after report, not "{}"
    QCOMPARE(w.versionsMenu()->actions().size(), 2);

    // Use it: the model reloads and the question runs again; the views show both versions.
    QSignalSpy reran(w.runController(), &sevila::studio::RunController::finished);
    QTest::mouseClick(child<QAbstractButton>(*dialog, "useRefinedButton"), Qt::LeftButton);
    QVERIFY(QTest::qWaitFor([&] { return reran.count() > 0; }, 60000));
    QCOMPARE(w.currentVersionId(), refined.id);
    const auto& after = *w.session()->result();
    QCOMPARE(after.checkpoint, refined.checkpoint);
    QCOMPARE(w.timeline()->comparePointCount(), 8);
    // Training moved the scores (the curves differ somewhere).
    double change = 0;
    for (size_t i = 0; i < before.size(); ++i) change += std::abs(after.frames[i].yesNoProb - before[i]);
    QVERIFY2(change > 1e-6, qPrintable(QString::number(change)));
    const auto runs = store->runs(w.session()->itemId());
    QCOMPARE(runs.back().checkpointSha256, refined.checkpointSha256);
    QVERIFY(runs.back().options.find("\"frames\":8") != std::string::npos);
    QAction* checked = nullptr;
    for (QAction* a : w.versionsMenu()->actions())
      if (a->isChecked()) checked = a;
    QVERIFY(checked);
    QCOMPARE(checked->data().toLongLong(), refined.id);

    // Back to the base: the comparison now shows the refined version as "after".
    QSignalSpy back(w.runController(), &sevila::studio::RunController::finished);
    QVERIFY(w.switchToVersion(versions[0].id));
    QVERIFY(QTest::qWaitFor([&] { return back.count() > 0; }, 60000));
    QCOMPARE(w.currentVersionId(), versions[0].id);
    QCOMPARE(w.timeline()->comparePointCount(), 8);
  }

  // With a held-out share, the labelled questions held out are answered before and after: the view's
  // summary gets the hit rate against their human keyframes.
  void heldOutQuestionsAreAnsweredBeforeAndAfter() {
    Studio studio;
    QVERIFY(studio.start());
    MainWindow& w = *studio.window;
    w.session()->clearKeyframes();
    w.session()->toggleKeyframe(1);
    // A second question on the same video: a second item, labelled too.
    sevila::widgets::QuestionInput in = w.questionPanel()->input();
    in.question = "what is on the table?";
    w.questionPanel()->setInput(in);
    QSignalSpy ran(w.runController(), &sevila::studio::RunController::finished);
    w.action("actionRun")->trigger();
    QVERIFY(QTest::qWaitFor([&] { return ran.count() > 0; }, 60000));
    w.session()->clearKeyframes();
    w.session()->toggleKeyframe(5);
    sevila::widgets::RefinementSettings settings;
    settings.epochs = 2;
    settings.heldOutPercent = 50;
    QSignalSpy finished(w.refinement(), &RefinementController::finished);
    QSignalSpy failed(w.refinement(), &RefinementController::failed);
    QVERIFY(w.startRefinement(settings));
    QVERIFY(QTest::qWaitFor([&] { return finished.count() + failed.count() > 0; }, 60000));
    QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
    const auto outcome = finished.first().first().value<RefinementOutcome>();
    QCOMPARE(outcome.trainQuestions, 1);
    QCOMPARE(outcome.heldOutQuestions, 1);
    QVERIFY(outcome.hitRateBefore >= 0 && outcome.hitRateBefore <= 1);
    QVERIFY(outcome.hitRateAfter >= 0 && outcome.hitRateAfter <= 1);
    QVERIFY(outcome.accuracyBefore >= 0);  // the ground truth is known
    QVERIFY(outcome.summary.contains("hit rate"));
    QVERIFY(QFile::exists(QFileInfo(outcome.checkpoint).absoluteDir().filePath("report.json")));
  }

  void cancelKeepsTheLastCheckpoint() {
    Studio studio;
    QVERIFY(studio.start());
    MainWindow& w = *studio.window;
    w.session()->toggleKeyframe(3);
    auto* dialog = w.showRefinement();
    auto settings = dialog->settings();
    settings.epochs = 5000;  // beyond the view's range: asked directly, so it is still running at Cancel
    QSignalSpy finished(w.refinement(), &RefinementController::finished);
    QSignalSpy failed(w.refinement(), &RefinementController::failed);
    QSignalSpy losses(w.refinement(), &RefinementController::lossRecorded);
    QVERIFY(w.startRefinement(settings));
    QVERIFY(QTest::qWaitFor([&] { return losses.count() >= 2; }, 60000));
    QTest::mouseClick(child<QAbstractButton>(*dialog, "cancelButton"), Qt::LeftButton);
    QVERIFY(QTest::qWaitFor([&] { return finished.count() + failed.count() > 0; }, 60000));
    QVERIFY(failed.isEmpty());
    const auto outcome = finished.first().first().value<RefinementOutcome>();
    QVERIFY(outcome.cancelled);
    QVERIFY(outcome.epochsCompleted < 5000);
    QVERIFY(QFile::exists(outcome.checkpoint));
    const auto versions = w.projectStore()->modelVersions();
    QCOMPARE(versions.size(), size_t(2));
    QVERIFY(QString::fromStdString(versions[1].name).contains("cancelled"));
    // The kept checkpoint loads.
    QSignalSpy reran(w.runController(), &sevila::studio::RunController::finished);
    QVERIFY(w.switchToVersion(versions[1].id));
    QVERIFY(QTest::qWaitFor([&] { return reran.count() > 0; }, 60000));
    QCOMPARE(w.session()->result()->checkpoint, versions[1].checkpoint);
  }

  // The split before and after: the base answers the dataset's items, a refined version answers them again
  // into its own results file, and the browser compares the two (Before / Change, fixed and broken).
  void theBrowserComparesTwoVersionsOverTheSplit() {
    Studio studio;
    QVERIFY(studio.start());
    MainWindow& w = *studio.window;
    sevila::studio::DatasetSource source;
    source.dataset = "star";
    source.annotations = QStringLiteral(SEVILA_TEST_DATA "/cli/star_media.json");
    source.videos = QStringLiteral(SEVILA_TEST_DATA "/media");
    QSignalSpy opened(&w, &MainWindow::datasetOpened);
    w.openDataset(source);
    QVERIFY(QTest::qWaitFor([&] { return opened.count() > 0; }, 20000));
    auto* browser = w.datasetBrowser();
    QCOMPARE(browser->filteredQids().size(), 3);
    QSignalSpy completed(w.datasetRun(), &sevila::studio::DatasetRunController::completed);
    QVERIFY(w.answerFilteredItems());
    QVERIFY(QTest::qWaitFor([&] { return completed.count() == 1 && opened.count() == 2; }, 120000));
    QVERIFY(!browser->comparing());

    // A refined version (one corrected question), then the split again.
    w.session()->toggleKeyframe(2);
    sevila::widgets::RefinementSettings settings;
    settings.epochs = 2;
    settings.heldOutPercent = 0;
    QSignalSpy refined(w.refinement(), &RefinementController::finished);
    QVERIFY(w.startRefinement(settings));
    QVERIFY(QTest::qWaitFor([&] { return refined.count() > 0; }, 60000));
    const auto versions = w.projectStore()->modelVersions();
    QCOMPARE(versions.size(), size_t(2));
    QSignalSpy reran(w.runController(), &sevila::studio::RunController::finished);
    QVERIFY(w.switchToVersion(versions[1].id));
    QVERIFY(QTest::qWaitFor([&] { return reran.count() > 0; }, 60000));
    QVERIFY(w.answerFilteredItems());
    QVERIFY(QTest::qWaitFor([&] { return completed.count() == 2 && opened.count() == 3; }, 120000));
    const auto report = completed.last().first().value<sevila::studio::DatasetRunReport>();
    QCOMPARE(report.done, 3);  // its own file: nothing counts as answered already
    QVERIFY(QTest::qWaitFor([&] { return browser->comparing(); }, 20000));
    for (const auto& row : browser->tableModel()->rows()) {
      QVERIFY(row.compareAnswer >= 0);
      QVERIFY(row.keyframeChange >= 0 && row.keyframeChange <= 1);
    }
    const QString versionResults =
        QFileInfo(w.projectStore()->path())
            .absoluteDir()
            .filePath(QString("star-star_media-version%1-results.jsonl").arg(versions[1].id));
    QVERIFY(QFile::exists(versionResults));
    // The same split read again keeps its comparison.
    source.results = versionResults;
    w.openDataset(source);
    QVERIFY(QTest::qWaitFor([&] { return opened.count() == 4; }, 20000));
    QVERIFY(QTest::qWaitFor([&] { return browser->comparing(); }, 20000));
    for (const auto& row : browser->tableModel()->rows()) QVERIFY(row.compareAnswer >= 0);
  }

  void badRequestsGetAMessageAndChangeNothing() {
    Studio studio;
    QVERIFY(studio.start());
    MainWindow& w = *studio.window;
    auto* store = w.projectStore();
    auto* dialog = w.showRefinement();
    // No labels: the source is disabled, and a direct request fails with a reason.
    QVERIFY(!child<QAbstractButton>(*dialog, "projectLabelsCheck")->isEnabled());
    QVERIFY(!child<QAbstractButton>(*dialog, "startButton")->isEnabled());
    sevila::widgets::RefinementSettings settings;
    settings.projectLabels = true;
    QSignalSpy failed(w.refinement(), &RefinementController::failed);
    QVERIFY(w.startRefinement(settings));
    QVERIFY(QTest::qWaitFor([&] { return failed.count() > 0; }, 60000));
    QVERIFY2(failed.first().first().toString().contains("no question to learn from"),
             qPrintable(failed.first().first().toString()));
    QCOMPARE(store->modelVersions().size(), size_t(1));

    // No label source at all.
    settings.projectLabels = false;
    QVERIFY(!w.startRefinement(settings));

    // A label on another frame grid (5 frames, where the trainer samples 8).
    sevila::studio::KeyframeLabel label;
    label.itemId = w.session()->itemId();
    label.author = "someone";
    label.fps = 25;
    for (int i = 0; i < 5; ++i) {
      label.grid.frameIndices.push_back(i * 10);
      label.grid.timestamps.push_back(i * 10 / 25.0);
    }
    label.keyframes = {2};
    store->putLabel(label);
    settings.projectLabels = true;
    failed.clear();
    QVERIFY(w.startRefinement(settings));
    QVERIFY(QTest::qWaitFor([&] { return failed.count() > 0; }, 60000));
    const QString message = failed.first().first().toString();
    QVERIFY2(message.contains("sampled frames"), qPrintable(message));
    QCOMPARE(store->modelVersions().size(), size_t(1));
    QVERIFY(store->label(label.itemId, "someone").has_value());  // nothing lost
    // An unknown version.
    QVERIFY(!w.switchToVersion(999));
  }
};

QTEST_MAIN(TestRefinement)
#include "test_refinement.moc"
