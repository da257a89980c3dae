// Screenshots of the real application on a real X server (Xvfb, started by CTest through xvfb-run): the
// main window after a demo run with baselines and a human keyframe, the dataset browser over a `sevila run`
// results file, presentation mode full screen, and Preferences ▸ Backend over windows of 1600 x 1000 and
// 1366 x 768. Each is grabbed from the screen (what the X server
// shows, not a widget rendering), checked to match what the widgets drew, and saved under
// <build>/screenshots for review and the README.
#include <QAction>
#include <QDir>
#include <QDockWidget>
#include <QGuiApplication>
#include <QLabel>
#include <QProcess>
#include <QScreen>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>

#include "dataset_run_controller.h"
#include "dataset_session.h"
#include "label_transfer_controller.h"
#include "main_window.h"
#include "recording_error_reporter.h"
#include "run_session.h"
#include "model_controller.h"
#include "run_controller.h"
#include "studio_settings.h"
#include "translations.h"
#include "video_controller.h"
#include "project_store.h"
#include "refinement_controller.h"
#include "widgets/agreement_dialog.h"
#include "widgets/confidence_histogram.h"
#include "widgets/loss_curve.h"
#include "widgets/refinement_dialog.h"
#include "widgets/answer_panel.h"
#include "widgets/sampled_frame_strip.h"
#include "widgets/dataset_browser.h"
#include "widgets/presentation_view.h"
#include "widgets/question_panel.h"
#include "widgets/score_timeline.h"
#include "widgets/settings_dialog.h"

using sevila::studio::MainWindow;

namespace {

const QString kShots = QStringLiteral(SEVILA_BINARY_DIR "/screenshots");

// Mean absolute difference per channel (0-255) of two images of the same size.
double meanDifference(const QImage& a, const QImage& b) {
  const QImage x = a.convertToFormat(QImage::Format_RGB888), y = b.convertToFormat(QImage::Format_RGB888);
  if (x.size() != y.size()) return 255;
  double sum = 0;
  for (int r = 0; r < x.height(); ++r) {
    const uchar* p = x.constScanLine(r);
    const uchar* q = y.constScanLine(r);
    for (int c = 0; c < x.width() * 3; ++c) sum += std::abs(int(p[c]) - int(q[c]));
  }
  return sum / (double(x.width()) * x.height() * 3);
}

int distinctColours(const QImage& image) {
  QSet<QRgb> colours;
  const QImage small = image.scaled(400, 300);
  for (int y = 0; y < small.height(); ++y)
    for (int x = 0; x < small.width(); ++x) colours.insert(small.pixel(x, y));
  return int(colours.size());
}

// The window as the X server shows it.
QImage grabFromScreen(QWidget* w) {
  QScreen* screen = w->screen();
  const QPoint at = w->mapToGlobal(QPoint(0, 0));  // a docked panel too, not only a window
  return screen->grabWindow(0, at.x(), at.y(), w->width(), w->height()).toImage();
}

}  // namespace

class TestScreenshots : public QObject {
  Q_OBJECT
  QTemporaryDir m_dir;

private Q_SLOTS:
  void initTestCase() {
    if (QGuiApplication::platformName() != "xcb") QSKIP("needs an X server (CTest runs this under xvfb-run)");
    QVERIFY(QDir().mkpath(kShots));
    sevila::studio::installTranslations(*qApp, "en");
    qputenv("SEVILA_PROJECT", m_dir.filePath("shots.sevila").toUtf8());
  }

  void mainWindowAfterADemoRun() {
    sevila::studio::StudioSettings settings(m_dir.filePath("main.ini"), nullptr);
    settings.setCacheDirectory(m_dir.filePath("features"));
    MainWindow w(&settings, nullptr, sevila::testing::recordErrors());
    w.setGeometry(0, 0, 1600, 1000);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QSignalSpy finished(w.runController(), &sevila::studio::RunController::finished);
    QSignalSpy baselines(w.runController(), &sevila::studio::RunController::baselinesFinished);
    w.openDemo();
    QTRY_VERIFY_WITH_TIMEOUT(w.videoController()->isOpen() && w.modelController()->engine(), 60000);
    Q_EMIT w.questionPanel()->runRequested(w.questionPanel()->input());
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
    // The default settings answer every frame alone with the run: the oracle strip comes at once.
    QCOMPARE(w.timeline()->state().frameCorrect.size(), int(w.session()->result()->frames.size()));
    QVERIFY(!w.session()->result()->concat.has_value());
    w.action("actionBaselines")->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(baselines.count(), 1, 60000);
    // A human keyframe that the model did not choose, then the playhead onto the first keyframe.
    const auto& r = *w.session()->result();
    for (int i = 0; i < int(r.frames.size()); ++i)
      if (std::find(r.keyframes.begin(), r.keyframes.end(), i) == r.keyframes.end()) {
        w.session()->toggleKeyframe(i);
        break;
      }
    // A relevant window drawn on the timeline (Shift+drag) around the last two sampled frames.
    const size_t n = r.frames.size();
    w.session()->addWindow(r.frames[n - 2].seconds - 0.05, r.frames[n - 1].seconds + 0.05);
    QCOMPARE(w.timeline()->windowCount(), 2);
    w.videoController()->seekSeconds(r.frames[size_t(r.keyframes.front())].seconds);
    QTest::qWait(1500);  // thumbnails and the sought frame arrive

    QCOMPARE(w.timeline()->pointCount(), int(r.frames.size()));
    QCOMPARE(w.timeline()->modelMarkCount(), int(r.keyframes.size()));
    // The toggled keyframe and the two sampled frames the drawn window covers.
    QVERIFY(w.session()->humanKeyframes().contains(int(n) - 2) &&
            w.session()->humanKeyframes().contains(int(n) - 1));
    QCOMPARE(w.timeline()->humanMarkCount(), int(w.session()->humanKeyframes().size()));
    QCOMPARE(w.timeline()->state().frameCorrect.size(), int(r.frames.size()));  // the oracle strip
    QVERIFY(w.answerPanel()->view().baselinesComputed);

    const QImage shot = grabFromScreen(&w);
    QVERIFY(!shot.isNull());
    QCOMPARE(shot.size(), w.size());
    QVERIFY2(distinctColours(shot) > 100, "the screen shows an almost empty window");
    const double diff = meanDifference(shot, w.grab().toImage());
    QVERIFY2(diff < 8,
             qPrintable(QString("the screen differs from the widgets' own rendering by %1").arg(diff)));
    QVERIFY(shot.save(kShots + "/main-window.png"));

    // Every sampled frame with its score and marks: the second tab of the keyframe panel.
    w.keyframeTabs()->setCurrentWidget(w.sampleStrip());
    w.resizeDocks({w.timelineDock(), w.keyframeDock()}, {200, 260}, Qt::Vertical);  // room for the captions
    QTRY_VERIFY_WITH_TIMEOUT(w.sampleStrip()->hasThumbnail(0) && w.sampleStrip()->hasThumbnail(int(n) - 1),
                             30000);
    QTest::qWait(300);
    const QImage samples = grabFromScreen(w.keyframeDock());
    QVERIFY2(distinctColours(samples) > 100, "the sampled-frame strip is almost empty");
    QVERIFY(samples.save(kShots + "/sampled-frames.png"));

    // Review and agreement: bob labelled this item too; the annotator accepts bob's label.
    const qint64 item = w.session()->itemId();
    sevila::studio::KeyframeLabel bob = *w.projectStore()->label(item, w.session()->author());
    bob.id = 0;
    bob.author = "bob";
    bob.windows.clear();
    bob.keyframes = {r.keyframes.front(), int(n) - 1};
    w.projectStore()->putLabel(bob);
    w.session()->setShownAuthor("bob");
    w.session()->setReview(1);
    QVERIFY(w.projectStore()->label(item, "bob")->review == sevila::data::ReviewState::Accepted);
    QTest::qWait(300);
    QVERIFY(grabFromScreen(w.keyframeDock()).save(kShots + "/review.png"));
    sevila::widgets::AgreementDialog agreement(&w);
    agreement.setRows(w.agreementRows(), "Project: shots.sevila");
    agreement.resize(1150, 300);
    agreement.show();
    QVERIFY(QTest::qWaitForWindowExposed(&agreement));
    QTest::qWait(300);
    QCOMPARE(agreement.rows().size(), 1);
    QCOMPARE(agreement.rows().first().items, qint64(1));
    QVERIFY(grabFromScreen(&agreement).save(kShots + "/agreement.png"));
  }

  void datasetBrowserOverARunsResults() {
    // Three NExT-QA items, their videos, and the results of `sevila run` on the tiny model.
    const QString videos = m_dir.filePath("videos");
    QVERIFY(QDir().mkpath(videos));
    QVERIFY(QFile::copy(SEVILA_TEST_DATA "/media/pens.mp4", videos + "/1001.mp4"));
    QVERIFY(QFile::copy(SEVILA_TEST_DATA "/media/Effet_force_magnetique.ogv", videos + "/1002.ogv"));
    QVERIFY(QFile::copy(SEVILA_TEST_DATA "/media/kphotoalbum-movie.avi", videos + "/1003.avi"));
    const QString results = m_dir.filePath("results.jsonl");
    QProcess run;
    run.start(SEVILA_CLI, {"run",
                           "--dataset",
                           "nextqa",
                           "--annotations",
                           SEVILA_TEST_DATA "/cli/nextqa_3.csv",
                           "--videos",
                           videos,
                           "--out",
                           results,
                           "--frames",
                           "8",
                           "--keyframes",
                           "3",
                           "--model",
                           SEVILA_TEST_DATA "/golden/tiny-a",
                           "--sevila",
                           SEVILA_TEST_DATA "/golden/tiny-a/sevila.pth",
                           "--tokenizer",
                           SEVILA_TEST_DATA "/golden/tokenizer/tiny_t5.model",
                           "--cache",
                           m_dir.filePath("features")});
    QVERIFY(run.waitForFinished(120000));
    QVERIFY2(run.exitCode() == 0, run.readAllStandardError().constData());

    sevila::studio::StudioSettings settings(m_dir.filePath("browser.ini"), nullptr);
    MainWindow w(&settings, nullptr, sevila::testing::recordErrors());
    w.setGeometry(0, 0, 1600, 1000);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    sevila::studio::DatasetSource source;
    source.dataset = "nextqa";
    source.annotations = SEVILA_TEST_DATA "/cli/nextqa_3.csv";
    source.videos = videos;
    source.results = results;
    QSignalSpy opened(&w, &MainWindow::datasetOpened);
    w.openDataset(source);
    QTRY_COMPARE_WITH_TIMEOUT(opened.count(), 1, 30000);
    QCOMPARE(opened.first().at(0).toInt(), 3);
    // Open the first item: its video, question and stored run.
    w.openDatasetItem(w.datasetBrowser()->filteredQids().first());
    QTRY_VERIFY_WITH_TIMEOUT(w.videoController()->isOpen(), 20000);
    QVERIFY(w.session()->result().has_value());
    QTest::qWait(1000);
    // The stored run stays on screen once its video has opened.
    QCOMPARE(w.timeline()->pointCount(), 8);
    QCOMPARE(w.timeline()->modelMarkCount(), 3);
    QVERIFY(w.answerPanel()->answerText().startsWith("Answer:"));
    QVERIFY(w.datasetDock()->isVisible());
    // No model is loaded: the baselines are not silently ignored, the user is told why.
    w.action("actionBaselines")->trigger();
    QVERIFY(w.statusBar()->currentMessage().contains("Open a model first"));
    QVERIFY(!w.answerPanel()->view().baselinesRunning);
    w.statusBar()->clearMessage();
    w.resizeDocks({w.videoDock(), w.datasetDock()}, {260, 560}, Qt::Vertical);  // the table in view
    // Each row's picture: the item's best keyframe (or middle frame), decoded in the background.
    QTRY_VERIFY_WITH_TIMEOUT(w.datasetBrowser()->visibleQidsWithoutThumbnail().isEmpty(), 30000);
    QTest::qWait(100);

    const QImage shot = grabFromScreen(&w);
    QVERIFY2(distinctColours(shot) > 100, "the screen shows an almost empty window");
    QVERIFY(meanDifference(shot, w.grab().toImage()) < 8);
    QVERIFY(shot.save(kShots + "/dataset-browser.png"));

    // A dataset run in progress, its line naming a group with a long item name, shown as a run shows it
    // at both window sizes: the panel keeps its width and the whole line is in view.
    auto* runBar = w.findChild<QWidget*>("datasetRunBar");
    auto* runLabel = w.findChild<QLabel*>("datasetRunLabel");
    QVERIFY(runBar && runLabel);
    runBar->show();
    runLabel->show();
    for (const QSize size : {QSize(1600, 1000), QSize(1366, 768)}) {
      w.resize(size);
      QTest::qWait(200);
      const int dockWidth = w.datasetDock()->width();
      Q_EMIT w.datasetRun()->progress(40, 5440, 1830, "Interaction_T1_1_with_a_long_question_id", 8);
      QTest::qWait(200);
      QCOMPARE(w.datasetDock()->width(), dockWidth);
      // Within the panel's width and as tall as its lines need.
      QVERIFY(runLabel->geometry().right() <= runBar->parentWidget()->width());
      QVERIFY2(runLabel->height() >= runLabel->heightForWidth(runLabel->width()),
               qPrintable(QString("%1 px high, %2 needed")
                              .arg(runLabel->height())
                              .arg(runLabel->heightForWidth(runLabel->width()))));
      QVERIFY(grabFromScreen(w.datasetDock())
                  .save(kShots + QString("/dataset-run-%1x%2.png").arg(size.width()).arg(size.height())));
    }
    // At 1366x768 the histogram folds away for the table (the splitter's handle dragged down).
    auto* browser = w.findChild<sevila::widgets::DatasetBrowser*>();
    QSplitter* split = browser->tableHistogramSplit();
    const QList<int> unfolded = split->sizes();
    const int tableHeight = browser->view()->height();
    split->setSizes({unfolded[0] + unfolded[1], 0});
    QTest::qWait(200);
    QVERIFY2(browser->view()->height() >= tableHeight + browser->histogram()->minimumHeight(),
             qPrintable(QString("table %1 px, was %2").arg(browser->view()->height()).arg(tableHeight)));
    QVERIFY(grabFromScreen(w.datasetDock()).save(kShots + "/dataset-run-1366x768-folded.png"));
    split->setSizes(unfolded);
    runBar->hide();
    runLabel->hide();
  }

  // The loop: the refinement view while it trains (live loss curve), then the refined version beside the
  // base on the timeline and in the answer panel.
  void refinementRunAndBeforeAfter() {
    sevila::studio::StudioSettings settings(m_dir.filePath("refine.ini"), nullptr);
    settings.setCacheDirectory(m_dir.filePath("features"));
    settings.setOracleStripWithRuns(false);
    qputenv("SEVILA_PROJECT", m_dir.filePath("refine.sevila").toUtf8());
    MainWindow w(&settings, nullptr, sevila::testing::recordErrors());
    w.setGeometry(0, 0, 1600, 1000);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QSignalSpy finished(w.runController(), &sevila::studio::RunController::finished);
    w.openDemo();
    QTRY_VERIFY_WITH_TIMEOUT(w.videoController()->isOpen() && w.modelController()->engine(), 60000);
    Q_EMIT w.questionPanel()->runRequested(w.questionPanel()->input());
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
    // The annotator's keyframes: four late sampled frames, whatever they show (the curve must move).
    const auto& r = *w.session()->result();
    w.session()->clearKeyframes();
    const int n = int(r.frames.size());
    for (int p = n - 8; p < n - 4; ++p) w.session()->toggleKeyframe(p);

    auto* dialog = w.showRefinement();
    dialog->move(200, 120);
    auto s = dialog->settings();
    s.epochs = 1000;
    s.heldOutPercent = 0;
    dialog->setSettings(s);
    QSignalSpy losses(w.refinement(), &sevila::studio::RefinementController::lossRecorded);
    QSignalSpy refined(w.refinement(), &sevila::studio::RefinementController::finished);
    QSignalSpy failed(w.refinement(), &sevila::studio::RefinementController::failed);
    QVERIFY(w.startRefinement(dialog->settings()));
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    // A loaded machine (ctest -j2 beside another test) takes minutes over these steps: fail when they stop
    // coming, not when they are slow.
    QElapsedTimer sinceLastLoss;
    sinceLastLoss.start();
    QElapsedTimer total;
    total.start();
    for (qsizetype seen = 0; losses.count() < 120 && failed.isEmpty(); QTest::qWait(50)) {
      if (losses.count() != seen) {
        seen = losses.count();
        sinceLastLoss.restart();
      }
      QVERIFY2(sinceLastLoss.elapsed() < 60000,
               qPrintable(QString("no loss for 60 s after %1 steps").arg(seen)));
    }
    qDebug("120 refinement steps in %.1f s", double(total.elapsed()) / 1000);
    QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
    QTest::qWait(200);
    QVERIFY(dialog->isRunning());
    QVERIFY(dialog->lossCurve()->pointCount() >= 120);
    const QImage run = grabFromScreen(dialog);
    QVERIFY2(distinctColours(run) > 50, "the refinement view is almost empty");
    QVERIFY(run.save(kShots + "/refinement-run.png"));
    w.refinement()->cancel();
    QTRY_COMPARE_WITH_TIMEOUT(refined.count(), 1, 60000);
    dialog->hide();

    // The refined version: the question runs again and both versions show.
    const auto versions = w.projectStore()->modelVersions();
    QCOMPARE(versions.size(), size_t(2));
    QSignalSpy again(w.runController(), &sevila::studio::RunController::finished);
    QVERIFY(w.switchToVersion(versions[1].id));
    QTRY_COMPARE_WITH_TIMEOUT(again.count(), 1, 60000);
    QCOMPARE(w.timeline()->comparePointCount(), n);
    QVERIFY(!w.answerPanel()->view().compareProbabilities.isEmpty());
    w.videoController()->seekSeconds(r.frames[size_t(n - 6)].seconds);
    QTest::qWait(1500);
    const QImage after = grabFromScreen(&w);
    QVERIFY2(distinctColours(after) > 100, "the window is almost empty");
    QVERIFY(after.save(kShots + "/before-after.png"));
    // A run shown again from the history keeps the demo's notice (stored runs keep no warnings).
    const auto runs = w.projectStore()->runs(w.session()->itemId());
    QVERIFY(runs.size() >= 2);
    QVERIFY(w.session()->showStoredRun(runs.front().id));
    QVERIFY2(w.answerPanel()->view().note.contains("synthetic"), qPrintable(w.answerPanel()->view().note));
  }

  // The Backend page filled in as a team would (a server, a token file, two folder mappings), over the
  // main window at a desktop's and a small laptop's size: every field inside the dialog, nothing cut.
  void backendPreferencesAtTwoSizes() {
    for (const QSize size : {QSize(1600, 1000), QSize(1366, 768)}) {
      sevila::studio::StudioSettings settings(m_dir.filePath("backend.ini"), nullptr);
      MainWindow w(&settings, nullptr, sevila::testing::recordErrors());
      w.resize(size);
      w.move(0, 0);
      w.show();
      QVERIFY(QTest::qWaitForWindowExposed(&w));
      sevila::widgets::SettingsDialog dialog(&w);
      sevila::widgets::StudioPreferences p;
      p.backendServer = QStringLiteral("https://gpu-box.lab:8765");
      p.backendTokenFile = QStringLiteral("/home/annotator/.config/sevila/token");
      p.backendFolders = {QStringLiteral("/mnt/nas/videos=videos"),
                          QStringLiteral("/home/annotator/nextqa=nextqa")};
      dialog.setPreferences(p);
      dialog.showBackendPage();
      dialog.show();
      QVERIFY(QTest::qWaitForWindowExposed(&dialog));
      dialog.move(w.geometry().center() - dialog.rect().center());
      QTest::qWait(300);
      QVERIFY(w.geometry().contains(dialog.geometry()));
      for (QWidget* child : dialog.findChildren<QWidget*>()) {
        if (!child->isVisible()) continue;
        const QRect inDialog(child->mapTo(&dialog, QPoint(0, 0)), child->size());
        QVERIFY2(dialog.rect().contains(inDialog), qPrintable(child->objectName() + " is cut off"));
      }
      for (const char* name :
           {"backendServer", "backendTokenFile", "backendFolders", "backendUploadFrames"}) {
        auto* field = dialog.findChild<QWidget*>(QString::fromLatin1(name));
        QVERIFY2(field && field->isVisible() && field->isEnabled(), name);
      }
      QCOMPARE(dialog.preferences().backendFolders, p.backendFolders);
      const QImage shot = grabFromScreen(&w);
      QVERIFY2(distinctColours(shot) > 20, "the window is almost empty");
      QVERIFY(shot.save(
          kShots + QStringLiteral("/backend-preferences-%1x%2.png").arg(size.width()).arg(size.height())));
    }
  }

  void presentationModeFullScreen() {
    sevila::studio::StudioSettings settings(m_dir.filePath("present.ini"), nullptr);
    settings.setCacheDirectory(m_dir.filePath("features"));
    MainWindow w(&settings, nullptr, sevila::testing::recordErrors());
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QSignalSpy finished(w.runController(), &sevila::studio::RunController::finished);
    w.openDemo();
    QTRY_VERIFY_WITH_TIMEOUT(w.videoController()->isOpen() && w.modelController()->engine(), 60000);
    Q_EMIT w.questionPanel()->runRequested(w.questionPanel()->input());
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
    w.action("actionPresentation")->trigger();
    QVERIFY(w.presentationView());
    QVERIFY(QTest::qWaitForWindowExposed(w.presentationView()));
    QTest::qWait(1500);  // keyframes arrive and the slideshow starts
    QVERIFY(w.presentationView()->isFullScreen());
    QTRY_COMPARE_WITH_TIMEOUT(w.presentationView()->geometry(), w.presentationView()->screen()->geometry(),
                              3000);
    QVERIFY(w.presentationView()->answerText().startsWith(QChar('A' + w.session()->result()->answer.answer)));

    const QImage shot = w.presentationView()->screen()->grabWindow(0).toImage();
    QVERIFY2(distinctColours(shot) > 50, "the projector shows an almost empty screen");
    QVERIFY(shot.save(kShots + "/presentation.png"));
    w.setPresentationMode(false);
  }
};

QTEST_MAIN(TestScreenshots)
#include "test_screenshots.moc"
