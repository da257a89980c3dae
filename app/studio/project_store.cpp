#include "project_store.h"

#include <atomic>
#include <set>

#include <QDateTime>
#include <QThreadPool>
#include <QTimer>

#include <sqlite3.h>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <nlohmann/json.hpp>

#include "core/error.h"

namespace sevila::studio {

using nlohmann::json;

namespace {

std::atomic<int> g_connectionCounter{0};

QString q(const std::string& s) {
  return QString::fromStdString(s);
}
std::string s(const QVariant& v) {
  return v.toString().toStdString();
}

// Version 1. Later versions append a migration step to kMigrations (never edit a shipped step).
const char* const kSchemaV1[] = {
    "CREATE TABLE schema_version ("
    "  version INTEGER NOT NULL PRIMARY KEY,"
    "  applied_at TEXT NOT NULL)",
    "CREATE TABLE videos ("
    "  id INTEGER PRIMARY KEY,"
    "  path TEXT NOT NULL UNIQUE,"
    "  content_hash TEXT NOT NULL DEFAULT '',"
    "  frame_count INTEGER NOT NULL DEFAULT 0 CHECK (frame_count >= 0),"
    "  fps REAL NOT NULL DEFAULT 0 CHECK (fps >= 0))",
    "CREATE TABLE items ("
    "  id INTEGER PRIMARY KEY,"
    "  video_id INTEGER REFERENCES videos(id) ON DELETE SET NULL,"
    "  qid TEXT NOT NULL,"
    "  dataset TEXT NOT NULL,"
    "  question TEXT NOT NULL DEFAULT '',"
    "  options TEXT NOT NULL DEFAULT '[]',"  // JSON array of strings
    "  answer INTEGER,"
    "  type TEXT NOT NULL DEFAULT '',"
    "  UNIQUE (dataset, qid))",
    "CREATE TABLE runs ("
    "  id INTEGER PRIMARY KEY,"
    "  item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,"
    "  model TEXT NOT NULL DEFAULT '',"
    "  checkpoint TEXT NOT NULL DEFAULT '',"
    "  created_at TEXT NOT NULL,"
    "  frame_scores TEXT NOT NULL,"  // JSON [{frame, t, yes_logit, yes_prob, yes_no_prob}]
    "  keyframes TEXT NOT NULL,"     // JSON [positions]
    "  answer INTEGER NOT NULL,"
    "  option_probabilities TEXT NOT NULL)",  // JSON [p]
    "CREATE INDEX runs_by_item ON runs(item_id)",
    "CREATE TABLE labels ("
    "  id INTEGER PRIMARY KEY,"
    "  item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,"
    "  author TEXT NOT NULL CHECK (author <> ''),"
    "  created_at TEXT NOT NULL,"
    "  updated_at TEXT NOT NULL,"
    "  note TEXT NOT NULL DEFAULT '',"
    "  state TEXT NOT NULL CHECK (state IN ('confirmed', 'unsure')),"
    "  fps REAL NOT NULL CHECK (fps > 0),"
    "  frame_count INTEGER NOT NULL CHECK (frame_count > 0),"  // n
    "  frame_indices TEXT NOT NULL,"                           // JSON, n absolute frame indices
    "  timestamps TEXT NOT NULL,"                              // JSON, n seconds
    "  keyframes TEXT NOT NULL,"                               // JSON, positions in [0, n)
    "  UNIQUE (item_id, author))",
};

}  // namespace

struct ProjectStore::Db {
  QSqlDatabase db;
};

std::string ProjectStore::nowUtc() {
  return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toStdString();
}

std::string ProjectStore::subject() const {
  return m_path.toStdString();
}

namespace {

// A prepared statement that throws sevila::Error naming the project on failure.
class Query {
public:
  Query(const QSqlDatabase& db, const std::string& subject, const QString& sql)
      : m_q(db), m_subject(subject) {
    if (!m_q.prepare(sql))
      throw Error(m_subject, "cannot prepare \"" + sql.left(60).toStdString() +
                                 "\": " + m_q.lastError().text().toStdString());
  }
  Query& bind(const QVariant& v) {
    m_q.addBindValue(v);
    return *this;
  }
  Query& exec() {
    if (!m_q.exec()) throw Error(m_subject, "database error: " + m_q.lastError().text().toStdString());
    return *this;
  }
  bool next() { return m_q.next(); }
  QVariant value(int i) const { return m_q.value(i); }
  int64_t lastId() const { return m_q.lastInsertId().toLongLong(); }

private:
  QSqlQuery m_q;
  std::string m_subject;
};

// The first column of the first row (null when there is none); the statement is finished on return.
QVariant scalar(const QSqlDatabase& db, const std::string& subject, const QString& sql) {
  Query query(db, subject, sql);
  query.exec();
  return query.next() ? query.value(0) : QVariant();
}

json parseColumn(const QVariant& v, const std::string& subject, const std::string& where) {
  try {
    return json::parse(v.toString().toStdString());
  } catch (const json::exception& e) {
    throw Error(subject, where + " is not valid JSON: " + e.what(),
                "the project file was edited by hand or damaged");
  }
}

template <typename T>
std::vector<T> vectorColumn(const QVariant& v, const std::string& subject, const std::string& where) {
  const json j = parseColumn(v, subject, where);
  try {
    return j.get<std::vector<T>>();
  } catch (const json::exception& e) {
    throw Error(subject, where + " has the wrong JSON shape: " + e.what(),
                "the project file was edited by hand or damaged");
  }
}

QString dump(const json& j) {
  return q(j.dump(-1, ' ', false, json::error_handler_t::replace));
}

constexpr const char* kLabelColumns =
    "id, item_id, author, created_at, updated_at, note, state, fps, frame_count, frame_indices, timestamps, "
    "keyframes, windows, review_state, reviewer, reviewed_at";
constexpr int kLabelColumnCount = 16;  // columns in kLabelColumns; a query's extra columns follow them

// Drawn windows as the labels.windows column holds them: [[start, end], ...] (seconds).
json windowsJson(const std::vector<TimeWindow>& windows) {
  json j = json::array();
  for (const TimeWindow& w : windows) j.push_back({w.start, w.end});
  return j;
}

}  // namespace

ProjectStore::ProjectStore(const QString& path, QObject* parent)
    : QObject(parent),
      m_path(path),
      m_connection(QStringLiteral("sevila-project-%1").arg(g_connectionCounter.fetch_add(1))),
      m_db(std::make_unique<Db>()) {
  if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QSQLITE")))
    throw Error(subject(), "the Qt SQLite driver (QSQLITE) is not available",
                "install libqt6sql6-sqlite (Debian/Ubuntu)");
  const QFileInfo info(path);
  bool fresh = !info.exists() || (info.isFile() && info.size() == 0);
  if (info.exists() && !info.isFile())
    throw Error(subject(), "is not a file (a SeViLA project is one SQLite file)");
  if (!fresh) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
      throw Error(subject(), "cannot be read: " + f.errorString().toStdString());
    const QByteArray header = f.read(16);
    if (header != QByteArray("SQLite format 3\0", 16))
      throw Error(subject(), "is not a SeViLA project (not an SQLite database)",
                  "open a .sevila project file, or choose a new file name to create one");
  }
  m_db->db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
  m_db->db.setDatabaseName(path);
  m_db->db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
  try {
    if (!m_db->db.open())
      throw Error(subject(), "cannot be opened: " + m_db->db.lastError().text().toStdString());
    const QSqlDatabase& db = m_db->db;
    Query(db, subject(), "PRAGMA foreign_keys = ON").exec();
    // Each reading statement lives in its own scope: an unfinished one keeps a read transaction open,
    // and SQLite refuses to switch to WAL inside a transaction.
    const int64_t id = scalar(db, subject(), "PRAGMA application_id").toLongLong();
    const int64_t objects = scalar(db, subject(), "SELECT count(*) FROM sqlite_master").toLongLong();
    if (objects == 0 && id == 0)
      fresh = true;
    else if (id != kApplicationId)
      throw Error(subject(),
                  "is not a SeViLA project (an SQLite database of another application, application_id " +
                      std::to_string(id) + ")",
                  "open a .sevila project file, or choose a new file name to create one");
    if (scalar(db, subject(), "PRAGMA journal_mode = WAL").toString() != QStringLiteral("wal"))
      throw Error(subject(), "SQLite refused write-ahead logging (journal_mode=WAL) for this file",
                  "keep projects on a local disk, not a network share");
    Query(db, subject(), "PRAGMA synchronous = FULL").exec();
    createOrMigrate();
  } catch (...) {
    m_db->db.close();
    m_db->db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connection);
    throw;
  }
}

ProjectStore::~ProjectStore() {
  if (m_flusher) {
    m_flusher->waitForDone();
    if (m_flushTimer->isActive()) flushToDisk();  // the last edits, made durable before the file closes
  }
  // Every QSqlQuery is gone (they live in function scopes); close, drop our handle, then remove the
  // connection, in that order, or Qt warns "connection is still in use".
  m_db->db.close();
  m_db.reset();
  QSqlDatabase::removeDatabase(m_connection);
}

// Deferred sync: commits are not fsync'ed on the caller's (GUI) thread; a checkpoint on a connection of
// its own, on a worker, syncs the write-ahead log shortly after the last commit.
void ProjectStore::setDeferredSync(bool on) {
  Query(m_db->db, subject(), on ? "PRAGMA synchronous = NORMAL" : "PRAGMA synchronous = FULL").exec();
  if (!on) {
    if (m_flusher) m_flusher->waitForDone();
    delete m_flushTimer;
    m_flushTimer = nullptr;
    m_flusher.reset();
    return;
  }
  if (m_flusher) return;
  // A new project's first page may exist only in the log: until it is in the file, another connection
  // would not even see a WAL database. Once, here, on this connection.
  scalar(m_db->db, subject(), "PRAGMA wal_checkpoint(PASSIVE)");
  m_flusher = std::make_unique<QThreadPool>();
  m_flusher->setMaxThreadCount(1);
  m_flushTimer = new QTimer(this);
  m_flushTimer->setSingleShot(true);
  m_flushTimer->setInterval(kDeferredSyncMs);
  connect(m_flushTimer, &QTimer::timeout, this, [this] {
    const std::string path = m_path.toStdString();
    m_flusher->start([path] { checkpoint(path); });
  });
}

// A PASSIVE checkpoint fsyncs the log before it copies pages into the database, and never blocks a
// writer: what was committed before it started is then on disk.
bool ProjectStore::checkpoint(const std::string& path) {
  sqlite3* db = nullptr;
  bool ok = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK;
  if (ok) {
    sqlite3_busy_timeout(db, 2000);
    // A connection learns that the file is in WAL mode when it first reads it.
    sqlite3_exec(db, "SELECT count(*) FROM sqlite_master", nullptr, nullptr, nullptr);
    int log = -1, copied = -1;
    ok = sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_PASSIVE, &log, &copied) == SQLITE_OK &&
         log >= 0;
  }
  sqlite3_close(db);
  return ok;
}

void ProjectStore::flushToDisk() {
  if (m_flushTimer) m_flushTimer->stop();
  if (m_flusher) m_flusher->waitForDone();
  checkpoint(m_path.toStdString());
}

int ProjectStore::schemaVersion() const {
  return scalar(m_db->db, subject(), "SELECT max(version) FROM schema_version").toInt();
}

std::string ProjectStore::journalMode() const {
  return s(scalar(m_db->db, subject(), "PRAGMA journal_mode"));
}

void ProjectStore::createOrMigrate() {
  const QSqlDatabase& db = m_db->db;
  const bool hasVersionTable =
      scalar(db, subject(),
             "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'")
          .toInt() == 1;
  if (!hasVersionTable) {
    if (scalar(db, subject(), "SELECT count(*) FROM sqlite_master").toInt() != 0)
      throw Error(subject(), "is not a SeViLA project (it has no schema_version table)");
    transaction([&] {
      Query(db, subject(), QStringLiteral("PRAGMA application_id = %1").arg(kApplicationId)).exec();
      for (const char* sql : kSchemaV1) Query(db, subject(), sql).exec();
      Query(db, subject(), "INSERT INTO schema_version (version, applied_at) VALUES (?, ?)")
          .bind(1)
          .bind(q(nowUtc()))
          .exec();
      Query(db, subject(), "PRAGMA user_version = 1").exec();
    });
  }
  const int version = schemaVersion();
  if (version > kSchemaVersion)
    throw Error(subject(),
                "was written by a newer SeViLA Studio (project schema " + std::to_string(version) +
                    ", this version reads up to " + std::to_string(kSchemaVersion) + ")",
                "update SeViLA Studio to open it; the file was not changed");
  if (version < 1) throw Error(subject(), "has an empty schema_version table (damaged project)");
  // The migration hook: step v -> v+1 runs in its own transaction and records itself.
  // kMigrations[v - 1] migrates version v to v + 1 (never edit a shipped step).
  const std::vector<std::function<void(const QSqlDatabase&)>> kMigrations = {
      // 1 -> 2: each run records the device and precision that produced it.
      [this](const QSqlDatabase& db) {
        Query(db, subject(), "ALTER TABLE runs ADD COLUMN device TEXT NOT NULL DEFAULT ''").exec();
        Query(db, subject(), "ALTER TABLE runs ADD COLUMN precision TEXT NOT NULL DEFAULT ''").exec();
      },
      // 2 -> 3: labels gain drawn windows (JSON [[start, end], ...], '[]' = none drawn) and a review.
      [this](const QSqlDatabase& db) {
        Query(db, subject(), "ALTER TABLE labels ADD COLUMN windows TEXT NOT NULL DEFAULT '[]'").exec();
        Query(db, subject(),
              "ALTER TABLE labels ADD COLUMN review_state TEXT NOT NULL DEFAULT '' "
              "CHECK (review_state IN ('', 'accepted', 'rejected'))")
            .exec();
        Query(db, subject(), "ALTER TABLE labels ADD COLUMN reviewer TEXT NOT NULL DEFAULT ''").exec();
        Query(db, subject(), "ALTER TABLE labels ADD COLUMN reviewed_at TEXT NOT NULL DEFAULT ''").exec();
      },
      // 3 -> 4: model versions (bases and refined Localizers); runs record their checkpoint's hash and
      // the chain's settings.
      [this](const QSqlDatabase& db) {
        Query(db, subject(),
              "CREATE TABLE model_versions ("
              "  id INTEGER PRIMARY KEY,"
              "  name TEXT NOT NULL,"
              "  model TEXT NOT NULL,"
              "  checkpoint TEXT NOT NULL DEFAULT '',"
              "  checkpoint_sha256 TEXT NOT NULL DEFAULT '',"
              "  parent_id INTEGER REFERENCES model_versions(id) ON DELETE SET NULL,"
              "  options TEXT NOT NULL DEFAULT '{}',"
              "  report TEXT NOT NULL DEFAULT '{}',"
              "  created_at TEXT NOT NULL,"
              "  UNIQUE (model, checkpoint))")
            .exec();
        Query(db, subject(), "ALTER TABLE runs ADD COLUMN checkpoint_sha256 TEXT NOT NULL DEFAULT ''").exec();
        Query(db, subject(), "ALTER TABLE runs ADD COLUMN options TEXT NOT NULL DEFAULT '{}'").exec();
      },
  };
  for (int v = version; v < kSchemaVersion; ++v) {
    transaction([&] {
      kMigrations.at(static_cast<size_t>(v - 1))(db);
      Query(db, subject(), "INSERT INTO schema_version (version, applied_at) VALUES (?, ?)")
          .bind(v + 1)
          .bind(q(nowUtc()))
          .exec();
      Query(db, subject(), QStringLiteral("PRAGMA user_version = %1").arg(v + 1)).exec();
    });
  }
}

void ProjectStore::transaction(const std::function<void()>& body) {
  if (m_transactionDepth > 0) {
    body();
    return;
  }
  // IMMEDIATE takes the write lock up front, so a second store writing the same file (a worker) makes
  // this wait (busy timeout) instead of failing half-way through a read-then-write.
  Query(m_db->db, subject(), "BEGIN IMMEDIATE").exec();
  ++m_transactionDepth;
  try {
    body();
  } catch (...) {
    --m_transactionDepth;
    QSqlQuery(m_db->db).exec(QStringLiteral("ROLLBACK"));
    throw;
  }
  --m_transactionDepth;
  QSqlQuery commit(m_db->db);
  if (!commit.exec(QStringLiteral("COMMIT"))) {
    const std::string why = commit.lastError().text().toStdString();
    QSqlQuery(m_db->db).exec(QStringLiteral("ROLLBACK"));
    throw Error(subject(), "cannot commit: " + why, "is the disk full or the file read-only?");
  }
  if (m_flushTimer) m_flushTimer->start();
}

// ---- videos ---------------------------------------------------------------------------------------

int64_t ProjectStore::upsertVideo(const VideoRecord& v) {
  int64_t id = 0;
  transaction([&] {
    Query find(m_db->db, subject(), "SELECT id FROM videos WHERE path = ?");
    find.bind(q(v.path)).exec();
    if (find.next()) {
      id = find.value(0).toLongLong();
      Query(m_db->db, subject(), "UPDATE videos SET content_hash = ?, frame_count = ?, fps = ? WHERE id = ?")
          .bind(q(v.contentHash))
          .bind(QVariant::fromValue<qlonglong>(v.frameCount))
          .bind(v.fps)
          .bind(QVariant::fromValue<qlonglong>(id))
          .exec();
    } else {
      Query ins(m_db->db, subject(),
                "INSERT INTO videos (path, content_hash, frame_count, fps) VALUES (?, ?, ?, ?)");
      ins.bind(q(v.path))
          .bind(q(v.contentHash))
          .bind(QVariant::fromValue<qlonglong>(v.frameCount))
          .bind(v.fps)
          .exec();
      id = ins.lastId();
    }
  });
  return id;
}

namespace {
VideoRecord videoFromRow(const Query& r) {
  return VideoRecord{r.value(0).toLongLong(), s(r.value(1)), s(r.value(2)), r.value(3).toLongLong(),
                     r.value(4).toDouble()};
}
}  // namespace

std::optional<VideoRecord> ProjectStore::video(int64_t id) const {
  Query r(m_db->db, subject(), "SELECT id, path, content_hash, frame_count, fps FROM videos WHERE id = ?");
  r.bind(QVariant::fromValue<qlonglong>(id)).exec();
  if (!r.next()) return std::nullopt;
  return videoFromRow(r);
}

std::optional<VideoRecord> ProjectStore::videoByPath(const std::string& path) const {
  Query r(m_db->db, subject(), "SELECT id, path, content_hash, frame_count, fps FROM videos WHERE path = ?");
  r.bind(q(path)).exec();
  if (!r.next()) return std::nullopt;
  return videoFromRow(r);
}

// ---- items ----------------------------------------------------------------------------------------

int64_t ProjectStore::upsertItem(const ItemRecord& item) {
  if (item.qid.empty()) throw Error(subject(), "an item needs a qid");
  int64_t id = 0;
  const QVariant video = item.videoId ? QVariant::fromValue<qlonglong>(*item.videoId) : QVariant();
  const QVariant answer = item.answer ? QVariant(*item.answer) : QVariant();
  const QString options = dump(json(item.options));
  transaction([&] {
    Query find(m_db->db, subject(), "SELECT id FROM items WHERE dataset = ? AND qid = ?");
    find.bind(q(item.dataset)).bind(q(item.qid)).exec();
    if (find.next()) {
      id = find.value(0).toLongLong();
      Query(m_db->db, subject(),
            "UPDATE items SET video_id = ?, question = ?, options = ?, answer = ?, type = ? WHERE id = ?")
          .bind(video)
          .bind(q(item.question))
          .bind(options)
          .bind(answer)
          .bind(q(item.type))
          .bind(QVariant::fromValue<qlonglong>(id))
          .exec();
    } else {
      Query ins(m_db->db, subject(),
                "INSERT INTO items (video_id, qid, dataset, question, options, answer, type) VALUES (?, ?, "
                "?, ?, ?, ?, ?)");
      ins.bind(video)
          .bind(q(item.qid))
          .bind(q(item.dataset))
          .bind(q(item.question))
          .bind(options)
          .bind(answer)
          .bind(q(item.type))
          .exec();
      id = ins.lastId();
    }
  });
  return id;
}

ItemRecord ProjectStore::itemFrom(const data::DatasetItem& d, std::optional<int64_t> videoId) {
  ItemRecord r;
  r.videoId = videoId;
  r.qid = d.qid;
  r.dataset = d.dataset;
  r.question = d.question.empty() ? d.query : d.question;
  r.options = d.options;
  r.answer = d.answer;
  r.type = d.type;
  return r;
}

namespace {
constexpr const char* kItemColumns = "id, video_id, qid, dataset, question, options, answer, type";
ItemRecord itemFromRow(const Query& r, const std::string& subject) {
  ItemRecord i;
  i.id = r.value(0).toLongLong();
  if (!r.value(1).isNull()) i.videoId = r.value(1).toLongLong();
  i.qid = s(r.value(2));
  i.dataset = s(r.value(3));
  i.question = s(r.value(4));
  i.options = vectorColumn<std::string>(r.value(5), subject, "items.options of item " + std::to_string(i.id));
  if (!r.value(6).isNull()) i.answer = r.value(6).toInt();
  i.type = s(r.value(7));
  return i;
}
}  // namespace

std::optional<ItemRecord> ProjectStore::item(int64_t id) const {
  Query r(m_db->db, subject(), QStringLiteral("SELECT %1 FROM items WHERE id = ?").arg(kItemColumns));
  r.bind(QVariant::fromValue<qlonglong>(id)).exec();
  if (!r.next()) return std::nullopt;
  return itemFromRow(r, subject());
}

std::optional<ItemRecord> ProjectStore::itemByQid(const std::string& dataset, const std::string& qid) const {
  Query r(m_db->db, subject(),
          QStringLiteral("SELECT %1 FROM items WHERE dataset = ? AND qid = ?").arg(kItemColumns));
  r.bind(q(dataset)).bind(q(qid)).exec();
  if (!r.next()) return std::nullopt;
  return itemFromRow(r, subject());
}

std::vector<ItemRecord> ProjectStore::items() const {
  Query r(m_db->db, subject(), QStringLiteral("SELECT %1 FROM items ORDER BY id").arg(kItemColumns));
  r.exec();
  std::vector<ItemRecord> out;
  while (r.next()) out.push_back(itemFromRow(r, subject()));
  return out;
}

// ---- runs -----------------------------------------------------------------------------------------

int64_t ProjectStore::addRun(const RunRecord& run) {
  json frames = json::array();
  for (const RunFrame& f : run.frames)
    frames.push_back({{"frame", f.frameIndex},
                      {"t", f.seconds},
                      {"yes_logit", f.yesLogit},
                      {"yes_prob", f.yesProb},
                      {"yes_no_prob", f.yesNoProb}});
  for (int k : run.keyframes)
    if (k < 0 || k >= static_cast<int>(run.frames.size()))
      throw Error(subject(), "run keyframe " + std::to_string(k) + " is outside its " +
                                 std::to_string(run.frames.size()) + " frames");
  int64_t id = 0;
  transaction([&] {
    Query ins(m_db->db, subject(),
              "INSERT INTO runs (item_id, model, checkpoint, created_at, frame_scores, keyframes, answer, "
              "option_probabilities, device, precision, checkpoint_sha256, options) "
              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    ins.bind(QVariant::fromValue<qlonglong>(run.itemId))
        .bind(q(run.model))
        .bind(q(run.checkpoint))
        .bind(q(run.createdAt.empty() ? nowUtc() : run.createdAt))
        .bind(dump(frames))
        .bind(dump(json(run.keyframes)))
        .bind(run.answer)
        .bind(dump(json(run.optionProbabilities)))
        .bind(q(run.device))
        .bind(q(run.precision))
        .bind(q(run.checkpointSha256))
        .bind(q(run.options.empty() ? std::string("{}") : run.options))
        .exec();
    id = ins.lastId();
  });
  return id;
}

namespace {
const char* const kRunColumns =
    "SELECT id, item_id, model, checkpoint, created_at, frame_scores, keyframes, answer, "
    "option_probabilities, device, precision, checkpoint_sha256, options FROM runs ";

RunRecord runFromRow(const Query& r, const std::string& subject) {
  RunRecord run;
  run.id = r.value(0).toLongLong();
  const std::string where = "run " + std::to_string(run.id);
  run.itemId = r.value(1).toLongLong();
  run.model = s(r.value(2));
  run.checkpoint = s(r.value(3));
  run.createdAt = s(r.value(4));
  const json frames = parseColumn(r.value(5), subject, where + " frame_scores");
  try {
    for (const json& f : frames)
      run.frames.push_back({f.at("frame").get<int64_t>(), f.at("t").get<double>(),
                            f.at("yes_logit").get<double>(), f.at("yes_prob").get<double>(),
                            f.at("yes_no_prob").get<double>()});
  } catch (const json::exception& e) {
    throw Error(subject, where + " frame_scores has the wrong JSON shape: " + e.what());
  }
  run.keyframes = vectorColumn<int>(r.value(6), subject, where + " keyframes");
  run.answer = r.value(7).toInt();
  run.optionProbabilities = vectorColumn<double>(r.value(8), subject, where + " option_probabilities");
  run.device = s(r.value(9));
  run.precision = s(r.value(10));
  run.checkpointSha256 = s(r.value(11));
  run.options = s(r.value(12));
  if (run.options == "{}") run.options.clear();  // unknown (runs before schema 4)
  return run;
}
}  // namespace

std::vector<RunRecord> ProjectStore::runs(int64_t itemId) const {
  Query r(m_db->db, subject(), QString(kRunColumns) + "WHERE item_id = ? ORDER BY id");
  r.bind(QVariant::fromValue<qlonglong>(itemId)).exec();
  std::vector<RunRecord> out;
  while (r.next()) out.push_back(runFromRow(r, subject()));
  return out;
}

std::optional<RunRecord> ProjectStore::latestRun(int64_t itemId, const std::string& model,
                                                 const std::string& checkpoint) const {
  Query r(
      m_db->db, subject(),
      QString(kRunColumns) + "WHERE item_id = ? AND model = ? AND checkpoint = ? ORDER BY id DESC LIMIT 1");
  r.bind(QVariant::fromValue<qlonglong>(itemId)).bind(q(model)).bind(q(checkpoint)).exec();
  if (!r.next()) return std::nullopt;
  return runFromRow(r, subject());
}

// ---- model versions -------------------------------------------------------------------------------

namespace {
const char* const kVersionColumns =
    "SELECT id, name, model, checkpoint, checkpoint_sha256, parent_id, options, report, created_at "
    "FROM model_versions ";

ModelVersion versionFromRow(const Query& r) {
  ModelVersion v;
  v.id = r.value(0).toLongLong();
  v.name = s(r.value(1));
  v.model = s(r.value(2));
  v.checkpoint = s(r.value(3));
  v.checkpointSha256 = s(r.value(4));
  if (!r.value(5).isNull()) v.parentId = r.value(5).toLongLong();
  v.options = s(r.value(6));
  v.report = s(r.value(7));
  v.createdAt = s(r.value(8));
  return v;
}
}  // namespace

int64_t ProjectStore::addModelVersion(const ModelVersion& version) {
  if (version.model.empty()) throw Error(subject(), "a model version needs its model folder");
  for (const std::string* text : {&version.options, &version.report})
    if (!text->empty() && !json::accept(*text))
      throw Error(subject(), "model version \"" + version.name + "\" has malformed JSON settings or report");
  int64_t id = 0;
  transaction([&] {
    if (auto existing = modelVersionOf(version.model, version.checkpoint)) {
      id = existing->id;
      return;
    }
    Query ins(m_db->db, subject(),
              "INSERT INTO model_versions (name, model, checkpoint, checkpoint_sha256, parent_id, options, "
              "report, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    ins.bind(q(version.name))
        .bind(q(version.model))
        .bind(q(version.checkpoint))
        .bind(q(version.checkpointSha256))
        .bind(version.parentId ? QVariant::fromValue<qlonglong>(*version.parentId)
                               : QVariant(QMetaType::fromType<qlonglong>()))
        .bind(q(version.options.empty() ? std::string("{}") : version.options))
        .bind(q(version.report.empty() ? std::string("{}") : version.report))
        .bind(q(version.createdAt.empty() ? nowUtc() : version.createdAt))
        .exec();
    id = ins.lastId();
  });
  return id;
}

std::vector<ModelVersion> ProjectStore::modelVersions() const {
  Query r(m_db->db, subject(), QString(kVersionColumns) + "ORDER BY id");
  r.exec();
  std::vector<ModelVersion> out;
  while (r.next()) out.push_back(versionFromRow(r));
  return out;
}

std::optional<ModelVersion> ProjectStore::modelVersion(int64_t id) const {
  Query r(m_db->db, subject(), QString(kVersionColumns) + "WHERE id = ?");
  r.bind(QVariant::fromValue<qlonglong>(id)).exec();
  if (!r.next()) return std::nullopt;
  return versionFromRow(r);
}

std::optional<ModelVersion> ProjectStore::modelVersionOf(const std::string& model,
                                                         const std::string& checkpoint) const {
  Query r(m_db->db, subject(), QString(kVersionColumns) + "WHERE model = ? AND checkpoint = ?");
  r.bind(q(model)).bind(q(checkpoint)).exec();
  if (!r.next()) return std::nullopt;
  return versionFromRow(r);
}

// ---- labels ---------------------------------------------------------------------------------------

namespace {
KeyframeLabel labelFromRow(const Query& r, const std::string& subject) {
  KeyframeLabel l;
  l.id = r.value(0).toLongLong();
  const std::string where = "label " + std::to_string(l.id);
  l.itemId = r.value(1).toLongLong();
  l.author = s(r.value(2));
  l.createdAt = s(r.value(3));
  l.updatedAt = s(r.value(4));
  l.note = s(r.value(5));
  l.state = data::labelStateFromString(s(r.value(6)), subject + ": " + where);
  l.fps = r.value(7).toDouble();
  const int64_t n = r.value(8).toLongLong();
  l.grid.frameIndices = vectorColumn<int64_t>(r.value(9), subject, where + " frame_indices");
  l.grid.timestamps = vectorColumn<double>(r.value(10), subject, where + " timestamps");
  l.keyframes = vectorColumn<int>(r.value(11), subject, where + " keyframes");
  for (const std::vector<double>& w :
       vectorColumn<std::vector<double>>(r.value(12), subject, where + " windows")) {
    if (w.size() != 2)
      throw Error(subject, where + " windows holds a window that is not [start, end]",
                  "the project file was edited by hand or damaged");
    l.windows.push_back({w[0], w[1]});
  }
  l.review = data::reviewStateFromString(s(r.value(13)), subject + ": " + where);
  l.reviewer = s(r.value(14));
  l.reviewedAt = s(r.value(15));
  if (n != l.grid.size())
    throw Error(subject, where + " says n = " + std::to_string(n) + " but holds " +
                             std::to_string(l.grid.size()) + " frame indices");
  try {
    data::KeyframeLabelRecord rec;
    rec.qid = where;
    rec.author = l.author;
    rec.fps = l.fps;
    rec.grid = l.grid;
    rec.keyframes = l.keyframes;
    rec.windows = l.windows;
    rec.review = l.review;
    rec.reviewer = l.reviewer;
    rec.reviewed = l.reviewedAt;
    data::validateKeyframeLabel(rec, subject);
  } catch (const Error& e) {
    throw Error(subject, where + ": " + e.reason(), "the project file was edited by hand or damaged");
  }
  return l;
}

void validateLabel(const KeyframeLabel& l, const std::string& subject) {
  data::KeyframeLabelRecord rec;
  rec.qid = "item " + std::to_string(l.itemId);
  rec.author = l.author;
  rec.fps = l.fps;
  rec.grid = l.grid;
  rec.keyframes = l.keyframes;
  rec.windows = l.windows;
  rec.review = l.review;
  rec.reviewer = l.reviewer;
  rec.reviewed = l.reviewedAt;
  try {
    data::validateKeyframeLabel(rec, subject);
  } catch (const Error& e) {
    throw Error(subject,
                "refusing to write the label of " + rec.qid + " by '" + l.author + "': " + e.reason());
  }
}
}  // namespace

std::optional<KeyframeLabel> ProjectStore::label(int64_t itemId, const std::string& author) const {
  Query r(m_db->db, subject(),
          QStringLiteral("SELECT %1 FROM labels WHERE item_id = ? AND author = ?").arg(kLabelColumns));
  r.bind(QVariant::fromValue<qlonglong>(itemId)).bind(q(author)).exec();
  if (!r.next()) return std::nullopt;
  return labelFromRow(r, subject());
}

std::vector<KeyframeLabel> ProjectStore::labels(int64_t itemId) const {
  Query r(m_db->db, subject(),
          QStringLiteral("SELECT %1 FROM labels WHERE item_id = ? ORDER BY author").arg(kLabelColumns));
  r.bind(QVariant::fromValue<qlonglong>(itemId)).exec();
  std::vector<KeyframeLabel> out;
  while (r.next()) out.push_back(labelFromRow(r, subject()));
  return out;
}

std::vector<KeyframeLabel> ProjectStore::allLabels() const {
  Query r(m_db->db, subject(),
          QStringLiteral("SELECT %1 FROM labels ORDER BY item_id, author").arg(kLabelColumns));
  r.exec();
  std::vector<KeyframeLabel> out;
  while (r.next()) out.push_back(labelFromRow(r, subject()));
  return out;
}

int64_t ProjectStore::putLabelNoTransaction(const KeyframeLabel& label, bool keepTimestamps) {
  validateLabel(label, subject());
  KeyframeLabel l = label;
  const std::string now = nowUtc();
  const QString keyframes = dump(json(l.keyframes));
  const QString windows = dump(windowsJson(l.windows));
  const QString frameIndices = dump(json(l.grid.frameIndices));
  const QString timestamps = dump(json(l.grid.timestamps));
  Query find(m_db->db, subject(),
             "SELECT id, created_at, review_state, reviewer, reviewed_at, keyframes, windows, frame_indices, "
             "timestamps, fps FROM labels WHERE item_id = ? AND author = ?");
  find.bind(QVariant::fromValue<qlonglong>(l.itemId)).bind(q(l.author)).exec();
  std::optional<int64_t> existing;
  std::string created = l.createdAt.empty() ? now : l.createdAt;
  if (find.next()) {
    existing = find.value(0).toLongLong();
    if (!keepTimestamps) created = s(find.value(1));
    // An edit that changes what was reviewed but carries the old review along drops it (see the header).
    // The JSON columns were written by dump() like the values here, so equal content is equal text.
    const bool storedReview = !s(find.value(2)).empty();
    const bool sameReview = s(find.value(2)) == data::toString(l.review) && s(find.value(3)) == l.reviewer &&
                            s(find.value(4)) == l.reviewedAt;
    const bool contentChanged = find.value(5).toString() != keyframes ||
                                find.value(6).toString() != windows ||
                                find.value(7).toString() != frameIndices ||
                                find.value(8).toString() != timestamps || find.value(9).toDouble() != l.fps;
    if (!keepTimestamps && storedReview && sameReview && contentChanged) {
      l.review = ReviewState::None;
      l.reviewer.clear();
      l.reviewedAt.clear();
    }
  }
  const std::string updated = keepTimestamps && !l.updatedAt.empty() ? l.updatedAt : now;
  const QVariant item = QVariant::fromValue<qlonglong>(l.itemId);
  // The columns an update and an insert both write, in this order.
  const auto bindContent = [&](Query& query) -> Query& {
    return query.bind(q(created))
        .bind(q(updated))
        .bind(q(l.note))
        .bind(q(data::toString(l.state)))
        .bind(l.fps)
        .bind(l.grid.size())
        .bind(frameIndices)
        .bind(timestamps)
        .bind(keyframes)
        .bind(windows)
        .bind(q(data::toString(l.review)))
        .bind(q(l.reviewer))
        .bind(q(l.reviewedAt));
  };
  if (existing) {
    Query update(
        m_db->db, subject(),
        "UPDATE labels SET created_at = ?, updated_at = ?, note = ?, state = ?, fps = ?, frame_count = ?, "
        "frame_indices = ?, timestamps = ?, keyframes = ?, windows = ?, review_state = ?, reviewer = ?, "
        "reviewed_at = ? WHERE id = ?");
    bindContent(update).bind(QVariant::fromValue<qlonglong>(*existing)).exec();
    return *existing;
  }
  // Restoring a removed label (undo) puts it back under its old id when that id is free.
  Query ins(m_db->db, subject(),
            "INSERT INTO labels (id, item_id, author, created_at, updated_at, note, state, fps, frame_count, "
            "frame_indices, timestamps, keyframes, windows, review_state, reviewer, reviewed_at) VALUES "
            "((SELECT CASE WHEN ? > 0 AND NOT EXISTS (SELECT 1 FROM labels WHERE id = ?) THEN ? END), "
            "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  const QVariant wantedId = QVariant::fromValue<qlonglong>(keepTimestamps ? l.id : 0);
  ins.bind(wantedId).bind(wantedId).bind(wantedId).bind(item).bind(q(l.author));
  bindContent(ins).exec();
  return ins.lastId();
}

int64_t ProjectStore::putLabel(const KeyframeLabel& label, bool keepTimestamps) {
  int64_t id = 0;
  transaction([&] { id = putLabelNoTransaction(label, keepTimestamps); });
  Q_EMIT labelChanged(label.itemId, q(label.author));
  return id;
}

void ProjectStore::setReview(int64_t itemId, const std::string& author, ReviewState state,
                             const std::string& reviewer) {
  const bool clear = state == ReviewState::None;
  if (!clear && reviewer == author)
    throw Error(subject(), "a label cannot be reviewed by its author ('" + author + "')");
  if (!clear && reviewer.empty()) throw Error(subject(), "a review needs a reviewer");
  transaction([&] {
    Query find(m_db->db, subject(), "SELECT id FROM labels WHERE item_id = ? AND author = ?");
    find.bind(QVariant::fromValue<qlonglong>(itemId)).bind(q(author)).exec();
    if (!find.next())
      throw Error(subject(),
                  "there is no label of item " + std::to_string(itemId) + " by '" + author + "' to review");
    const QVariant id = find.value(0);
    Query(m_db->db, subject(),
          "UPDATE labels SET review_state = ?, reviewer = ?, reviewed_at = ? WHERE id = ?")
        .bind(q(data::toString(state)))
        .bind(q(clear ? std::string() : reviewer))
        .bind(q(clear ? std::string() : nowUtc()))
        .bind(id)
        .exec();
  });
  Q_EMIT labelChanged(itemId, q(author));
}

void ProjectStore::removeLabel(int64_t itemId, const std::string& author) {
  transaction([&] {
    Query(m_db->db, subject(), "DELETE FROM labels WHERE item_id = ? AND author = ?")
        .bind(QVariant::fromValue<qlonglong>(itemId))
        .bind(q(author))
        .exec();
  });
  Q_EMIT labelChanged(itemId, q(author));
}

void ProjectStore::restoreLabel(int64_t itemId, const std::string& author,
                                const std::optional<KeyframeLabel>& label) {
  if (label)
    putLabel(*label, true);
  else
    removeLabel(itemId, author);
}

// ---- keyframes.jsonl ------------------------------------------------------------------------------

int ProjectStore::importKeyframeLabels(const QString& jsonlPath) {
  // Parse and validate everything before touching the database.
  const std::vector<data::KeyframeLabelRecord> records = data::readKeyframeLabels(jsonlPath.toStdString());
  std::vector<std::pair<int64_t, std::string>> changed;
  transaction([&] {
    for (const data::KeyframeLabelRecord& r : records) {
      std::optional<int64_t> videoId;
      if (!r.video.empty()) {
        if (const auto v = videoByPath(r.video))
          videoId = v->id;
        else
          videoId = upsertVideo(VideoRecord{0, r.video, "", 0, r.fps});
      }
      int64_t itemId;
      if (const auto existing = itemByQid(r.dataset, r.qid)) {
        itemId = existing->id;
      } else {
        ItemRecord stub;
        stub.videoId = videoId;
        stub.qid = r.qid;
        stub.dataset = r.dataset;
        itemId = upsertItem(stub);
      }
      KeyframeLabel l;
      l.itemId = itemId;
      l.author = r.author;
      l.createdAt = r.created;
      l.updatedAt = r.updated;
      l.note = r.note;
      l.state = r.state;
      l.fps = r.fps;
      l.grid = r.grid;
      l.keyframes = r.keyframes;
      l.windows = r.windows;
      l.review = r.review;
      l.reviewer = r.reviewer;
      l.reviewedAt = r.reviewed;
      putLabelNoTransaction(l, true);
      changed.emplace_back(itemId, r.author);
    }
  });
  for (const auto& [item, author] : changed) Q_EMIT labelChanged(item, q(author));
  return static_cast<int>(records.size());
}

std::map<std::string, KeyframeLabel> ProjectStore::labelsOfDataset(const std::string& dataset,
                                                                   const std::string& author) const {
  QString columns;
  for (const QString& c : QString(kLabelColumns).split(QStringLiteral(", "))) columns += "labels." + c + ", ";
  Query r(m_db->db, subject(),
          "SELECT " + columns +
              "items.qid FROM labels JOIN items ON items.id = labels.item_id "
              "WHERE items.dataset = ? AND labels.author = ?");
  r.bind(q(dataset)).bind(q(author)).exec();
  std::map<std::string, KeyframeLabel> out;
  while (r.next()) out.emplace(s(r.value(kLabelColumnCount)), labelFromRow(r, subject()));
  return out;
}

std::vector<data::KeyframeLabelRecord> ProjectStore::keyframeLabelRecords(const std::string& author) const {
  QString columns;
  for (const QString& c : QString(kLabelColumns).split(QStringLiteral(", "))) columns += "labels." + c + ", ";
  Query r(m_db->db, subject(),
          "SELECT " + columns +
              "items.qid, items.dataset, coalesce(videos.path, '') FROM labels "
              "JOIN items ON items.id = labels.item_id LEFT JOIN videos ON videos.id = items.video_id "
              "ORDER BY items.qid, items.dataset, labels.author");
  r.exec();
  std::vector<data::KeyframeLabelRecord> out;
  while (r.next()) {
    const KeyframeLabel l = labelFromRow(r, subject());
    if (!author.empty() && l.author != author) continue;
    data::KeyframeLabelRecord rec;
    rec.qid = s(r.value(kLabelColumnCount));
    rec.dataset = s(r.value(kLabelColumnCount + 1));
    rec.author = l.author;
    rec.video = s(r.value(kLabelColumnCount + 2));
    rec.fps = l.fps;
    rec.grid = l.grid;
    rec.keyframes = l.keyframes;
    rec.state = l.state;
    rec.note = l.note;
    rec.created = l.createdAt;
    rec.updated = l.updatedAt;
    rec.windows = l.windows;
    rec.review = l.review;
    rec.reviewer = l.reviewer;
    rec.reviewed = l.reviewedAt;
    out.push_back(std::move(rec));
  }
  return out;
}

int ProjectStore::exportKeyframeLabels(const QString& jsonlPath, const std::string& author) const {
  std::vector<data::KeyframeLabelRecord> records = keyframeLabelRecords(author);
  const int count = static_cast<int>(records.size());
  const std::string text = data::writeKeyframeLabels(std::move(records));
  QSaveFile file(jsonlPath);  // temp file + rename: a crash never leaves half a file
  if (!file.open(QIODevice::WriteOnly))
    throw Error(jsonlPath.toStdString(), "cannot be written: " + file.errorString().toStdString());
  file.write(text.data(), static_cast<qint64>(text.size()));
  if (!file.commit())
    throw Error(jsonlPath.toStdString(), "cannot be written: " + file.errorString().toStdString());
  return count;
}

}  // namespace sevila::studio
