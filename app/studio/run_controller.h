// Runs the forward chain (and "what if" re-answers) on a worker thread, one job at a time, with
// progress and cancel. Results come back as plain values on the GUI thread.
#pragma once

#include <QFutureWatcher>
#include <QMetaType>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QVector>

#include <functional>
#include <memory>

#include "engine/chain_result.h"
#include "engine/forward_chain.h"

namespace sevila::engine {
class CancelToken;
}

namespace sevila::studio {

class RunController : public QObject {
  Q_OBJECT
public:
  explicit RunController(QObject* parent = nullptr);
  ~RunController() override;  // cancels and waits

  void setEngine(std::shared_ptr<engine::QuestionEngine> engine) { m_engine = std::move(engine); }
  bool isBusy() const { return m_busy; }
  // What the current (or last) job is or was: failed() and cancelled() are about it.
  enum class Task { Run, WhatIf, Baselines };
  Task task() const { return m_task; }

  void run(const QString& video, const engine::Question& question, const engine::ChainOptions& options);
  // The Answerer on the given frames (absolute indices): the "what if" with human keyframes.
  void answerWith(const QString& video, const QVector<qint64>& frames, const engine::Question& question,
                  const engine::ChainOptions& options);
  // The paper's baselines for a finished run (concat, voting, oracle, the single-frame answers).
  void addBaselines(const engine::ChainResult& result, const engine::Question& question,
                    const engine::ChainOptions& options);
  // Direct call (never queued): the worker stops at its next check.
  void cancel();

Q_SIGNALS:
  void started();
  void progress(double fraction, const QString& stage);
  void finished(const sevila::engine::ChainResult& result);
  void baselinesFinished(const sevila::engine::ChainResult& result);
  void whatIfFinished(const sevila::engine::OptionScores& scores, const QVector<qint64>& frames);
  void failed(const QString& message);
  void cancelled();

private:
  struct Outcome;
  // One job on the model pool with this controller's engine, a fresh cancel token and progress forwarding;
  // ignored while another job runs or without an engine.
  using Job = std::function<std::shared_ptr<Outcome>(engine::QuestionEngine&, const engine::CancelToken*,
                                                     const engine::ProgressFn&)>;
  static engine::ProgressFn progressTo(QPointer<RunController> self);
  void start(Task task, Job work);
  void onFinished();

  std::shared_ptr<engine::QuestionEngine> m_engine;
  std::shared_ptr<engine::CancelToken> m_cancel;
  QFutureWatcher<std::shared_ptr<Outcome>> m_watcher;
  bool m_busy = false;
  Task m_task = Task::Run;
};

}  // namespace sevila::studio

Q_DECLARE_METATYPE(sevila::engine::ChainResult)
Q_DECLARE_METATYPE(sevila::engine::OptionScores)
