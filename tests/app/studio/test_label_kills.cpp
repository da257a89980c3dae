// Kill safety of a project's labels, measured: label_kill_worker edits labels (or imports a
// keyframes.jsonl) and is killed with SIGKILL at a random moment, again and again. After every kill the
// project passes PRAGMA integrity_check, holds every edit the worker had reported as done (and at most
// the one in flight besides), and an import is all or nothing. The counts go to docs/reliability.md.
#include <sqlite3.h>

#include <chrono>
#include <random>
#include <thread>

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include "label_edit_script.h"
#include "private_mounts.h"
#include "project_store.h"

using namespace sevila::studio;

namespace {

constexpr int kKills = 100;

QString integrityCheck(const QString& path) {
  sqlite3* db = nullptr;
  QString verdict = QStringLiteral("cannot open");
  if (sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK) {
    sqlite3_stmt* statement = nullptr;
    verdict.clear();
    if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &statement, nullptr) == SQLITE_OK) {
      while (sqlite3_step(statement) == SQLITE_ROW)
        verdict += QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(statement, 0)));
    }
    sqlite3_finalize(statement);
  }
  sqlite3_close(db);
  return verdict;
}

// The worker, started and waited for until it says "ready".
class Worker {
public:
  explicit Worker(const QStringList& args) {
    m_process.setProgram(QStringLiteral(SEVILA_KILL_WORKER));
    m_process.setArguments(args);
    m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_process.start();
  }
  bool waitReady() {
    QElapsedTimer clock;
    clock.start();
    while (!m_out.contains("ready\n") && clock.elapsed() < 30000) {
      if (!m_process.waitForReadyRead(1000) && m_process.state() == QProcess::NotRunning) return false;
      m_out += m_process.readAllStandardOutput();
    }
    m_out.remove(0, m_out.indexOf("ready\n") + 6);
    return true;
  }
  void killAfter(std::chrono::microseconds delay) {
    std::this_thread::sleep_for(delay);
    m_process.kill();  // SIGKILL
    m_process.waitForFinished(10000);
    m_out += m_process.readAllStandardOutput();
  }
  bool finish() {
    const bool done = m_process.waitForFinished(120000);
    m_out += m_process.readAllStandardOutput();
    return done && m_process.exitStatus() == QProcess::NormalExit && m_process.exitCode() == 0;
  }
  QList<QByteArray> lines() const { return m_out.split('\n'); }
  const QByteArray& output() const { return m_out; }

private:
  QProcess m_process;
  QByteArray m_out;
};

std::vector<std::optional<std::vector<int>>> aliceState(const QString& project) {
  ProjectStore store(project);
  const auto labels = store.labelsOfDataset(kill::kDataset, kill::kAuthor);
  std::vector<std::optional<std::vector<int>>> state(kill::kItems);
  for (int i = 0; i < kill::kItems; ++i) {
    const auto found = labels.find(kill::itemQid(i));
    if (found != labels.end()) state[i] = found->second.keyframes;
  }
  return state;
}

}  // namespace

class TestLabelKills : public QObject {
  Q_OBJECT
private Q_SLOTS:
  void edits_survive_kill_9() {
    QTemporaryDir dir;
    const QString project = dir.filePath(QStringLiteral("kills.sevila"));
    std::mt19937 random(20261206);
    std::uniform_int_distribution<int> delayUs(0, 150000);
    int64_t committed = 0;
    int inFlightCommitted = 0;
    for (int k = 0; k < kKills; ++k) {
      QStringList args{QStringLiteral("edits"), project, QString::number(committed)};
      if (k % 2) args << QStringLiteral("--deferred");  // the studio's mode
      Worker worker(args);
      QVERIFY2(worker.waitReady(), worker.output().constData());
      worker.killAfter(std::chrono::microseconds(delayUs(random)));
      int64_t reported = committed;  // edits [committed, reported) were reported done
      for (const QByteArray& line : worker.lines())
        if (!line.isEmpty()) reported = line.toLongLong() + 1;

      QCOMPARE(integrityCheck(project), QStringLiteral("ok"));
      const auto state = aliceState(project);
      if (state == kill::stateAfter(reported)) {
        committed = reported;
      } else {
        // The edit in flight may have committed before the kill, unreported.
        QVERIFY2(state == kill::stateAfter(reported + 1),
                 qPrintable(QStringLiteral("kill %1: an edit reported done is lost (edits before %2)")
                                .arg(k)
                                .arg(reported)));
        committed = reported + 1;
        ++inFlightCommitted;
      }
    }
    QVERIFY2(committed > kKills, "the kills came too early to test anything");
    qInfo(
        "%d kills during label edits: %lld edits committed, none lost; %d kills came after an edit's "
        "commit but before it was reported; integrity_check ok after every kill",
        kKills, static_cast<long long>(committed), inFlightCommitted);
  }

  // A full disk stops the edits with a clear error; every edit committed before it stays, the project
  // passes integrity_check, and it opens again once there is space.
  void a_full_disk_stops_edits_and_keeps_the_committed_ones() {
    QTemporaryDir dir;
    const std::string disk = dir.filePath(QStringLiteral("disk")).toStdString();
    if (!faults::mountSmallDisk(disk, 512 << 10)) QSKIP("needs root for a mount namespace of its own");
    const QString project = QString::fromStdString(disk) + QStringLiteral("/full.sevila");
    QProcess worker;
    worker.start(QStringLiteral(SEVILA_KILL_WORKER), {QStringLiteral("edits"), project, QStringLiteral("0")});
    QVERIFY(worker.waitForFinished(120000));
    QCOMPARE(worker.exitStatus(), QProcess::NormalExit);
    QCOMPARE(worker.exitCode(), 1);  // stopped by the error, not by a crash
    const QString error = QString::fromUtf8(worker.readAllStandardError());
    QVERIFY2(error.contains(project) && error.contains(QStringLiteral("disk")), qPrintable(error));
    int64_t reported = 0;
    for (const QByteArray& line : worker.readAllStandardOutput().split('\n'))
      if (!line.isEmpty() && line != "ready") reported = line.toLongLong() + 1;
    QVERIFY(reported > 10);
    // Room again (say the user freed some): the project opens and holds every committed edit.
    QVERIFY(::mount(nullptr, disk.c_str(), nullptr, MS_REMOUNT, "size=8m") == 0);
    QCOMPARE(integrityCheck(project), QStringLiteral("ok"));
    const auto state = aliceState(project);
    QVERIFY2(state == kill::stateAfter(reported) || state == kill::stateAfter(reported + 1),
             "an edit committed before the disk filled up is lost");
    qInfo("full disk: %lld edits committed before it filled up; then: %s", static_cast<long long>(reported),
          qPrintable(error.trimmed()));
    faults::unmount(disk);
  }

  void import_is_all_or_nothing_under_kill_9() {
    QTemporaryDir dir;
    // The file: 3000 labels by "ann" on items of their own.
    const QString jsonl = dir.filePath(QStringLiteral("bulk.jsonl"));
    constexpr int kBulk = 3000;
    {
      ProjectStore source(dir.filePath(QStringLiteral("source.sevila")));
      source.transaction([&] {
        for (int i = 0; i < kBulk; ++i) {
          ItemRecord item;
          item.qid = "bulk" + std::to_string(i);
          item.dataset = "bulk";
          item.question = "what happens?";
          item.options = {"a", "b"};
          KeyframeLabel label;
          label.itemId = source.upsertItem(item);
          label.author = "ann";
          label.fps = 30;
          label.grid = kill::grid();
          label.keyframes = {i % kill::kGridSize};
          source.putLabel(label);
        }
      });
      QCOMPARE(source.exportKeyframeLabels(jsonl, "ann"), kBulk);
    }
    // The project it goes into holds alice's labels already: 200 edits.
    const QString base = dir.filePath(QStringLiteral("base.sevila"));
    {
      ProjectStore store(base);
      const std::vector<int64_t> items = kill::prepareItems(store);
      for (int i = 0; i < 200; ++i) kill::applyEdit(store, items, i);
    }
    const auto baseState = kill::stateAfter(200);
    QVERIFY(aliceState(base) == baseState);

    auto annLabels = [](const QString& project) {
      ProjectStore store(project);
      return static_cast<int>(store.labelsOfDataset("bulk", "ann").size());
    };
    // How long an import takes here, so that the kills spread over it.
    const QString timed = dir.filePath(QStringLiteral("timed.sevila"));
    QVERIFY(QFile::copy(base, timed));
    Worker calibration({QStringLiteral("import"), timed, jsonl});
    QVERIFY(calibration.waitReady());
    QElapsedTimer clock;
    clock.start();
    QVERIFY2(calibration.finish(), calibration.output().constData());
    const qint64 importUs = std::max<qint64>(clock.nsecsElapsed() / 1000, 1000);
    QVERIFY(calibration.output().contains("imported 3000"));
    QCOMPARE(annLabels(timed), kBulk);

    std::mt19937 random(4242);
    std::uniform_int_distribution<qint64> delayUs(0, importUs * 13 / 10);
    int none = 0, all = 0;
    for (int k = 0; k < kKills; ++k) {
      const QString project = dir.filePath(QStringLiteral("import%1.sevila").arg(k));
      QVERIFY(QFile::copy(base, project));
      Worker worker({QStringLiteral("import"), project, jsonl});
      QVERIFY(worker.waitReady());
      worker.killAfter(std::chrono::microseconds(delayUs(random)));
      QCOMPARE(integrityCheck(project), QStringLiteral("ok"));
      QVERIFY2(aliceState(project) == baseState, "the labels already in the project changed");
      const int imported = annLabels(project);
      QVERIFY2(imported == 0 || imported == kBulk,
               qPrintable(
                   QStringLiteral("kill %1 left %2 of %3 imported labels").arg(k).arg(imported).arg(kBulk)));
      if (worker.output().contains("imported")) QCOMPARE(imported, kBulk);
      (imported ? all : none) += 1;
      QFile::remove(project);
    }
    // Both outcomes happened: the kills did land before and after the commit.
    QVERIFY(none > 0 && all > 0);
    qInfo(
        "%d kills during a %d-label import (%.0f ms unkilled): %d left nothing imported, %d everything, "
        "0 a part; integrity_check ok and the project's own labels intact after every kill",
        kKills, kBulk, importUs / 1000.0, none, all);
  }
};

int main(int argc, char** argv) {
  faults::enterPrivateMounts();  // before any thread starts
  QCoreApplication app(argc, argv);
  TestLabelKills test;
  return QTest::qExec(&test, argc, argv);
}
#include "test_label_kills.moc"
