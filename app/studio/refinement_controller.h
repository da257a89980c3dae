// Refines the Localizer from the studio (docs/method.md §8.3-8.5): collects the chosen label sources,
// keeps a share of the labelled questions out for the before/after report, loads a private copy of the
// base model (training changes its weights, while the loaded model keeps answering) and runs
// train::runRefinementJob on its own thread. Progress, every step's loss and the outcome come back as
// signals on the GUI thread; Cancel stops after the step in flight and keeps the checkpoint saved then.
#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QString>

#include <functional>

#include <memory>
#include <string>
#include <vector>

#include "data/dataset_item.h"
#include "model_controller.h"  // ModelRequest

namespace sevila::engine {
class CancelToken;
class QuestionEngine;
}  // namespace sevila::engine

namespace sevila::studio {

class DatasetSession;

struct RefinementRequest {
  ModelRequest base;  // the version to refine; loaded again in f32 on `device`
  QString device = QStringLiteral("cpu");
  // Label sources.
  QString projectPath;  // the project's confirmed human keyframes (all authors; rejected ones left out)
  std::vector<data::DatasetItem> projectItems;  // the project's labelled items; `video` is the file's path
  bool projectLabels = true;
  // The open dataset split (reverse chain, windows); its videos are found on the worker thread.
  std::shared_ptr<const DatasetSession> dataset;
  bool reverseChain = false, windows = false;
  // Options.
  int epochs = 5;
  int seed = 42;
  int heldOutPercent = 20;     // of the labelled questions, answered before and after instead of trained on
  double learningRate = 3e-5;  // the reference's refinement recipe (nexqa_sr.sh)
  bool uniformFrames = false;  // the reference draws frames at random within their intervals
  int frames = 32, keyframes = 4;
  QString outputDir;  // checkpoint, state and report land here
  // A `sevila serve` backend: the project's labelled questions and labels are uploaded and the server
  // trains its own copy (POST /v1/refine); the new version stays there. Null: this process.
  std::shared_ptr<engine::QuestionEngine> server;
};

struct RefinementOutcome {
  QString checkpoint;        // checkpoint_last.pth, or serverCheckpoint(id) for a server's refinement
  QString checkpointSha256;  // known without the file for a server's refinement
  QString reportJson;        // report.json's text
  QString summary;           // report.md (markdown)
  QString optionsJson;       // the training options and label sources (the version's provenance)
  int trainQuestions = 0, heldOutQuestions = 0;
  double hitRateBefore = -1, hitRateAfter = -1;    // -1: no held-out question with relevant frames
  double accuracyBefore = -1, accuracyAfter = -1;  // -1: no held-out question with a ground truth
  bool cancelled = false;                          // the checkpoint holds the steps done before Cancel
  int epochsCompleted = 0;
};

class RefinementController : public QObject {
  Q_OBJECT
public:
  explicit RefinementController(QObject* parent = nullptr);
  ~RefinementController() override;  // cancels and waits

  bool isRunning() const { return m_running; }
  // Starts a run; false (and `why`) when one is running already.
  bool start(const RefinementRequest& request, QString* why = nullptr);
  // Direct call (never queued): the run stops after the step in flight and saves.
  void cancel();

  // Which of `count` labelled questions (sorted by dataset and qid) are held out, chosen by `seed`:
  // round(percent% of them), at least one when percent > 0 and there are two or more, never all; sorted.
  static std::vector<size_t> heldOutIndices(size_t count, int percent, int seed);

Q_SIGNALS:
  void stageChanged(const QString& stage);
  void progress(qint64 step, qint64 steps, double elapsedSeconds, double etaSeconds);
  void lossRecorded(qint64 step, double loss);
  void finished(const sevila::studio::RefinementOutcome& outcome);
  void failed(const QString& message);

private:
  struct Result;
  using Post = std::function<void(std::function<void(RefinementController&)>)>;
  static QString stageText(const std::string& stage);
  // On a `sevila serve` (request.server): uploads, follows and collects the server's refinement.
  static RefinementOutcome refineOnServer(const RefinementRequest& request, const engine::CancelToken& cancel,
                                          const Post& post);
  void onFinished();

  std::shared_ptr<engine::CancelToken> m_cancel;
  QFutureWatcher<std::shared_ptr<Result>> m_watcher;
  bool m_running = false;
};

}  // namespace sevila::studio

Q_DECLARE_METATYPE(sevila::studio::RefinementOutcome)
