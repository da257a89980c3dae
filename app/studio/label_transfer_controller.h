// keyframes.jsonl into and out of a project, on a worker thread with a connection of its own: 100,000
// labels take seconds. One transfer at a time; an import is one transaction, so a failure leaves the
// project as it was.
#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QString>

namespace sevila::studio {

class LabelTransferController : public QObject {
  Q_OBJECT
public:
  explicit LabelTransferController(QObject* parent = nullptr);
  ~LabelTransferController() override;  // waits: an import must commit or roll back, never be cut off

  // False (and nothing started) while another transfer runs.
  bool importLabels(const QString& project, const QString& jsonlPath);
  bool exportLabels(const QString& project, const QString& jsonlPath);

  bool isRunning() const { return m_watcher.isRunning(); }
  bool isImporting() const { return isRunning() && m_import; }
  void waitForFinished() { m_watcher.waitForFinished(); }

Q_SIGNALS:
  void started(bool import, const QString& jsonlPath);
  void imported(int count);
  void exported(int count);
  // The reason, naming the file; the project keeps what it had.
  void failed(bool import, const QString& message);

private:
  struct Outcome {
    int count = -1;  // -1: failed
    QString error;
  };
  bool start(bool import, const QString& project, const QString& jsonlPath);
  void onFinished();

  QFutureWatcher<Outcome> m_watcher;
  bool m_import = false;
};

}  // namespace sevila::studio
