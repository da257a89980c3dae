#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QMenu>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QPushButton>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QSplitter>
#include <QStatusBar>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include "nn/device.h"
#include "label_transfer_controller.h"
#include "main_window.h"
#include "recording_error_reporter.h"
#include "studio_test_model.h"
#include "run_session.h"
#include "studio_settings.h"
#include "translations.h"
#include "video_controller.h"
#include <QUndoStack>

#include "dataset_session.h"
#include "model_controller.h"
#include "widgets/dataset_browser.h"
#include "widgets/dataset_table_model.h"
#include "widgets/presentation_view.h"
#include "project_store.h"
#include "run_controller.h"
#include "widgets/answer_panel.h"
#include "widgets/keyframe_strip.h"
#include "widgets/label_details.h"
#include "widgets/question_panel.h"
#include "widgets/score_timeline.h"
#include "widgets/shortcut_sheet.h"
#include "widgets/transport_bar.h"
#include "widgets/video_view.h"

using sevila::studio::MainWindow;
using sevila::studio::StudioSettings;

namespace {
QStringList menuTitles(const QMainWindow& w) {
  QStringList titles;
  for (QAction* a : w.menuBar()->actions()) titles << a->text();
  return titles;
}
}  // namespace

class TestMainWindow : public QObject {
  Q_OBJECT
  QTemporaryDir m_projects;
  int m_count = 0;
private Q_SLOTS:
  void initTestCase() {
    // Each window opens its project file from the environment: keep them in a temporary folder.
    QVERIFY(m_projects.isValid());
  }
  void init() {
    sevila::studio::installTranslations(*qApp, "en");
    qputenv("SEVILA_PROJECT", m_projects.filePath(QString("p%1.sevila").arg(++m_count)).toUtf8());
  }

  void buildsWithEveryDock() {
    QTemporaryDir dir;
    StudioSettings settings(dir.filePath("s.ini"), nullptr);
    MainWindow w(&settings, nullptr, sevila::testing::recordErrors());
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    const QStringList expected = {"VideoDock", "TimelineDock", "KeyframeDock", "QuestionDock", "AnswerDock"};
    for (const QString& name : expected) {
      auto* dock = w.findChild<QDockWidget*>(name);
      QVERIFY2(dock, qPrintable(name));
      QVERIFY2(dock->isVisible(), qPrintable(name));
      QVERIFY(dock->widget());
    }
    QCOMPARE(menuTitles(w), QStringList({"&File", "&Edit", "&Playback", "&Keyframes", "&Model", "&View",
                                         "&Settings", "&Help"}));
    QVERIFY(w.action("actionOpenVideo"));
    QVERIFY(w.action("actionOpenModel"));
    QVERIFY(w.action("actionOpenDataset"));
    QVERIFY(w.action("actionQuit"));
    QVERIFY(w.action("actionAbout"));
    // Every action is registered once by id; the shortcut editor lists those with text.
    QCOMPARE(w.actions().ids().count("actionToggleKeyframe"), 1);
    QCOMPARE(w.action("actionToggleKeyframe")->shortcut(), QKeySequence(Qt::Key_M));
    QVERIFY(w.actions().shortcutEntries().size() >= 25);
    QVERIFY2(w.actions().conflicts().isEmpty(), qPrintable(w.actions().conflicts().join(',')));
    // Shortcut hints in tooltips, with Run among the actions.
    QCOMPARE(w.action("actionRun")->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_Return));
    QCOMPARE(w.action("actionPlayPause")->toolTip(), QString("Play / Pause (Space)"));
    // Help ▸ Keyboard Shortcuts lists them by menu.
    const auto sections = w.shortcutSections();
    QStringList titles;
    for (const auto& section : sections) titles << section.title;
    QVERIFY2(titles.contains("&Playback") && titles.contains("&Keyframes"), qPrintable(titles.join(',')));
    QVERIFY(sevila::widgets::shortcutSheetHtml(sections).contains("Run the Question"));
    QVERIFY(w.action("actionShortcuts"));
    // The empty video view says how to start, with the keys in force.
    const QString hint = w.videoView()->placeholderText();
    QVERIFY2(hint.contains("Open Video") && hint.contains("Open Model") && hint.contains("--demo") &&
                 hint.contains(QKeySequence(QKeySequence::HelpContents).toString(QKeySequence::NativeText)),
             qPrintable(hint));
    // The timeline is an empty plot until a run.
    QCOMPARE(w.timeline()->pointCount(), 0);
  }

  void chineseTranslationChangesVisibleStrings() {
    QCOMPARE(sevila::studio::installTranslations(*qApp, "zh_CN"), QString("zh_CN"));
    QTemporaryDir dir;
    StudioSettings settings(dir.filePath("s.ini"), nullptr);
    MainWindow w(&settings, nullptr, sevila::testing::recordErrors());
    const QStringList titles = menuTitles(w);
    QCOMPARE(titles.value(0), QString::fromUtf8("文件(&F)"));
    QCOMPARE(w.videoDock()->windowTitle(), QString::fromUtf8("视频"));
    QCOMPARE(w.windowTitle(), QString::fromUtf8("SeViLA 工作室"));
    // Qt's own buttons and dialogs speak the language too (Debian's qt6-translations-l10n).
    QDialogButtonBox buttons(QDialogButtonBox::Cancel);
    QCOMPARE(buttons.button(QDialogButtonBox::Cancel)->text(), QString::fromUtf8("取消"));
  }

  void dockStateAndGeometryPersist() {
    QTemporaryDir dir;
    const QString ini = dir.filePath("s.ini");
    {
      StudioSettings settings(ini, nullptr);
      MainWindow w(&settings, nullptr, sevila::testing::recordErrors());
      w.show();
      QVERIFY(QTest::qWaitForWindowExposed(&w));
      w.keyframeDock()->hide();
      // The dataset panel's histogram folded away (as a drag of its handle does).
      QSplitter* split = w.findChild<sevila::widgets::DatasetBrowser*>()->tableHistogramSplit();
      split->setSizes({split->height(), 0});
      QCOMPARE(split->sizes().at(1), 0);
      w.close();
    }
    StudioSettings settings(ini, nullptr);
    MainWindow w(&settings, nullptr, sevila::testing::recordErrors());
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(!w.keyframeDock()->isVisible());
    QVERIFY(w.timelineDock()->isVisible());
    QCOMPARE(w.findChild<sevila::widgets::DatasetBrowser*>()->tableHistogramSplit()->sizes().at(1), 0);
  }

  void recentFilesMenuFollowsSettings() {
    QTemporaryDir dir;
    StudioSettings settings(dir.filePath("s.ini"), nullptr);
    MainWindow w(&settings, nullptr, sevila::testing::recordErrors());
    QVERIFY(!w.recentFilesMenu()->isEnabled());
    settings.addRecentFile("/videos/a.mp4");
    settings.addRecentFile("/videos/b.mp4");
    QVERIFY(w.recentFilesMenu()->isEnabled());
    const auto actions = w.recentFilesMenu()->actions();
    QVERIFY(actions.size() >= 2);
    QCOMPARE(actions[0]->text(), QString("b.mp4"));
    QCOMPARE(actions[1]->text(), QString("a.mp4"));
  }

  void projectsOpenAndTheLastOneIsReopened() {
    QTemporaryDir dir;
    StudioSettings settings(dir.filePath("s.ini"), nullptr);
    const QString a = dir.filePath("a.sevila"), b = dir.filePath("b.sevila");
    {
      QVector<sevila::testing::ReportedError> errors;
      MainWindow w(&settings, nullptr, sevila::testing::recordErrors(&errors));
      QVERIFY(w.action("actionOpenProject"));
      QVERIFY(w.action("actionNewProject"));
      QVERIFY(w.openProject(a));
      QCOMPARE(w.projectStore()->path(), a);
      QVERIFY(w.openProject(b));
      QCOMPARE(w.projectStore()->path(), b);
      QCOMPARE(settings.recentProjects().mid(0, 2), (QStringList{b, a}));
      QStringList titles;
      for (QAction* act : w.recentProjectsMenu()->actions()) titles << act->text();
      QVERIFY2(titles.contains("a.sevila") && titles.contains("b.sevila"), qPrintable(titles.join(',')));
      // Not a project: refused with the reason, and the open project stays.
      QFile bogus(dir.filePath("notes.sevila"));
      QVERIFY(bogus.open(QIODevice::WriteOnly));
      bogus.write("these are not labels\n");
      bogus.close();
      QVERIFY(!w.openProject(bogus.fileName()));
      QCOMPARE(w.projectStore()->path(), b);
      QCOMPARE(QFile(bogus.fileName()).size(), qint64(21));  // never overwritten
      QCOMPARE(errors.size(), 1);
      QCOMPARE(errors[0].title, QString("Cannot open project"));
      QVERIFY2(errors[0].details.contains("notes.sevila"), qPrintable(errors[0].details));
      QVERIFY(w.statusBar()->currentMessage().startsWith("Cannot open project: "));
    }
    // The next start (no $SEVILA_PROJECT) reopens the last project.
    qunsetenv("SEVILA_PROJECT");
    MainWindow again(&settings, nullptr, sevila::testing::recordErrors());
    QVERIFY(again.projectStore());
    QCOMPARE(again.projectStore()->path(), b);
  }
  void runsTheChainOnTheTinyModelAndShowsIt();
  void failuresAreReportedAndNothingStaleStays();
  void cudaAbsentLoadsOnTheCpuAndSaysWhy();
  void labelsAreRecordedUnderTheAnnotatorsName();
  void fitsALaptopScreenAndNeverGrows();

  void startsWithTheKeyboardOnTheVideo() {
    QTemporaryDir dir;
    StudioSettings settings(dir.filePath("s.ini"), nullptr);
    MainWindow w(&settings, nullptr, sevila::testing::recordErrors());
    w.show();
    w.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&w));
    QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget*>(w.videoView()));
  }

  void messagesHaveRoomInTheStatusBar() {
    QTemporaryDir dir;
    StudioSettings settings(dir.filePath("s.ini"), nullptr);
    MainWindow w(&settings, nullptr, sevila::testing::recordErrors());
    w.resize(1280, 800);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    Q_EMIT w.questionPanel()->runRequested(w.questionPanel()->input());  // no video yet
    QCOMPARE(w.statusBar()->currentMessage(), QString("Open a video first"));
    // The message is drawn left of the permanent widgets: there must be room for it.
    int permanent = 0;
    for (QLabel* label : w.statusBar()->findChildren<QLabel*>(QString(), Qt::FindDirectChildrenOnly))
      if (label->isVisible()) permanent += label->width();
    const int room = w.statusBar()->width() - permanent;
    QVERIFY2(room > w.statusBar()->fontMetrics().horizontalAdvance("Open a video first") + 20,
             qPrintable(QString("%1 px left for messages").arg(room)));
  }
  void datasetBrowserListsItemsAndOpensOne();
  void datasetItemsRunWithTheirOwnPrompts();

  void missingVideoIsRefusedWithoutCrash() {
    QTemporaryDir dir;
    StudioSettings settings(dir.filePath("s.ini"), nullptr);
    QVector<sevila::testing::ReportedError> errors;
    MainWindow w(&settings, nullptr, sevila::testing::recordErrors(&errors));
    QSignalSpy failed(w.videoController(), &sevila::studio::VideoController::openFailed);
    w.openVideo(dir.filePath("does-not-exist.mp4"));
    QTRY_COMPARE(failed.count(), 1);
    QVERIFY(failed.first().at(1).toString().contains("no such file"));
    // The user is told, once, with the reason.
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors[0].title, QString("Cannot open video"));
    QVERIFY(errors[0].summary.contains("does-not-exist.mp4"));
    QVERIFY(errors[0].details.contains("no such file"));
    QVERIFY(settings.recentFiles().isEmpty());
    QVERIFY(!w.videoController()->isOpen());
  }

  void opensARealVideoAndShowsItsFirstFrame() {
    QTemporaryDir dir;
    StudioSettings settings(dir.filePath("s.ini"), nullptr);
    MainWindow w(&settings, nullptr, sevila::testing::recordErrors());
    QSignalSpy opened(w.videoController(), &sevila::studio::VideoController::opened);
    const QString video = QStringLiteral(SEVILA_TEST_DATA "/media/Effet_force_magnetique.ogv");
    w.openVideo(video);
    QTRY_COMPARE_WITH_TIMEOUT(opened.count(), 1, 20000);
    QCOMPARE(w.videoController()->info().frameCount, qint64(34));
    QTRY_VERIFY(!w.videoView()->frame().isNull());
    QCOMPARE(w.videoView()->frame().size(), QSize(400, 304));
    QCOMPARE(settings.recentFiles().value(0), QFileInfo(video).absoluteFilePath());
    // Seeking lands on the frame asked for.
    QSignalSpy moved(w.videoController(), &sevila::studio::VideoController::positionChanged);
    w.videoController()->seekFrame(20);
    QTRY_VERIFY(!moved.isEmpty() && moved.last().at(0).toLongLong() == 20);
  }

  void transportBarSeeksAndLoops() {
    QTemporaryDir dir;
    StudioSettings settings(dir.filePath("s.ini"), nullptr);
    MainWindow w(&settings, nullptr, sevila::testing::recordErrors());
    QSignalSpy opened(w.videoController(), &sevila::studio::VideoController::opened);
    w.openVideo(QStringLiteral(SEVILA_TEST_DATA "/media/pens.mp4"));  // 64 frames
    QTRY_COMPARE_WITH_TIMEOUT(opened.count(), 1, 20000);
    auto* bar = w.transportBar();
    QCOMPARE(bar->state().frameCount, qint64(64));
    auto* video = w.videoController();
    Q_EMIT bar->seekRequested(30);  // the scrubber
    QTRY_COMPARE(video->currentFrame(), qint64(30));
    QTRY_COMPARE(bar->state().frame, qint64(30));
    Q_EMIT bar->goToRequested("12");  // the position field
    QTRY_COMPARE(video->currentFrame(), qint64(12));
    // A loop from frame 12 to 20 at 4x: playback wraps back to A and never runs far past B.
    Q_EMIT bar->loopStartRequested();
    w.goToPosition("20");
    QTRY_COMPARE(video->currentFrame(), qint64(20));
    Q_EMIT bar->loopEndRequested();
    QCOMPARE(bar->state().loopStart, qint64(12));
    QCOMPARE(bar->state().loopEnd, qint64(20));
    Q_EMIT bar->loopToggled(true);
    QVERIFY(bar->state().looping);
    w.goToPosition("12");
    QTRY_COMPARE(video->currentFrame(), qint64(12));
    QSignalSpy moved(video, &sevila::studio::VideoController::positionChanged);
    Q_EMIT bar->rateRequested(4);
    video->play();
    QTRY_VERIFY_WITH_TIMEOUT(moved.size() >= 12, 10000);
    video->pause();
    bool wrapped = false;
    for (int i = 1; i < moved.size(); ++i) {
      const qint64 frame = moved[i].at(0).toLongLong();
      QVERIFY2(frame <= 28, qPrintable(QString("frame %1 is past the loop").arg(frame)));
      if (frame < moved[i - 1].at(0).toLongLong()) wrapped = true;
    }
    QVERIFY(wrapped);
  }

  void shuttleKeysPlayBothWaysAndFaster() {
    QTemporaryDir dir;
    StudioSettings settings(dir.filePath("s.ini"), nullptr);
    MainWindow w(&settings, nullptr, sevila::testing::recordErrors());
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QSignalSpy opened(w.videoController(), &sevila::studio::VideoController::opened);
    w.openVideo(QStringLiteral(SEVILA_TEST_DATA "/media/pens.mp4"));  // 64 frames
    QTRY_COMPARE_WITH_TIMEOUT(opened.count(), 1, 20000);
    auto* video = w.videoController();
    QSignalSpy moved(video, &sevila::studio::VideoController::positionChanged);
    video->seekFrame(40);
    QTRY_VERIFY(!moved.isEmpty() && moved.last().at(0).toLongLong() == 40);

    // Typing in a text field never fires a shortcut: "j", "l", "m" and Space are text there.
    auto* field = w.questionPanel()->findChild<QLineEdit*>();
    QVERIFY(field);
    w.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&w));
    field->setFocus();
    field->clear();
    QTest::keyClicks(field, "jl m");
    QCOMPARE(field->text(), QString("jl m"));
    QVERIFY(!video->isPlaying());
    QCOMPARE(video->rate(), 1.0);
    // Clicking the video takes the keyboard back from the field, so the keys play again.
    QTest::mouseClick(w.videoView(), Qt::LeftButton);
    QCOMPARE(QApplication::focusWidget(), static_cast<QWidget*>(w.videoView()));

    // J plays backwards from the frame on screen: the frames shown strictly decrease, down to frame 0.
    moved.clear();
    QTest::keyClick(&w, Qt::Key_J);
    QVERIFY(video->isPlaying());
    QCOMPARE(video->rate(), -1.0);
    QTest::keyClick(&w, Qt::Key_J);  // again: twice as fast
    QCOMPARE(video->rate(), -2.0);
    QTRY_VERIFY_WITH_TIMEOUT(!video->isPlaying(), 10000);  // stops at the first frame
    QVERIFY(moved.size() >= 3);
    for (int i = 1; i < moved.size(); ++i)
      QVERIFY2(moved[i].at(0).toLongLong() < moved[i - 1].at(0).toLongLong(), "backwards play went forwards");
    QCOMPARE(moved.last().at(0).toLongLong(), qint64(0));

    // L plays forwards at 1x, again at 2x; K pauses and returns to 1x.
    moved.clear();
    w.action("actionShuttleForward")->trigger();
    QCOMPARE(video->rate(), 1.0);
    w.action("actionShuttleForward")->trigger();
    QCOMPARE(video->rate(), 2.0);
    QTRY_VERIFY_WITH_TIMEOUT(moved.size() >= 3, 10000);
    QVERIFY(moved.last().at(0).toLongLong() > moved.first().at(0).toLongLong());
    QTest::keyClick(&w, Qt::Key_K);
    QVERIFY(!video->isPlaying());
    QCOMPARE(video->rate(), 1.0);
  }
};

namespace {
// The tiny golden model, loaded through the window.
// Opens one item of a one-item dataset file and runs it through the window (8 frames, 2 keyframes).
bool openAndRunItem(MainWindow& w, const QString& dataset, const QString& annotations, const QString& qid) {
  sevila::studio::DatasetSource source;
  source.dataset = dataset;
  source.annotations = annotations;
  source.videos = QStringLiteral(SEVILA_TEST_DATA "/media");
  QSignalSpy opened(&w, &MainWindow::datasetOpened);
  w.openDataset(source);
  if (!QTest::qWaitFor([&] { return opened.count() > 0; }, 20000)) return false;
  QSignalSpy videoOpened(w.videoController(), &sevila::studio::VideoController::opened);
  w.openDatasetItem(qid);
  // The item's video opens in the background, unless it is the one already open.
  if (!QTest::qWaitFor([&] { return videoOpened.count() > 0 || w.videoController()->isOpen(); }, 20000))
    return false;
  auto in = w.questionPanel()->input();
  in.frames = 8;
  in.keyframes = 2;
  w.questionPanel()->setInput(in);
  QSignalSpy finished(w.runController(), &sevila::studio::RunController::finished);
  Q_EMIT w.questionPanel()->runRequested(w.questionPanel()->input());
  return QTest::qWaitFor([&] { return finished.count() > 0; }, 60000);
}

QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& text) {
  QFile f(dir.filePath(name));
  if (!f.open(QIODevice::WriteOnly)) return {};
  f.write(text);
  return f.fileName();
}
}  // namespace

void TestMainWindow::runsTheChainOnTheTinyModelAndShowsIt() {
  QTemporaryDir dir;
  StudioSettings settings(dir.filePath("s.ini"), nullptr);
  settings.setCacheDirectory(dir.filePath("features"));
  settings.setOracleStripWithRuns(false);  // the slow-CPU setting: every baseline on demand
  MainWindow w(&settings, nullptr, sevila::testing::recordErrors());
  QSignalSpy opened(w.videoController(), &sevila::studio::VideoController::opened);
  w.openVideo(QStringLiteral(SEVILA_TEST_DATA "/media/Effet_force_magnetique.ogv"));
  QTRY_COMPARE_WITH_TIMEOUT(opened.count(), 1, 20000);

  QVERIFY(sevila::testing::loadTinyModel(w));

  sevila::widgets::QuestionInput in;
  in.question = "what moves towards the magnet?";
  in.options = {"a ball", "a wire", "a cup"};
  in.groundTruth = 1;
  in.frames = 8;
  in.keyframes = 3;
  w.questionPanel()->setInput(in);
  QSignalSpy finished(w.runController(), &sevila::studio::RunController::finished);
  QSignalSpy failed(w.runController(), &sevila::studio::RunController::failed);
  w.action("actionRun")->trigger();  // Ctrl+Enter
  QTRY_COMPARE_WITH_TIMEOUT(finished.count() + failed.count(), 1, 60000);
  QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().at(0).toString()));

  // The project records which model produced the run, on which device and in which precision.
  {
    const auto runs = w.projectStore()->runs(w.session()->itemId());
    QVERIFY(!runs.empty());
    QVERIFY2(QString::fromStdString(runs.back().model).endsWith("golden/tiny-a"), runs.back().model.c_str());
    QVERIFY(QString::fromStdString(runs.back().checkpoint).endsWith("sevila.pth"));
    QCOMPARE(runs.back().device, std::string("cpu"));
    QCOMPARE(runs.back().precision, std::string("f32"));
  }

  // The timeline holds n points and k keyframe marks; the strip shows the k keyframes.
  QVERIFY(w.session()->result().has_value());
  QCOMPARE(int(w.session()->result()->frames.size()), 8);
  QCOMPARE(w.timeline()->pointCount(), 8);
  QCOMPARE(w.timeline()->modelMarkCount(), 3);
  QCOMPARE(w.keyframeStrip()->count(), 3);
  QVERIFY(w.answerPanel()->answerText().startsWith("Answer:"));

  // A human keyframe, then "what if": the Answerer on it, from cached vision features.
  const int notModel = [&] {
    for (int i = 0; i < 8; ++i)
      if (std::find(w.session()->result()->keyframes.begin(), w.session()->result()->keyframes.end(), i) ==
          w.session()->result()->keyframes.end())
        return i;
    return 0;
  }();
  // Toggling writes the project database at once, and undo restores it.
  QVERIFY(w.projectStore());
  QVERIFY(w.session()->itemId() > 0);
  const std::string author = qEnvironmentVariable("USER", "annotator").toStdString();
  QVERIFY(!w.projectStore()->label(w.session()->itemId(), author).has_value());
  Q_EMIT w.timeline()->sampledFrameClicked(notModel);  // Ctrl+click on the timeline
  QCOMPARE(w.timeline()->humanMarkCount(), 1);
  QCOMPARE(w.keyframeStrip()->count(), 4);
  {
    sevila::studio::ProjectStore reader(w.projectStore()->path());  // a second connection sees the commit
    auto label = reader.label(w.session()->itemId(), author);
    QVERIFY(label.has_value());
    QCOMPARE(label->keyframes, std::vector<int>{notModel});
  }
  w.action("actionUndo")->trigger();
  QCOMPARE(w.timeline()->humanMarkCount(), 0);
  QVERIFY(!w.projectStore()->label(w.session()->itemId(), author).has_value() ||
          w.projectStore()->label(w.session()->itemId(), author)->keyframes.empty());
  w.session()->undoStack()->redo();
  QCOMPARE(w.timeline()->humanMarkCount(), 1);

  // The label's note and confirmed/unsure state: edited beside the strip, committed, undoable.
  {
    auto* details = w.labelDetails();
    QVERIFY(details->view().exists);
    QCOMPARE(details->view().author, QString::fromStdString(author));
    auto* note = details->findChild<QLineEdit*>("labelNote");
    auto* state = details->findChild<QComboBox*>("labelState");
    QVERIFY(note && state && note->isEnabled());
    note->setText("ball half hidden");
    Q_EMIT note->editingFinished();
    QCOMPARE(w.projectStore()->label(w.session()->itemId(), author)->note, std::string("ball half hidden"));
    Q_EMIT state->activated(1);
    QVERIFY(w.projectStore()->label(w.session()->itemId(), author)->state ==
            sevila::data::LabelState::Unsure);
    QVERIFY(details->view().unsure);
    w.session()->undoStack()->undo();
    QVERIFY(w.projectStore()->label(w.session()->itemId(), author)->state ==
            sevila::data::LabelState::Confirmed);
    QCOMPARE(state->currentIndex(), 0);
    w.session()->undoStack()->undo();
    QCOMPARE(w.projectStore()->label(w.session()->itemId(), author)->note, std::string());
    w.session()->undoStack()->redo();
    w.session()->undoStack()->redo();
    QCOMPARE(w.projectStore()->label(w.session()->itemId(), author)->note, std::string("ball half hidden"));
    QVERIFY(w.projectStore()->label(w.session()->itemId(), author)->keyframes == std::vector<int>{notModel});
  }

  // keyframes.jsonl out of this project and into a fresh one, in the background: the label comes back.
  {
    QSignalSpy exported(w.labelTransfer(), &sevila::studio::LabelTransferController::exported);
    w.exportKeyframeLabels(dir.filePath("keyframes.jsonl"));
    QTRY_COMPARE_WITH_TIMEOUT(exported.count(), 1, 20000);
    QCOMPARE(exported.first().at(0).toInt(), 1);
    const QString firstProject = w.projectStore()->path();
    QVERIFY(w.openProject(dir.filePath("fresh.sevila")));  // the shown run is recorded there too
    QCOMPARE(w.timeline()->humanMarkCount(), 0);
    QSignalSpy imported(w.labelTransfer(), &sevila::studio::LabelTransferController::imported);
    w.importKeyframeLabels(dir.filePath("keyframes.jsonl"));
    QTRY_COMPARE_WITH_TIMEOUT(imported.count(), 1, 20000);
    QCOMPARE(imported.first().at(0).toInt(), 1);
    QCOMPARE(w.timeline()->humanMarkCount(), 1);
    QCOMPARE(w.session()->humanKeyframes(), QVector<int>{notModel});
    // A damaged file is refused as a whole, naming itself; the project keeps what it had.
    QFile damaged(dir.filePath("damaged.jsonl"));
    QVERIFY(damaged.open(QIODevice::WriteOnly));
    damaged.write("{\"not\": \"a label\"}\n");
    damaged.close();
    QSignalSpy refused(w.labelTransfer(), &sevila::studio::LabelTransferController::failed);
    w.importKeyframeLabels(damaged.fileName());
    QTRY_COMPARE_WITH_TIMEOUT(refused.count(), 1, 20000);
    QVERIFY2(refused.first().at(1).toString().contains("damaged.jsonl"),
             qPrintable(refused.first().at(1).toString()));
    QCOMPARE(imported.count(), 1);
    QVERIFY(w.projectStore()->label(w.session()->itemId(), author)->keyframes == std::vector<int>{notModel});
    QVERIFY(w.openProject(firstProject));
    QCOMPARE(w.timeline()->humanMarkCount(), 1);
  }
  QSignalSpy whatIf(w.runController(), &sevila::studio::RunController::whatIfFinished);
  w.action("actionReanswer")->trigger();
  QTRY_COMPARE_WITH_TIMEOUT(whatIf.count(), 1, 30000);
  QVERIFY(w.answerPanel()->answerText().contains("human keyframes"));

  // Baselines come on demand, with the oracle strip under the curve (the ground truth is known).
  QVERIFY(!w.session()->result()->concat.has_value());
  QVERIFY(w.timeline()->state().frameCorrect.isEmpty());
  const qint64 encodedBefore = w.modelController()->localEngine()->framesEncoded();
  QSignalSpy baselines(w.runController(), &sevila::studio::RunController::baselinesFinished);
  w.action("actionBaselines")->trigger();
  QTRY_COMPARE_WITH_TIMEOUT(baselines.count(), 1, 30000);
  QVERIFY(w.session()->result()->concat.has_value() && w.session()->result()->voting.has_value() &&
          w.session()->result()->oracle.has_value());
  QCOMPARE(int(w.session()->result()->frameAnswers.size()), 8);
  QCOMPARE(w.timeline()->state().frameCorrect.size(), 8);
  QCOMPARE(w.timeline()->state().frameCorrect.count(1),
           int(std::count(w.session()->result()->frameAnswers.begin(),
                          w.session()->result()->frameAnswers.end(), 1)));
  QVERIFY(w.modelController()->localEngine()->framesEncoded() - encodedBefore <=
          3);  // only concat's uniform frames
  QVERIFY(!w.action("actionBaselines")->isEnabled());
  // Go to a frame or a time, and [ ] between keyframes.
  QVERIFY(w.goToPosition("20"));
  QTRY_COMPARE(w.videoController()->currentFrame(), qint64(20));
  QVERIFY(!w.goToPosition("soon"));
  QVERIFY(w.statusBar()->currentMessage().contains("is not a frame or a time"));
  QVERIFY(w.goToPosition("0:00.0"));
  QTRY_COMPARE(w.videoController()->currentFrame(), qint64(0));
  for (int step = 0; step < 2; ++step) {
    const int next = w.session()->neighbourKeyframe(w.videoController()->currentSeconds(), true);
    QVERIFY(next >= 0);
    w.action("actionNextKeyframe")->trigger();
    QTRY_COMPARE(w.videoController()->currentFrame(),
                 qint64(w.session()->result()->frames[size_t(next)].frameIndex));
  }
  const int previous = w.session()->neighbourKeyframe(w.videoController()->currentSeconds(), false);
  QVERIFY(previous >= 0);
  w.action("actionPreviousKeyframe")->trigger();
  QTRY_COMPARE(w.videoController()->currentFrame(),
               qint64(w.session()->result()->frames[size_t(previous)].frameIndex));

  // Presentation mode opens over the window and closes again (test_screenshots shows it full screen).
  w.show();
  QVERIFY(QTest::qWaitForWindowExposed(&w));
  w.setPresentationFillsScreen(false);
  w.setPresentationMode(true);
  QVERIFY(w.presentationView());
  QVERIFY(w.presentationView()->answerText().startsWith(QChar('A' + w.session()->result()->answer.answer)));
  QVERIFY(w.presentationView()->note().contains("synthetic"));
  // The playback keys work over the presentation.
  w.presentationView()->activateWindow();
  QVERIFY(QTest::qWaitForWindowActive(w.presentationView()));
  QTest::keyClick(w.presentationView(), Qt::Key_L);
  QVERIFY(w.videoController()->isPlaying());
  QTest::keyClick(w.presentationView(), Qt::Key_K);
  QVERIFY(!w.videoController()->isPlaying());
  QTest::keyClick(w.presentationView(), Qt::Key_End);
  QTRY_COMPARE(w.videoController()->currentFrame(), w.videoController()->info().frameCount - 1);
  w.setPresentationMode(false);
  QVERIFY(!w.presentationMode());

  // The "what if" answer belongs to the keyframes it was computed on: baselines kept it; removing the
  // keyframe removes it with its bars, and undo brings both back.
  QVERIFY(w.answerPanel()->answerText().contains("human keyframes"));
  QVERIFY(!w.answerPanel()->view().whatIfProbabilities.isEmpty());
  w.session()->toggleKeyframe(notModel);
  QCOMPARE(w.timeline()->humanMarkCount(), 0);
  QVERIFY(!w.answerPanel()->answerText().contains("human keyframes"));
  QVERIFY(w.answerPanel()->view().whatIfProbabilities.isEmpty());
  QVERIFY(!w.action("actionReanswer")->isEnabled());
  w.action("actionUndo")->trigger();
  QCOMPARE(w.timeline()->humanMarkCount(), 1);
  QVERIFY(w.answerPanel()->answerText().contains("human keyframes"));
}

// CUDA asked for where there is none: the model loads on the CPU, and the status bar says why.
void TestMainWindow::cudaAbsentLoadsOnTheCpuAndSaysWhy() {
  if (sevila::nn::cudaAvailable()) QSKIP("this machine has CUDA: nothing to fall back from");
  QTemporaryDir dir;
  StudioSettings settings(dir.filePath("s.ini"), nullptr);
  QVector<sevila::testing::ReportedError> errors;
  MainWindow w(&settings, nullptr, sevila::testing::recordErrors(&errors));
  QSignalSpy loaded(w.modelController(), &sevila::studio::ModelController::loaded);
  sevila::studio::ModelRequest request;
  request.directory = QStringLiteral(SEVILA_TEST_DATA "/golden/tiny-a");
  request.checkpoint = QStringLiteral(SEVILA_TEST_DATA "/golden/tiny-a/sevila.pth");
  request.tokenizer = QStringLiteral(SEVILA_TEST_DATA "/golden/tokenizer/tiny_t5.model");
  request.device = QStringLiteral("cuda");
  w.openModel(request);
  QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 60000);
  QVERIFY(errors.isEmpty());
  const auto& summary = w.modelController()->summary();
  QCOMPARE(summary.device, QString("cpu"));
  QVERIFY(!summary.warnings.isEmpty());
  QCOMPARE(summary.warnings.first(),
           QString("cuda: no CUDA device on this machine or in this LibTorch build; running on the CPU"));
  QVERIFY2(w.statusBar()->currentMessage().contains("no CUDA device"),
           qPrintable(w.statusBar()->currentMessage()));
}

// A model without a tokenizer is refused at load, with the reason; a run that fails says why and leaves no
// stale answer on screen.
void TestMainWindow::failuresAreReportedAndNothingStaleStays() {
  QTemporaryDir dir;
  StudioSettings settings(dir.filePath("s.ini"), nullptr);
  settings.setCacheDirectory(dir.filePath("features"));
  QVector<sevila::testing::ReportedError> errors;
  MainWindow w(&settings, nullptr, sevila::testing::recordErrors(&errors));
  {
    QSignalSpy failed(w.modelController(), &sevila::studio::ModelController::loadFailed);
    sevila::studio::ModelRequest noTokenizer;
    noTokenizer.directory = QStringLiteral(SEVILA_TEST_DATA "/golden/tiny-a");  // has no spiece.model
    w.openModel(noTokenizer);
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 60000);
    QVERIFY(!w.modelController()->isLoaded());
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors[0].title, QString("Cannot open model"));
    QVERIFY2(errors[0].details.contains("spiece.model"), qPrintable(errors[0].details));
  }
  QVERIFY(sevila::testing::loadTinyModel(w));
  // A copy of the video that goes away between two runs, as a file on a removed drive does.
  const QString video = dir.filePath("magnet.ogv");
  QVERIFY(QFile::copy(QStringLiteral(SEVILA_TEST_DATA "/media/Effet_force_magnetique.ogv"), video));
  QSignalSpy opened(w.videoController(), &sevila::studio::VideoController::opened);
  w.openVideo(video);
  QTRY_COMPARE_WITH_TIMEOUT(opened.count(), 1, 20000);
  sevila::widgets::QuestionInput in;
  in.question = "what moves towards the magnet?";
  in.options = {"a ball", "a wire", "a cup"};
  in.frames = 8;
  in.keyframes = 2;
  w.questionPanel()->setInput(in);
  QSignalSpy finished(w.runController(), &sevila::studio::RunController::finished);
  QSignalSpy failed(w.runController(), &sevila::studio::RunController::failed);
  Q_EMIT w.questionPanel()->runRequested(w.questionPanel()->input());
  QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
  QVERIFY(w.answerPanel()->answerText().startsWith("Answer:"));
  QVERIFY(w.answerPanel()->view().note.contains("synthetic"));  // the notice travels with the result

  // The video is gone: the run fails, the user is told why, and the previous answer does not stay.
  QVERIFY(QFile::remove(video));
  in.question = "what moves away from the magnet?";
  w.questionPanel()->setInput(in);
  Q_EMIT w.questionPanel()->runRequested(w.questionPanel()->input());
  QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 60000);
  QCOMPARE(finished.count(), 1);
  QCOMPARE(errors.size(), 2);
  QCOMPARE(errors[1].title, QString("The run failed"));
  QVERIFY2(errors[1].details.contains("magnet.ogv"), qPrintable(errors[1].details));
  QVERIFY(w.statusBar()->currentMessage().startsWith("The run failed"));
  QVERIFY(!w.session()->hasRun());
  QCOMPARE(w.timeline()->pointCount(), 0);
  QCOMPARE(w.keyframeStrip()->count(), 0);
  QVERIFY(!w.answerPanel()->answerText().startsWith("Answer:"));
}

// Preferences › Labels › Annotator: labels are recorded under that name, and another name shows its own.
void TestMainWindow::labelsAreRecordedUnderTheAnnotatorsName() {
  QTemporaryDir dir;
  StudioSettings settings(dir.filePath("s.ini"), nullptr);
  settings.setCacheDirectory(dir.filePath("features"));
  settings.setAnnotator("alice");
  MainWindow w(&settings, nullptr, sevila::testing::recordErrors());
  QCOMPARE(w.session()->author(), std::string("alice"));
  QVERIFY(sevila::testing::loadTinyModel(w));
  QSignalSpy opened(w.videoController(), &sevila::studio::VideoController::opened);
  w.openVideo(QStringLiteral(SEVILA_TEST_DATA "/media/Effet_force_magnetique.ogv"));
  QTRY_COMPARE_WITH_TIMEOUT(opened.count(), 1, 20000);
  sevila::widgets::QuestionInput in;
  in.question = "who labels this?";
  in.options = {"alice", "bob"};
  in.frames = 8;
  in.keyframes = 2;
  w.questionPanel()->setInput(in);
  QSignalSpy finished(w.runController(), &sevila::studio::RunController::finished);
  w.action("actionRun")->trigger();
  QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
  w.session()->toggleKeyframe(3);
  const qint64 item = w.session()->itemId();
  QCOMPARE(w.projectStore()->label(item, "alice")->keyframes, std::vector<int>{3});
  QCOMPARE(w.labelDetails()->view().author, QString("alice"));
  w.setAnnotator("bob");
  QVERIFY(w.session()->humanKeyframes().isEmpty());
  QCOMPARE(w.timeline()->humanMarkCount(), 0);
  QCOMPARE(w.labelDetails()->view().author, QString("bob"));
  w.session()->toggleKeyframe(5);
  QCOMPARE(w.projectStore()->label(item, "bob")->keyframes, std::vector<int>{5});
  QCOMPARE(w.projectStore()->label(item, "alice")->keyframes, std::vector<int>{3});
}

// A 1366×768 laptop leaves about 1366×705 to a maximised window (panel and title bar): the window fits,
// shows the keyframes, the label bar and the status bar, and does not grow when runs fill its panels.
void TestMainWindow::fitsALaptopScreenAndNeverGrows() {
  QTemporaryDir dir;
  StudioSettings settings(dir.filePath("s.ini"), nullptr);
  settings.setCacheDirectory(dir.filePath("features"));
  MainWindow w(&settings, nullptr, sevila::testing::recordErrors());
  const QSize laptop(1366, 705);
  w.resize(laptop);
  w.show();
  QVERIFY(QTest::qWaitForWindowExposed(&w));
  QVERIFY2(w.minimumSizeHint().height() <= laptop.height(),
           qPrintable(QString("minimum height %1").arg(w.minimumSizeHint().height())));
  QCOMPARE(w.size(), laptop);
  QVERIFY(sevila::testing::loadTinyModel(w));
  QSignalSpy opened(w.videoController(), &sevila::studio::VideoController::opened);
  w.openVideo(QStringLiteral(SEVILA_TEST_DATA "/media/Effet_force_magnetique.ogv"));
  QTRY_COMPARE_WITH_TIMEOUT(opened.count(), 1, 20000);
  QSignalSpy finished(w.runController(), &sevila::studio::RunController::finished);
  for (int run = 0; run < 3; ++run) {
    sevila::widgets::QuestionInput in;
    in.question = QString("what moves towards the magnet, take %1?").arg(run);
    in.options = {"a ball rolling slowly along the table", "a wire", "a cup", "a magnet", "nothing at all"};
    in.groundTruth = 0;
    in.frames = 8;
    in.keyframes = 2 + run;
    w.questionPanel()->setInput(in);
    Q_EMIT w.questionPanel()->runRequested(w.questionPanel()->input());
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), run + 1, 60000);
    QApplication::processEvents();
    QCOMPARE(w.size(), laptop);
    QVERIFY2(
        w.minimumSizeHint().height() <= laptop.height(),
        qPrintable(QString("minimum height %1 after run %2").arg(w.minimumSizeHint().height()).arg(run + 1)));
  }
  // Run stays in view: the question panel is not scrolled away.
  QPushButton* run = nullptr;
  for (auto* b : w.questionPanel()->findChildren<QPushButton*>())
    if (b->text() == "Run") run = b;
  QVERIFY(run && !run->visibleRegion().isEmpty());
  // Visible and inside the window: the keyframes, the label bar and the status bar.
  const QRect inside = w.rect();
  for (QWidget* part : {static_cast<QWidget*>(w.keyframeStrip()), static_cast<QWidget*>(w.labelDetails()),
                        static_cast<QWidget*>(w.statusBar()), static_cast<QWidget*>(w.timeline())}) {
    QVERIFY2(part->isVisible(), part->metaObject()->className());
    const QRect r(part->mapTo(&w, QPoint(0, 0)), part->size());
    QVERIFY2(!part->visibleRegion().isEmpty(), part->metaObject()->className());
    QVERIFY2(inside.intersects(r), part->metaObject()->className());
  }
  QCOMPARE(w.keyframeStrip()->count(), 4);
  // The label bar shares the tab row, so the pictures keep a useful part of the short dock.
  const int shown = w.keyframeStrip()->visibleRegion().boundingRect().height();
  QVERIFY2(shown >= 40, qPrintable(QString("keyframe strip shows %1 px").arg(shown)));
}

void TestMainWindow::datasetBrowserListsItemsAndOpensOne() {
  QTemporaryDir dir;
  StudioSettings settings(dir.filePath("s.ini"), nullptr);
  MainWindow w(&settings, nullptr, sevila::testing::recordErrors());
  sevila::studio::DatasetSource source;
  source.dataset = "nextqa";
  source.annotations = QStringLiteral(SEVILA_TEST_DATA "/datasets/nextqa/val_sample.csv");
  source.videos = QStringLiteral(SEVILA_TEST_DATA "/media");
  QVERIFY(QFileInfo::exists(source.annotations));
  // One item already labelled in the project: its row says so once the dataset is open.
  const std::string author = qEnvironmentVariable("USER", "annotator").toStdString();
  {
    sevila::studio::ItemRecord item;
    item.dataset = "nextqa";
    item.qid = "CH_4010069381_6";
    item.question = "how do the two man play the instrument";
    sevila::studio::KeyframeLabel label;
    label.itemId = w.projectStore()->upsertItem(item);
    label.author = author;
    label.fps = 30;
    label.grid.frameIndices = {10, 30, 50, 70};
    label.grid.timestamps = {1 / 3.0, 1.0, 5 / 3.0, 7 / 3.0};
    label.keyframes = {1, 2};
    w.projectStore()->putLabel(label);
  }
  QSignalSpy opened(&w, &MainWindow::datasetOpened);
  QSignalSpy failed(&w, &MainWindow::datasetOpenFailed);
  w.openDataset(source);
  QTRY_COMPARE_WITH_TIMEOUT(opened.count() + failed.count(), 1, 20000);
  QVERIFY(failed.isEmpty());
  QVERIFY(w.datasetDock()->isVisibleTo(&w));
  QVERIFY(w.datasetBrowser()->filteredQids().size() > 10);
  QCOMPARE(opened.first().at(0).toInt(), int(w.datasetBrowser()->tableModel()->rows().size()));
  int labelled = 0;
  for (const auto& row : w.datasetBrowser()->tableModel()->rows())
    if (row.labelled) {
      ++labelled;
      QCOMPARE(row.qid, QString("CH_4010069381_6"));
    }
  QCOMPARE(labelled, 1);

  // A file that is not a dataset: refused, with the reason.
  sevila::studio::DatasetSource bad = source;
  bad.annotations = QStringLiteral(SEVILA_TEST_DATA "/media/README.md");
  w.openDataset(bad);
  QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 20000);
  QVERIFY(failed.first().at(0).toString().contains("README.md"));
  // An item whose video is not in the folder: the question still opens, the status bar says why.
  const QString qid = w.datasetBrowser()->filteredQids().first();
  w.openDatasetItem(qid);
  QVERIFY(!w.questionPanel()->input().question.isEmpty());
  QVERIFY(w.questionPanel()->input().question.endsWith("?"));  // SeViLA's NExT-QA text preprocessing
}

// A VLEP and a QVHighlights item run, re-answer and get baselines with their own prompt family (as
// `sevila run` does), and a fresh run of an item is stored under that item.
void TestMainWindow::datasetItemsRunWithTheirOwnPrompts() {
  QTemporaryDir dir;
  StudioSettings settings(dir.filePath("s.ini"), nullptr);
  settings.setCacheDirectory(dir.filePath("features"));
  settings.setOracleStripWithRuns(false);
  MainWindow w(&settings, nullptr, sevila::testing::recordErrors());
  QVERIFY(sevila::testing::loadTinyModel(w));
  const auto engine = w.modelController()->localEngine();
  const std::string video = SEVILA_TEST_DATA "/media/Effet_force_magnetique.ogv";

  // VLEP: "which event happens next", two events, no question text.
  const QString vlep = writeFile(
      dir, "vlep.jsonl",
      R"({"example_id": 7, "vid_name": "Effet_force_magnetique", "ts": [0.0, 1.2], )"
      R"("events": ["The ball rolls towards the magnet.", "The ball stays where it is."], "answer": 0, "split": "dev"})"
      "\n");
  QVERIFY(openAndRunItem(w, "vlep", vlep, "VLEP_7"));
  QVERIFY(w.session()->result().has_value());
  QCOMPARE(w.session()->result()->qid, std::string("VLEP_7"));
  QVERIFY(w.session()->result()->family == sevila::nn::PromptFamily::Vlep);
  // Stored under the item: the project's item for (vlep, VLEP_7) is the shown run's.
  const auto stored = w.projectStore()->itemByQid("vlep", "VLEP_7");
  QVERIFY(stored.has_value());
  QCOMPARE(w.session()->itemId(), qint64(stored->id));

  // The run equals the engine's with the VLEP prompts, and differs from the multiple-choice prompts'.
  sevila::engine::ChainOptions options;
  options.frames = 8;
  options.keyframes = 2;
  auto question = sevila::engine::questionFor(*w.session()->result());
  question.clip = sevila::media::ClipWindow{0.0, 1.2};
  const auto expected = engine->run(video, question, options);
  QCOMPARE(w.session()->result()->frames.size(), expected.frames.size());
  for (size_t i = 0; i < expected.frames.size(); ++i)
    QCOMPARE(w.session()->result()->frames[i].yesLogit, expected.frames[i].yesLogit);
  QCOMPARE(w.session()->result()->answer.logits, expected.answer.logits);
  auto asChoice = question;
  asChoice.family = sevila::nn::PromptFamily::MultipleChoice;
  QVERIFY(engine->run(video, asChoice, options).answer.logits != expected.answer.logits);

  // Re-answering with human keyframes uses the run's family too.
  w.session()->toggleKeyframe(0);
  w.session()->toggleKeyframe(3);
  QSignalSpy whatIf(w.runController(), &sevila::studio::RunController::whatIfFinished);
  w.action("actionReanswer")->trigger();
  QTRY_COMPARE_WITH_TIMEOUT(whatIf.count(), 1, 30000);
  const auto whatIfScores = whatIf.first().at(0).value<sevila::engine::OptionScores>();
  const std::vector<int64_t> human = {w.session()->result()->frames[0].frameIndex,
                                      w.session()->result()->frames[3].frameIndex};
  QCOMPARE(whatIfScores.logits, engine->answerWithFrames(video, human, question, options).logits);
  QVERIFY(whatIfScores.logits != engine->answerWithFrames(video, human, asChoice, options).logits);

  // Baselines too: concat on uniform frames with the VLEP prompts.
  QSignalSpy baselines(w.runController(), &sevila::studio::RunController::baselinesFinished);
  w.action("actionBaselines")->trigger();
  QTRY_COMPARE_WITH_TIMEOUT(baselines.count(), 1, 30000);
  QVERIFY(w.session()->result()->concat.has_value());
  sevila::engine::ChainResult copy = *w.session()->result();
  copy.concat.reset();
  engine->addBaselines(copy, question, options);
  QCOMPARE(w.session()->result()->concat->logits, copy.concat->logits);

  // QVHighlights: the Localizer's moment-retrieval prompt, scores only; the VLEP events do not linger.
  const QString qvh =
      writeFile(dir, "qvh.jsonl",
                R"({"qid": 9001, "query": "A ball rolls towards a magnet", "duration": 1.36, )"
                R"("vid": "Effet_force_magnetique", "relevant_windows": [[0, 1]]})"
                "\n");
  QVERIFY(openAndRunItem(w, "qvhighlights", qvh, "QVHighlight_9001"));
  QVERIFY(w.questionPanel()->input().options.isEmpty());
  QVERIFY(w.session()->result()->family == sevila::nn::PromptFamily::QvHighlights);
  QCOMPARE(w.session()->result()->question, std::string("A ball rolls towards a magnet"));
  const auto moments = engine->run(video, sevila::engine::questionFor(*w.session()->result()), options);
  for (size_t i = 0; i < moments.frames.size(); ++i)
    QCOMPARE(w.session()->result()->frames[i].yesLogit, moments.frames[i].yesLogit);
  QVERIFY(w.projectStore()->itemByQid("qvhighlights", "QVHighlight_9001").has_value());
}

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
