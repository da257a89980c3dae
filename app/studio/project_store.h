// A SeViLA Studio project: ONE SQLite file holding videos, dataset items, model runs and human keyframe
// labels. Every write is its own transaction, committed before the call returns: there is no "Save",
// and a crash (even kill -9) loses at most the edit in flight. Schema and pragmas: docs/labels.md.
//
// - journal_mode=WAL: a commit is one append to the -wal file; readers (a second store on the same file,
//   e.g. a worker thread writing runs) do not block the writer.
// - synchronous=FULL by default: every commit is fsync'ed, so a committed label survives power loss and
//   OS crashes too, not only an application crash. The studio's own store uses setDeferredSync(true):
//   commits are not fsync'ed on the GUI thread (an fsync took 100 ms there on a busy disk), which still
//   survives kill -9 and application crashes (the log is in the OS), and a checkpoint on a worker makes
//   them power-safe within kDeferredSyncMs of the last commit.
// - foreign_keys=ON; application_id identifies our files; the schema_version table (plus
//   PRAGMA user_version) drives migrations (see migrate() in the .cpp).
//
// One ProjectStore per thread (a Qt SQL connection belongs to the thread that opened it); each instance
// has its own connection name and removes it when destroyed. Not for network file systems (WAL needs
// all users on one host). Errors throw sevila::Error(subject = the project file, reason, hint).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <QObject>
#include <QString>

class QThreadPool;
class QTimer;

#include "data/dataset_item.h"
#include "data/keyframe_labels.h"

namespace sevila::studio {

using data::LabelState;
using data::ReviewState;
using data::SamplingGrid;
using data::TimeWindow;

struct VideoRecord {
  int64_t id = 0;
  std::string path;         // unique within a project
  std::string contentHash;  // e.g. "sha256:…" (empty when unknown)
  int64_t frameCount = 0;
  double fps = 0;
  bool operator==(const VideoRecord& o) const {
    return id == o.id && path == o.path && contentHash == o.contentHash && frameCount == o.frameCount &&
           fps == o.fps;
  }
};

struct ItemRecord {
  int64_t id = 0;
  std::optional<int64_t> videoId;
  std::string qid;  // unique per dataset
  std::string dataset;
  std::string question;
  std::vector<std::string> options;
  std::optional<int> answer;
  std::string type;
  bool operator==(const ItemRecord& o) const {
    return id == o.id && videoId == o.videoId && qid == o.qid && dataset == o.dataset &&
           question == o.question && options == o.options && answer == o.answer && type == o.type;
  }
};

// The per-frame part of a forward-chain run (engine::FrameScore, copied so this header needs no engine).
struct RunFrame {
  int64_t frameIndex = 0;
  double seconds = 0;
  double yesLogit = 0;
  double yesProb = 0;
  double yesNoProb = 0;
  bool operator==(const RunFrame& o) const {
    return frameIndex == o.frameIndex && seconds == o.seconds && yesLogit == o.yesLogit &&
           yesProb == o.yesProb && yesNoProb == o.yesNoProb;
  }
};

struct RunRecord {
  int64_t id = 0;
  int64_t itemId = 0;
  std::string model;
  std::string checkpoint;
  std::string checkpointSha256;  // schema 4 ("" when unknown)
  std::string options;           // JSON: the chain's settings (frames, keyframes, mode); schema 4
  std::string device;            // where it ran ("cpu", "cuda:0"); schema 2
  std::string precision;         // f32, bf16, f16; schema 2
  std::string createdAt;         // ISO 8601 UTC; filled by addRun when empty
  std::vector<RunFrame> frames;  // the sampled grid with the Localizer's scores
  std::vector<int> keyframes;    // positions in frames
  int answer = -1;
  std::vector<double> optionProbabilities;
  bool operator==(const RunRecord& o) const {
    return id == o.id && itemId == o.itemId && model == o.model && checkpoint == o.checkpoint &&
           checkpointSha256 == o.checkpointSha256 && options == o.options && device == o.device &&
           precision == o.precision && createdAt == o.createdAt && frames == o.frames &&
           keyframes == o.keyframes && answer == o.answer && optionProbabilities == o.optionProbabilities;
  }
};

// A model the project knows (schema 4): the base a run used, or a Localizer refined in the studio from
// another version. (model, checkpoint) is unique: a run belongs to the version with its model and
// checkpoint.
struct ModelVersion {
  int64_t id = 0;
  std::string name;                 // what the user sees, e.g. "refined 1 (5 epochs, 20 labels)"
  std::string model;                // the BLIP-2 folder
  std::string checkpoint;           // the SeViLA .pth ("" for zero-shot BLIP-2)
  std::string checkpointSha256;     // "" when unknown
  std::optional<int64_t> parentId;  // the version it was refined from
  std::string options;              // JSON: how it was made (training options, label sources)
  std::string report;               // JSON: the refinement's before/after report ("{}" for a base)
  std::string createdAt;            // ISO 8601 UTC; filled by addModelVersion when empty
  bool operator==(const ModelVersion& o) const {
    return id == o.id && name == o.name && model == o.model && checkpoint == o.checkpoint &&
           checkpointSha256 == o.checkpointSha256 && parentId == o.parentId && options == o.options &&
           report == o.report && createdAt == o.createdAt;
  }
};

// One author's keyframes for one item, on the sampling grid the trainer uses, optionally drawn as time
// windows (schema 3) and reviewed by a second person (schema 3).
struct KeyframeLabel {
  int64_t id = 0;
  int64_t itemId = 0;
  std::string author;
  std::string createdAt;  // ISO 8601 UTC
  std::string updatedAt;
  std::string note;
  LabelState state = LabelState::Confirmed;
  double fps = 0;              // the video's average frame rate when the grid was sampled
  SamplingGrid grid;           // n = grid.size() positions, absolute frame indices, timestamps
  std::vector<int> keyframes;  // positions in grid, strictly increasing
  // Drawn windows (seconds), empty = none drawn. When drawn, keyframes are exactly the positions they
  // cover (data/label_windows.h); putLabel refuses anything else.
  std::vector<TimeWindow> windows;
  ReviewState review = ReviewState::None;
  std::string reviewer;    // non-empty iff review != None
  std::string reviewedAt;  // ISO 8601 UTC, set by setReview
  bool operator==(const KeyframeLabel& o) const {
    return id == o.id && itemId == o.itemId && author == o.author && createdAt == o.createdAt &&
           updatedAt == o.updatedAt && note == o.note && state == o.state && fps == o.fps && grid == o.grid &&
           keyframes == o.keyframes && windows == o.windows && review == o.review && reviewer == o.reviewer &&
           reviewedAt == o.reviewedAt;
  }
};

// A run record from the engine's result (engine::ChainResult, model/engine/chain_result.h). A template
// so that this header does not pull in the engine; pass a ChainResult.
template <typename ChainResult>
RunRecord runRecordFrom(const ChainResult& result, int64_t itemId) {
  RunRecord run;
  run.itemId = itemId;
  run.model = result.model;
  run.checkpoint = result.checkpoint;
  run.checkpointSha256 = result.checkpointSha256;
  run.options = "{\"frames\":" + std::to_string(result.frames.size()) +
                ",\"keyframes\":" + std::to_string(result.keyframes.size()) + ",\"mode\":\"" + result.mode +
                "\"}";
  run.device = result.device;
  run.precision = result.precision;
  for (const auto& f : result.frames)
    run.frames.push_back(RunFrame{f.frameIndex, f.seconds, f.yesLogit, f.yesProb, f.yesNoProb});
  run.keyframes = result.keyframes;
  run.answer = result.answer.answer;
  run.optionProbabilities = result.answer.probabilities;
  return run;
}

// The sampling grid of a run (positions, absolute frame indices, timestamps), e.g. to label on it.
inline SamplingGrid gridOf(const RunRecord& run) {
  SamplingGrid grid;
  for (const RunFrame& f : run.frames) {
    grid.frameIndices.push_back(f.frameIndex);
    grid.timestamps.push_back(f.seconds);
  }
  return grid;
}

class ProjectStore : public QObject {
  Q_OBJECT
public:
  static constexpr int kSchemaVersion = 4;
  static constexpr int32_t kApplicationId = 0x5365566C;  // "SeVl"

  // Opens `path`, creating a new project when the file does not exist (or is empty). Throws
  // sevila::Error naming the file when it is not a SeViLA project, was written by a newer version,
  // cannot be opened, or the Qt SQLite driver is missing.
  explicit ProjectStore(const QString& path, QObject* parent = nullptr);
  ~ProjectStore() override;
  ProjectStore(const ProjectStore&) = delete;
  ProjectStore& operator=(const ProjectStore&) = delete;

  const QString& path() const { return m_path; }
  static constexpr int kDeferredSyncMs = 300;
  // synchronous=NORMAL plus a background checkpoint shortly after each commit (see above); needs an
  // event loop in this store's thread. Off: synchronous=FULL.
  void setDeferredSync(bool on);
  bool deferredSync() const { return m_flusher != nullptr; }
  // Makes every commit so far durable now (waits for a checkpoint).
  void flushToDisk();
  int schemaVersion() const;
  std::string journalMode() const;  // "wal"

  // Videos: unique by path; an upsert keeps the id.
  int64_t upsertVideo(const VideoRecord& video);
  std::optional<VideoRecord> video(int64_t id) const;
  std::optional<VideoRecord> videoByPath(const std::string& path) const;

  // Items: unique by (dataset, qid); an upsert keeps the id.
  int64_t upsertItem(const ItemRecord& item);
  // An item from a dataset reader, with its video (by the dataset's video id) when videoId is given.
  static ItemRecord itemFrom(const data::DatasetItem& item, std::optional<int64_t> videoId = {});
  std::optional<ItemRecord> item(int64_t id) const;
  std::optional<ItemRecord> itemByQid(const std::string& dataset, const std::string& qid) const;
  std::vector<ItemRecord> items() const;

  // Runs: appended; createdAt is set to now when empty.
  int64_t addRun(const RunRecord& run);
  std::vector<RunRecord> runs(int64_t itemId) const;  // oldest first

  // Model versions: unique by (model, checkpoint); adding an existing pair returns its id unchanged.
  int64_t addModelVersion(const ModelVersion& version);
  std::vector<ModelVersion> modelVersions() const;  // oldest first
  std::optional<ModelVersion> modelVersion(int64_t id) const;
  std::optional<ModelVersion> modelVersionOf(const std::string& model, const std::string& checkpoint) const;
  // The item's newest run by that model and checkpoint.
  std::optional<RunRecord> latestRun(int64_t itemId, const std::string& model,
                                     const std::string& checkpoint) const;

  // Labels: unique by (item, author).
  std::optional<KeyframeLabel> label(int64_t itemId, const std::string& author) const;
  std::vector<KeyframeLabel> labels(int64_t itemId) const;
  std::vector<KeyframeLabel> allLabels() const;
  // One author's labels of one dataset's items by qid, in one query (the dataset browser's columns).
  std::map<std::string, KeyframeLabel> labelsOfDataset(const std::string& dataset,
                                                       const std::string& author) const;
  // Inserts or replaces the (item, author) label. Timestamps: createdAt kept from the existing row (or
  // now / the given value), updatedAt = now unless `keepTimestamps` (used by undo and import, which
  // restore a label exactly). Returns the row id. Throws sevila::Error naming the project for an invalid
  // label (keyframes outside the grid, drawn windows that do not cover exactly the keyframes, a review
  // without a reviewer, ...).
  // The review fields are written as given, with one exception that keeps a review honest: an edit
  // (keepTimestamps false) that changes the label's content (keyframes, drawn windows or grid) while
  // carrying the stored review unchanged drops that review, since what was reviewed is gone. Edit commands
  // copy the label they edit, so every keyframe/window edit clears a review; undo restores it exactly.
  int64_t putLabel(const KeyframeLabel& label, bool keepTimestamps = false);
  // Reviews the (item, author) label: Accepted/Rejected by `reviewer`, reviewedAt = now; None clears
  // review, reviewer and reviewedAt (`reviewer` is then ignored). The label's own fields and updatedAt are
  // unchanged. Emits labelChanged. Throws sevila::Error when the label does not exist, when reviewer ==
  // author ("a label cannot be reviewed by its author") or reviewer is empty.
  void setReview(int64_t itemId, const std::string& author, ReviewState state, const std::string& reviewer);
  void removeLabel(int64_t itemId, const std::string& author);
  // Writes `label` when given, else removes the (item, author) label: what undo needs.
  void restoreLabel(int64_t itemId, const std::string& author, const std::optional<KeyframeLabel>& label);

  // keyframes.jsonl, both ways. Import reads and validates the whole file first, then upserts videos
  // (by path), items (by dataset + qid) and labels (by item + author) in ONE transaction: a bad file
  // imports nothing. Returns the number of labels written.
  int importKeyframeLabels(const QString& jsonlPath);
  // The labels as interchange records (all authors, or one); export writes them with QSaveFile.
  std::vector<data::KeyframeLabelRecord> keyframeLabelRecords(const std::string& author = {}) const;
  int exportKeyframeLabels(const QString& jsonlPath, const std::string& author = {}) const;  // labels written

  // Runs `body` inside one transaction (rolled back if it throws). Writes inside are not separately
  // committed.
  void transaction(const std::function<void()>& body);

  static std::string nowUtc();  // "2026-11-24T10:00:00.123Z"

Q_SIGNALS:
  // A label was written or removed (by an edit, undo, redo or import).
  void labelChanged(qint64 itemId, const QString& author);
  // A write that an undo command could not report by exception (commands call reportWriteError).
  void writeFailed(const QString& message);

public:
  void reportWriteError(const QString& message) { Q_EMIT writeFailed(message); }

private:
  struct Db;
  std::string subject() const;
  void createOrMigrate();
  int64_t putLabelNoTransaction(const KeyframeLabel& label, bool keepTimestamps);

  static bool checkpoint(const std::string& path);

  QString m_path;
  std::unique_ptr<QThreadPool> m_flusher;  // one thread: the background checkpoints
  QTimer* m_flushTimer = nullptr;
  QString m_connection;
  std::unique_ptr<Db> m_db;
  int m_transactionDepth = 0;
};

}  // namespace sevila::studio
