// Loads a SeViLA model (a BLIP-2 directory plus an optional SeViLA checkpoint) in the background and
// owns the engine that runs it. The GUI sees a summary (what, where, which precision) and signals.
#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>

namespace sevila::engine {
class SevilaEngine;
}

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
};

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
  std::shared_ptr<engine::SevilaEngine> engine() const { return m_engine; }

Q_SIGNALS:
  void loadStarted(const QString& name);
  void loaded();
  void loadFailed(const QString& message);

private:
  struct Loaded;
  void onFinished();

  QFutureWatcher<std::shared_ptr<Loaded>> m_watcher;
  std::shared_ptr<engine::SevilaEngine> m_engine;
  ModelSummary m_summary;
  ModelRequest m_request, m_pending;
  bool m_loading = false;
};

}  // namespace sevila::studio
