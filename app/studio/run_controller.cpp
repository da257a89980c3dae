#include "run_controller.h"

#include <QMetaObject>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

#include "engine/cancel_token.h"
#include "engine_error_text.h"
#include "worker_pools.h"

namespace sevila::studio {

struct RunController::Outcome {
  std::optional<engine::ChainResult> result;
  std::optional<engine::OptionScores> whatIf;
  QVector<qint64> frames;
  bool baselines = false;
  QString error;
  bool cancelled = false;
};

// The engine's progress callback, run on the worker: forwards to progress() on the GUI thread.
engine::ProgressFn RunController::progressTo(QPointer<RunController> self) {
  return [self](double f, const std::string& stage) {
    const QString name = QString::fromStdString(stage);
    QMetaObject::invokeMethod(
        self,
        [self, f, name]() {
          if (self) Q_EMIT self->progress(f, name);
        },
        Qt::QueuedConnection);
  };
}

RunController::RunController(QObject* parent) : QObject(parent) {
  qRegisterMetaType<sevila::engine::ChainResult>("sevila::engine::ChainResult");
  qRegisterMetaType<sevila::engine::OptionScores>("sevila::engine::OptionScores");
  connect(&m_watcher, &QFutureWatcher<std::shared_ptr<Outcome>>::finished, this, &RunController::onFinished);
}

RunController::~RunController() {
  cancel();
  m_watcher.waitForFinished();
}

void RunController::cancel() {
  if (m_cancel) m_cancel->cancel();
}

void RunController::start(Task task, Job work) {
  if (m_busy || !m_engine) return;
  m_task = task;
  m_cancel = std::make_shared<engine::CancelToken>();
  m_busy = true;
  Q_EMIT started();
  m_watcher.setFuture(QtConcurrent::run(
      &modelPool(), [work, engine = m_engine, token = m_cancel, self = QPointer<RunController>(this)]() {
        try {
          return work(*engine, token.get(), progressTo(self));
        } catch (const engine::Cancelled&) {
          auto o = std::make_shared<Outcome>();
          o->cancelled = true;
          return o;
        } catch (const std::exception& e) {
          auto o = std::make_shared<Outcome>();
          o->error = localizedError(e);
          return o;
        }
      }));
}

void RunController::run(const QString& video, const engine::Question& question,
                        const engine::ChainOptions& options) {
  start(Task::Run, [video, question, options](engine::QuestionEngine& e, const engine::CancelToken* token,
                                              const engine::ProgressFn& progress) {
    auto o = std::make_shared<Outcome>();
    o->result = e.run(video.toStdString(), question, options, token, progress);
    return o;
  });
}

void RunController::addBaselines(const engine::ChainResult& result, const engine::Question& question,
                                 const engine::ChainOptions& options) {
  start(Task::Baselines,
        [result, question, options](engine::QuestionEngine& e, const engine::CancelToken* token,
                                    const engine::ProgressFn& progress) {
          auto o = std::make_shared<Outcome>();
          o->result = result;
          o->baselines = true;
          e.addBaselines(*o->result, question, options, token, progress);
          return o;
        });
}

void RunController::answerWith(const QString& video, const QVector<qint64>& frames,
                               const engine::Question& question, const engine::ChainOptions& options) {
  start(Task::WhatIf, [video, frames, question, options](engine::QuestionEngine& e,
                                                         const engine::CancelToken* token,
                                                         const engine::ProgressFn&) {
    auto o = std::make_shared<Outcome>();
    o->whatIf = e.answerWithFrames(video.toStdString(), std::vector<int64_t>(frames.begin(), frames.end()),
                                   question, options, token);
    o->frames = frames;
    return o;
  });
}

void RunController::onFinished() {
  m_busy = false;
  auto o = m_watcher.result();
  if (o->cancelled) {
    Q_EMIT cancelled();
  } else if (!o->error.isEmpty()) {
    Q_EMIT failed(o->error);
  } else if (o->result && o->baselines) {
    Q_EMIT baselinesFinished(*o->result);
  } else if (o->result) {
    Q_EMIT finished(*o->result);
  } else if (o->whatIf) {
    Q_EMIT whatIfFinished(*o->whatIf, o->frames);
  }
}

}  // namespace sevila::studio
