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
#include <chrono>
#include <thread>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "engine/cancel_token.h"
#include "engine/feature_cache.h"
#include "dataset_session.h"
#include "engine_error_text.h"
#include "nn/config.h"
#include "nn/device.h"
#include "nn/sevila_model.h"
#include "core/sha256.h"
#include "data/keyframe_labels.h"
#include "train/project_refinement.h"
#include "train/refinement_job.h"
#include "worker_pools.h"
#ifdef SEVILA_HAVE_SERVE
#include "serve/remote_engine.h"
#endif

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

QString RefinementController::stageText(const std::string& stage) {
  return stage == "evaluating-before"  ? tr("Answering the held-out questions (before)")
         : stage == "evaluating-after" ? tr("Answering the held-out questions (after)")
         : stage == "training"         ? tr("Training")
         : stage == "report"           ? tr("Writing the report")
         : stage == "labels"           ? tr("Labelling the frames")
         : stage == "saving"           ? tr("Saving the checkpoint")
         : stage == "loading"          ? tr("Loading a copy of the model")
                                       : tr("Preparing");
}

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

RefinementOutcome RefinementController::refineOnServer(const RefinementRequest& request,
                                                       const engine::CancelToken& cancel, const Post& post) {
#ifdef SEVILA_HAVE_SERVE
  auto* remote = dynamic_cast<serve::RemoteEngine*>(request.server.get());
  if (!remote) throw Error("refinement", "this backend cannot train");
  if (request.reverseChain || request.windows)
    throw Error(remote->url(), "on a server, refinement learns from the project's labels only",
                "turn off pseudo-labels and windows, or refine on this computer (Preferences ▸ Backend)");
  post([](RefinementController& c) { Q_EMIT c.stageChanged(tr("Uploading the labels")); });
  // Only what the server needs: the labelled questions (videos by their names on the server) and labels.
  nlohmann::json items = nlohmann::json::array();
  for (const auto& item : request.projectItems) {
    nlohmann::json i = {{"qid", item.qid},
                        {"dataset", item.dataset},
                        {"video", remote->serverVideo(item.video)},
                        {"question", item.question},
                        {"options", item.options}};
    if (item.answer) i["answer"] = *item.answer;
    if (!item.type.empty()) i["type"] = item.type;
    if (item.clip) {
      i["start"] = item.clip->start;
      i["end"] = item.clip->end;
    }
    items.push_back(std::move(i));
  }
  if (items.empty())
    throw Error(request.projectPath.toStdString(), "no question to learn from",
                "mark keyframes (M) on some questions");
  const nlohmann::json body = {
      {"items", items},
      {"labels", data::writeKeyframeLabels(train::readHumanLabels(request.projectPath.toStdString()))},
      {"epochs", request.epochs},
      {"learning_rate", request.learningRate},
      {"held_out_percent", request.heldOutPercent},
      {"seed", request.seed},
      {"frames", request.frames},
      {"keyframes", std::min(request.keyframes, request.frames)},
      {"uniform_frames", request.uniformFrames}};
  const std::string id = remote->call("/v1/refine", &body, &cancel).at("id").get<std::string>();
  // Follow it: every step's loss once, the stage as it changes; Cancel is passed on once.
  size_t lossSeen = 0;
  std::string stage;
  bool cancelSent = false;
  nlohmann::json status;
  for (;;) {
    if (cancel.cancelled() && !cancelSent) {
      const nlohmann::json none = nlohmann::json::object();
      remote->call("/v1/refine/" + id + "/cancel", &none);
      cancelSent = true;
    }
    status = remote->call("/v1/refine/" + id + "?loss_from=" + std::to_string(lossSeen));
    const std::string now = status.value("stage", "");
    if (now != stage && now != "saving" && now != "finished") {
      stage = now;
      const QString text = stageText(now);
      post([text](RefinementController& c) { Q_EMIT c.stageChanged(text); });
    }
    for (const auto& l : status.at("loss")) {
      const qint64 step = l.at(0).get<qint64>();
      const double loss = l.at(1).get<double>();
      post([step, loss](RefinementController& c) { Q_EMIT c.lossRecorded(step, loss); });
      ++lossSeen;
    }
    const qint64 done = status.value("done", 0), total = status.value("total", 0);
    const qint64 step = status.value("step", 0), steps = status.value("steps", 0);
    const double eta = status.value("eta_seconds", -1.0);
    if (stage == "training" && steps > 0)
      post([step, steps, eta](RefinementController& c) { Q_EMIT c.progress(step, steps, -1, eta); });
    else if (total > 0)
      post([done, total](RefinementController& c) { Q_EMIT c.progress(done, total, -1, -1); });
    if (status.value("state", "") != "running") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
  }
  if (status.value("state", "") == "failed")
    throw Error(remote->url(), "the server's refinement failed: " + status.value("error", std::string("?")));
  if (!status.contains("version")) throw engine::Cancelled();
  RefinementOutcome r;
  const nlohmann::json& version = status["version"];
  r.checkpoint = serverCheckpoint(QString::fromStdString(id));
  r.checkpointSha256 = QString::fromStdString(version.value("checkpoint_sha256", ""));
  r.cancelled = version.value("interrupted", false);
  r.epochsCompleted = version.value("epochs_completed", 0);
  r.trainQuestions = status.value("train_questions", 0);
  if (status.contains("options")) {
    r.optionsJson = QString::fromStdString(status["options"].dump());
    r.heldOutQuestions =
        static_cast<int>(status["options"].value("held_out", nlohmann::json::array()).size());
  }
  if (status.contains("report") && !status["report"].is_null()) {
    const nlohmann::json& report = status["report"];
    r.reportJson = QString::fromStdString(report.dump(1));
    r.summary = QString::fromStdString(status.value("summary", ""));
    r.hitRateBefore = metric(report, "before", "hit_rate");
    r.hitRateAfter = metric(report, "after", "hit_rate");
    r.accuracyBefore = metric(report, "before", "accuracy");
    r.accuracyAfter = metric(report, "after", "accuracy");
  }
  return r;
#else
  (void)cancel;
  (void)post;
  throw Error(request.base.server.toStdString(), "this build cannot reach a server");
#endif
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
      if (request.server) {
        out->outcome = refineOnServer(request, *cancel, [post](std::function<void(RefinementController&)> f) {
          post([f](RefinementController& c) { f(c); });
        });
        out->ok = true;
        return out;
      }
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
        provenance["sevila_sha256"] = sha256File(request.base.checkpoint.toStdString());
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
              const QString text = stageText(p.stage);
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
