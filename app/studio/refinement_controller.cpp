#include "refinement_controller.h"

#include <QFileInfo>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <random>
#include <set>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "engine/cancel_token.h"
#include "engine/feature_cache.h"
#include "dataset_session.h"
#include "engine_error_text.h"
#include "nn/config.h"
#include "nn/device.h"
#include "nn/sevila_model.h"
#include "nn/sha256.h"
#include "train/project_refinement.h"
#include "train/refinement_job.h"
#include "worker_pools.h"

namespace sevila::studio {
namespace {

std::string keyOf(const std::string& dataset, const std::string& qid) {
  return dataset + " " + qid;
}

// report.json's held_out.<when>.<name>; -1 where it is null (no such question).
double metric(const nlohmann::json& report, const char* when, const char* name) {
  const nlohmann::json::json_pointer at("/held_out/" + std::string(when) + "/" + name);
  if (!report.contains(at) || !report.at(at).is_number()) return -1;
  return report.at(at).get<double>();
}

}  // namespace

struct RefinementController::Result {
  RefinementOutcome outcome;
  QString error;
  bool ok = false;
};

RefinementController::RefinementController(QObject* parent) : QObject(parent) {
  qRegisterMetaType<RefinementOutcome>();
  connect(&m_watcher, &QFutureWatcher<std::shared_ptr<Result>>::finished, this,
          &RefinementController::onFinished);
}

RefinementController::~RefinementController() {
  cancel();
  m_watcher.waitForFinished();
}

void RefinementController::cancel() {
  if (m_cancel) m_cancel->cancel();
}

std::vector<size_t> RefinementController::heldOutIndices(size_t count, int percent, int seed) {
  return train::heldOutIndices(count, percent, seed);
}

bool RefinementController::start(const RefinementRequest& request, QString* why) {
  if (m_running) {
    if (why) *why = tr("A refinement is running already");
    return false;
  }
  m_running = true;
  m_cancel = std::make_shared<engine::CancelToken>();
  QPointer<RefinementController> self(this);
  auto cancel = m_cancel;
  // Signals from the worker: queued to this object's (the GUI) thread.
  auto post = [self](auto&& emitIt) {
    QMetaObject::invokeMethod(
        self.data(),
        [self, emitIt]() {
          if (self) emitIt(*self);
        },
        Qt::QueuedConnection);
  };
  m_watcher.setFuture(QtConcurrent::run(&trainingPool(), [request, cancel, post]() {
    auto out = std::make_shared<Result>();
    try {
      post([](RefinementController& c) { Q_EMIT c.stageChanged(tr("Reading labels")); });
      // Human labels first: a bad project costs nothing.
      std::vector<data::KeyframeLabelRecord> human;
      if (request.projectLabels) human = train::readHumanLabels(request.projectPath.toStdString());
      std::map<std::string, data::DatasetItem> items;
      // A project item of the open dataset is taken from the dataset: it has the clip, query and windows
      // the project does not keep.
      auto fromDataset = [&](const data::DatasetItem& item) -> std::optional<data::DatasetItem> {
        if (!request.dataset) return std::nullopt;
        const data::DatasetItem* found = request.dataset->item(item.qid);
        if (!found || found->dataset != item.dataset) return std::nullopt;
        data::DatasetItem copy = *found;
        try {
          copy.video = request.dataset->videoPath(copy).toStdString();
        } catch (const std::exception&) {
          return std::nullopt;  // not in the dataset's folder: the project's own path serves
        }
        return copy;
      };
      if (request.projectLabels)
        for (const auto& item : request.projectItems)
          items.emplace(keyOf(item.dataset, item.qid), fromDataset(item).value_or(item));
      if ((request.reverseChain || request.windows) && request.dataset)
        for (data::DatasetItem item : request.dataset->items()) {
          if (cancel->cancelled()) throw engine::Cancelled();
          item.video = request.dataset->videoPath(item).toStdString();
          items.emplace(keyOf(item.dataset, item.qid), std::move(item));
        }
      if (items.empty())
        throw Error(request.projectPath.toStdString(), "no question to learn from",
                    "mark keyframes (M) on some questions, or open a dataset for pseudo-labels");

      train::ProjectRefinement refinement;
      for (auto& [key, item] : items) refinement.items.push_back(item);
      refinement.human = std::move(human);
      refinement.humanFile = request.projectPath.toStdString();
      refinement.reverseChain = request.reverseChain;
      refinement.windows = request.windows;
      refinement.epochs = request.epochs;
      refinement.seed = request.seed;
      refinement.heldOutPercent = request.heldOutPercent;
      refinement.learningRate = request.learningRate;
      refinement.uniformFrames = request.uniformFrames;
      refinement.frames = request.frames;
      refinement.keyframes = request.keyframes;
      refinement.outputDir = request.outputDir.toStdString();
      nlohmann::json provenance;
      provenance["command"] = "sevila-studio refine";
      provenance["model"] = request.base.directory.toStdString();
      if (!request.base.checkpoint.isEmpty()) {
        provenance["sevila"] = request.base.checkpoint.toStdString();
        provenance["sevila_sha256"] = nn::sha256File(request.base.checkpoint.toStdString());
      }
      provenance["device"] = request.device.toStdString();
      provenance["label_sources"] = {
          {"project", request.projectLabels ? request.projectPath.toStdString() : ""},
          {"reverse_chain", request.reverseChain},
          {"windows", request.windows}};
      train::PreparedRefinement prepared = train::prepareRefinement(
          refinement,
          [](const data::DatasetItem& item) {
            if (!QFileInfo::exists(QString::fromStdString(item.video)))
              throw Error(item.video, "the video of question " + item.qid + " is missing");
            return item.video;
          },
          provenance);
      train::RefinementJob& job = prepared.job;
      const int n = prepared.trainQuestions;
      const nlohmann::json& options = prepared.options;

      post([](RefinementController& c) { Q_EMIT c.stageChanged(tr("Loading a copy of the model")); });
      nn::configureThreads(0);
      job.model =
          nn::SevilaModel::load(request.base.directory.toStdString(), request.base.checkpoint.toStdString(),
                                request.base.tokenizer.toStdString(), nn::Flavour::Lavis,
                                nn::parseDevice(request.device.toStdString()), nn::parseDtype("f32"));
      if (!request.base.cacheDirectory.isEmpty() && request.base.cacheCapBytes > 0)
        job.cache = std::make_shared<engine::FeatureCache>(request.base.cacheDirectory.toStdString(),
                                                           static_cast<uint64_t>(request.base.cacheCapBytes));

      std::string lastStage;
      const auto result =
          train::runRefinementJob(job, nullptr, cancel.get(), [&](const train::RefinementJobProgress& p) {
            // The checkpoint saved after every epoch is part of training, not a stage of its own.
            if (p.stage != lastStage && !(p.stage == "saving" && lastStage == "training")) {
              lastStage = p.stage;
              QString text = p.stage == "evaluating-before"  ? tr("Answering the held-out questions (before)")
                             : p.stage == "evaluating-after" ? tr("Answering the held-out questions (after)")
                             : p.stage == "training"         ? tr("Training")
                             : p.stage == "report"           ? tr("Writing the report")
                             : p.stage == "labels"           ? tr("Labelling the frames")
                             : p.stage == "saving"           ? tr("Saving the checkpoint")
                                                             : tr("Preparing");
              post([text](RefinementController& c) { Q_EMIT c.stageChanged(text); });
            }
            if (p.stage == "training") {
              const train::TrainingProgress t = p.training;
              post([t](RefinementController& c) {
                Q_EMIT c.progress(t.step, t.steps, t.elapsedSeconds, t.etaSeconds);
                Q_EMIT c.lossRecorded(t.step, t.loss);
              });
            } else if (p.total > 0) {
              const int64_t done = p.done, total = p.total;
              post([done, total](RefinementController& c) { Q_EMIT c.progress(done, total, -1, -1); });
            }
          });
      RefinementOutcome& r = out->outcome;
      r.checkpoint = QString::fromStdString(result.training.checkpoint);
      r.cancelled = result.training.interrupted;
      r.epochsCompleted = result.training.epochsCompleted;
      r.trainQuestions = n;
      r.heldOutQuestions = static_cast<int>(job.heldOut.size());
      r.optionsJson = QString::fromStdString(options.dump());
      if (!result.report.is_null()) {
        r.reportJson = QString::fromStdString(result.report.dump(1));
        r.summary = QString::fromStdString(result.summary);
        r.hitRateBefore = metric(result.report, "before", "hit_rate");
        r.hitRateAfter = metric(result.report, "after", "hit_rate");
        r.accuracyBefore = metric(result.report, "before", "accuracy");
        r.accuracyAfter = metric(result.report, "after", "accuracy");
      }
      out->ok = !r.checkpoint.isEmpty();
      if (!out->ok) out->error = tr("Cancelled before the first step: no checkpoint was written");
    } catch (const engine::Cancelled&) {
      out->error = tr("Cancelled before training started: nothing was written");
    } catch (const std::exception& e) {
      out->error = localizedError(e);
    }
    return out;
  }));
  return true;
}

void RefinementController::onFinished() {
  m_running = false;
  m_cancel.reset();
  const auto result = m_watcher.result();
  if (result->ok)
    Q_EMIT finished(result->outcome);
  else
    Q_EMIT failed(result->error);
}

}  // namespace sevila::studio
