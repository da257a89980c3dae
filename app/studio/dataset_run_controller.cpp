#include "dataset_run_controller.h"

#include <QMetaObject>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

#include "dataset_session.h"
#include "engine/cancel_token.h"
#include "engine/dataset_run.h"
#include "engine_error_text.h"
#include "worker_pools.h"

namespace sevila::studio {

DatasetRunController::DatasetRunController(QObject* parent) : QObject(parent) {
  qRegisterMetaType<sevila::studio::DatasetRunReport>("sevila::studio::DatasetRunReport");
  connect(&m_watcher, &QFutureWatcher<DatasetRunReport>::finished, this,
          [this] { Q_EMIT completed(m_watcher.result()); });
}

DatasetRunController::~DatasetRunController() {
  cancel();
  m_watcher.waitForFinished();
}

void DatasetRunController::cancel() {
  if (m_cancel) m_cancel->cancel();
}

bool DatasetRunController::start(const DatasetRunRequest& request) {
  if (isRunning() || !m_engine || !request.session || request.qids.isEmpty()) return false;
  m_cancel = std::make_shared<engine::CancelToken>();
  QPointer<DatasetRunController> self(this);
  auto job = [request, engine = m_engine, token = m_cancel, self]() {
    DatasetRunReport report;
    try {
      std::vector<data::DatasetItem> items;
      for (const QString& qid : request.qids)
        if (const data::DatasetItem* item = request.session->item(qid.toStdString())) items.push_back(*item);
      const DatasetSession& session = *request.session;
      auto resolve = [&session](const data::DatasetItem& item) {
        return session.videoPath(item).toStdString();
      };
      // A video's questions together (one vision, Localizer and Answerer pass in process).
      const engine::AnswerGroupFn answer = [&](const std::vector<data::DatasetItem>& group,
                                               const std::string& video) {
        std::vector<engine::Question> questions;
        for (const auto& item : group) questions.push_back(engine::questionFor(item));
        auto results = engine->runGroup(video, questions, request.options, token.get(), {});
        for (size_t i = 0; i < results.size(); ++i) {
          engine::ChainResult& r = results[i];
          r.video = group[i].video;  // as the dataset names it, like `sevila run`
          r.model = request.model.toStdString();
          r.checkpointSha256 = request.checkpointSha256.toStdString();
          QMetaObject::invokeMethod(
              self,
              [self, r]() {
                if (self) Q_EMIT self->itemAnswered(r);
              },
              Qt::QueuedConnection);
        }
        return results;
      };
      auto progress = [self](const engine::DatasetRunProgress& p) {
        const int finished = p.done + p.skipped + p.failed;
        const QString current = QString::fromStdString(p.current);
        QMetaObject::invokeMethod(
            self,
            [self, finished, total = p.total, eta = p.etaSeconds, current, inFlight = p.inFlight]() {
              if (self) Q_EMIT self->progress(finished, total, eta, current, inFlight);
            },
            Qt::QueuedConnection);
      };
      const engine::DatasetRunSummary summary = engine::runDataset(
          items, request.resultsPath.toStdString(), {}, resolve, answer, token.get(), progress);
      report.done = summary.progress.done;
      report.skipped = summary.progress.skipped;
      report.failed = summary.progress.failed;
      report.total = summary.progress.total;
      report.cancelled = summary.cancelled;
      for (const auto& f : summary.failures) report.failures << QString::fromStdString(f);
    } catch (const engine::Cancelled&) {
      report.cancelled = true;
    } catch (const std::exception& e) {
      report.error = localizedError(e);
    }
    return report;
  };
  m_watcher.setFuture(QtConcurrent::run(&modelPool(), job));
  return true;
}

}  // namespace sevila::studio
