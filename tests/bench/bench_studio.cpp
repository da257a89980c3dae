// Benchmark: how long the studio's event loop ever stalls (the "no stall over 100 ms") while it
// opens and indexes a 1080p video, plays it, seeks and steps through it, runs the forward chain and the
// baselines on the tiny model during playback, opens a 50,000-item dataset and toggles labels. Each phase
// reports the longest stall and how many reached 100 ms. Runs offscreen unless QT_QPA_PLATFORM says
// otherwise. Usage: bench_studio [--items N]
#include <QAction>
#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>

#include "data/keyframe_labels.h"
#include "dataset_session.h"
#include "event_loop_monitor.h"
#include "label_transfer_controller.h"
#include "main_window.h"
#include "recording_error_reporter.h"
#include "refinement_controller.h"
#include "widgets/refinement_dialog.h"
#include "run_session.h"
#include "model_controller.h"
#include "run_controller.h"
#include "studio_settings.h"
#include "video_controller.h"
#include "widgets/dataset_browser.h"
#include "widgets/dataset_filter_model.h"
#include "widgets/dataset_table_model.h"
#include "widgets/question_panel.h"
#include "widgets/sampled_frame_strip.h"

#include <QFileInfo>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QUndoStack>

#include "dataset_run_controller.h"
#include "theme.h"

using namespace sevila::studio;

namespace {

bool waitFor(const std::function<bool()>& done, int timeoutMs) {
  QElapsedTimer t;
  t.start();
  while (!done()) {
    if (t.elapsed() > timeoutMs) return false;
    QTest::qWait(10);
  }
  return true;
}

QString loadAverage() {
  std::ifstream in("/proc/loadavg");
  std::string one;
  in >> one;
  return QString::fromStdString(one.empty() ? "?" : one);
}

// Two authors' keyframe labels for every item of writeDataset's file (2 x items labels).
void writeLabels(const QString& path, int items, const std::string& author) {
  std::vector<sevila::data::KeyframeLabelRecord> records;
  const char* types[] = {"CW", "CH", "TN", "TC", "DL", "DO", "DC"};
  for (int i = 0; i < items; ++i)
    for (const std::string& who : {author, std::string("second-annotator")}) {
      sevila::data::KeyframeLabelRecord r;
      r.qid = std::string(types[i % 7]) + "_" + std::to_string(1000 + i % 500) + "_" + std::to_string(i);
      r.dataset = "nextqa";
      r.author = who;
      r.fps = 30;
      for (int k = 0; k < 32; ++k) {
        r.grid.frameIndices.push_back(14 + 28 * k);
        r.grid.timestamps.push_back((14 + 28 * k) / 30.0);
      }
      r.keyframes = {i % 8, 8 + i % 8, 20, 31};
      r.created = r.updated = "2026-11-26T10:00:00.000Z";
      records.push_back(std::move(r));
    }
  std::ofstream(path.toStdString()) << sevila::data::writeKeyframeLabels(std::move(records));
}

void writeDataset(const QString& path, int items) {
  QFile f(path);
  f.open(QIODevice::WriteOnly | QIODevice::Truncate);
  QTextStream out(&f);
  out << "video,frame_count,width,height,question,answer,qid,type,a0,a1,a2,a3,a4\n";
  const char* types[] = {"CW", "CH", "TN", "TC", "DL", "DO", "DC"};
  for (int i = 0; i < items; ++i)
    out << (1000 + i % 500) << ",900,1920,1080,what happens after the event number " << i << "," << (i % 5)
        << "," << i << "," << types[i % 7] << ",option a,option b,option c,option d,option e\n";
}

// With BENCH_VERBOSE, names every event that kept the loop busy for 30 ms or more (where a stall comes from).
class TimedApplication : public QApplication {
public:
  using QApplication::QApplication;
  bool notify(QObject* receiver, QEvent* event) override {
    if (!verbose) return QApplication::notify(receiver, event);
    QElapsedTimer t;
    t.start();
    const int type = event->type();
    const bool r = QApplication::notify(receiver, event);
    const double ms = t.nsecsElapsed() / 1e6;
    if (ms >= 30) {
      QString chain;
      for (QObject* o = receiver; o; o = o->parent()) chain += QString(o->metaObject()->className()) + "<";
      std::printf("    event %d to %s: %.1f ms\n", type, qPrintable(chain), ms);
    }
    return r;
  }
  bool verbose = qEnvironmentVariableIsSet("BENCH_VERBOSE");
};

}  // namespace

int main(int argc, char** argv) {
  if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
  TimedApplication app(argc, argv);
  int items = 50000;
  for (int i = 1; i + 1 < argc; ++i)
    if (QString(argv[i]) == "--items") items = QString(argv[i + 1]).toInt();

  const QString dir = QStringLiteral(SEVILA_BINARY_DIR "/bench-studio");
  QDir().mkpath(dir);
  const QString video = dir + "/1080p30s.mp4";
  if (!QFile::exists(video)) {
    std::printf("generating %s (30 s, 1920x1080, 30 fps, x264 GOP 60) ...\n", qPrintable(video));
    std::fflush(stdout);
    const QString cmd =
        "ffmpeg -nostdin -v error -y -f lavfi -i testsrc2=size=1920x1080:rate=30:duration=30 "
        "-c:v libx264 -preset veryfast -g 60 -pix_fmt yuv420p '" +
        video + ".tmp.mp4' && mv '" + video + ".tmp.mp4' '" + video + "'";
    if (std::system(cmd.toLocal8Bit().constData()) != 0) {
      std::fprintf(stderr, "cannot generate the video (is the ffmpeg CLI with libx264 installed?)\n");
      return 1;
    }
  }
  QTemporaryDir scratch;
  qputenv("SEVILA_PROJECT", scratch.filePath("bench.sevila").toUtf8());
  qputenv("SEVILA_CACHE_DIR", scratch.filePath("cache").toUtf8());  // a cold frame index and feature cache
  StudioSettings settings(scratch.filePath("settings.ini"), nullptr);
  settings.setCacheDirectory(scratch.filePath("features"));
  MainWindow w(&settings, nullptr, sevila::testing::recordErrors());
  w.resize(1500, 950);
  w.show();
  QTest::qWait(200);

  EventLoopMonitor monitor(5);
  monitor.setReportThresholdMs(100);
  if (qEnvironmentVariableIsSet("BENCH_VERBOSE"))
    QObject::connect(&monitor, &EventLoopMonitor::stalled,
                     [](double ms) { std::printf("  stall %.1f ms\n", ms); });
  std::printf("bench_studio: platform %s, load average %s, monitor period 5 ms\n",
              qPrintable(QApplication::platformName()), qPrintable(loadAverage()));
  std::printf("%-58s %10s %8s %8s\n", "phase", "wall (s)", "max (ms)", ">=100ms");
  bool ok = true;
  auto phase = [&](const char* name, const std::function<bool()>& work) {
    monitor.start();
    QElapsedTimer t;
    t.start();
    const bool done = work();
    monitor.stop();
    std::printf("%-58s %10.2f %8.1f %8d%s\n", name, t.elapsed() / 1000.0, monitor.maxStallMs(),
                monitor.stallsOver(100), done ? "" : "  (did not finish)");
    std::fflush(stdout);
    ok = ok && done;
  };

  VideoController* v = w.videoController();
  phase("open a 1080p video (cold frame index)", [&] {
    w.openVideo(video);
    return waitFor([&] { return v->isOpen() && !v->isOpening(); }, 120000);
  });
  phase("play 5 s", [&] {
    v->play();
    QTest::qWait(5000);
    v->pause();
    return true;
  });
  phase("J/K/L: 3 s backwards at 1x, 2 s forwards at 4x", [&] {
    v->seekFrame(v->info().frameCount - 1);
    QTest::qWait(300);
    const qint64 from = v->currentFrame();
    v->shuttleBackward();
    QTest::qWait(3000);
    const qint64 back = v->currentFrame();
    v->shuttleStop();
    v->shuttleForward();
    v->shuttleForward();
    v->shuttleForward();
    QTest::qWait(2000);
    v->shuttleStop();
    std::printf("  backwards from frame %lld to %lld in 3 s (%.0f frames/s shown at most)\n", (long long)from,
                (long long)back, double(from - back) / 3.0);
    return back < from;
  });
  phase("100 random seeks, 100 frame steps", [&] {
    auto* rng = QRandomGenerator::global();
    for (int i = 0; i < 100; ++i) {
      v->seekFrame(rng->bounded(qint64(v->info().frameCount)));
      QTest::qWait(20);
    }
    for (int i = 0; i < 100; ++i) {
      (i % 3 ? v->stepForward() : v->stepBackward());
      QTest::qWait(10);
    }
    return true;
  });
  phase("load the tiny model", [&] {
    ModelRequest request;
    request.directory = QStringLiteral(SEVILA_TEST_DATA "/golden/tiny-a");
    request.checkpoint = QStringLiteral(SEVILA_TEST_DATA "/golden/tiny-a/sevila.pth");
    request.tokenizer = QStringLiteral(SEVILA_TEST_DATA "/golden/tokenizer/tiny_t5.model");
    request.demo = true;
    w.openModel(request);
    return waitFor([&] { return bool(w.modelController()->engine()); }, 120000);
  });
  phase("forward chain, 32 frames, while playing", [&] {
    sevila::widgets::QuestionInput in;
    in.question = "what moves across the picture?";
    in.options = {"a ball", "a line", "a clock", "a number", "nothing"};
    in.groundTruth = 1;
    in.frames = 32;
    in.keyframes = 4;
    w.questionPanel()->setInput(in);
    v->play();
    Q_EMIT w.questionPanel()->runRequested(w.questionPanel()->input());
    const bool done =
        waitFor([&] { return w.session()->result().has_value() && !w.runController()->isBusy(); }, 300000);
    v->pause();
    return done;
  });
  phase("baselines (32 single-frame answers + concat)", [&] {
    w.action("actionBaselines")->trigger();
    return waitFor([&] { return w.session()->result()->concat.has_value() && !w.runController()->isBusy(); },
                   300000);
  });
  phase("toggle 20 human keyframes (20 SQLite commits)", [&] {
    for (int i = 0; i < 20; ++i) {
      QElapsedTimer call;
      call.start();
      w.session()->toggleKeyframe(i % 32);
      if (qEnvironmentVariableIsSet("BENCH_VERBOSE"))
        std::printf("  toggle %d: %.1f ms in the call\n", i, call.nsecsElapsed() / 1e6);
      QTest::qWait(5);
    }
    return true;
  });
  // What a user does between runs: each of these once stalled or could (dialogs, fonts, big repaints).
  phase("all sampled frames: the tab, 32 pictures, walk them", [&] {
    w.keyframeTabs()->setCurrentWidget(w.sampleStrip());
    const bool pictures =
        waitFor([&] { return w.sampleStrip()->hasThumbnail(0) && w.sampleStrip()->hasThumbnail(31); }, 60000);
    for (int p = 0; p < 32; ++p) {
      w.sampleStrip()->setCurrentPosition(p);
      Q_EMIT w.sampleStrip()->sampleSelected(p);
      QTest::qWait(30);
    }
    w.keyframeTabs()->setCurrentIndex(0);
    return pictures;
  });
  phase("undo and redo 20 edits", [&] {
    for (int i = 0; i < 20; ++i) {
      w.action("actionUndo")->trigger();
      QTest::qWait(5);
    }
    for (int i = 0; i < 20; ++i) {
      w.action("actionRedo")->trigger();
      QTest::qWait(5);
    }
    return true;
  });
  auto closeModalSoon = [] {
    QTimer::singleShot(400, [] {
      if (QWidget* modal = QApplication::activeModalWidget()) modal->close();
    });
  };
  phase("Preferences, Keyboard Shortcuts: open and close", [&] {
    closeModalSoon();
    w.action("actionPreferences")->trigger();
    closeModalSoon();
    w.action("actionShortcuts")->trigger();
    QTest::qWait(100);
    return true;
  });
  phase("presentation mode on and off", [&] {
    w.setPresentationMode(true);
    QTest::qWait(1500);
    w.setPresentationMode(false);
    QTest::qWait(300);
    return true;
  });
  phase("dark theme, then light", [&] {
    applyTheme(*qApp, "dark");
    QTest::qWait(300);
    applyTheme(*qApp, "light");
    QTest::qWait(300);
    return true;
  });
  phase("resize the window 10 times", [&] {
    for (int i = 0; i < 10; ++i) {
      w.resize(i % 2 ? QSize(1500, 950) : QSize(1280, 760));
      QTest::qWait(60);
    }
    return true;
  });
  phase("export both charts (PNG and SVG)", [&] {
    return w.exportChart("timeline", scratch.filePath("timeline.png")) &&
           w.exportChart("answer", scratch.filePath("answer.svg"));
  });
  phase("refine the Localizer from the labels (view open, live loss curve, seeking meanwhile)", [&] {
    auto* dialog = w.showRefinement();
    auto settings = dialog->settings();
    settings.epochs = 20;
    settings.heldOutPercent = 0;
    dialog->setSettings(settings);
    bool done = false;
    QObject::connect(w.refinement(), &RefinementController::finished, [&done] { done = true; });
    QObject::connect(w.refinement(), &RefinementController::failed, [&done](const QString& m) {
      std::printf("  refinement failed: %s\n", qPrintable(m));
      done = true;
    });
    if (!w.startRefinement(dialog->settings())) return false;
    for (int i = 0; !done && i < 40; ++i) {
      w.videoController()->seekSeconds(0.1 * i);
      QTest::qWait(50);
    }
    const bool ok = waitFor([&] { return done; }, 600000) && w.refinement() && !w.refinement()->isRunning();
    dialog->hide();
    return ok && w.projectStore()->modelVersions().size() >= 2;
  });
  const QString csv = scratch.filePath("nextqa_bench.csv");
  writeDataset(csv, items);
  const QString jsonl = scratch.filePath("keyframes.jsonl");
  writeLabels(jsonl, items, qEnvironmentVariable("USER", QStringLiteral("annotator")).toStdString());
  const QByteArray importName =
      QString("import %1 keyframe labels (keyframes.jsonl)").arg(2 * items).toUtf8();
  phase(importName.constData(), [&] {
    bool imported = false;
    QObject::connect(w.labelTransfer(), &sevila::studio::LabelTransferController::imported,
                     [&imported] { imported = true; });
    w.importKeyframeLabels(jsonl);
    return waitFor([&] { return imported; }, 300000);
  });
  const QByteArray name =
      QString("open a %1-item dataset with %2 labels, filter it").arg(items).arg(2 * items).toUtf8();
  phase(name.constData(), [&] {
    DatasetSource source;
    source.dataset = "nextqa";
    source.annotations = csv;
    source.videos = dir;
    bool opened = false;
    QObject::connect(&w, &MainWindow::datasetOpened, [&opened] { opened = true; });
    w.openDataset(source);
    if (!waitFor([&] { return opened; }, 120000)) return false;
    int labelled = 0;
    for (const auto& row : w.datasetBrowser()->tableModel()->rows()) labelled += row.labelled;
    std::printf("  %d rows in the browser, %d labelled by this author\n",
                w.datasetBrowser()->filterModel()->rowCount(), labelled);
    QTest::qWait(100);
    w.datasetBrowser()->filterModel()->setSearchText("number 4");
    QTest::qWait(100);
    return opened;
  });
  // Every item's video is the 1080p file: the browser decodes a picture for each row in view.
  for (int i = 0; i < 500; ++i) QFile::link(video, QString("%1/%2.mp4").arg(scratch.path()).arg(1000 + i));
  phase("dataset item pictures (1080p), scrolling", [&] {
    DatasetSource source;
    source.dataset = "nextqa";
    source.annotations = csv;
    source.videos = scratch.path();
    bool opened = false;
    QObject::connect(&w, &MainWindow::datasetOpened, [&opened] { opened = true; });
    w.openDataset(source);
    if (!waitFor([&] { return opened; }, 120000)) return false;
    auto* browser = w.datasetBrowser();
    browser->filterModel()->setSearchText({});
    for (int i = 0; i < 5; ++i) {
      if (!waitFor([&] { return browser->visibleQidsWithoutThumbnail().isEmpty(); }, 60000)) return false;
      browser->view()->scrollTo(browser->filterModel()->index(40 * (i + 1), 0));
      QTest::qWait(50);
    }
    return true;
  });
  phase("answer the items matching \"number 4321\" (8 frames each)", [&] {
    auto* browser = w.datasetBrowser();
    browser->filterModel()->setSearchText("number 4321");
    QTest::qWait(100);
    std::printf("  %lld item(s)\n", (long long)browser->filteredQids().size());
    settings.setFrames(8);
    settings.setKeyframes(2);
    bool done = false;
    QObject::connect(w.datasetRun(), &DatasetRunController::completed, [&done] { done = true; });
    if (!w.answerFilteredItems()) return false;
    return waitFor([&] { return done; }, 300000);
  });
  return ok ? 0 : 1;
}
