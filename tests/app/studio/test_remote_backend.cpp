// The studio with a `sevila serve` as its backend (Preferences ▸ Backend), the server a separate process
// on 127.0.0.1 with the tiny model: a run, a re-answer with human keyframes and the baselines give what
// the in-process engine gives; the latency is shown; a server that dies is reported, not waited on
// forever; one that restarts is retried; a video the server cannot see and a wrong token are refused
// with the reason.
#include <QAction>
#include <QLabel>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <memory>

#include "killed_child.h"
#include "main_window.h"
#include "model_controller.h"
#include "project_store.h"
#include "recording_error_reporter.h"
#include "refinement_controller.h"
#include "run_controller.h"
#include "run_session.h"
#include "studio_settings.h"
#include "studio_test_model.h"
#include "video_controller.h"
#include "widgets/question_panel.h"
#include "widgets/refinement_dialog.h"
#include "widgets/score_timeline.h"

using sevila::studio::MainWindow;
using sevila::studio::StudioSettings;

namespace {

const QString kMedia = QStringLiteral(SEVILA_TEST_DATA "/media");
const QString kVideo = kMedia + QStringLiteral("/pens.mp4");

// A `sevila serve` with the tiny model, its videos under the root "media"; port 0: any free port.
struct Server {
  std::unique_ptr<killtest::KilledChild> process;
  int port = 0;

  explicit Server(int wanted = 0, const QStringList& extra = {}) {
    std::vector<std::string> args = {SEVILA_CLI,
                                     "serve",
                                     "--port",
                                     std::to_string(wanted),
                                     "--no-cache",
                                     "--threads",
                                     "1",
                                     "--video-root",
                                     "media=" + kMedia.toStdString(),
                                     "--model",
                                     SEVILA_TEST_DATA "/golden/tiny-a",
                                     "--sevila",
                                     SEVILA_TEST_DATA "/golden/tiny-a/sevila.pth",
                                     "--tokenizer",
                                     SEVILA_TEST_DATA "/golden/tokenizer/tiny_t5.model"};
    for (const QString& a : extra) args.push_back(a.toStdString());
    process = std::make_unique<killtest::KilledChild>(args);
    for (int i = 0; i < 600 && port == 0 && process->started(); ++i) {
      process->waitFor("", std::chrono::milliseconds(100));
      const std::string& out = process->output();
      const size_t at = out.find("listening on ");
      const size_t nl = at == std::string::npos ? std::string::npos : out.find('\n', at);
      if (nl != std::string::npos) port = std::stoi(out.substr(out.rfind(':', nl) + 1));
    }
  }
  QString url() const { return QStringLiteral("http://127.0.0.1:%1").arg(port); }
};

// Each window keeps its runs and labels in a project file of its own.
void useProject(const QTemporaryDir& dir, const QString& name) {
  qputenv("SEVILA_PROJECT", dir.filePath(name).toUtf8());
}

sevila::widgets::QuestionInput pensQuestion() {
  sevila::widgets::QuestionInput in;
  in.question = "what does the person hold?";
  in.options = {"a pen", "a cup", "a phone"};
  in.groundTruth = 0;
  in.frames = 8;
  in.keyframes = 3;
  return in;
}

bool openPens(MainWindow& w) {
  QSignalSpy opened(w.videoController(), &sevila::studio::VideoController::opened);
  w.openVideo(kVideo);
  return QTest::qWaitFor([&] { return opened.count() > 0; }, 20000);
}

// Connects the window to `url` as Preferences ▸ Backend would; the load's error, or "" when connected.
QString connectTo(MainWindow& w, StudioSettings& settings, const QString& url,
                  const QString& tokenFile = {}) {
  settings.setBackendServer(url);
  settings.setBackendTokenFile(tokenFile);
  settings.setBackendFolders({kMedia + QStringLiteral("=media")});
  QSignalSpy loaded(w.modelController(), &sevila::studio::ModelController::loaded);
  QSignalSpy failed(w.modelController(), &sevila::studio::ModelController::loadFailed);
  w.openModel(sevila::studio::ModelRequest{});
  if (!QTest::qWaitFor([&] { return loaded.count() + failed.count() > 0; }, 60000)) return "no answer";
  return failed.isEmpty() ? QString() : failed.first().at(0).toString();
}

// Runs the question panel's question; the failure message, or "" when it was answered.
QString run(MainWindow& w, int timeoutMs = 60000) {
  QSignalSpy finished(w.runController(), &sevila::studio::RunController::finished);
  QSignalSpy failed(w.runController(), &sevila::studio::RunController::failed);
  w.action("actionRun")->trigger();
  if (!QTest::qWaitFor([&] { return finished.count() + failed.count() > 0; }, timeoutMs)) return "timed out";
  return failed.isEmpty() ? QString() : failed.first().at(0).toString();
}

bool near(double a, double b) {
  return std::abs(a - b) <= 1e-4 * std::max(1.0, std::abs(b));
}

void compareScores(const sevila::engine::OptionScores& remote, const sevila::engine::OptionScores& local) {
  QCOMPARE(remote.answer, local.answer);
  QCOMPARE(remote.probabilities.size(), local.probabilities.size());
  for (size_t i = 0; i < local.probabilities.size(); ++i) {
    QVERIFY2(near(remote.probabilities[i], local.probabilities[i]), qPrintable(QString::number(i)));
    QVERIFY(near(remote.logits[i], local.logits[i]));
  }
}

}  // namespace

class TestRemoteBackend : public QObject {
  Q_OBJECT

private Q_SLOTS:
  void answersLikeInProcess() {
    Server server;
    QVERIFY(server.port > 0);

    QTemporaryDir dir;
    StudioSettings localSettings(dir.filePath("local.ini"), nullptr);
    localSettings.setCacheDirectory(dir.filePath("features"));
    localSettings.setOracleStripWithRuns(false);
    useProject(dir, "local.sevila");
    MainWindow local(&localSettings, nullptr, sevila::testing::recordErrors());
    QVERIFY(openPens(local));
    QVERIFY(sevila::testing::loadTinyModel(local));

    StudioSettings remoteSettings(dir.filePath("remote.ini"), nullptr);
    remoteSettings.setOracleStripWithRuns(false);
    useProject(dir, "remote.sevila");
    MainWindow remote(&remoteSettings, nullptr, sevila::testing::recordErrors());
    QVERIFY(openPens(remote));
    const QString error = connectTo(remote, remoteSettings, server.url());
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const auto& summary = remote.modelController()->summary();
    QCOMPARE(summary.server, server.url());
    QVERIFY(remote.modelController()->isRemote() && !remote.modelController()->localEngine());
    QCOMPARE(summary.device, QStringLiteral("cpu"));
    QCOMPARE(summary.checkpointSha256, local.modelController()->summary().checkpointSha256);
    QVERIFY(summary.name.contains(QStringLiteral("127.0.0.1:%1").arg(server.port)));

    for (MainWindow* w : {&local, &remote}) {
      w->questionPanel()->setInput(pensQuestion());
      const QString failed = run(*w);
      QVERIFY2(failed.isEmpty(), qPrintable(failed));
    }
    const auto& a = *remote.session()->result();
    const auto& b = *local.session()->result();
    QCOMPARE(a.frames.size(), size_t(8));
    QCOMPARE(a.frames.size(), b.frames.size());
    for (size_t i = 0; i < b.frames.size(); ++i) {
      QCOMPARE(a.frames[i].frameIndex, b.frames[i].frameIndex);
      QVERIFY2(near(a.frames[i].yesLogit, b.frames[i].yesLogit), qPrintable(QString::number(i)));
    }
    QCOMPARE(a.keyframes, b.keyframes);
    compareScores(a.answer, b.answer);
    QCOMPARE(a.video, b.video);  // the local path, not the server's name for it
    QCOMPARE(a.checkpointSha256, b.checkpointSha256);
    QCOMPARE(remote.timeline()->pointCount(), 8);
    // The latency: round trip split into the model's work, the server's queue and the network.
    QVERIFY(a.stageSeconds.count("network") && a.stageSeconds.count("server_queue"));
    QVERIFY2(remote.statusBar()->currentMessage().contains("round trip"),
             qPrintable(remote.statusBar()->currentMessage()));

    // "What if": the same human keyframe on both, answered by each backend.
    int notModel = 0;
    while (std::find(b.keyframes.begin(), b.keyframes.end(), notModel) != b.keyframes.end()) ++notModel;
    std::vector<sevila::engine::OptionScores> whatIf;
    for (MainWindow* w : {&remote, &local}) {
      Q_EMIT w->timeline()->sampledFrameClicked(notModel);
      QSignalSpy answered(w->runController(), &sevila::studio::RunController::whatIfFinished);
      w->action("actionReanswer")->trigger();
      QVERIFY(QTest::qWaitFor([&] { return answered.count() > 0; }, 30000));
      whatIf.push_back(answered.first().at(0).value<sevila::engine::OptionScores>());
    }
    compareScores(whatIf[0], whatIf[1]);

    // The baselines on demand: concat, the single-frame answers, voting and the oracle.
    for (MainWindow* w : {&remote, &local}) {
      QSignalSpy done(w->runController(), &sevila::studio::RunController::baselinesFinished);
      w->action("actionBaselines")->trigger();
      QVERIFY(QTest::qWaitFor([&] { return done.count() > 0; }, 30000));
    }
    const auto& ra = *remote.session()->result();
    const auto& lb = *local.session()->result();
    QVERIFY(ra.concat && lb.concat && ra.voting && ra.oracle);
    compareScores(*ra.concat, *lb.concat);
    QCOMPARE(ra.frameAnswers, lb.frameAnswers);
    QCOMPARE(*ra.voting, *lb.voting);
    QCOMPARE(*ra.oracle, *lb.oracle);
  }

  void refinesOnTheServerAndSwitchesVersions() {
    QTemporaryDir dir;
    Server server(0, {QStringLiteral("--jobs-dir"), dir.filePath("jobs")});
    QVERIFY(server.port > 0);
    StudioSettings settings(dir.filePath("s.ini"), nullptr);
    settings.setOracleStripWithRuns(false);
    useProject(dir, "p.sevila");
    MainWindow w(&settings, nullptr, sevila::testing::recordErrors());
    QVERIFY(openPens(w));
    const QString error = connectTo(w, settings, server.url());
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QString baseSha = w.modelController()->summary().checkpointSha256;
    w.questionPanel()->setInput(pensQuestion());
    QVERIFY(run(w).isEmpty());
    const sevila::engine::ChainResult before = *w.session()->result();
    // Two human keyframes where the model chose none: a label in the local project.
    int marked = 0;
    for (int i = 0; i < 8 && marked < 2; ++i)
      if (std::find(before.keyframes.begin(), before.keyframes.end(), i) == before.keyframes.end()) {
        Q_EMIT w.timeline()->sampledFrameClicked(i);
        ++marked;
      }

    // Refine: the labelled question and its label go to the server, which trains; the loss arrives live.
    sevila::widgets::RefinementSettings refine;
    refine.epochs = 3;
    refine.learningRate = 1e-3;
    refine.heldOutPercent = 0;
    refine.uniformFrames = true;
    const auto versions = w.projectStore()->modelVersions();
    for (size_t i = 0; i < versions.size(); ++i)
      if (versions[i].id == w.currentVersionId()) refine.baseVersion = int(i);
    QSignalSpy finished(w.refinement(), &sevila::studio::RefinementController::finished);
    QSignalSpy failed(w.refinement(), &sevila::studio::RefinementController::failed);
    QSignalSpy losses(w.refinement(), &sevila::studio::RefinementController::lossRecorded);
    QVERIFY(w.startRefinement(refine));
    QVERIFY(QTest::qWaitFor([&] { return finished.count() + failed.count() > 0; }, 120000));
    QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().at(0).toString()));
    const auto outcome = finished.first().at(0).value<sevila::studio::RefinementOutcome>();
    QVERIFY2(outcome.checkpoint.startsWith("server:"), qPrintable(outcome.checkpoint));
    QCOMPARE(outcome.epochsCompleted, 3);
    QCOMPARE(outcome.trainQuestions, 1);
    QVERIFY(losses.count() >= 3);
    for (const auto& l : losses) QVERIFY(std::isfinite(l.at(1).toDouble()));
    QCOMPARE(outcome.checkpointSha256.size(), 64);
    QVERIFY(outcome.checkpointSha256 != baseSha);

    // The project records the server's version; switching to it makes the server answer with it, and
    // the shown question runs again.
    qint64 refined = 0;
    for (const auto& v : w.projectStore()->modelVersions())
      if (QString::fromStdString(v.checkpoint) == outcome.checkpoint) refined = v.id;
    QVERIFY(refined > 0);
    QSignalSpy loaded(w.modelController(), &sevila::studio::ModelController::loaded);
    QSignalSpy rerun(w.runController(), &sevila::studio::RunController::finished);
    QVERIFY(w.switchToVersion(refined));
    QVERIFY(QTest::qWaitFor([&] { return loaded.count() > 0; }, 60000));
    QCOMPARE(w.modelController()->summary().checkpointSha256, outcome.checkpointSha256);
    QVERIFY(QTest::qWaitFor([&] { return rerun.count() > 0; }, 60000));
    const sevila::engine::ChainResult after = *w.session()->result();
    bool changed = false;
    for (size_t i = 0; i < after.frames.size(); ++i)
      changed = changed || after.frames[i].yesLogit != before.frames[i].yesLogit;
    QVERIFY2(changed, "the refined Localizer scores every frame as before");
    QCOMPARE(after.checkpointSha256, outcome.checkpointSha256.toStdString());
  }

  void deadServerIsReportedAndARestartRetried() {
    auto server = std::make_unique<Server>();
    QVERIFY(server->port > 0);
    const int port = server->port;
    QTemporaryDir dir;
    StudioSettings settings(dir.filePath("s.ini"), nullptr);
    settings.setOracleStripWithRuns(false);
    useProject(dir, "p.sevila");
    MainWindow w(&settings, nullptr, sevila::testing::recordErrors());
    QVERIFY(openPens(w));
    QString error = connectTo(w, settings, server->url());
    QVERIFY2(error.isEmpty(), qPrintable(error));
    w.questionPanel()->setInput(pensQuestion());
    QVERIFY(run(w).isEmpty());

    // The server dies: the run is retried a few times, then reported; the window never stops answering.
    server.reset();
    QElapsedTimer clock;
    clock.start();
    error = run(w, 30000);
    QVERIFY2(error.contains("did not answer"), qPrintable(error));
    QVERIFY2(clock.elapsed() < 20000, qPrintable(QString::number(clock.elapsed())));
    QVERIFY(!w.runController()->isBusy());

    // It restarts (same port) while a run waits for it: the retry gets the answer.
    QSignalSpy finished(w.runController(), &sevila::studio::RunController::finished);
    QSignalSpy failed(w.runController(), &sevila::studio::RunController::failed);
    w.action("actionRun")->trigger();
    QTest::qWait(200);
    Server again(port);
    QCOMPARE(again.port, port);
    QVERIFY(QTest::qWaitFor([&] { return finished.count() + failed.count() > 0; }, 60000));
    QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().at(0).toString()));
    QCOMPARE(w.session()->result()->frames.size(), size_t(8));
  }

  void refusalsNameTheReason() {
    QTemporaryDir dir;
    QFile tokens(dir.filePath("tokens"));
    QVERIFY(tokens.open(QIODevice::WriteOnly));
    tokens.write("server-token-0123456789\n");
    tokens.close();
    QVERIFY(tokens.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    Server server(0, {QStringLiteral("--token-file"), tokens.fileName()});
    QVERIFY(server.port > 0);
    QFile wrong(dir.filePath("wrong"));
    QVERIFY(wrong.open(QIODevice::WriteOnly));
    wrong.write("# mine\nnot-the-token-0123456789\n");
    wrong.close();

    StudioSettings settings(dir.filePath("s.ini"), nullptr);
    useProject(dir, "p.sevila");
    MainWindow w(&settings, nullptr, sevila::testing::recordErrors());
    QString error = connectTo(w, settings, server.url(), wrong.fileName());
    QVERIFY2(error.contains("refused the token"), qPrintable(error));
    error = connectTo(w, settings, server.url(), tokens.fileName());
    QVERIFY2(error.isEmpty(), qPrintable(error));

    // A video under no mapped folder, with frames not to be sent: the server cannot see it, and the
    // message says what to map.
    settings.setBackendUploadFrames(false);
    error = connectTo(w, settings, server.url(), tokens.fileName());
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QString elsewhere = dir.filePath("pens.mp4");
    QVERIFY(QFile::copy(kVideo, elsewhere));
    QSignalSpy opened(w.videoController(), &sevila::studio::VideoController::opened);
    w.openVideo(elsewhere);
    QVERIFY(QTest::qWaitFor([&] { return opened.count() > 0; }, 20000));
    w.questionPanel()->setInput(pensQuestion());
    error = run(w);
    QVERIFY2(error.contains("the server cannot see this video"), qPrintable(error));
    // With frames sent (the default), the same video is answered on its uploaded frames: the video's
    // own frame numbers, as a mapped copy of it gets.
    settings.setBackendUploadFrames(true);
    error = connectTo(w, settings, server.url(), tokens.fileName());
    QVERIFY2(error.isEmpty(), qPrintable(error));
    error = run(w);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const auto uploaded = *w.session()->result();
    w.openVideo(kVideo);
    QVERIFY(QTest::qWaitFor([&] { return opened.count() > 1; }, 20000));
    w.questionPanel()->setInput(pensQuestion());
    error = run(w);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const auto mapped = *w.session()->result();
    QCOMPARE(uploaded.frames.size(), mapped.frames.size());
    for (size_t i = 0; i < mapped.frames.size(); ++i) {
      QCOMPARE(uploaded.frames[i].frameIndex, mapped.frames[i].frameIndex);
      QCOMPARE(uploaded.frames[i].yesLogit, mapped.frames[i].yesLogit);
    }
    QCOMPARE(uploaded.keyframes, mapped.keyframes);
    compareScores(uploaded.answer, mapped.answer);

    // Nothing listens there: a clear message, soon.
    StudioSettings other(dir.filePath("o.ini"), nullptr);
    useProject(dir, "o.sevila");
    MainWindow nowhere(&other, nullptr, sevila::testing::recordErrors());
    error = connectTo(nowhere, other, QStringLiteral("http://127.0.0.1:1"));
    QVERIFY2(error.contains("did not answer"), qPrintable(error));
    error = connectTo(nowhere, other, QStringLiteral("gpu-box:8765"));
    QVERIFY2(error.contains("http://"), qPrintable(error));
  }
};

QTEST_MAIN(TestRemoteBackend)
#include "test_remote_backend.moc"
