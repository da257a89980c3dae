// Opens a dataset off the GUI thread: the annotations (and a results file) through the engine's readers,
// then the browser's rows with their label columns, read from the project in one query on a connection
// of the loader's own. 50,000 items take seconds; the window keeps responding meanwhile (bench_studio).
#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QString>

#include <functional>

#include <memory>
#include <vector>

#include "dataset_session.h"
#include "widgets/dataset_row.h"

namespace sevila::studio {

struct KeyframeLabel;

struct DatasetLoad {
  std::shared_ptr<const DatasetSession> session;
  std::vector<widgets::DatasetRow> rows;
  QString labelError;  // the label columns could not be read (the rows come without them)
};

class DatasetLoader : public QObject {
  Q_OBJECT
public:
  explicit DatasetLoader(QObject* parent = nullptr);
  ~DatasetLoader() override;  // waits for a load in flight

  // Starts reading; a later call supersedes one still running (its result is dropped). `projectPath`
  // may be empty (no label columns).
  void load(const DatasetSource& source, const QString& projectPath, const std::string& author);
  // The rows again for a loaded session, e.g. with another project's labels.
  void relabel(std::shared_ptr<const DatasetSession> session, const QString& projectPath,
               const std::string& author);
  bool isLoading() const { return m_watcher.isRunning(); }
  // The finished load, once loaded() was emitted.
  DatasetLoad take() { return std::move(m_result); }

Q_SIGNALS:
  void loaded();
  void failed(const QString& message);

private:
  struct Outcome;
  void start(std::function<std::shared_ptr<Outcome>()> work);
  void onFinished();

  QFutureWatcher<std::shared_ptr<Outcome>> m_watcher;
  int m_generation = 0;
  std::function<std::shared_ptr<Outcome>()> m_pending;  // the newest request while one runs
  DatasetLoad m_result;
};

// A browser row with the label's state and the overlap of its keyframes with the model's, by absolute
// frame index (|A ∩ B| / |A ∪ B|); `label` and `result` may be null.
widgets::DatasetRow withLabel(widgets::DatasetRow row, const KeyframeLabel* label,
                              const engine::ChainResult* result);

}  // namespace sevila::studio
