// The studio's tools around a run, driven through the window: the strip of every sampled frame, the run
// history, chart export, recent datasets and saved filters, item pictures and answering a dataset's items.
#include <QAction>
#include <QApplication>
#include <memory>
#include <cmath>
#include <QDockWidget>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QMenu>
#include <QProgressBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest>

#include "dataset_run_controller.h"
#include "dataset_session.h"
#include "item_thumbnails.h"
#include "main_window.h"
#include "project_store.h"
#include "recording_error_reporter.h"
#include "run_controller.h"
#include "run_session.h"
#include "studio_settings.h"
#include "studio_test_model.h"
#include "translations.h"
#include "video_controller.h"
#include "widgets/dataset_browser.h"
#include "widgets/dataset_filter_state.h"
#include "widgets/dataset_table_model.h"
#include "widgets/agreement_dialog.h"
#include "widgets/label_details.h"
#include "widgets/score_timeline.h"
#include "widgets/question_panel.h"
#include "widgets/run_history.h"
#include "widgets/sampled_frame_strip.h"

using sevila::studio::MainWindow;
using sevila::studio::StudioSettings;

namespace {

const QString kVideo = QStringLiteral(SEVILA_TEST_DATA "/media/Effet_force_magnetique.ogv");

bool openVideo(MainWindow& w, const QString& path) {
  QSignalSpy opened(w.videoController(), &sevila::studio::VideoController::opened);
  w.openVideo(path);
  return QTest::qWaitFor([&] { return opened.count() > 0; }, 20000);
}

// Runs the question panel's question (n frames, k keyframes) and waits for the answer.
bool runQuestion(MainWindow& w, int frames, int keyframes) {
  sevila::widgets::QuestionInput in;
  in.question = "what moves towards the magnet?";
  in.options = {"a ball", "a wire", "a cup"};
  in.groundTruth = 1;
  in.frames = frames;
  in.keyframes = keyframes;
  w.questionPanel()->setInput(in);
  QSignalSpy finished(w.runController(), &sevila::studio::RunController::finished);
  QSignalSpy failed(w.runController(), &sevila::studio::RunController::failed);
  w.action("actionRun")->trigger();
  return QTest::qWaitFor([&] { return finished.count() + failed.count() > 0; }, 60000) && failed.isEmpty();
}

sevila::studio::DatasetSource starSource() {
  sevila::studio::DatasetSource source;
  source.dataset = "star";
  source.annotations = QStringLiteral(SEVILA_TEST_DATA "/cli/star_media.json");
  source.videos = QStringLiteral(SEVILA_TEST_DATA "/media");
  return source;
}

bool openDataset(MainWindow& w, const sevila::studio::DatasetSource& source) {
  QSignalSpy opened(&w, &MainWindow::datasetOpened);
  QSignalSpy failed(&w, &MainWindow::datasetOpenFailed);
  w.openDataset(source);
  return QTest::qWaitFor([&] { return opened.count() + failed.count() > 0; }, 20000) && failed.isEmpty();
}

// A window over fresh settings (features cached beside them, no oracle strip with runs).
struct Studio {
  QTemporaryDir dir;
  StudioSettings settings{dir.filePath("s.ini"), nullptr};
  std::unique_ptr<MainWindow> window;
  explicit Studio(const QString& annotator = {}) {
    settings.setCacheDirectory(dir.filePath("features"));
    settings.setOracleStripWithRuns(false);
    if (!annotator.isEmpty()) settings.setAnnotator(annotator);
    window = std::make_unique<MainWindow>(&settings, nullptr, sevila::testing::recordErrors());
  }
  // The demo question on kVideo with the tiny model: n frames, k keyframes.
  bool run(int frames, int keyframes) {
    return openVideo(*window, kVideo) && sevila::testing::loadTinyModel(*window) &&
           runQuestion(*window, frames, keyframes);
  }
};

}  // namespace

class TestMainWindowTools : public QObject {
  Q_OBJECT
  QTemporaryDir m_projects;
  int m_count = 0;

private Q_SLOTS:
  void init() {
    sevila::studio::installTranslations(*qApp, "en");
    qputenv("SEVILA_PROJECT", m_projects.filePath(QString("p%1.sevila").arg(++m_count)).toUtf8());
  }

  void sampledStripShowsEveryFrameAndMarksThem() {
    Studio studio;
    QVERIFY(studio.run(8, 3));
    MainWindow& w = *studio.window;
    auto* strip = w.sampleStrip();
    const auto& run = *w.session()->result();
    QCOMPARE(strip->count(), 8);
    for (int p = 0; p < 8; ++p) {
      QCOMPARE(strip->frame(p).frameIndex, int(run.frames[size_t(p)].frameIndex));
      QCOMPARE(strip->frame(p).score, run.frames[size_t(p)].yesNoProb);
      QCOMPARE(strip->isModelKeyframe(p),
               std::find(run.keyframes.begin(), run.keyframes.end(), p) != run.keyframes.end());
    }
    // Pictures are decoded once the tab is in view.
    QVERIFY(!strip->hasThumbnail(5));
    w.keyframeTabs()->setCurrentWidget(strip);
    QTRY_VERIFY_WITH_TIMEOUT(strip->hasThumbnail(0) && strip->hasThumbnail(7), 20000);
    // A click shows that sample's frame; M marks it, in the project, undoably.
    const qint64 frame5 = run.frames[5].frameIndex;
    Q_EMIT strip->sampleSelected(5);
    QTRY_COMPARE_WITH_TIMEOUT(w.videoController()->currentFrame(), frame5, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(strip->currentPosition(), 5, 5000);
    const int unmarked = [&] {
      for (int p = 0; p < 8; ++p)
        if (!strip->isModelKeyframe(p)) return p;
      return -1;
    }();
    Q_EMIT strip->markRequested(unmarked);
    QVERIFY(strip->isHumanKeyframe(unmarked));
    QVERIFY(w.session()->humanKeyframes().contains(unmarked));
    const std::string author = studio.settings.annotator().toStdString();
    QCOMPARE(w.projectStore()->label(w.session()->itemId(), author)->keyframes, std::vector<int>{unmarked});
    w.action("actionUndo")->trigger();
    QVERIFY(!strip->isHumanKeyframe(unmarked));
  }

  void windowsDrawnOnTheTimelineAndReviewsOfOthersLabels() {
    Studio studio("alice");
    QVERIFY(studio.run(8, 3));
    MainWindow& w = *studio.window;
    const QTemporaryDir& dir = studio.dir;
    const auto& run = *w.session()->result();
    auto* timeline = w.timeline();
    QVERIFY(timeline->windowEditing());
    // Shift+drag from just before sample 2 to just after sample 4: those three become keyframes.
    const double start = run.frames[2].seconds - 0.01, end = run.frames[4].seconds + 0.01;
    Q_EMIT timeline->windowDrawn(start, end);
    QCOMPARE(w.session()->humanKeyframes(), (QVector<int>{2, 3, 4}));
    QCOMPARE(timeline->windowCount(), 1);
    const qint64 item = w.session()->itemId();
    auto label = w.projectStore()->label(item, "alice");
    QVERIFY(label.has_value());
    QCOMPARE(int(label->windows.size()), 1);
    QCOMPARE(label->windows[0].start, std::round(start * 1e6) / 1e6);
    // Exported as drawn windows, schema 2.
    const QString jsonl = dir.filePath("k.jsonl");
    QCOMPARE(w.projectStore()->exportKeyframeLabels(jsonl), 1);
    QFile file(jsonl);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray line = file.readAll();
    QVERIFY(line.contains("\"schema\":\"sevila-keyframes/2\""));
    QVERIFY(line.contains("\"windows\":\"drawn\""));
    // Toggling a covered sample cuts the window; Shift+click removes a window; undo brings it back.
    w.session()->toggleKeyframe(3);
    QCOMPARE(w.session()->humanKeyframes(), (QVector<int>{2, 4}));
    QCOMPARE(timeline->windowCount(), 2);
    Q_EMIT timeline->windowRemoveRequested(0);
    QCOMPARE(w.session()->humanKeyframes(), QVector<int>{4});
    w.action("actionUndo")->trigger();
    QCOMPARE(w.session()->humanKeyframes(), (QVector<int>{2, 4}));

    // Bob's label on the same item: shown read-only, and alice accepts it.
    sevila::studio::KeyframeLabel bob = *w.projectStore()->label(item, "alice");
    bob.id = 0;
    bob.author = "bob";
    bob.windows.clear();
    bob.keyframes = {0, 1};
    w.projectStore()->putLabel(bob);
    auto* details = w.labelDetails();
    Q_EMIT details->shownAuthorChanged("bob");
    QCOMPARE(w.session()->shownAuthor(), std::string("bob"));
    QCOMPARE(w.session()->humanKeyframes(), (QVector<int>{0, 1}));
    QCOMPARE(details->view().shownAuthor, QString("bob"));
    QVERIFY(details->view().canReview);
    QCOMPARE(details->view().authors, (QStringList{"alice", "bob"}));
    QSignalSpy refused(w.session(), &sevila::studio::RunSession::editRefused);
    w.session()->toggleKeyframe(5);  // someone else's label: refused, with the reason
    QCOMPARE(refused.count(), 1);
    QCOMPARE(w.projectStore()->label(item, "bob")->keyframes, (std::vector<int>{0, 1}));
    Q_EMIT details->reviewRequested(2);
    auto reviewed = w.projectStore()->label(item, "bob");
    QVERIFY(reviewed->review == sevila::data::ReviewState::Rejected);
    QCOMPARE(reviewed->reviewer, std::string("alice"));
    QCOMPARE(details->view().review, 2);
    w.action("actionUndo")->trigger();
    QVERIFY(w.projectStore()->label(item, "bob")->review == sevila::data::ReviewState::None);
    // Agreement between the two: one item, eight frames.
    const auto rows = w.agreementRows();
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows[0].authorA, QString("alice"));
    QCOMPARE(rows[0].items, qint64(1));
    QCOMPARE(rows[0].tp + rows[0].fp + rows[0].fn + rows[0].tn, qint64(8));
    QCOMPARE(rows[0].tp, qint64(0));  // alice {2, 4}, bob {0, 1}
    QCOMPARE(rows[0].tn, qint64(4));
    // Back to her own label: editable again.
    Q_EMIT details->shownAuthorChanged("alice");
    QCOMPARE(w.session()->humanKeyframes(), (QVector<int>{2, 4}));
    QVERIFY(!details->view().canReview);
  }

  void runHistoryListsTheItemsRunsAndShowsOne() {
    Studio studio;
    QVERIFY(studio.run(8, 3));
    MainWindow& w = *studio.window;
    const qint64 first = w.session()->runId();
    QVERIFY(runQuestion(w, 6, 2));
    const qint64 second = w.session()->runId();
    QVERIFY(second != first);
    auto* history = w.runHistory();
    QCOMPARE(history->runCount(), 2);
    QCOMPARE(history->shownRunId(), second);
    QCOMPARE(history->runIdAt(0), second);  // newest first
    QCOMPARE(history->view()->topLevelItem(0)->text(sevila::widgets::RunHistory::Keyframes), QString("2"));
    QCOMPARE(history->view()->topLevelItem(0)->text(sevila::widgets::RunHistory::Device), QString("cpu"));
    // The older run comes back exactly, and showing it again records nothing new.
    Q_EMIT history->runActivated(first);
    QCOMPARE(w.session()->runId(), first);
    QCOMPARE(int(w.session()->result()->frames.size()), 8);
    QCOMPARE(int(w.session()->result()->keyframes.size()), 3);
    QCOMPARE(history->shownRunId(), first);
    QCOMPARE(int(w.projectStore()->runs(w.session()->itemId()).size()), 2);
    QVERIFY(!w.runHistoryDock()->isVisibleTo(&w));  // View ▸ Run History shows it
    QVERIFY(w.runHistoryDock()->toggleViewAction());
  }

  void chartsExportAsPngAndSvg() {
    Studio studio;
    MainWindow& w = *studio.window;
    const QTemporaryDir& dir = studio.dir;
    w.resize(1280, 800);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(studio.run(8, 3));
    const QString png = dir.filePath("timeline.png");
    QVERIFY(w.exportChart("timeline", png));
    QImage image(png);
    QVERIFY(!image.isNull());
    QVERIFY(image.width() >= 400);  // twice the plot's size
    const QString svg = dir.filePath("answer.svg");
    QVERIFY(w.exportChart("answer", svg));
    QFile file(svg);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray text = file.readAll();
    QVERIFY(text.contains("<svg"));
    QVERIFY(text.contains("a wire"));  // the options stay text in the vector file
    // A folder that does not exist: refused, naming the file.
    QVERIFY(!w.exportChart("timeline", dir.filePath("missing/x.png")));
  }

  void datasetsAreRememberedWithTheirSavedFilters() {
    QTemporaryDir dir;
    const QString ini = dir.filePath("s.ini");
    {
      StudioSettings settings(ini, nullptr);
      MainWindow w(&settings, nullptr, sevila::testing::recordErrors());
      QVERIFY(openDataset(w, starSource()));
      QCOMPARE(settings.recentDatasets().size(), 1);
      QCOMPARE(settings.recentDatasets().first().value(1), starSource().annotations);
      const QList<QAction*> entries = w.recentDatasetsMenu()->actions();
      QVERIFY(!entries.isEmpty());
      QCOMPARE(entries.first()->text(), QString("star · star_media.json"));
      // A saved filter survives the window.
      w.datasetBrowser()->setNamePrompt([](const QString&) { return QString(); });
      sevila::widgets::DatasetFilterState filter;
      filter.search = "magnet";
      w.datasetBrowser()->applyFilterState(filter);
      QVERIFY(w.datasetBrowser()->saveCurrentFilter("magnet items"));
      QCOMPARE(w.datasetBrowser()->filteredQids(), QStringList{"Sequence_T1_2"});
      settings.sync();
    }
    StudioSettings settings(ini, nullptr);
    MainWindow w(&settings, nullptr, sevila::testing::recordErrors());
    QCOMPARE(w.datasetBrowser()->savedFilters().size(), 1);
    QCOMPARE(w.datasetBrowser()->savedFilters().first().name, QString("magnet items"));
    // The recent entry reopens the dataset.
    QSignalSpy opened(&w, &MainWindow::datasetOpened);
    w.recentDatasetsMenu()->actions().first()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(opened.count(), 1, 20000);
    QCOMPARE(opened.first().at(0).toInt(), 3);
    QVERIFY(w.datasetBrowser()->applySavedFilter("magnet items"));
    QCOMPARE(w.datasetBrowser()->filteredQids(), QStringList{"Sequence_T1_2"});
  }

  void answersTheShownItemsWithProgressAndPictures() {
    QTemporaryDir dir;
    StudioSettings settings(dir.filePath("s.ini"), nullptr);
    settings.setCacheDirectory(dir.filePath("features"));
    settings.setFrames(8);
    settings.setKeyframes(2);
    qputenv("SEVILA_PROJECT", dir.filePath("run.sevila").toUtf8());
    MainWindow w(&settings, nullptr, sevila::testing::recordErrors());
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(openDataset(w, starSource()));
    // Item pictures: decoded in the background for the rows in view.
    auto* browser = w.datasetBrowser();
    QVERIFY(browser->showsThumbnails());
    QTRY_VERIFY_WITH_TIMEOUT(browser->visibleQidsWithoutThumbnail().isEmpty(), 30000);

    QVERIFY(!w.answerFilteredItems());  // no model yet: refused
    QVERIFY(sevila::testing::loadTinyModel(w));
    sevila::widgets::DatasetFilterState filter;
    filter.search = "T1_1";  // one item shown: only it is answered
    browser->applyFilterState(filter);
    QCOMPARE(browser->filteredQids(), QStringList{"Interaction_T1_1"});
    QSignalSpy progress(w.datasetRun(), &sevila::studio::DatasetRunController::progress);
    QSignalSpy completed(w.datasetRun(), &sevila::studio::DatasetRunController::completed);
    QVERIFY(w.answerFilteredItems());
    QVERIFY(w.datasetRunProgress()->isVisibleTo(&w));
    QVERIFY(!w.answerFilteredItems());  // one at a time
    QTRY_COMPARE_WITH_TIMEOUT(completed.count(), 1, 120000);
    const auto report = completed.first().at(0).value<sevila::studio::DatasetRunReport>();
    QVERIFY2(report.error.isEmpty(), qPrintable(report.error));
    QCOMPARE(report.done, 1);
    QCOMPARE(report.failed, 0);
    QVERIFY(!progress.isEmpty());
    QVERIFY(!w.datasetRunProgress()->isVisibleTo(&w));
    // A group in flight is named by its first item and counted; a long line wraps instead of widening
    // the dataset panel.
    auto* runLabel = w.findChild<QLabel*>("datasetRunLabel");
    QVERIFY(runLabel);
    Q_EMIT w.datasetRun()->progress(3, 5000, 90, "Interaction_T1_1_with_a_long_question_id", 8);
    QVERIFY2(runLabel->text().contains("Interaction_T1_1_with_a_long_question_id and 7 more of its video"),
             qPrintable(runLabel->text()));
    QVERIFY(runLabel->text().contains("3 of 5000"));
    const int line = runLabel->fontMetrics().horizontalAdvance(runLabel->text());
    QVERIFY2(runLabel->minimumSizeHint().width() < line / 2,
             qPrintable(QString("%1 of %2").arg(runLabel->minimumSizeHint().width()).arg(line)));
    Q_EMIT w.datasetRun()->progress(4, 5000, 80, "Interaction_T1_2", 1);
    QVERIFY(!runLabel->text().contains("more of its video"));
    // One line in a results file beside the project; the dataset reopens with it.
    const QString results = dir.filePath("star-star_media-results.jsonl");
    QFile file(results);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().split('\n');
    QCOMPARE(lines.size(), 2);  // one line and the final newline
    QVERIFY(lines.first().contains("\"qid\":\"Interaction_T1_1\""));
    QTRY_VERIFY_WITH_TIMEOUT(settings.lastDataset().value(3) == results, 5000);
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
          for (const auto& row : browser->tableModel()->rows())
            if (row.qid == "Interaction_T1_1") return row.modelAnswer >= 0;
          return false;
        }(),
        20000);

    // Stop: the run ends early, and what was answered stays.
    browser->applyFilterState({});
    QCOMPARE(browser->filteredQids().size(), 3);
    QVERIFY(w.answerFilteredItems());
    w.action("actionStopAnswering")->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(completed.count(), 2, 120000);
    const auto stopped = completed.last().at(0).value<sevila::studio::DatasetRunReport>();
    QVERIFY(stopped.cancelled);
    QVERIFY(stopped.done < 2);
    QCOMPARE(stopped.failed, 0);
  }
};

QTEST_MAIN(TestMainWindowTools)
#include "test_main_window_tools.moc"
