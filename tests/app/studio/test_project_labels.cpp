// The headless reader of a project's labels (model/data/project_labels.h) against real projects written by
// ProjectStore: every field of every label, reading while the studio holds the project open (WAL) and
// even mid-transaction, the author filter, refused files (missing, text, empty, another application's
// SQLite, a newer schema) and damaged rows (edited with the SQLite C API), each message naming the file,
// and the file left byte-for-byte untouched by every read.
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#include <filesystem>
#include <functional>
#include <memory>

#include "data/keyframe_labels.h"
#include "data/project_labels.h"
#include "core/error.h"
#include "project_store.h"

using namespace sevila::studio;
using sevila::data::KeyframeLabelRecord;
using sevila::data::ProjectLabel;
using sevila::data::readProjectLabels;

static_assert(sevila::data::kProjectApplicationId == ProjectStore::kApplicationId,
              "the headless reader and the studio must agree on the application id");
static_assert(sevila::data::kProjectSchemaVersion == ProjectStore::kSchemaVersion,
              "the headless reader must know the schema the studio writes");

namespace {

std::string u8(const QString& s) {
  return s.toStdString();
}

// n positions of SeViLA's grid over `frames` frames at `fps` (middle of each of n equal segments).
SamplingGrid grid(int n, int64_t frames, double fps) {
  SamplingGrid g;
  for (int i = 0; i < n; ++i) {
    const int64_t index = (2 * i + 1) * frames / (2 * n);
    g.frameIndices.push_back(index);
    g.timestamps.push_back(static_cast<double>(index) / fps);
  }
  return g;
}

// The message of the sevila::Error that `body` throws ("" when it throws nothing; another exception
// type fails the test through QTest's handler).
QString errorOf(const std::function<void()>& body) {
  try {
    body();
  } catch (const sevila::Error& e) {
    return QString::fromUtf8(e.what());
  }
  return {};
}

// A file's bytes and modification time (nanoseconds), to prove a read changed nothing.
struct FileSnapshot {
  bool exists = false;
  QByteArray bytes;
  std::filesystem::file_time_type mtime{};
  bool operator==(const FileSnapshot& o) const {
    return exists == o.exists && bytes == o.bytes && mtime == o.mtime;
  }
};

FileSnapshot snapshot(const QString& path) {
  FileSnapshot s;
  QFile f(path);
  s.exists = f.exists();
  if (!s.exists) return s;
  if (f.open(QIODevice::ReadOnly)) s.bytes = f.readAll();
  std::error_code ec;
  s.mtime = std::filesystem::last_write_time(std::filesystem::u8path(u8(path)), ec);
  return s;
}

// Raw SQLite edits of a project (what a hand edit, a damaged disk or a newer studio would do).
struct SqliteCloser {
  void operator()(sqlite3* db) const { sqlite3_close(db); }
};

bool execSql(const QString& path, const std::string& sql) {
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(u8(path).c_str(), &raw, SQLITE_OPEN_READWRITE, nullptr);
  const std::unique_ptr<sqlite3, SqliteCloser> db(raw);
  if (rc != SQLITE_OK) {
    qWarning("open %s: %s", qPrintable(path), sqlite3_errmsg(db.get()));
    return false;
  }
  char* error = nullptr;
  if (sqlite3_exec(db.get(), sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    qWarning("%s: %s", sql.c_str(), error ? error : "?");
    sqlite3_free(error);
    return false;
  }
  return true;
}

// The expected result of reading one label.
ProjectLabel expected(const ItemRecord& item, const std::string& videoPath, const KeyframeLabel& l) {
  ProjectLabel p;
  p.record.qid = item.qid;
  p.record.dataset = item.dataset;
  p.record.author = l.author;
  p.record.video = videoPath;
  p.record.fps = l.fps;
  p.record.grid = l.grid;
  p.record.keyframes = l.keyframes;
  p.record.state = l.state;
  p.record.note = l.note;
  p.record.created = l.createdAt;
  p.record.updated = l.updatedAt;
  p.record.windows = l.windows;
  p.record.review = l.review;
  p.record.reviewer = l.reviewer;
  p.record.reviewed = l.reviewedAt;
  p.question = item.question;
  p.options = item.options;
  p.answer = item.answer;
  p.type = item.type;
  return p;
}

// Field by field, so a failure says which field differs.
bool sameLabel(const ProjectLabel& a, const ProjectLabel& b, QString* why) {
  const KeyframeLabelRecord &x = a.record, &y = b.record;
  const std::string who = x.dataset + "/" + x.qid + "/" + x.author + ": ";
  auto differs = [&](const char* field) {
    *why = QString::fromStdString(who) + field + " differs";
    return false;
  };
  if (x.qid != y.qid) return differs("qid");
  if (x.dataset != y.dataset) return differs("dataset");
  if (x.author != y.author) return differs("author");
  if (x.video != y.video) return differs("video");
  if (x.fps != y.fps) return differs("fps");  // exact: doubles round-trip through the file
  if (x.grid.frameIndices != y.grid.frameIndices) return differs("grid.frameIndices");
  if (x.grid.timestamps != y.grid.timestamps) return differs("grid.timestamps");
  if (x.keyframes != y.keyframes) return differs("keyframes");
  if (x.state != y.state) return differs("state");
  if (x.note != y.note) return differs("note");
  if (x.created != y.created) return differs("created");
  if (x.updated != y.updated) return differs("updated");
  if (x.windows != y.windows) return differs("windows");
  if (x.review != y.review) return differs("review");
  if (x.reviewer != y.reviewer) return differs("reviewer");
  if (x.reviewed != y.reviewed) return differs("reviewed");
  if (a.question != b.question) return differs("question");
  if (a.options != b.options) return differs("options");
  if (a.answer != b.answer) return differs("answer");
  if (a.type != b.type) return differs("type");
  if (!(x == y)) return differs("record (operator==)");
  return true;
}

#define COMPARE_LABELS(actual, expectedLabels)                             \
  do {                                                                     \
    const std::vector<ProjectLabel>& mtActual = (actual);                  \
    const std::vector<ProjectLabel>& mtExpected = (expectedLabels);        \
    QCOMPARE(mtActual.size(), mtExpected.size());                          \
    for (size_t mtI = 0; mtI < mtActual.size(); ++mtI) {                   \
      QString mtWhy;                                                       \
      QVERIFY2(sameLabel(mtActual[mtI], mtExpected[mtI], &mtWhy),          \
               qPrintable(QStringLiteral("label %1: ").arg(mtI) + mtWhy)); \
    }                                                                      \
  } while (0)

}  // namespace

class TestProjectLabels : public QObject {
  Q_OBJECT

private:
  QTemporaryDir m_dir;
  QString file(const QString& name) const { return m_dir.filePath(name); }

  // A project with two videos, four items (one without a video, one without labels) and four labels of
  // three authors, one with drawn windows and a review (schema 3); returns what reading it must give, in
  // the reader's order (dataset, qid, author).
  std::vector<ProjectLabel> makeProject(ProjectStore& store) {
    const int64_t v1 =
        store.upsertVideo(VideoRecord{0, "1025/4010069381.mp4", "sha256:ab12", 240, 30000.0 / 1001.0});
    const int64_t v2 =
        store.upsertVideo(VideoRecord{0, "videos/\u00fcn\u00ef \u89c6\u9891.mp4", "", 100, 25.0});

    ItemRecord cw1;
    cw1.videoId = v1;
    cw1.qid = "CW_4010069381_1";
    cw1.dataset = "nextqa";
    cw1.question = "why did the boy run to the door?";
    cw1.options = {"to open it", "to hide", "he heard a knock", "to play", "to leave"};
    cw1.answer = 2;
    cw1.type = "CW";
    cw1.id = store.upsertItem(cw1);

    ItemRecord tn0;
    tn0.videoId = v2;
    tn0.qid = "TN_0";
    tn0.dataset = "nextqa";
    tn0.question = "where does the \"red\" car go?";
    tn0.options = {"left", "right", "\u5317\u4eac"};
    tn0.answer = std::nullopt;  // unanswered item: NULL in the file
    tn0.type = "TN";
    tn0.id = store.upsertItem(tn0);

    ItemRecord star;
    star.qid = "Interaction_T1_13";  // no video
    star.dataset = "star";
    star.question = "Which object was tidied up by the person?";
    star.options = {"The closet/cabinet.", "The blanket.", "The clothes.", "The table."};
    star.answer = 0;
    star.type = "Interaction";
    star.id = store.upsertItem(star);

    ItemRecord unlabeled;
    unlabeled.videoId = v1;
    unlabeled.qid = "CW_4010069381_2";
    unlabeled.dataset = "nextqa";
    unlabeled.options = {"a", "b"};
    store.upsertItem(unlabeled);

    auto label = [](int64_t item, const std::string& author, LabelState state, double fps, SamplingGrid g,
                    std::vector<int> keyframes, const std::string& note, const std::string& created,
                    const std::string& updated) {
      KeyframeLabel l;
      l.itemId = item;
      l.author = author;
      l.state = state;
      l.fps = fps;
      l.grid = std::move(g);
      l.keyframes = std::move(keyframes);
      l.note = note;
      l.createdAt = created;
      l.updatedAt = updated;
      return l;
    };
    const std::string wang = "\u738b\u5c0f\u660e";  // sorts after "alice" (UTF-8 bytes)
    SamplingGrid fractional;                        // timestamps that are not short decimals
    fractional.frameIndices = {0, 33, 67, 99};
    fractional.timestamps = {0.1 + 0.2, 33 / 25.0, 67 / 25.0 + 1e-9, 99 / 25.0};
    KeyframeLabel aliceCw =
        label(cw1.id, "alice", LabelState::Confirmed, 30000.0 / 1001.0, grid(8, 240, 30000.0 / 1001.0),
              {1, 2, 7}, "", "2026-11-24T10:00:00.000Z", "2026-11-24T10:05:00.123Z");
    // Frames 45, 75 and 225 at 29.97 fps: t = 1.5015, 2.5025 and 7.5075 s.
    aliceCw.windows = {{1.2, 2.9}, {7, 7.6}};
    aliceCw.review = ReviewState::Accepted;
    aliceCw.reviewer = "bob";
    aliceCw.reviewedAt = "2026-11-26T12:00:00.000Z";
    const KeyframeLabel wangCw =
        label(cw1.id, wang, LabelState::Unsure, 30000.0 / 1001.0, grid(16, 240, 30000.0 / 1001.0), {},
              "\u4e0d\u786e\u5b9a \u2014 frame 3? \"quoted\"\nline 2 \U0001F3AC\ttab",
              "2026-11-25T08:00:00.000Z", "2026-11-25T08:00:00.000Z");
    const KeyframeLabel aliceTn =
        label(tn0.id, "alice", LabelState::Unsure, 25.0, fractional, {0, 3},
              "\u00fcn\u00efc\u00f8d\u00e9 \u2713", "2026-11-26T00:00:00.001Z", "2026-11-27T23:59:59.999Z");
    const KeyframeLabel bobStar =
        label(star.id, "bob", LabelState::Confirmed, 29.97, grid(1, 10, 29.97), {0}, "single frame",
              "2026-01-01T00:00:00.000Z", "2026-01-02T00:00:00.000Z");
    // Written out of order; keepTimestamps so the expected timestamps are exact.
    for (const KeyframeLabel* l : {&bobStar, &aliceTn, &wangCw, static_cast<const KeyframeLabel*>(&aliceCw)})
      store.putLabel(*l, true);

    const std::string p1 = "1025/4010069381.mp4", p2 = "videos/\u00fcn\u00ef \u89c6\u9891.mp4";
    return {expected(cw1, p1, aliceCw), expected(cw1, p1, wangCw), expected(tn0, p2, aliceTn),
            expected(star, "", bobStar)};
  }

  // A closed project written by makeProject.
  QString closedProject(const QString& name, std::vector<ProjectLabel>* labels = nullptr) {
    const QString path = file(name);
    ProjectStore store(path);
    std::vector<ProjectLabel> made = makeProject(store);
    if (labels) *labels = std::move(made);
    return path;
  }

private Q_SLOTS:
  void initTestCase() { QVERIFY(m_dir.isValid()); }

  void readsEveryFieldOfAClosedProject() {
    std::vector<ProjectLabel> want;
    const QString path = closedProject(QStringLiteral("\u6807\u6ce8 closed.sevila"), &want);
    QVERIFY(!QFile::exists(path + "-wal"));  // the studio checkpointed and removed it on close
    QTest::qSleep(20);                       // so that a write would show in the mtime
    const FileSnapshot before = snapshot(path);
    const std::vector<ProjectLabel> got = readProjectLabels(u8(path));
    COMPARE_LABELS(got, want);
    QVERIFY(snapshot(path) == before);
    // SQLite may leave the empty WAL companions of a reader behind; they hold nothing.
    if (QFile::exists(path + "-wal")) QCOMPARE(QFileInfo(path + "-wal").size(), qint64(0));

    // The same labels as the studio's own export view (sorted differently: qid, dataset, author).
    ProjectStore store(path);
    const std::vector<KeyframeLabelRecord> records = store.keyframeLabelRecords();
    QCOMPARE(records.size(), got.size());
    for (const KeyframeLabelRecord& r : records) {
      bool found = false;
      for (const ProjectLabel& p : got) found = found || p.record == r;
      QVERIFY2(found, r.qid.c_str());
    }
    QCOMPARE(store.allLabels().size(), size_t(4));  // the studio still opens it
  }

  void readsWhileTheStudioHoldsTheProjectOpen() {
    const QString path = file(QStringLiteral("open.sevila"));
    ProjectStore store(path);
    QCOMPARE(store.journalMode(), std::string("wal"));
    std::vector<ProjectLabel> want = makeProject(store);
    // The edits are committed to the WAL, not yet to the main file: the reader must see them there.
    QVERIFY(QFileInfo(path + "-wal").size() > 0);
    QTest::qSleep(20);
    const FileSnapshot mainBefore = snapshot(path), walBefore = snapshot(path + "-wal");
    COMPARE_LABELS(readProjectLabels(u8(path)), want);
    QVERIFY(snapshot(path) == mainBefore);
    QVERIFY(snapshot(path + "-wal") == walBefore);

    // The reader left no lock behind: the studio keeps writing, and the next read sees the edit.
    const auto item = store.itemByQid("nextqa", "CW_4010069381_1");
    QVERIFY(item.has_value());
    KeyframeLabel carol;
    carol.itemId = item->id;
    carol.author = "carol";
    carol.fps = 30000.0 / 1001.0;
    carol.grid = grid(8, 240, carol.fps);
    carol.keyframes = {4};
    carol.createdAt = carol.updatedAt = "2026-12-01T00:00:00.000Z";
    store.putLabel(carol, true);
    const std::vector<ProjectLabel> after = readProjectLabels(u8(path));
    QCOMPARE(after.size(), want.size() + 1);
    QCOMPARE(after[1].record.author, std::string("carol"));  // alice < carol < 王小明
    QCOMPARE(after[1].record.keyframes, std::vector<int>{4});

    // Mid-transaction (the studio holds the write lock): the reader is not blocked and sees the last
    // committed state, not the edit in flight.
    std::vector<ProjectLabel> during;
    store.transaction([&] {
      store.removeLabel(item->id, "carol");
      during = readProjectLabels(u8(path));
    });
    QCOMPARE(during.size(), want.size() + 1);
    COMPARE_LABELS(readProjectLabels(u8(path)), want);
  }

  void filtersByAuthor() {
    std::vector<ProjectLabel> all;
    const QString path = closedProject(QStringLiteral("authors.sevila"), &all);
    const std::vector<ProjectLabel> alice = readProjectLabels(u8(path), "alice");
    COMPARE_LABELS(alice, (std::vector<ProjectLabel>{all[0], all[2]}));
    COMPARE_LABELS(readProjectLabels(u8(path), "\u738b\u5c0f\u660e"), std::vector<ProjectLabel>{all[1]});
    COMPARE_LABELS(readProjectLabels(u8(path), "bob"), std::vector<ProjectLabel>{all[3]});
    QVERIFY(readProjectLabels(u8(path), "nobody").empty());
    QVERIFY(readProjectLabels(u8(path), "Alice").empty());  // exact match
    COMPARE_LABELS(readProjectLabels(u8(path), ""), all);
  }

  void emptyProjectHasNoLabels() {
    const QString path = file(QStringLiteral("empty-project.sevila"));
    { ProjectStore store(path); }
    QVERIFY(readProjectLabels(u8(path)).empty());
  }

  // A project the studio has not migrated yet (schema 2: no windows, no review columns) reads, and its labels
  // have no drawn windows and no review. The file is not changed (the reader never migrates).
  void readsASchemaTwoProject() {
    std::vector<ProjectLabel> want;
    const QString path = closedProject(QStringLiteral("schema2.sevila"), &want);
    QVERIFY(execSql(path,
                    "BEGIN; DROP TABLE model_versions; ALTER TABLE runs DROP COLUMN checkpoint_sha256; "
                    "ALTER TABLE runs DROP COLUMN options; ALTER TABLE labels DROP COLUMN windows; ALTER "
                    "TABLE labels DROP COLUMN review_state; "
                    "ALTER TABLE labels DROP COLUMN reviewer; ALTER TABLE labels DROP COLUMN reviewed_at; "
                    "DELETE FROM schema_version WHERE version > 2; PRAGMA user_version = 2; COMMIT"));
    for (ProjectLabel& p : want) {
      p.record.windows.clear();
      p.record.review = ReviewState::None;
      p.record.reviewer.clear();
      p.record.reviewed.clear();
    }
    QTest::qSleep(20);
    const FileSnapshot before = snapshot(path);
    COMPARE_LABELS(readProjectLabels(u8(path)), want);
    QVERIFY(snapshot(path) == before);
    // Schema 1 too (runs without device and precision; the labels are the same).
    QVERIFY(execSql(path,
                    "BEGIN; ALTER TABLE runs DROP COLUMN device; ALTER TABLE runs DROP COLUMN precision; "
                    "DELETE FROM schema_version WHERE version > 1; PRAGMA user_version = 1; COMMIT"));
    COMPARE_LABELS(readProjectLabels(u8(path), "alice"), (std::vector<ProjectLabel>{want[0], want[2]}));
    // The studio migrates it to schema 3 on open, and the reader then reads the same labels.
    {
      ProjectStore store(path);
      QCOMPARE(store.schemaVersion(), 4);
    }
    COMPARE_LABELS(readProjectLabels(u8(path)), want);
  }

  void refusesMissingFilesAndNeverCreatesThem() {
    const QString missing = file(QStringLiteral("missing.sevila"));
    QString message = errorOf([&] { readProjectLabels(u8(missing)); });
    QVERIFY2(message.contains(missing) && message.contains(QStringLiteral("does not exist")),
             qPrintable(message));
    QVERIFY(!QFile::exists(missing));
    QVERIFY(!QFile::exists(missing + "-wal"));
    const QString inMissingDir = file(QStringLiteral("no/such/dir/p.sevila"));
    message = errorOf([&] { readProjectLabels(u8(inMissingDir)); });
    QVERIFY2(message.contains(inMissingDir) && message.contains(QStringLiteral("does not exist")),
             qPrintable(message));
    QVERIFY(!QDir(file(QStringLiteral("no"))).exists());
  }

  void refusesFilesThatAreNotProjects_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("reason");
    QTest::addRow("text file") << "notes.txt"
                               << "text"
                               << "is not a SeViLA project (not an SQLite database)";
    QTest::addRow("empty file") << "empty.sevila"
                                << "empty"
                                << "is an empty file";
    QTest::addRow("truncated header") << "short.sevila"
                                      << "short"
                                      << "not an SQLite database";
    QTest::addRow("directory") << "folder.sevila"
                               << "dir"
                               << "is a directory";
    QTest::addRow("another app's SQLite") << "other.db"
                                          << "foreign"
                                          << "an SQLite database of another application, application_id 0)";
    QTest::addRow("another app's id") << "other-id.db"
                                      << "foreign-id"
                                      << "another application, application_id 305419896";
    QTest::addRow("empty SQLite") << "blank.db"
                                  << "blank"
                                  << "is an empty SQLite database";
    QTest::addRow("SQLite header, garbage") << "garbage.sevila"
                                            << "garbage"
                                            << "not an SQLite database";
  }

  void refusesFilesThatAreNotProjects() {
    QFETCH(QString, name);
    QFETCH(QString, kind);
    QFETCH(QString, reason);
    const QString path = file(QStringLiteral("foreign_") + name);
    auto write = [&](const QByteArray& bytes) {
      QFile f(path);
      QVERIFY(f.open(QIODevice::WriteOnly));
      f.write(bytes);
    };
    if (kind == "text")
      write("hello, not a database\n");
    else if (kind == "empty")
      write("");
    else if (kind == "short")
      write("SQLite for");
    else if (kind == "dir")
      QVERIFY(QDir().mkpath(path));
    else if (kind == "garbage")
      write(QByteArray("SQLite format 3\0", 16) + QByteArray(4080, '\x5a'));
    if (kind == "foreign" || kind == "foreign-id" || kind == "blank") {
      QFile::remove(path);
      sqlite3* raw = nullptr;
      QCOMPARE(sqlite3_open(u8(path).c_str(), &raw), SQLITE_OK);
      const std::unique_ptr<sqlite3, SqliteCloser> db(raw);
      std::string sql = "PRAGMA user_version = 1;";  // like a project's, to be sure the id decides
      if (kind != "blank")
        sql +=
            "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes (text) VALUES ('x');";
      if (kind == "foreign-id") sql += "PRAGMA application_id = 305419896;";  // 0x12345678
      if (kind == "blank") sql = "CREATE TABLE t (x); DROP TABLE t;";         // a valid database, no schema
      QCOMPARE(sqlite3_exec(db.get(), sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
    }
    QTest::qSleep(20);
    const FileSnapshot before = snapshot(path);
    const QString message = errorOf([&] { readProjectLabels(u8(path)); });
    QVERIFY2(message.contains(path), qPrintable(message));
    QVERIFY2(message.contains(reason), qPrintable(message));
    if (kind != "dir") QVERIFY(snapshot(path) == before);
  }

  void refusesANewerSchema_data() {
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QString>("reason");
    QTest::addRow("user_version")
        << "PRAGMA user_version = 5"
        << "was written by a newer SeViLA Studio (project schema 5, this reader knows up to 4)";
    QTest::addRow("schema_version table")
        << "INSERT INTO schema_version VALUES (7, '2030-01-01T00:00:00.000Z')"
        << "newer SeViLA Studio (project schema 7";
    QTest::addRow("both")
        << "BEGIN; INSERT INTO schema_version VALUES (5, 'x'); PRAGMA user_version = 5; COMMIT"
        << "(project schema 5,";
  }

  void refusesANewerSchema() {
    QFETCH(QString, sql);
    QFETCH(QString, reason);
    const QString path =
        closedProject(QStringLiteral("newer_%1.sevila").arg(QTest::currentDataTag()).replace(' ', '_'));
    QVERIFY(execSql(path, u8(sql)));
    QTest::qSleep(20);
    const FileSnapshot before = snapshot(path);
    const QString message = errorOf([&] { readProjectLabels(u8(path)); });
    QVERIFY2(message.contains(path), qPrintable(message));
    QVERIFY2(message.contains(reason), qPrintable(message));
    QVERIFY(snapshot(path) == before);
    // The studio refuses it too when the schema_version table says so (ProjectStore reads only the
    // table; this reader also trusts a newer PRAGMA user_version).
    if (sql.contains(QStringLiteral("schema_version")))
      QVERIFY(errorOf([&] { ProjectStore store(path); }).contains(QStringLiteral("newer SeViLA Studio")));
  }

  void refusesADamagedSchemaVersion() {
    const QString path = closedProject(QStringLiteral("no-versions.sevila"));
    QVERIFY(execSql(path, "DELETE FROM schema_version"));
    QString message = errorOf([&] { readProjectLabels(u8(path)); });
    QVERIFY2(message.contains(path) && message.contains(QStringLiteral("empty schema_version table")),
             qPrintable(message));
    QVERIFY(execSql(path, "INSERT INTO schema_version VALUES (1, 'x'); PRAGMA user_version = 0"));
    message = errorOf([&] { readProjectLabels(u8(path)); });
    QVERIFY2(message.contains(QStringLiteral("user_version 0 but the schema_version table says 1")),
             qPrintable(message));
  }

  void reportsDamagedRowsByQidAndAuthor_data() {
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QString>("qid");
    QTest::addColumn<QString>("author");
    QTest::addColumn<QString>("reason");
    const QString aliceCw =
        " WHERE author = 'alice' AND item_id = (SELECT id FROM items WHERE qid = 'CW_4010069381_1')";
    QTest::addRow("keyframes not JSON")
        << "UPDATE labels SET keyframes = '[1, 2'" + aliceCw << "CW_4010069381_1"
        << "alice"
        << "keyframes is not valid JSON";
    QTest::addRow("keyframes not an array")
        << "UPDATE labels SET keyframes = '{\"k\": 1}'" + aliceCw << "CW_4010069381_1"
        << "alice"
        << "keyframes is not a JSON array";
    QTest::addRow("keyframe not an integer")
        << "UPDATE labels SET keyframes = '[1, 2.5]'" + aliceCw << "CW_4010069381_1"
        << "alice"
        << "keyframes[1] is not an integer";
    QTest::addRow("keyframe outside the grid")
        << "UPDATE labels SET keyframes = '[1, 8]'" + aliceCw << "CW_4010069381_1"
        << "alice"
        << "field 'keyframes[1]': position 8 is outside the grid [0, 8)";
    QTest::addRow("keyframes out of order")
        << "UPDATE labels SET keyframes = '[2, 1]'" + aliceCw << "CW_4010069381_1"
        << "alice"
        << "strictly increasing";
    QTest::addRow("timestamps not JSON")
        << "UPDATE labels SET timestamps = 'nan'" + aliceCw << "CW_4010069381_1"
        << "alice"
        << "timestamps is not valid JSON";
    QTest::addRow("frame indices decreasing")
        << "UPDATE labels SET frame_indices = '[15,45,75,105,135,165,225,195]'" + aliceCw << "CW_4010069381_1"
        << "alice"
        << "frame indices must not decrease";
    QTest::addRow("n not matching") << "UPDATE labels SET frame_count = 9" + aliceCw << "CW_4010069381_1"
                                    << "alice"
                                    << "says n = 9 but frame_indices holds 8 frames";
    QTest::addRow("unknown state")
        << "PRAGMA ignore_check_constraints = ON; UPDATE labels SET state = 'maybe'" + aliceCw
        << "CW_4010069381_1"
        << "alice"
        << "label state must be \"confirmed\" or \"unsure\", got \"maybe\"";
    QTest::addRow("windows not pairs")
        << "UPDATE labels SET windows = '[[1.2, 2.9], [7]]'" + aliceCw << "CW_4010069381_1"
        << "alice"
        << "windows[1] is not a [start, end] pair of numbers";
    QTest::addRow("windows not covering the keyframes")
        << "UPDATE labels SET windows = '[[1.2, 2.9]]'" + aliceCw << "CW_4010069381_1"
        << "alice"
        << "field 'relevant_windows': the drawn windows cover positions [1,2] but the keyframes are [1,2,7] "
           "(keyframes not covered: [7])";
    QTest::addRow("unknown review state")
        << "PRAGMA ignore_check_constraints = ON; UPDATE labels SET review_state = 'maybe'" + aliceCw
        << "CW_4010069381_1"
        << "alice"
        << "review state must be \"accepted\", \"rejected\" or empty, got \"maybe\"";
    QTest::addRow("review without reviewer")
        << "UPDATE labels SET reviewer = ''" + aliceCw << "CW_4010069381_1"
        << "alice"
        << "field 'review.by': a review needs a reviewer";
    QTest::addRow("options not strings") << "UPDATE items SET options = '[\"left\", 3]' WHERE qid = 'TN_0'"
                                         << "TN_0"
                                         << "alice"
                                         << "items.options[1] is not a string";
    QTest::addRow("answer not an integer")
        << "UPDATE items SET answer = 'two' WHERE qid = 'Interaction_T1_13'"
        << "Interaction_T1_13"
        << "bob"
        << "items.answer is not an integer";
    QTest::addRow("unicode author")
        << "UPDATE labels SET timestamps = '[]' WHERE author = '\u738b\u5c0f\u660e'"
        << "CW_4010069381_1"
        << "\u738b\u5c0f\u660e"
        << "sampling.pts_s";
  }

  void reportsDamagedRowsByQidAndAuthor() {
    QFETCH(QString, sql);
    QFETCH(QString, qid);
    QFETCH(QString, author);
    QFETCH(QString, reason);
    const QString path = closedProject(
        QStringLiteral("damaged_%1.sevila").arg(QString(QTest::currentDataTag()).replace(' ', '_')));
    QVERIFY(execSql(path, u8(sql)));
    QTest::qSleep(20);
    const FileSnapshot before = snapshot(path);
    const QString message = errorOf([&] { readProjectLabels(u8(path)); });
    QVERIFY2(message.startsWith(path + ": "), qPrintable(message));
    QVERIFY2(message.contains("qid '" + qid + "'"), qPrintable(message));
    QVERIFY2(message.contains("by '" + author + "'"), qPrintable(message));
    QVERIFY2(message.contains(reason), qPrintable(message));
    QVERIFY(snapshot(path) == before);
    // The filter applies before rows are parsed: another author's labels still read.
    const std::string other = author == "bob" ? "alice" : "bob";
    QVERIFY(!readProjectLabels(u8(path), other).empty());
  }
};

QTEST_GUILESS_MAIN(TestProjectLabels)

#include "test_project_labels.moc"
