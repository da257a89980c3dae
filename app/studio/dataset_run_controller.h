// Answers many dataset items from the studio (the dataset panel's "Answer Items…"), on the model worker
// with the engine's dataset runner: results are appended to a results file one line per item (resumable:
// items already in it are skipped, a crash loses at most the item in flight), progress with an ETA, and
// Cancel, which stops the item in flight (it is not written; the items before it are). Results come back to
// the GUI thread one item at a time.
#pragma once

#include <QFutureWatcher>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>

#include "engine/chain_result.h"
#include "engine/forward_chain.h"
#include "run_controller.h"  // Q_DECLARE_METATYPE(ChainResult)

namespace sevila::engine {
class CancelToken;
}

namespace sevila::studio {

class DatasetSession;

struct DatasetRunRequest {
  std::shared_ptr<const DatasetSession> session;
  QStringList qids;     // the items to answer, in this order
  QString resultsPath;  // appended to; items already in it are skipped
  engine::ChainOptions options;
  QString model;             // recorded with each result (its provenance)
  QString checkpointSha256;  // likewise, when the model has a checkpoint
};

struct DatasetRunReport {
  int done = 0, skipped = 0, failed = 0, total = 0;
  bool cancelled = false;
  QStringList failures;  // "qid: reason"
  QString error;         // the run could not start or stopped on an error
};

class DatasetRunController : public QObject {
  Q_OBJECT
public:
  explicit DatasetRunController(QObject* parent = nullptr);
  ~DatasetRunController() override;  // cancels and waits

  void setEngine(std::shared_ptr<engine::QuestionEngine> engine) { m_engine = std::move(engine); }
  bool isRunning() const { return m_watcher.isRunning(); }
  // Starts answering; false when a run is in flight, without an engine or without items.
  bool start(const DatasetRunRequest& request);
  // Direct call: the worker stops in the item in flight, which is not written.
  void cancel();

Q_SIGNALS:
  // finished = done + skipped + failed so far, of `total`; `current` and inFlight - 1 more items of its
  // video are being answered together.
  void progress(int finished, int total, double etaSeconds, const QString& current, int inFlight);
  void itemAnswered(const sevila::engine::ChainResult& result);
  void completed(const sevila::studio::DatasetRunReport& report);

private:
  std::shared_ptr<engine::QuestionEngine> m_engine;
  std::shared_ptr<engine::CancelToken> m_cancel;
  QFutureWatcher<DatasetRunReport> m_watcher;
};

}  // namespace sevila::studio

Q_DECLARE_METATYPE(sevila::studio::DatasetRunReport)
