// The human keyframe labels of a SeViLA Studio project (*.sevila, one SQLite file; docs/labels.md), read
// without Qt, for the headless trainer.
//
// The reader opens the file read-only (SQLITE_OPEN_READONLY, no checkpoint on close): it never writes the
// project file and never creates it. It works while the studio has the project open: in WAL mode a reader
// sees every committed edit (also those still in <file>-wal) and does not block the writer. Like every
// reader of a WAL database, SQLite may create the empty companions <file>-wal and <file>-shm when they are
// missing; the studio removes them when it closes the project.
//
// Everything is read in one read transaction, so the result is one consistent snapshot even while the
// studio writes.
//
// Plain C++17; the SQLite C API and nlohmann-json are used in the .cpp only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "data/keyframe_labels.h"

namespace sevila::data {

// Must match sevila::studio::ProjectStore::kApplicationId and kSchemaVersion (the studio's test checks).
inline constexpr int32_t kProjectApplicationId = 0x5365566C;  // "SeVl"
inline constexpr int kProjectSchemaVersion = 4;               // the newest schema this reader knows

struct ProjectLabel {
  // qid, dataset, author, video (the video's path in the project, "" when the item has none), fps, grid,
  // keyframes, state, note, created, updated, drawn windows and review (schema 3; none in older
  // projects): what keyframes.jsonl would hold for this label.
  KeyframeLabelRecord record;
  std::string question;  // the item's question text
  std::vector<std::string> options;
  std::optional<int> answer;
  std::string type;
};

// Every label of a SeViLA Studio project (schemas 1 to kProjectSchemaVersion); author "" = all authors,
// else only that author's. Ordered by dataset, qid, author (byte order).
// Throws sevila::Error(path, reason) for: a missing file, a directory, an unreadable file, a file that is
// not SQLite, another application's database (application_id), a schema newer than this reader knows
// (or a damaged schema_version), malformed JSON columns or grids that fail validateKeyframeLabel (the
// message names the dataset, qid and author of the label).
std::vector<ProjectLabel> readProjectLabels(const std::string& path, const std::string& author = {});

}  // namespace sevila::data
