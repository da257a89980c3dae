// The project file (SQLite) and the undoable label edits: round trips of every table, undo/redo writing
// through to the file, note merging, refusal of foreign files, keyframes.jsonl import/export, and the
// crash test: a child process editing the project is killed with SIGKILL mid-way, and every edit it
// reported is in the file.
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <cstdio>
#include <functional>

#include "commands/set_keyframes_command.h"
#include "commands/set_label_note_command.h"
#include "commands/set_label_state_command.h"
#include "commands/set_review_command.h"
#include "commands/set_windows_command.h"
#include "commands/toggle_keyframe_command.h"
#include "data/keyframe_labels.h"
#include "engine/chain_result.h"
#include "core/error.h"
#include "project_store.h"

using namespace sevila::studio;
using sevila::data::KeyframeLabelRecord;

namespace {

SamplingGrid grid8() {
  SamplingGrid g;
  for (int i = 0; i < 8; ++i) {
    g.frameIndices.push_back(15 + 30 * i);
    g.timestamps.push_back((15 + 30 * i) / 30.0);
  }
  return g;
}

LabelTarget target(int64_t item, const std::string& author = "alice") {
  return LabelTarget{item, author, 30.0, grid8()};
}

int64_t addItem(ProjectStore& store, const std::string& qid) {
  const int64_t video = store.upsertVideo(VideoRecord{0, "videos/" + qid + ".mp4", "", 240, 30.0});
  ItemRecord item;
  item.videoId = video;
  item.qid = qid;
  item.dataset = "nextqa";
  item.question = "why did the boy run?";
  item.options = {"a", "b", "c", "d", "e"};
  item.answer = 2;
  item.type = "CW";
  return store.upsertItem(item);
}

// The crash test's child: opens the project and makes `count` edits through the undo stack, printing
// "edited i" after edit i is committed, until it is killed.
int crashChild(const QString& path, int count) {
  try {
    ProjectStore store(path);
    store.setDeferredSync(
        true);  // as the studio writes: no fsync per commit, which kill -9 must not matter to
    QUndoStack stack;
    std::vector<int64_t> items;
    for (int i = 0; i < count; ++i) {
      const int64_t item = addItem(store, "CW_crash_" + std::to_string(i));
      stack.push(new ToggleKeyframeCommand(store, target(item, "crash"), i % 8));
      stack.push(new SetLabelNoteCommand(store, target(item, "crash"), "edit " + std::to_string(i)));
      std::printf("edited %d\n", i);
      std::fflush(stdout);
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "child failed: %s\n", e.what());
    return 2;
  }
  return 0;
}

}  // namespace

class TestProjectStore : public QObject {
  Q_OBJECT

private:
  QTemporaryDir m_dir;
  QString file(const QString& name) const { return m_dir.filePath(name); }

private Q_SLOTS:
  void initTestCase() { QVERIFY(m_dir.isValid()); }

  // A project written by schema 1 (no device or precision per run) opens, is migrated in one transaction,
  // keeps its runs, and records the provenance of new ones.
  void migratesASchemaOneProject() {
    const QString path = file("v1.sevila");
    sevila::studio::RunRecord run;
    {
      ProjectStore store(path);
      sevila::studio::ItemRecord item;
      item.dataset = "studio";
      item.qid = "q1";
      run.itemId = store.upsertItem(item);
      run.model = "blip2";
      run.frames = {{0, 0.0, 1.0, 0.5, 0.6}};
      run.keyframes = {0};
      run.answer = 0;
      run.optionProbabilities = {1.0};
      store.addRun(run);
    }
    {
      // Back to schema 1 as version 1 wrote it.
      QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("downgrade"));
      db.setDatabaseName(path);
      QVERIFY(db.open());
      QSqlQuery query(db);
      for (const char* sql :
           {"DROP TABLE model_versions", "ALTER TABLE runs DROP COLUMN checkpoint_sha256",
            "ALTER TABLE runs DROP COLUMN options", "ALTER TABLE runs DROP COLUMN device",
            "ALTER TABLE runs DROP COLUMN precision", "ALTER TABLE labels DROP COLUMN windows",
            "ALTER TABLE labels DROP COLUMN review_state", "ALTER TABLE labels DROP COLUMN reviewer",
            "ALTER TABLE labels DROP COLUMN reviewed_at", "DELETE FROM schema_version WHERE version > 1",
            "PRAGMA user_version = 1"})
        QVERIFY2(query.exec(QString::fromUtf8(sql)), sql);
      db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("downgrade"));
    ProjectStore store(path);
    QCOMPARE(store.schemaVersion(), 4);
    const auto item = store.itemByQid("studio", "q1");
    QVERIFY(item.has_value());
    auto runs = store.runs(item->id);
    QCOMPARE(runs.size(), size_t(1));
    QCOMPARE(runs[0].model, std::string("blip2"));
    QVERIFY(runs[0].device.empty() && runs[0].precision.empty());  // unknown for old runs
    run.device = "cuda:0";
    run.precision = "bf16";
    store.addRun(run);
    runs = store.runs(item->id);
    QCOMPARE(runs.size(), size_t(2));
    QCOMPARE(runs[1].device, std::string("cuda:0"));
    QCOMPARE(runs[1].precision, std::string("bf16"));
  }

  // Model versions: a base and a refined child, unique by (model, checkpoint); runs carry their checkpoint's
  // hash and the chain's settings, and the newest run of a version is found by model and checkpoint.
  void keepsModelVersionsAndTheirRuns() {
    ProjectStore store(file("versions.sevila"));
    sevila::studio::ModelVersion base;
    base.name = "tiny-a + sevila.pth";
    base.model = "/models/tiny-a";
    base.checkpoint = "/models/tiny-a/sevila.pth";
    base.checkpointSha256 = std::string(64, 'a');
    const int64_t baseId = store.addModelVersion(base);
    QVERIFY(baseId > 0);
    QCOMPARE(store.addModelVersion(base), baseId);  // the same pair is the same version
    sevila::studio::ModelVersion refined = base;
    refined.name = "refined 1";
    refined.checkpoint = "/p/refinements/1/checkpoint_last.pth";
    refined.parentId = baseId;
    refined.options = R"({"epochs":3})";
    refined.report = R"({"held_out":{}})";
    const int64_t refinedId = store.addModelVersion(refined);
    QVERIFY(refinedId != baseId);
    const auto all = store.modelVersions();
    QCOMPARE(all.size(), size_t(2));
    QCOMPARE(all[1].parentId, std::optional<int64_t>(baseId));
    QCOMPARE(all[1].options, refined.options);
    QVERIFY(!all[1].createdAt.empty());
    QCOMPARE(store.modelVersionOf(refined.model, refined.checkpoint)->id, refinedId);
    QVERIFY(!store.modelVersionOf(refined.model, "other.pth"));
    QVERIFY(!store.modelVersion(refinedId + 10));
    refined.checkpoint = "bad.pth";
    refined.options = "{not json";
    QVERIFY_THROWS_EXCEPTION(sevila::Error, store.addModelVersion(refined));
    QCOMPARE(store.modelVersions().size(), size_t(2));

    sevila::studio::ItemRecord item;
    item.dataset = "studio";
    item.qid = "q";
    sevila::studio::RunRecord run;
    run.itemId = store.upsertItem(item);
    run.model = base.model;
    run.checkpoint = base.checkpoint;
    run.checkpointSha256 = base.checkpointSha256;
    run.options = R"({"frames":1,"keyframes":1,"mode":"sevila"})";
    run.frames = {{0, 0.0, 1.0, 0.5, 0.6}};
    run.keyframes = {0};
    run.answer = 0;
    run.optionProbabilities = {1.0};
    store.addRun(run);
    run.answer = 1;
    run.optionProbabilities = {0.0, 1.0};
    const int64_t newest = store.addRun(run);
    run.checkpoint = all[1].checkpoint;
    store.addRun(run);
    const auto latest = store.latestRun(run.itemId, base.model, base.checkpoint);
    QVERIFY(latest);
    QCOMPARE(latest->id, newest);
    QCOMPARE(latest->checkpointSha256, base.checkpointSha256);
    QCOMPARE(latest->options, run.options);
    QVERIFY(!store.latestRun(run.itemId, base.model, "none.pth"));
  }

  // A project as schema 2 wrote it (tables created by hand with schema 2's SQL, one label) is migrated to
  // schema 3 in place: the labels table gains windows and review columns with their defaults, the step is
  // recorded, the old label reads unchanged, and the new fields work.
  void migratesASchemaTwoProject() {
    const QString path = file("v2.sevila");
    {
      QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v2maker"));
      db.setDatabaseName(path);
      QVERIFY(db.open());
      QSqlQuery query(db);
      const QStringList schema2 = {
          QStringLiteral("PRAGMA application_id = %1").arg(ProjectStore::kApplicationId),
          "CREATE TABLE schema_version (version INTEGER NOT NULL PRIMARY KEY, applied_at TEXT NOT NULL)",
          "CREATE TABLE videos (id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, content_hash TEXT NOT "
          "NULL "
          "DEFAULT '', frame_count INTEGER NOT NULL DEFAULT 0 CHECK (frame_count >= 0), fps REAL NOT NULL "
          "DEFAULT 0 CHECK (fps >= 0))",
          "CREATE TABLE items (id INTEGER PRIMARY KEY, video_id INTEGER REFERENCES videos(id) ON DELETE SET "
          "NULL, qid TEXT NOT NULL, dataset TEXT NOT NULL, question TEXT NOT NULL DEFAULT '', options TEXT "
          "NOT "
          "NULL DEFAULT '[]', answer INTEGER, type TEXT NOT NULL DEFAULT '', UNIQUE (dataset, qid))",
          "CREATE TABLE runs (id INTEGER PRIMARY KEY, item_id INTEGER NOT NULL REFERENCES items(id) ON "
          "DELETE "
          "CASCADE, model TEXT NOT NULL DEFAULT '', checkpoint TEXT NOT NULL DEFAULT '', created_at TEXT NOT "
          "NULL, frame_scores TEXT NOT NULL, keyframes TEXT NOT NULL, answer INTEGER NOT NULL, "
          "option_probabilities TEXT NOT NULL, device TEXT NOT NULL DEFAULT '', precision TEXT NOT NULL "
          "DEFAULT '')",
          "CREATE INDEX runs_by_item ON runs(item_id)",
          "CREATE TABLE labels (id INTEGER PRIMARY KEY, item_id INTEGER NOT NULL REFERENCES items(id) ON "
          "DELETE CASCADE, author TEXT NOT NULL CHECK (author <> ''), created_at TEXT NOT NULL, updated_at "
          "TEXT NOT NULL, note TEXT NOT NULL DEFAULT '', state TEXT NOT NULL CHECK (state IN ('confirmed', "
          "'unsure')), fps REAL NOT NULL CHECK (fps > 0), frame_count INTEGER NOT NULL CHECK (frame_count > "
          "0), frame_indices TEXT NOT NULL, timestamps TEXT NOT NULL, keyframes TEXT NOT NULL, UNIQUE "
          "(item_id, author))",
          "INSERT INTO schema_version VALUES (1, '2026-01-05T09:00:00.000Z'), (2, "
          "'2026-03-01T12:00:00.000Z')",
          "PRAGMA user_version = 2",
          "INSERT INTO videos (id, path, frame_count, fps) VALUES (1, 'videos/old.mp4', 240, 30)",
          "INSERT INTO items (id, video_id, qid, dataset, question, options, answer, type) VALUES (1, 1, "
          "'CW_old_1', 'nextqa', 'why?', '[\"a\",\"b\"]', 1, 'CW')",
          "INSERT INTO labels (id, item_id, author, created_at, updated_at, note, state, fps, frame_count, "
          "frame_indices, timestamps, keyframes) VALUES (1, 1, 'alice', '2026-03-02T10:00:00.000Z', "
          "'2026-03-02T10:05:00.000Z', 'old note', 'unsure', 30, 8, '[15,45,75,105,135,165,195,225]', "
          "'[0.5,1.5,2.5,3.5,4.5,5.5,6.5,7.5]', '[1,2]')",
      };
      for (const QString& sql : schema2)
        QVERIFY2(query.exec(sql), qPrintable(sql + ": " + query.lastError().text()));
      db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("v2maker"));

    KeyframeLabel expected;
    expected.id = 1;
    expected.itemId = 1;
    expected.author = "alice";
    expected.createdAt = "2026-03-02T10:00:00.000Z";
    expected.updatedAt = "2026-03-02T10:05:00.000Z";
    expected.note = "old note";
    expected.state = LabelState::Unsure;
    expected.fps = 30;
    expected.grid = grid8();
    expected.keyframes = {1, 2};
    {
      ProjectStore store(path);
      QCOMPARE(store.schemaVersion(), 4);
      const auto old = store.label(1, "alice");
      QVERIFY(old);
      QVERIFY(*old == expected);  // no windows, no review
      QVERIFY(old->windows.empty() && old->review == ReviewState::None && old->reviewer.empty());
      // The new columns work on the migrated file.
      KeyframeLabel drawn = *old;
      drawn.windows = {{1.2, 2.8}};
      store.putLabel(drawn, true);
      store.setReview(1, "alice", ReviewState::Accepted, "bob");
    }
    {
      QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v2check"));
      db.setDatabaseName(path);
      QVERIFY(db.open());
      QSqlQuery query(db);
      QVERIFY(query.exec(QStringLiteral("PRAGMA user_version")) && query.next());
      QCOMPARE(query.value(0).toInt(), 4);
      QVERIFY(query.exec(QStringLiteral("SELECT version, applied_at FROM schema_version ORDER BY version")));
      QStringList versions;
      while (query.next()) versions << query.value(0).toString() + " " + query.value(1).toString().left(4);
      QCOMPARE(versions.size(), 4);
      QCOMPARE(versions.mid(0, 2), (QStringList{"1 2026", "2 2026"}));
      QVERIFY(versions[2].startsWith(QStringLiteral("3 ")));
      QVERIFY(versions[3].startsWith(QStringLiteral("4 ")));
      QVERIFY(query.exec(QStringLiteral("PRAGMA table_info(labels)")));
      QStringList columns;
      while (query.next()) columns << query.value(1).toString();
      QCOMPARE(columns.mid(12), (QStringList{"windows", "review_state", "reviewer", "reviewed_at"}));
      QVERIFY(query.exec(QStringLiteral("SELECT windows, review_state, reviewer FROM labels WHERE id = 1")) &&
              query.next());
      QCOMPARE(query.value(0).toString(), QStringLiteral("[[1.2,2.8]]"));
      QCOMPARE(query.value(1).toString(), QStringLiteral("accepted"));
      QCOMPARE(query.value(2).toString(), QStringLiteral("bob"));
      // The CHECK constraint came with the column.
      QVERIFY(!query.exec(QStringLiteral("UPDATE labels SET review_state = 'maybe'")));
      db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("v2check"));
    ProjectStore again(path);  // opening again migrates nothing
    QCOMPARE(again.schemaVersion(), 4);
    const KeyframeLabel after = *again.label(1, "alice");
    QCOMPARE(after.windows, (std::vector<TimeWindow>{{1.2, 2.8}}));
    QVERIFY(after.review == ReviewState::Accepted);
    QCOMPARE(after.reviewer, std::string("bob"));
    QCOMPARE(after.keyframes, std::vector<int>({1, 2}));
  }

  // Deferred sync: a commit is not fsync'ed on the caller's thread; soon after it, a background checkpoint
  // has copied it from the write-ahead log into the project file itself.
  void deferredSyncCheckpointsSoonAfterACommit() {
    const QString path = file("deferred.sevila");
    ProjectStore store(path);
    store.setDeferredSync(true);
    QVERIFY(store.deferredSync());
    const int64_t item = addItem(store, "CW_deferred_1");
    KeyframeLabel label;
    label.itemId = item;
    label.author = "alice";
    label.fps = 30;
    label.grid = grid8();
    label.keyframes = {1, 5};
    store.putLabel(label);
    // The project file alone (what survives if the log were lost) holds the label once checkpointed.
    const auto mainFileHasLabel = [&] {
      const QString copy = file("deferred-copy.sevila");
      for (const QString& f : {copy, copy + "-wal", copy + "-shm"}) QFile::remove(f);
      if (!QFile::copy(path, copy)) return false;
      ProjectStore reader(copy);
      const auto i = reader.itemByQid("nextqa", "CW_deferred_1");
      return i && reader.label(i->id, "alice").has_value();
    };
    QVERIFY(!mainFileHasLabel());  // no event loop has run: still only in the log
    QTRY_VERIFY_WITH_TIMEOUT(mainFileHasLabel(), 5000);
    // The next edit too, and flushToDisk() makes it durable at once.
    label.keyframes = {2};
    store.putLabel(label);
    store.flushToDisk();
    ProjectStore check(path);
    QCOMPARE(check.label(item, "alice")->keyframes, std::vector<int>{2});
  }

  void createsWalProjectWithVersionAndApplicationId() {
    const QString path = file("new.sevila");
    {
      ProjectStore store(path);
      QCOMPARE(store.schemaVersion(), ProjectStore::kSchemaVersion);
      QCOMPARE(store.journalMode(), std::string("wal"));
    }
    QVERIFY(QFile::exists(path));
    {
      QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw"));
      db.setDatabaseName(path);
      QVERIFY(db.open());
      QSqlQuery query(db);
      QVERIFY(query.exec(QStringLiteral("PRAGMA application_id")) && query.next());
      QCOMPARE(query.value(0).toLongLong(), qlonglong(ProjectStore::kApplicationId));
      QVERIFY(query.exec(QStringLiteral("PRAGMA user_version")) && query.next());
      QCOMPARE(query.value(0).toInt(), ProjectStore::kSchemaVersion);
      QVERIFY(
          query.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")));
      QStringList tables;
      while (query.next()) tables << query.value(0).toString();
      QCOMPARE(tables,
               (QStringList{"items", "labels", "model_versions", "runs", "schema_version", "videos"}));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("raw"));
    // Every store removed its connection.
    QVERIFY(QSqlDatabase::connectionNames().isEmpty());
  }

  void videosAndItemsRoundTrip() {
    const QString path = file("items.sevila");
    VideoRecord v{0, "1025/4010069381.mp4", "sha256:abc", 1234, 29.97};
    ItemRecord item;
    int64_t videoId, itemId;
    {
      ProjectStore store(path);
      videoId = store.upsertVideo(v);
      v.id = videoId;
      item.videoId = videoId;
      item.qid = "CW_4010069381_6";
      item.dataset = "nextqa";
      item.question = "why \u00e9?";
      item.options = {"a0", "a1 \"quoted\"", "\u4e2d\u6587"};
      item.answer = 1;
      item.type = "CW";
      itemId = store.upsertItem(item);
      item.id = itemId;
      // Upserts keep ids; the same qid in another dataset is another item.
      v.frameCount = 1235;
      QCOMPARE(store.upsertVideo(v), videoId);
      item.question = "why?";
      QCOMPARE(store.upsertItem(item), itemId);
      ItemRecord other = item;
      other.dataset = "star";
      other.answer.reset();
      other.videoId.reset();
      QVERIFY(store.upsertItem(other) != itemId);
    }
    ProjectStore store(path);
    QVERIFY(store.video(videoId) == v);
    QVERIFY(store.videoByPath("1025/4010069381.mp4") == v);
    QVERIFY(!store.videoByPath("nope.mp4"));
    QVERIFY(store.item(itemId) == item);
    QVERIFY(store.itemByQid("nextqa", "CW_4010069381_6") == item);
    const std::vector<ItemRecord> all = store.items();
    QCOMPARE(all.size(), size_t(2));
    QVERIFY(!all[1].answer && !all[1].videoId);

    sevila::data::DatasetItem d;
    d.dataset = "qvhighlights";
    d.qid = "QVHighlight_8737";
    d.query = "a man talks.";
    const ItemRecord fromDataset = ProjectStore::itemFrom(d);
    QCOMPARE(fromDataset.question, std::string("a man talks."));
    QVERIFY(!fromDataset.answer);
  }

  void runsRoundTrip() {
    const QString path = file("runs.sevila");
    RunRecord run;
    {
      ProjectStore store(path);
      run.itemId = addItem(store, "TN_1_1");
      run.model = "sevila (Flan-T5-XL)";
      run.checkpoint = "sha256:0123";
      for (int i = 0; i < 4; ++i)
        run.frames.push_back({15 + 30 * i, 0.5 + i, 1.0 / 3 + i, 0.1 * i, 0.9 - 0.1 * i});
      run.keyframes = {0, 3};
      run.answer = 4;
      run.optionProbabilities = {0.1, 0.2, 0.3, 0.15, 0.25};
      run.id = store.addRun(run);
      QVERIFY(run.id > 0);
      RunRecord bad = run;
      bad.keyframes = {4};
      QVERIFY_THROWS_EXCEPTION(sevila::Error, store.addRun(bad));

      // From the engine's result type, and its grid as a label target.
      sevila::engine::ChainResult chain;
      chain.model = run.model;
      chain.checkpoint = run.checkpoint;
      for (const RunFrame& f : run.frames)
        chain.frames.push_back({f.frameIndex, f.seconds, f.yesLogit, f.yesProb, f.yesNoProb});
      chain.keyframes = run.keyframes;
      chain.answer.answer = run.answer;
      chain.answer.probabilities = run.optionProbabilities;
      chain.fps = 30;
      chain.checkpointSha256 = std::string(64, 'c');
      RunRecord expected = run;
      expected.id = 0;
      expected.checkpointSha256 = chain.checkpointSha256;
      expected.options = R"({"frames":4,"keyframes":2,"mode":"sevila"})";
      QVERIFY(runRecordFrom(chain, run.itemId) == expected);
      const LabelTarget t = labelTargetFor(run, "carol", chain.fps);
      QCOMPARE(t.grid.frameIndices, std::vector<int64_t>({15, 45, 75, 105}));
      QCOMPARE(t.grid.timestamps, std::vector<double>({0.5, 1.5, 2.5, 3.5}));
    }
    ProjectStore store(path);
    const std::vector<RunRecord> runs = store.runs(run.itemId);
    QCOMPARE(runs.size(), size_t(1));
    QVERIFY(!runs[0].createdAt.empty());
    run.createdAt = runs[0].createdAt;
    QVERIFY(runs[0] == run);  // doubles exact through the JSON column
  }

  void labelsRoundTrip() {
    const QString path = file("labels.sevila");
    KeyframeLabel l;
    {
      ProjectStore store(path);
      l.itemId = addItem(store, "CW_9_1");
      l.author = "\u738b\u5c0f\u660e";
      l.note = "line one\nline \"two\"";
      l.state = LabelState::Unsure;
      l.fps = 30000.0 / 1001.0;
      l.grid = grid8();
      l.keyframes = {1, 2, 7};
      l.id = store.putLabel(l);
      const KeyframeLabel stored = *store.label(l.itemId, l.author);
      QVERIFY(!stored.createdAt.empty());
      QCOMPARE(stored.createdAt, stored.updatedAt);
      l.createdAt = stored.createdAt;
      l.updatedAt = stored.updatedAt;
      // Invalid labels are refused and change nothing.
      KeyframeLabel bad = l;
      bad.keyframes = {8};
      QVERIFY_THROWS_EXCEPTION(sevila::Error, store.putLabel(bad));
      bad.keyframes = {2, 1};
      QVERIFY_THROWS_EXCEPTION(sevila::Error, store.putLabel(bad));
    }
    ProjectStore store(path);
    QVERIFY(store.label(l.itemId, l.author) == l);
    QCOMPARE(store.labels(l.itemId).size(), size_t(1));
    QCOMPARE(store.allLabels().size(), size_t(1));
    store.removeLabel(l.itemId, l.author);
    QVERIFY(!store.label(l.itemId, l.author));
  }

  void toggleKeyframeWritesTheFileAndUndoRestoresIt() {
    const QString path = file("toggle.sevila");
    ProjectStore store(path);
    ProjectStore reader(path);  // a second connection sees only what was committed
    const int64_t item = addItem(store, "TC_1_1");
    QUndoStack stack;
    QSignalSpy changed(&store, &ProjectStore::labelChanged);

    stack.push(new ToggleKeyframeCommand(store, target(item), 3));
    QCOMPARE(stack.undoText(), QStringLiteral("Toggle keyframe 4 (frame 105)"));
    auto onDisk = reader.label(item, "alice");
    QVERIFY(onDisk);
    QCOMPARE(onDisk->keyframes, std::vector<int>({3}));
    QVERIFY(onDisk->grid == grid8());
    QVERIFY(changed.count() >= 1);
    QCOMPARE(changed.last().at(0).toLongLong(), qlonglong(item));

    stack.push(new ToggleKeyframeCommand(store, target(item), 1));
    QCOMPARE(reader.label(item, "alice")->keyframes, std::vector<int>({1, 3}));
    const KeyframeLabel twoKeyframes = *reader.label(item, "alice");
    stack.push(new ToggleKeyframeCommand(store, target(item), 3));  // toggling off
    QCOMPARE(reader.label(item, "alice")->keyframes, std::vector<int>({1}));

    stack.undo();
    QVERIFY(reader.label(item, "alice") == twoKeyframes);  // exactly, timestamps included
    stack.undo();
    QCOMPARE(reader.label(item, "alice")->keyframes, std::vector<int>({3}));
    stack.undo();
    QVERIFY(!reader.label(item, "alice"));  // the label did not exist before the first edit
    stack.redo();
    stack.redo();
    QCOMPARE(reader.label(item, "alice")->keyframes, std::vector<int>({1, 3}));
    // Another author's label is separate.
    stack.push(new ToggleKeyframeCommand(store, target(item, "bob"), 0));
    QCOMPARE(reader.labels(item).size(), size_t(2));
    QCOMPARE(reader.label(item, "alice")->keyframes, std::vector<int>({1, 3}));
  }

  void setKeyframesStateAndGridChange() {
    ProjectStore store(file("set.sevila"));
    const int64_t item = addItem(store, "TP_1_1");
    QUndoStack stack;
    stack.push(new SetKeyframesCommand(store, target(item), {6, 2, 2, 4}));
    QCOMPARE(stack.undoText(), QStringLiteral("Accept model keyframes"));
    QCOMPARE(store.label(item, "alice")->keyframes, std::vector<int>({2, 4, 6}));
    stack.push(new SetLabelStateCommand(store, target(item), LabelState::Unsure));
    QVERIFY(store.label(item, "alice")->state == LabelState::Unsure);
    stack.push(new SetKeyframesCommand(store, target(item), {}));
    QCOMPARE(stack.undoText(), QStringLiteral("Clear keyframes"));
    QVERIFY(store.label(item, "alice")->keyframes.empty());
    QVERIFY(store.label(item, "alice")->state == LabelState::Unsure);  // clearing keeps the state
    stack.undo();
    QCOMPARE(store.label(item, "alice")->keyframes, std::vector<int>({2, 4, 6}));
    stack.undo();
    QVERIFY(store.label(item, "alice")->state == LabelState::Confirmed);

    // A toggle on another grid (say n = 4 over the same video) keeps the keyframes whose frame is in it.
    LabelTarget coarse = target(item);
    coarse.grid = SamplingGrid{{45, 75, 135, 225}, {1.5, 2.5, 4.5, 7.5}};
    stack.push(new ToggleKeyframeCommand(store, coarse, 3));
    const KeyframeLabel moved = *store.label(item, "alice");
    QVERIFY(moved.grid == coarse.grid);
    // Frames 75 (position 2 -> 1) and 135 (4 -> 2) carry over, 195 (6) is not in the new grid; + 3.
    QCOMPARE(moved.keyframes, std::vector<int>({1, 2, 3}));
    stack.undo();
    QVERIFY(store.label(item, "alice")->grid == grid8());
  }

  void noteEditsMergeIntoOneUndoStep() {
    ProjectStore store(file("note.sevila"));
    const int64_t item = addItem(store, "DC_1_1");
    QUndoStack stack;
    stack.push(new ToggleKeyframeCommand(store, target(item), 0));
    const KeyframeLabel before = *store.label(item, "alice");
    for (const char* text : {"b", "bo", "boy", "boy "})
      stack.push(new SetLabelNoteCommand(store, target(item), text));
    QCOMPARE(stack.count(), 2);  // the toggle + one merged note edit
    QCOMPARE(store.label(item, "alice")->note, std::string("boy "));
    stack.undo();
    QVERIFY(store.label(item, "alice") == before);
    stack.redo();
    QCOMPARE(store.label(item, "alice")->note, std::string("boy "));
    // Another author's note does not merge into alice's.
    stack.push(new SetLabelNoteCommand(store, target(item, "bob"), "x"));
    QCOMPARE(stack.count(), 3);
    // Another kind of edit in between ends the merge.
    stack.push(new ToggleKeyframeCommand(store, target(item), 5));
    stack.push(new SetLabelNoteCommand(store, target(item), "boy r"));
    QCOMPARE(stack.count(), 5);
    // Typing back to the original text leaves nothing to undo: the merged command is dropped.
    stack.push(new SetLabelNoteCommand(store, target(item), "boy "));
    QCOMPARE(stack.count(), 4);
    QCOMPARE(store.label(item, "alice")->note, std::string("boy "));
  }

  void failedWriteIsReportedAndDropped() {
    ProjectStore store(file("fail.sevila"));
    const int64_t item = addItem(store, "CH_1_1");
    QUndoStack stack;
    QSignalSpy failed(&store, &ProjectStore::writeFailed);
    stack.push(new ToggleKeyframeCommand(store, target(item), 8));  // outside the 8-frame grid
    QCOMPARE(failed.count(), 1);
    QVERIFY(failed.first().at(0).toString().contains(QStringLiteral("outside the grid")));
    QCOMPARE(stack.count(), 0);
    QVERIFY(!store.label(item, "alice"));
  }

  void refusesForeignFiles_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("kind");  // how to make it
    QTest::addColumn<QString>("reason");
    QTest::addRow("text file") << "notes.txt" << QByteArray("hello, not a database\n") << "bytes"
                               << "not a SeViLA project (not an SQLite database)";
    QTest::addRow("binary noise") << "noise.sevila" << QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16)
                                  << "bytes"
                                  << "not an SQLite database";
    QTest::addRow("truncated header") << "short.sevila" << QByteArray("SQLite for") << "bytes"
                                      << "not an SQLite database";
    QTest::addRow("another app's SQLite") << "other.db" << QByteArray() << "foreign"
                                          << "an SQLite database of another application";
    QTest::addRow("newer schema") << "newer.sevila" << QByteArray() << "newer"
                                  << "was written by a newer SeViLA Studio (project schema 7";
    QTest::addRow("directory") << "folder.sevila" << QByteArray() << "dir"
                               << "is not a file";
    QTest::addRow("unicode path, text") << "\u6807\u6ce8 \u00e9.sevila" << QByteArray("{}") << "bytes"
                                        << "not an SQLite database";
  }

  void refusesForeignFiles() {
    QFETCH(QString, name);
    QFETCH(QByteArray, content);
    QFETCH(QString, kind);
    QFETCH(QString, reason);
    const QString path = file(QStringLiteral("foreign_") + name);
    if (kind == "bytes") {
      QFile f(path);
      QVERIFY(f.open(QIODevice::WriteOnly));
      f.write(content);
    } else if (kind == "dir") {
      QVERIFY(QDir().mkpath(path));
    } else {
      const QString conn = QStringLiteral("maker");
      {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), conn);
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery query(db);
        QVERIFY(query.exec(QStringLiteral("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")));
        db.close();
      }
      QSqlDatabase::removeDatabase(conn);
      if (kind == "newer") {
        QFile::remove(path);
        { ProjectStore fresh(path); }
        {
          QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), conn);
          db.setDatabaseName(path);
          QVERIFY(db.open());
          QSqlQuery query(db);
          QVERIFY(query.exec(QStringLiteral("INSERT INTO schema_version VALUES (7, 'future')")));
          db.close();
        }
        QSqlDatabase::removeDatabase(conn);
      }
    }
    const QByteArray before = kind == "dir" ? QByteArray() : [&] {
      QFile f(path);
      return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }();
    try {
      ProjectStore store(path);
      QFAIL("opened a file that is not a (readable) project");
    } catch (const sevila::Error& e) {
      const QString message = QString::fromUtf8(e.what());
      QVERIFY2(message.contains(path), qPrintable(message));
      QVERIFY2(message.contains(reason), qPrintable(message));
    }
    QVERIFY(QSqlDatabase::connectionNames().isEmpty());
    if (kind == "bytes") {  // never written to
      QFile f(path);
      QVERIFY(f.open(QIODevice::ReadOnly));
      QCOMPARE(f.readAll(), before);
    }
  }

  void keyframesJsonlExportAndImport() {
    const QString path = file("export.sevila");
    ProjectStore store(path);
    store.setDeferredSync(
        true);  // as the studio writes: no fsync per commit, which kill -9 must not matter to
    QUndoStack stack;
    const int64_t a = addItem(store, "TN_2_1"), b = addItem(store, "CW_2_2");
    stack.push(new SetKeyframesCommand(store, target(b), {0, 1, 5}));
    stack.push(new ToggleKeyframeCommand(store, target(a, "bob"), 2));
    stack.push(new SetLabelNoteCommand(store, target(a, "bob"), "unsure about \u00e9"));
    stack.push(new SetLabelStateCommand(store, target(a, "bob"), LabelState::Unsure));
    const std::vector<KeyframeLabelRecord> records = store.keyframeLabelRecords();
    QCOMPARE(records.size(), size_t(2));
    QCOMPARE(records[0].qid, std::string("CW_2_2"));
    QCOMPARE(records[0].video, std::string("videos/CW_2_2.mp4"));
    QCOMPARE(store.keyframeLabelRecords("bob").size(), size_t(1));

    const QString jsonl = file("keyframes.jsonl");
    store.exportKeyframeLabels(jsonl);
    QFile f(jsonl);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray text = f.readAll();
    QCOMPARE(text.toStdString(), sevila::data::writeKeyframeLabels(records));
    QCOMPARE(text.count('\n'), 2);
    QVERIFY(text.contains("\"frame_labels\":\"yes_yes_no_no_no_yes_no_no\""));

    // Into a new project: the same labels come back, and exporting again gives the same bytes.
    ProjectStore other(file("import.sevila"));
    QSignalSpy changed(&other, &ProjectStore::labelChanged);
    QCOMPARE(other.importKeyframeLabels(jsonl), 2);
    QCOMPARE(changed.count(), 2);
    QCOMPARE(other.items().size(), size_t(2));
    const QString again = file("keyframes_again.jsonl");
    other.exportKeyframeLabels(again);
    QFile g(again);
    QVERIFY(g.open(QIODevice::ReadOnly));
    QCOMPARE(g.readAll(), text);
    // Importing into the original project updates in place (same rows, same bytes).
    QCOMPARE(store.importKeyframeLabels(jsonl), 2);
    QCOMPARE(store.allLabels().size(), size_t(2));

    // A file with one bad line imports nothing, and says where.
    const QString bad = file("bad.jsonl");
    {
      QFile out(bad);
      QVERIFY(out.open(QIODevice::WriteOnly));
      QByteArray second = text.split('\n').at(1);
      second.replace("\"keyframes\":[2]", "\"keyframes\":[9]");
      out.write(text.split('\n').at(0) + "\n" + second + "\n");
    }
    ProjectStore third(file("import_bad.sevila"));
    try {
      third.importKeyframeLabels(bad);
      QFAIL("imported a bad file");
    } catch (const sevila::Error& e) {
      QVERIFY2(QString::fromUtf8(e.what()).contains(bad + ":2: field 'keyframes[0]'"), e.what());
    }
    QVERIFY(third.allLabels().empty());
    QVERIFY(third.items().empty());
  }

  void labelsWithWindowsAndReviewRoundTrip() {
    const QString path = file("windows.sevila");
    KeyframeLabel l;
    {
      ProjectStore store(path);
      l.itemId = addItem(store, "CW_9_2");
      l.author = "alice";
      l.fps = 30;
      l.grid = grid8();  // t = 0.5, 1.5, ..., 7.5
      l.keyframes = {1, 2, 4};
      l.windows = {{1.2, 2.8}, {4.3, 4.6}};
      l.review = ReviewState::Rejected;
      l.reviewer = "bob";
      l.reviewedAt = "2026-11-25T09:00:00.000Z";
      l.id = store.putLabel(l);
      const KeyframeLabel stored = *store.label(l.itemId, l.author);
      l.createdAt = stored.createdAt;
      l.updatedAt = stored.updatedAt;
      QVERIFY(stored == l);  // the review is kept as given: the caller decides

      // Drawn windows must cover exactly the keyframes; the message names the project and the positions.
      KeyframeLabel bad = l;
      bad.keyframes = {1, 2};
      try {
        store.putLabel(bad);
        QFAIL("wrote windows that do not cover the keyframes");
      } catch (const sevila::Error& e) {
        QCOMPARE(
            QString::fromUtf8(e.what()),
            path + QStringLiteral(": refusing to write the label of item %1 by 'alice': field "
                                  "'relevant_windows': the drawn windows cover positions [1,2,4] but the "
                                  "keyframes are [1,2] (covered but not keyframes: [4])")
                       .arg(l.itemId));
      }
      bad = l;
      bad.windows = {{4.3, 4.6}, {1.2, 2.8}};
      QVERIFY_THROWS_EXCEPTION(sevila::Error, store.putLabel(bad));
      bad = l;
      bad.reviewer.clear();
      QVERIFY_THROWS_EXCEPTION(sevila::Error, store.putLabel(bad));
      QVERIFY(store.label(l.itemId, l.author) == l);  // refusals change nothing
    }
    ProjectStore store(path);
    QVERIFY(store.label(l.itemId, l.author) == l);
    QCOMPARE(store.allLabels().at(0).windows, (std::vector<TimeWindow>{{1.2, 2.8}, {4.3, 4.6}}));
  }

  void setReviewStampsAndClears() {
    ProjectStore store(file("review.sevila"));
    const int64_t item = addItem(store, "TN_5_5");
    QUndoStack stack;
    stack.push(new ToggleKeyframeCommand(store, target(item), 3));
    const KeyframeLabel before = *store.label(item, "alice");
    QSignalSpy changed(&store, &ProjectStore::labelChanged);

    store.setReview(item, "alice", ReviewState::Accepted, "bob");
    KeyframeLabel l = *store.label(item, "alice");
    QVERIFY(l.review == ReviewState::Accepted);
    QCOMPARE(l.reviewer, std::string("bob"));
    QCOMPARE(l.reviewedAt.size(), size_t(24));  // "2026-11-24T10:00:00.123Z"
    QVERIFY(l.reviewedAt.back() == 'Z');
    QCOMPARE(l.updatedAt, before.updatedAt);  // a review is not an edit of the label
    QCOMPARE(l.keyframes, before.keyframes);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.last().at(0).toLongLong(), qlonglong(item));
    QCOMPARE(changed.last().at(1).toString(), QStringLiteral("alice"));

    store.setReview(item, "alice", ReviewState::Rejected, "carol");
    l = *store.label(item, "alice");
    QVERIFY(l.review == ReviewState::Rejected);
    QCOMPARE(l.reviewer, std::string("carol"));
    store.setReview(item, "alice", ReviewState::None, "ignored");
    QVERIFY(store.label(item, "alice") == before);  // all three cleared
    QCOMPARE(changed.count(), 3);

    auto message = [&](const std::function<void()>& body) {
      try {
        body();
      } catch (const sevila::Error& e) {
        return QString::fromUtf8(e.what());
      }
      return QString();
    };
    QCOMPARE(message([&] { store.setReview(item, "alice", ReviewState::Accepted, "alice"); }),
             store.path() + QStringLiteral(": a label cannot be reviewed by its author ('alice')"));
    QCOMPARE(message([&] { store.setReview(item, "bob", ReviewState::Accepted, "carol"); }),
             store.path() + QStringLiteral(": there is no label of item %1 by 'bob' to review").arg(item));
    QCOMPARE(message([&] { store.setReview(item, "alice", ReviewState::Rejected, ""); }),
             store.path() + QStringLiteral(": a review needs a reviewer"));
    QCOMPARE(changed.count(), 3);
    QVERIFY(store.label(item, "alice") == before);
  }

  void keyframeEditsClearAReviewAndUndoRestoresIt() {
    ProjectStore store(file("review-edit.sevila"));
    const int64_t item = addItem(store, "TP_7_1");
    QUndoStack stack;
    stack.push(new SetKeyframesCommand(store, target(item), {1, 2}));
    store.setReview(item, "alice", ReviewState::Accepted, "bob");
    const KeyframeLabel reviewed = *store.label(item, "alice");
    // Note and state do not change what was reviewed: the review stays.
    stack.push(new SetLabelNoteCommand(store, target(item), "checked twice"));
    stack.push(new SetLabelStateCommand(store, target(item), LabelState::Unsure));
    const KeyframeLabel annotated = *store.label(item, "alice");
    QVERIFY(annotated.review == ReviewState::Accepted);
    QCOMPARE(annotated.reviewer, std::string("bob"));
    QCOMPARE(annotated.reviewedAt, reviewed.reviewedAt);
    // A keyframe edit does: the review is dropped.
    stack.push(new ToggleKeyframeCommand(store, target(item), 5));
    KeyframeLabel l = *store.label(item, "alice");
    QCOMPARE(l.keyframes, std::vector<int>({1, 2, 5}));
    QVERIFY(l.review == ReviewState::None);
    QVERIFY(l.reviewer.empty() && l.reviewedAt.empty());
    stack.undo();
    QVERIFY(store.label(item, "alice") == annotated);  // exactly, the review included
    // So does a window edit and a whole new keyframe set.
    stack.push(new SetWindowsCommand(store, target(item), TimeWindow{4.2, 4.8}));
    QVERIFY(store.label(item, "alice")->review == ReviewState::None);
    QCOMPARE(store.label(item, "alice")->keyframes, std::vector<int>({1, 2, 4}));
    stack.undo();
    QVERIFY(store.label(item, "alice") == annotated);
    stack.push(new SetKeyframesCommand(store, target(item), {1, 2}));  // the same set: nothing changed
    QVERIFY(store.label(item, "alice")->review == ReviewState::Accepted);
    stack.push(new SetKeyframesCommand(store, target(item), {0}));
    QVERIFY(store.label(item, "alice")->review == ReviewState::None);
    stack.undo();
    QVERIFY(store.label(item, "alice")->review == ReviewState::Accepted);

    // putLabel keeps a review the caller changed along with the content, and a restore writes exactly.
    l = *store.label(item, "alice");
    l.keyframes = {6};
    l.review = ReviewState::Rejected;
    l.reviewer = "carol";
    l.reviewedAt = "2026-12-01T00:00:00.000Z";
    store.putLabel(l);
    QVERIFY(store.label(item, "alice")->review == ReviewState::Rejected);
    l.keyframes = {7};
    store.putLabel(l, true);
    QCOMPARE(store.label(item, "alice")->keyframes, std::vector<int>({7}));
    QCOMPARE(store.label(item, "alice")->reviewer, std::string("carol"));
  }

  void windowCommandsRedoAndUndo() {
    ProjectStore store(file("windows-edit.sevila"));
    const int64_t item = addItem(store, "DO_3_3");
    QUndoStack stack;
    QSignalSpy failed(&store, &ProjectStore::writeFailed);
    using W = std::vector<TimeWindow>;
    std::vector<KeyframeLabel> states;  // the label after each edit
    auto now = [&] { return *store.label(item, "alice"); };

    // grid8 at 30 fps: t = 0.5, 1.5, ..., 7.5; the derived windows pad each run by 0.25 s.
    stack.push(new SetKeyframesCommand(store, target(item), {1, 2, 4}));
    states.push_back(now());
    QVERIFY(states.back().windows.empty());
    stack.push(new SetWindowsCommand(store, target(item), TimeWindow{3.2, 3.8}));
    QCOMPARE(stack.undoText(), QStringLiteral("Add relevant window"));
    states.push_back(now());
    QCOMPARE(states.back().windows, (W{{1.25, 2.75}, {3.2, 3.8}, {4.25, 4.75}}));
    QCOMPARE(states.back().keyframes, std::vector<int>({1, 2, 3, 4}));
    stack.push(new SetWindowsCommand(store, target(item), TimeWindow{2.7, 3.3}));  // joins two windows
    states.push_back(now());
    QCOMPARE(states.back().windows, (W{{1.25, 3.8}, {4.25, 4.75}}));
    QCOMPARE(states.back().keyframes, std::vector<int>({1, 2, 3, 4}));
    stack.push(new ToggleKeyframeCommand(store, target(item), 2));  // cut out of [1.25, 3.8]
    states.push_back(now());
    QCOMPARE(states.back().windows, (W{{1.25, 1.75}, {3.25, 3.8}, {4.25, 4.75}}));
    QCOMPARE(states.back().keyframes, std::vector<int>({1, 3, 4}));
    stack.push(new ToggleKeyframeCommand(store, target(item), 6));  // its own window
    states.push_back(now());
    QCOMPARE(states.back().windows, (W{{1.25, 1.75}, {3.25, 3.8}, {4.25, 4.75}, {6.25, 6.75}}));
    QCOMPARE(states.back().keyframes, std::vector<int>({1, 3, 4, 6}));
    stack.push(new SetWindowsCommand(store, target(item), 1));
    QCOMPARE(stack.undoText(), QStringLiteral("Remove relevant window"));
    states.push_back(now());
    QCOMPARE(states.back().windows, (W{{1.25, 1.75}, {4.25, 4.75}, {6.25, 6.75}}));
    QCOMPARE(states.back().keyframes, std::vector<int>({1, 4, 6}));
    // A window that does not exist: reported, nothing written, not on the stack.
    stack.push(new SetWindowsCommand(store, target(item), 7));
    QCOMPARE(failed.count(), 1);
    QVERIFY2(
        failed.last().at(0).toString().contains(QStringLiteral("no window 7 to remove (the label has 3)")),
        qPrintable(failed.last().at(0).toString()));
    QCOMPARE(stack.count(), 6);
    QVERIFY(now() == states.back());

    // Undo walks back through every state exactly, redo forward again.
    for (int i = static_cast<int>(states.size()) - 2; i >= 0; --i) {
      stack.undo();
      QVERIFY2(now() == states[static_cast<size_t>(i)],
               qPrintable(QStringLiteral("undo to state %1").arg(i)));
    }
    for (size_t i = 1; i < states.size(); ++i) {
      stack.redo();
      QCOMPARE(now().windows, states[i].windows);
      QCOMPARE(now().keyframes, states[i].keyframes);
    }
    // A whole keyframe set replaces the drawn windows.
    stack.push(new SetKeyframesCommand(store, target(item), {0}));
    QVERIFY(now().windows.empty());
    QCOMPARE(now().keyframes, std::vector<int>({0}));
    stack.undo();

    // Windows are times: on another grid (n = 4 over the same video) they cover its frames there.
    LabelTarget coarse = target(item);
    coarse.grid = SamplingGrid{{45, 75, 135, 225}, {1.5, 2.5, 4.5, 7.5}};
    stack.push(new ToggleKeyframeCommand(store, coarse, 0));  // t 1.5 is in [1.25, 1.75]: cut out
    const KeyframeLabel moved = now();
    QVERIFY(moved.grid == coarse.grid);
    QCOMPARE(moved.windows, (W{{4.25, 4.75}, {6.25, 6.75}}));
    QCOMPARE(moved.keyframes, std::vector<int>({2}));  // t 4.5; nothing at 6.5 on this grid

    // Removing a window of a label without drawn windows removes one of the windows the timeline shows.
    const int64_t other = addItem(store, "DO_3_4");
    stack.push(new SetKeyframesCommand(store, target(other), {1, 2, 4}));
    stack.push(new SetWindowsCommand(store, target(other), 1));
    QCOMPARE(store.label(other, "alice")->windows, (W{{1.25, 2.75}}));
    QCOMPARE(store.label(other, "alice")->keyframes, std::vector<int>({1, 2}));
  }

  void setReviewCommandUndoRedo() {
    ProjectStore store(file("review-command.sevila"));
    const int64_t item = addItem(store, "CH_2_2");
    QUndoStack stack;
    QSignalSpy failed(&store, &ProjectStore::writeFailed);
    stack.push(new ToggleKeyframeCommand(store, target(item), 1));
    store.setReview(item, "alice", ReviewState::Rejected, "carol");
    const KeyframeLabel prior = *store.label(item, "alice");

    stack.push(new SetReviewCommand(store, item, "alice", ReviewState::Accepted, "bob"));
    QCOMPARE(stack.undoText(), QStringLiteral("Accept label"));
    KeyframeLabel l = *store.label(item, "alice");
    QVERIFY(l.review == ReviewState::Accepted);
    QCOMPARE(l.reviewer, std::string("bob"));
    QVERIFY(!l.reviewedAt.empty());
    QCOMPARE(l.keyframes, std::vector<int>({1}));
    stack.undo();
    QVERIFY(store.label(item, "alice") == prior);  // carol's rejection, with its time
    stack.redo();
    QVERIFY(store.label(item, "alice")->review == ReviewState::Accepted);
    QCOMPARE(store.label(item, "alice")->reviewer, std::string("bob"));
    const KeyframeLabel accepted = *store.label(item, "alice");

    stack.push(new SetReviewCommand(store, item, "alice", ReviewState::None, ""));
    QCOMPARE(stack.undoText(), QStringLiteral("Clear review"));
    QVERIFY(store.label(item, "alice")->review == ReviewState::None);
    QVERIFY(store.label(item, "alice")->reviewer.empty());
    stack.undo();
    QVERIFY(store.label(item, "alice") == accepted);
    SetReviewCommand reject(store, item, "alice", ReviewState::Rejected, "dan");
    QCOMPARE(reject.text(), QStringLiteral("Reject label"));

    // Refused reviews are reported and dropped (pushing discards the undone "Clear review").
    const int count = stack.index();
    stack.push(new SetReviewCommand(store, item, "alice", ReviewState::Accepted, "alice"));
    QCOMPARE(failed.count(), 1);
    QVERIFY(
        failed.last().at(0).toString().contains(QStringLiteral("a label cannot be reviewed by its author")));
    stack.push(new SetReviewCommand(store, item, "zed", ReviewState::Accepted, "bob"));
    QCOMPARE(failed.count(), 2);
    QVERIFY(failed.last().at(0).toString().contains(QStringLiteral("there is no label of item")));
    QCOMPARE(stack.count(), count);
    QVERIFY(store.label(item, "alice") == accepted);
    QVERIFY(!store.label(item, "zed"));
  }

  void keyframesJsonlCarriesWindowsAndReviews() {
    ProjectStore store(file("export2.sevila"));
    QUndoStack stack;
    const int64_t a = addItem(store, "TN_8_1"), b = addItem(store, "TN_8_2");
    stack.push(new SetWindowsCommand(store, target(a), TimeWindow{1.2, 2.8}));
    store.setReview(a, "alice", ReviewState::Accepted, "bob");
    stack.push(new SetKeyframesCommand(store, target(b), {3}));
    const std::vector<KeyframeLabelRecord> records = store.keyframeLabelRecords();
    QCOMPARE(records.size(), size_t(2));
    QCOMPARE(records[0].windows, (std::vector<TimeWindow>{{1.2, 2.8}}));
    QVERIFY(records[0].review == ReviewState::Accepted);
    QCOMPARE(records[0].reviewer, std::string("bob"));
    QCOMPARE(records[0].reviewed, store.label(a, "alice")->reviewedAt);

    const QString jsonl = file("keyframes2.jsonl");
    QCOMPARE(store.exportKeyframeLabels(jsonl), 2);
    QFile f(jsonl);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray text = f.readAll();
    const QList<QByteArray> lines = text.split('\n');
    QVERIFY(lines[0].startsWith("{\"schema\":\"sevila-keyframes/2\",\"qid\":\"TN_8_1\""));
    QVERIFY(
        lines[0].contains("\"keyframes\":[1,2],\"frame_labels\":\"no_yes_yes_no_no_no_no_no\","
                          "\"relevant_windows\":[[1.2,2.8]],\"windows\":\"drawn\",\"state\":\"confirmed\""));
    QVERIFY(lines[0].contains(",\"review\":{\"state\":\"accepted\",\"by\":\"bob\",\"at\":\"" +
                              QByteArray::fromStdString(records[0].reviewed) + "\"}}"));
    QVERIFY(lines[1].startsWith("{\"schema\":\"sevila-keyframes/1\",\"qid\":\"TN_8_2\""));

    ProjectStore other(file("import2.sevila"));
    QCOMPARE(other.importKeyframeLabels(jsonl), 2);
    const auto item = other.itemByQid("nextqa", "TN_8_1");
    QVERIFY(item);
    const KeyframeLabel imported = *other.label(item->id, "alice");
    const KeyframeLabel original = *store.label(a, "alice");
    QCOMPARE(imported.windows, original.windows);
    QCOMPARE(imported.keyframes, original.keyframes);
    QVERIFY(imported.review == ReviewState::Accepted);
    QCOMPARE(imported.reviewer, original.reviewer);
    QCOMPARE(imported.reviewedAt, original.reviewedAt);
    QCOMPARE(imported.updatedAt, original.updatedAt);
    const QString again = file("keyframes2_again.jsonl");
    other.exportKeyframeLabels(again);
    QFile g(again);
    QVERIFY(g.open(QIODevice::ReadOnly));
    QCOMPARE(g.readAll(), text);
  }

  void killedMidEditKeepsEveryReportedEdit() {
    const QString path = file("crash.sevila");
    { ProjectStore create(path); }
    QProcess child;
    child.setProcessChannelMode(QProcess::SeparateChannels);
    child.start(QCoreApplication::applicationFilePath(),
                {QStringLiteral("--crash-child"), path, QStringLiteral("100000")});
    QVERIFY(child.waitForStarted(10000));
    QByteArray out;
    auto reported = [&] { return out.count('\n'); };
    QElapsedTimer timer;
    timer.start();
    while (reported() < 40 && timer.elapsed() < 120000) {
      child.waitForReadyRead(1000);
      out += child.readAllStandardOutput();
      QVERIFY2(child.state() == QProcess::Running, child.readAllStandardError().constData());
    }
    QVERIFY2(reported() >= 40, "the child made too few edits in 2 minutes");
    child.kill();  // SIGKILL: no destructor, no checkpoint, the -wal file stays behind
    QVERIFY(child.waitForFinished(10000));
    QCOMPARE(child.exitStatus(), QProcess::CrashExit);
    out += child.readAllStandardOutput();
    int last = -1;
    for (const QByteArray& line : out.split('\n')) {
      if (line.isEmpty()) continue;
      QVERIFY2(line == "edited " + QByteArray::number(last + 1), line.constData());
      last = line.mid(7).toInt();
    }
    QVERIFY(last >= 39);
    QVERIFY(QFile::exists(path + "-wal"));

    ProjectStore store(path);
    {
      QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("check"));
      db.setDatabaseName(path);
      QVERIFY(db.open());
      QSqlQuery query(db);
      QVERIFY(query.exec(QStringLiteral("PRAGMA integrity_check")) && query.next());
      QCOMPARE(query.value(0).toString(), QStringLiteral("ok"));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("check"));
    for (int i = 0; i <= last; ++i) {
      const auto item = store.itemByQid("nextqa", "CW_crash_" + std::to_string(i));
      QVERIFY2(item, qPrintable(QStringLiteral("item of edit %1 lost").arg(i)));
      const auto label = store.label(item->id, "crash");
      QVERIFY2(label, qPrintable(QStringLiteral("label of edit %1 lost").arg(i)));
      QCOMPARE(label->keyframes, std::vector<int>({i % 8}));
      QCOMPARE(label->note, "edit " + std::to_string(i));
    }
    // At most the edit in flight went further than the last report.
    QVERIFY(store.items().size() <= size_t(last) + 2);
    qInfo("child reported %d edits before SIGKILL; all %d are in the file", last + 1, last + 1);
  }
};

int main(int argc, char** argv) {
  if (argc == 4 && std::string(argv[1]) == "--crash-child") {
    QCoreApplication app(argc, argv);
    return crashChild(QString::fromLocal8Bit(argv[2]), std::atoi(argv[3]));
  }
  // What QTEST_GUILESS_MAIN expands to, plus the child mode above.
  QCoreApplication app(argc, argv);
  TestProjectStore test;
  QTEST_SET_MAIN_SOURCE_PATH
  return QTest::qExec(&test, argc, argv);
}

#include "test_project_store.moc"
