#include "data/project_labels.h"

#include <sqlite3.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <memory>

#include <nlohmann/json.hpp>

#include "core/error.h"

namespace sevila::data {

namespace {

using nlohmann::json;

constexpr const char* kNotAProjectHint = "open a .sevila project file written by SeViLA Studio";
constexpr const char* kDamagedHint = "the project file was edited by hand or damaged";

// ---- RAII for the SQLite C API ---------------------------------------------------------------------

struct ConnectionCloser {
  // close_v2 also copes with statements still alive (it defers the close until they are finalized).
  void operator()(sqlite3* db) const noexcept { sqlite3_close_v2(db); }
};
struct StatementFinalizer {
  void operator()(sqlite3_stmt* statement) const noexcept { sqlite3_finalize(statement); }
};
using Connection = std::unique_ptr<sqlite3, ConnectionCloser>;

// What SQLite said, as the reason of a sevila::Error about the project file.
[[noreturn]] void throwSqlite(const std::string& path, sqlite3* db, int rc, const std::string& doing) {
  const std::string said = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  switch (rc & 0xff) {
    case SQLITE_NOTADB:
      throw Error(path, "is not a SeViLA project (not an SQLite database: " + said + ")", kNotAProjectHint);
    case SQLITE_CORRUPT:
      throw Error(path, "is damaged (SQLite: " + said + ")", "restore the project from a backup");
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      throw Error(path, "is locked by another program (SQLite: " + said + ")", "try again in a moment");
    default:
      throw Error(path, "cannot be read (" + doing + ": " + said + ")");
  }
}

// One prepared statement, finalized on every path out.
class Statement {
public:
  Statement(sqlite3* db, const std::string& path, const char* sql) : m_db(db), m_path(path), m_sql(sql) {
    sqlite3_stmt* raw = nullptr;
    const int rc = sqlite3_prepare_v2(db, sql, -1, &raw, nullptr);
    m_statement.reset(raw);
    if (rc != SQLITE_OK) throwSqlite(m_path, m_db, rc, "preparing \"" + m_sql.substr(0, 60) + "\"");
  }

  void bind(int index, const std::string& text) {
    const int rc = sqlite3_bind_text(m_statement.get(), index, text.data(), static_cast<int>(text.size()),
                                     SQLITE_TRANSIENT);
    if (rc != SQLITE_OK) throwSqlite(m_path, m_db, rc, "binding a parameter");
  }

  // True when a row is ready, false when the statement is done.
  bool step() {
    const int rc = sqlite3_step(m_statement.get());
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throwSqlite(m_path, m_db, rc, "running \"" + m_sql.substr(0, 60) + "\"");
  }

  int type(int column) const { return sqlite3_column_type(m_statement.get(), column); }
  bool isNull(int column) const { return type(column) == SQLITE_NULL; }
  int64_t integer(int column) const { return sqlite3_column_int64(m_statement.get(), column); }
  double real(int column) const { return sqlite3_column_double(m_statement.get(), column); }
  // The column as UTF-8 text, embedded NULs kept ("" for NULL).
  std::string text(int column) const {
    const auto* bytes = reinterpret_cast<const char*>(sqlite3_column_text(m_statement.get(), column));
    const int size = sqlite3_column_bytes(m_statement.get(), column);  // after column_text, as SQLite asks
    return bytes ? std::string(bytes, static_cast<size_t>(size)) : std::string();
  }

private:
  sqlite3* m_db;
  std::string m_path;
  std::string m_sql;
  std::unique_ptr<sqlite3_stmt, StatementFinalizer> m_statement;
};

// Runs a statement that returns at most one interesting row; the first column of the first row.
std::optional<int64_t> scalarInteger(sqlite3* db, const std::string& path, const char* sql) {
  Statement statement(db, path, sql);
  if (!statement.step() || statement.isNull(0)) return std::nullopt;
  return statement.integer(0);
}

void execute(sqlite3* db, const std::string& path, const char* sql) {
  Statement statement(db, path, sql);
  while (statement.step()) {
  }
}

// ---- checks before SQLite sees the file --------------------------------------------------------------

void checkFile(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (status.type() == fs::file_type::not_found)
    throw Error(path, "does not exist", "give the path of a .sevila project file");
  if (ec) throw Error(path, "cannot be read: " + ec.message());
  if (fs::is_directory(status))
    throw Error(path, "is a directory, not a SeViLA project (a project is one SQLite file)",
                kNotAProjectHint);
  if (!fs::is_regular_file(status))
    throw Error(path, "is not a regular file, not a SeViLA project", kNotAProjectHint);

  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(path, std::string("cannot be read: ") + std::strerror(errno));
  char header[16] = {};
  in.read(header, sizeof header);
  if (in.gcount() == 0) throw Error(path, "is an empty file, not a SeViLA project", kNotAProjectHint);
  static const char kSqliteHeader[16] = {'S', 'Q', 'L', 'i', 't', 'e', ' ', 'f',
                                         'o', 'r', 'm', 'a', 't', ' ', '3', '\0'};
  if (in.gcount() != sizeof header || std::memcmp(header, kSqliteHeader, sizeof header) != 0)
    throw Error(path, "is not a SeViLA project (not an SQLite database)", kNotAProjectHint);
}

// The application id and the schema version, inside the read transaction; returns the version.
int64_t checkSchema(sqlite3* db, const std::string& path) {
  const int64_t applicationId = scalarInteger(db, path, "PRAGMA application_id").value_or(0);
  if (applicationId != kProjectApplicationId) {
    const int64_t objects = scalarInteger(db, path, "SELECT count(*) FROM sqlite_master").value_or(0);
    if (applicationId == 0 && objects == 0)
      throw Error(path, "is an empty SQLite database, not a SeViLA project", kNotAProjectHint);
    throw Error(path,
                "is not a SeViLA project (an SQLite database of another application, application_id " +
                    std::to_string(applicationId) + ")",
                kNotAProjectHint);
  }
  const int64_t userVersion = scalarInteger(db, path, "PRAGMA user_version").value_or(0);
  const bool hasVersionTable =
      scalarInteger(db, path,
                    "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'")
          .value_or(0) == 1;
  const int64_t tableVersion =
      hasVersionTable ? scalarInteger(db, path, "SELECT max(version) FROM schema_version").value_or(0) : 0;
  const int64_t version = std::max(userVersion, tableVersion);
  if (version > kProjectSchemaVersion)
    throw Error(path,
                "was written by a newer SeViLA Studio (project schema " + std::to_string(version) +
                    ", this reader knows up to " + std::to_string(kProjectSchemaVersion) + ")",
                "update SeViLA to read it; the file was not changed");
  if (!hasVersionTable) throw Error(path, "has no schema_version table (damaged project)", kDamagedHint);
  if (tableVersion < 1)
    throw Error(path, "has an empty schema_version table (damaged project)", kDamagedHint);
  if (userVersion != tableVersion)
    throw Error(path,
                "is damaged: user_version " + std::to_string(userVersion) +
                    " but the schema_version table says " + std::to_string(tableVersion),
                kDamagedHint);
  // The studio migrates old files when it opens them; this reader never writes, so it reads every schema
  // up to its own (the labels table of schemas 1 and 2 lacks the drawn windows and the review).
  return tableVersion;
}

// ---- one label row ----------------------------------------------------------------------------------

// Where a problem is, for messages: "the label of qid 'x' (dataset 'd') by 'a'".
struct Row {
  const std::string& path;
  std::string where;

  [[noreturn]] void fail(const std::string& column, const std::string& reason) const {
    throw Error(path, where + ": " + column + " " + reason, kDamagedHint);
  }

  json parse(const std::string& text, const std::string& column) const {
    try {
      return json::parse(text);
    } catch (const json::exception& e) {
      fail(column, std::string("is not valid JSON: ") + e.what());
    }
  }

  template <typename Int>
  std::vector<Int> integers(const std::string& text, const std::string& column) const {
    const json j = parse(text, column);
    if (!j.is_array()) fail(column, "is not a JSON array");
    std::vector<Int> out;
    out.reserve(j.size());
    for (size_t i = 0; i < j.size(); ++i) {
      const json& v = j[i];
      const std::string at = "[" + std::to_string(i) + "]";
      if (!v.is_number_integer()) fail(column + at, "is not an integer");
      if (v.is_number_unsigned() ? v.get<uint64_t>() > static_cast<uint64_t>(std::numeric_limits<Int>::max())
                                 : (v.get<int64_t>() < std::numeric_limits<Int>::min() ||
                                    v.get<int64_t>() > std::numeric_limits<Int>::max()))
        fail(column + at, "is out of range");
      out.push_back(static_cast<Int>(v.get<int64_t>()));
    }
    return out;
  }

  std::vector<TimeWindow> windows(const std::string& text, const std::string& column) const {
    const json j = parse(text, column);
    if (!j.is_array()) fail(column, "is not a JSON array");
    std::vector<TimeWindow> out;
    out.reserve(j.size());
    for (size_t i = 0; i < j.size(); ++i) {
      const std::string at = column + "[" + std::to_string(i) + "]";
      if (!j[i].is_array() || j[i].size() != 2 || !j[i][0].is_number() || !j[i][1].is_number())
        fail(at, "is not a [start, end] pair of numbers");
      out.push_back({j[i][0].get<double>(), j[i][1].get<double>()});
    }
    return out;
  }

  std::vector<double> numbers(const std::string& text, const std::string& column) const {
    const json j = parse(text, column);
    if (!j.is_array()) fail(column, "is not a JSON array");
    std::vector<double> out;
    out.reserve(j.size());
    for (size_t i = 0; i < j.size(); ++i) {
      if (!j[i].is_number()) fail(column + "[" + std::to_string(i) + "]", "is not a number");
      out.push_back(j[i].get<double>());
    }
    return out;
  }

  std::vector<std::string> strings(const std::string& text, const std::string& column) const {
    const json j = parse(text, column);
    if (!j.is_array()) fail(column, "is not a JSON array");
    std::vector<std::string> out;
    out.reserve(j.size());
    for (size_t i = 0; i < j.size(); ++i) {
      if (!j[i].is_string()) fail(column + "[" + std::to_string(i) + "]", "is not a string");
      out.push_back(j[i].get<std::string>());
    }
    return out;
  }
};

// Column order of kLabelsQuery.
enum Column {
  kDataset,
  kQid,
  kAuthor,
  kVideo,
  kFps,
  kFrameCount,
  kFrameIndices,
  kTimestamps,
  kKeyframes,
  kState,
  kNote,
  kCreated,
  kUpdated,
  kWindows,
  kReviewState,
  kReviewer,
  kReviewedAt,
  kQuestion,
  kOptions,
  kAnswer,
  kType
};

// The labels query of a schema: from schema 3 on, labels have drawn windows and a review; before, the
// query gives the values that mean "none".
std::string labelsQuery(int64_t schema) {
  const std::string schema3Columns =
      schema >= 3 ? "labels.windows, labels.review_state, labels.reviewer, labels.reviewed_at, "
                  : "'[]', '', '', '', ";
  return "SELECT items.dataset, items.qid, labels.author, coalesce(videos.path, ''), labels.fps, "
         "labels.frame_count, labels.frame_indices, labels.timestamps, labels.keyframes, labels.state, "
         "labels.note, labels.created_at, labels.updated_at, " +
         schema3Columns +
         "items.question, items.options, items.answer, items.type "
         "FROM labels JOIN items ON items.id = labels.item_id LEFT JOIN videos ON videos.id = items.video_id "
         "WHERE ?1 = '' OR labels.author = ?1 "
         "ORDER BY items.dataset, items.qid, labels.author";
}

ProjectLabel labelFromRow(const Statement& s, const std::string& path) {
  ProjectLabel label;
  KeyframeLabelRecord& r = label.record;
  r.dataset = s.text(kDataset);
  r.qid = s.text(kQid);
  r.author = s.text(kAuthor);
  const Row row{path, "the label of qid '" + r.qid + "' (dataset '" + r.dataset + "') by '" + r.author + "'"};

  r.video = s.text(kVideo);
  if (s.type(kFps) != SQLITE_FLOAT && s.type(kFps) != SQLITE_INTEGER) row.fail("fps", "is not a number");
  r.fps = s.real(kFps);
  if (s.type(kFrameCount) != SQLITE_INTEGER) row.fail("frame_count", "is not an integer");
  const int64_t n = s.integer(kFrameCount);
  r.grid.frameIndices = row.integers<int64_t>(s.text(kFrameIndices), "frame_indices");
  r.grid.timestamps = row.numbers(s.text(kTimestamps), "timestamps");
  r.keyframes = row.integers<int>(s.text(kKeyframes), "keyframes");
  if (n != static_cast<int64_t>(r.grid.frameIndices.size()))
    row.fail("frame_count", "says n = " + std::to_string(n) + " but frame_indices holds " +
                                std::to_string(r.grid.frameIndices.size()) + " frames");
  try {
    r.state = labelStateFromString(s.text(kState), path);
  } catch (const Error& e) {
    throw Error(path, row.where + ": " + e.reason(), kDamagedHint);
  }
  r.note = s.text(kNote);
  r.created = s.text(kCreated);
  r.updated = s.text(kUpdated);
  r.windows = row.windows(s.text(kWindows), "windows");
  try {
    r.review = reviewStateFromString(s.text(kReviewState), path);
  } catch (const Error& e) {
    throw Error(path, row.where + ": " + e.reason(), kDamagedHint);
  }
  r.reviewer = s.text(kReviewer);
  r.reviewed = s.text(kReviewedAt);
  try {
    validateKeyframeLabel(r, path);
  } catch (const Error& e) {
    throw Error(path, row.where + ": " + e.reason(), kDamagedHint);  // e.reason() = "field 'x': why"
  }

  label.question = s.text(kQuestion);
  label.options = row.strings(s.text(kOptions), "items.options");
  if (!s.isNull(kAnswer)) {
    if (s.type(kAnswer) != SQLITE_INTEGER) row.fail("items.answer", "is not an integer");
    const int64_t answer = s.integer(kAnswer);
    if (answer < std::numeric_limits<int>::min() || answer > std::numeric_limits<int>::max())
      row.fail("items.answer", "is out of range");
    label.answer = static_cast<int>(answer);
  }
  label.type = s.text(kType);
  return label;
}

}  // namespace

std::vector<ProjectLabel> readProjectLabels(const std::string& path, const std::string& author) {
  checkFile(path);

  // Without SQLITE_OPEN_URI a name is a plain file name, unless SQLite was built to treat every "file:"
  // name as a URI: "./" keeps such a relative name a file name.
  const std::string fileName = path.rfind("file:", 0) == 0 ? "./" + path : path;
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(fileName.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr);
  const Connection db(raw);  // closes on every path out, also when the open itself failed
  if (rc != SQLITE_OK) throwSqlite(path, db.get(), rc, "opening");
  // The studio writes with BEGIN IMMEDIATE; a WAL reader only waits while a checkpoint or recovery runs.
  sqlite3_busy_timeout(db.get(), 5000);
  // A read-only connection cannot checkpoint anyway; say so, so that closing never tries to write.
  sqlite3_db_config(db.get(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, static_cast<int*>(nullptr));

  // One read transaction: the schema checks and the labels see the same snapshot. An exception leaves it
  // open; closing the connection ends it (a read transaction has nothing to roll back).
  execute(db.get(), path, "BEGIN");
  const int64_t schema = checkSchema(db.get(), path);
  std::vector<ProjectLabel> labels;
  {
    const std::string sql = labelsQuery(schema);
    Statement query(db.get(), path, sql.c_str());
    query.bind(1, author);
    while (query.step()) labels.push_back(labelFromRow(query, path));
  }
  execute(db.get(), path, "COMMIT");
  return labels;
}

}  // namespace sevila::data
