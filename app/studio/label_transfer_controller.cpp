#include "label_transfer_controller.h"

#include <exception>

#include <QtConcurrent/QtConcurrentRun>

#include "engine_error_text.h"
#include "project_store.h"
#include "worker_pools.h"

namespace sevila::studio {

LabelTransferController::LabelTransferController(QObject* parent) : QObject(parent) {
  connect(&m_watcher, &QFutureWatcher<Outcome>::finished, this, &LabelTransferController::onFinished);
}

LabelTransferController::~LabelTransferController() {
  m_watcher.waitForFinished();
}

bool LabelTransferController::importLabels(const QString& project, const QString& jsonlPath) {
  return start(true, project, jsonlPath);
}

bool LabelTransferController::exportLabels(const QString& project, const QString& jsonlPath) {
  return start(false, project, jsonlPath);
}

bool LabelTransferController::start(bool import, const QString& project, const QString& jsonlPath) {
  if (isRunning()) return false;
  m_import = import;
  m_watcher.setFuture(QtConcurrent::run(&mediaPool(), [import, project, jsonlPath]() -> Outcome {
    try {
      ProjectStore store(project);  // this thread's own connection
      return {import ? store.importKeyframeLabels(jsonlPath) : store.exportKeyframeLabels(jsonlPath), {}};
    } catch (const std::exception& e) {
      return {-1, localizedError(e)};
    }
  }));
  Q_EMIT started(import, jsonlPath);
  return true;
}

void LabelTransferController::onFinished() {
  const Outcome outcome = m_watcher.result();
  if (outcome.count < 0)
    Q_EMIT failed(m_import, outcome.error);
  else if (m_import)
    Q_EMIT imported(outcome.count);
  else
    Q_EMIT exported(outcome.count);
}

}  // namespace sevila::studio
