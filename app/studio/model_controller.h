// Loads a SeViLA model (a BLIP-2 directory plus an optional SeViLA checkpoint) in the background and
// owns the engine that runs it. The GUI sees a summary (what, where, which precision) and signals.
#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>

namespace sevila::engine {
class QuestionEngine;
class SevilaEngine;
}  // namespace sevila::engine

namespace sevila::studio {

struct ModelRequest {
  QString directory;   // config.json + safetensors (+ spiece.model)
  QString checkpoint;  // SeViLA .pth, empty for zero-shot BLIP-2
  QString tokenizer;   // empty: <directory>/spiece.model
  QString device = "cpu";
  QString precision = "f32";
  QString cacheDirectory;  // vision feature cache; empty disables it
  qint64 cacheCapBytes = 0;
  bool demo = false;  // the bundled demo model (trained on synthetic shapes videos only)
  // The backend: empty, this process; else the URL of a `sevila serve` that runs its own model (the
  // fields above are then unused).
  QString server;
  QString serverTokenFile;
  QStringList serverFolders;       // "LOCAL_FOLDER=ROOT": where the server finds this machine's videos
  bool serverUploadFrames = true;  // other videos: their sampled frames are sent
  QString serverVersion;           // switch the server to this version first ("base" or a refinement's id)
};

// How a project names a version that lives on a server: its refinement's id.
inline QString serverCheckpoint(const QString& refinementId) {
  return QStringLiteral("server:") + refinementId;
}

struct ModelSummary {
  QString name;              // what the status bar shows
  QString directory;         // the BLIP-2 folder it was loaded from (a run's provenance)
  QString checkpoint;        // the SeViLA .pth applied ("" zero-shot)
  QString checkpointSha256;  // its hash, computed at load (a run's provenance)
  QString device;
  QString precision;
  bool zeroShot = true;
  bool demo = false;
  QStringList warnings;  // accepted at load, worth telling (model/nn's load warnings)
  QString server;        // the `sevila serve` answering (empty: this process)
};

class ModelController : public QObject {
  Q_OBJECT
public:
  explicit ModelController(QObject* parent = nullptr);
  ~ModelController() override;

  void load(const ModelRequest& request);
  bool isLoaded() const { return m_engine != nullptr; }
  bool isLoading() const { return m_loading; }
  const ModelSummary& summary() const { return m_summary; }
  // What the loaded model was loaded from (e.g. to load a private copy to train).
  const ModelRequest& request() const { return m_request; }
  // What answers questions: the in-process engine or a server's.
  std::shared_ptr<engine::QuestionEngine> engine() const { return m_engine; }
  // The in-process engine (null with a server backend): for what only a local model can do.
  std::shared_ptr<engine::SevilaEngine> localEngine() const { return m_local; }
  bool isRemote() const { return !m_summary.server.isEmpty(); }

Q_SIGNALS:
  void loadStarted(const QString& name);
  void loaded();
  void loadFailed(const QString& message);

private:
  struct Loaded;
  void onFinished();

  QFutureWatcher<std::shared_ptr<Loaded>> m_watcher;
  std::shared_ptr<engine::QuestionEngine> m_engine;
  std::shared_ptr<engine::SevilaEngine> m_local;
  ModelSummary m_summary;
  ModelRequest m_request, m_pending;
  bool m_loading = false;
};

}  // namespace sevila::studio
