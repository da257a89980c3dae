#include "model_controller.h"

#include <QDir>
#include <QFileInfo>
#include <QUrl>
#include <QtConcurrent/QtConcurrentRun>

#include "core/error.h"
#include "engine/feature_cache.h"
#include "engine/forward_chain.h"
#include "engine_error_text.h"
#include "nn/config.h"
#include "nn/device.h"
#include "nn/device_fallback.h"
#include "nn/sevila_model.h"
#include "core/sha256.h"
#include "worker_pools.h"
#ifdef SEVILA_HAVE_SERVE
#include <nlohmann/json.hpp>

#include "serve/remote_engine.h"
#endif

namespace sevila::studio {

namespace {

// Connects to a `sevila serve` and reads what it runs.
void connectServer(const ModelRequest& request, std::shared_ptr<engine::QuestionEngine>* engine,
                   ModelSummary* summary) {
#ifdef SEVILA_HAVE_SERVE
  serve::RemoteOptions options;
  options.url = request.server.trimmed().toStdString();
  if (!request.serverTokenFile.isEmpty())
    options.token = serve::readClientToken(request.serverTokenFile.toStdString());
  for (const QString& line : request.serverFolders)
    if (!line.trimmed().isEmpty()) options.folders.push_back(serve::parseFolderMapping(line.toStdString()));
  options.uploadFrames = request.serverUploadFrames;
  auto remote = std::make_shared<serve::RemoteEngine>(options);
  if (!request.serverVersion.isEmpty()) {
    const nlohmann::json body = {{"version", request.serverVersion.toStdString()}};
    remote->call("/v1/model", &body);
  }
  const serve::RemoteModelInfo info = remote->info();
  summary->server = QString::fromStdString(remote->url());
  summary->directory = QString::fromStdString(info.model);
  // A refinement's version is named as the project records it, not by the server's folders.
  summary->checkpoint = info.version.empty() || info.version == "base"
                            ? QString::fromStdString(info.checkpoint)
                            : serverCheckpoint(QString::fromStdString(info.version));
  summary->checkpointSha256 = QString::fromStdString(info.checkpointSha256);
  summary->device = QString::fromStdString(info.device);
  summary->precision = QString::fromStdString(info.precision);
  summary->zeroShot = info.checkpoint.empty();
  summary->name = QFileInfo(summary->directory).fileName() +
                  (info.checkpoint.empty() ? QString() : " + " + QFileInfo(summary->checkpoint).fileName()) +
                  QStringLiteral(" @ ") + QUrl(summary->server).authority();
  *engine = std::move(remote);
#else
  (void)engine;
  (void)summary;
  throw Error(request.server.toStdString(), "this build cannot reach a server",
              "build it with cpp-httplib (packaging/install-deps.sh installs it)");
#endif
}

}  // namespace

struct ModelController::Loaded {
  std::shared_ptr<engine::QuestionEngine> engine;
  std::shared_ptr<engine::SevilaEngine> local;
  ModelSummary summary;
  QString error;
};

ModelController::ModelController(QObject* parent) : QObject(parent) {
  connect(&m_watcher, &QFutureWatcher<std::shared_ptr<Loaded>>::finished, this, &ModelController::onFinished);
}

ModelController::~ModelController() {
  m_watcher.waitForFinished();
}

void ModelController::load(const ModelRequest& request) {
  if (m_loading) return;
  m_loading = true;
  m_pending = request;
  const QString name =
      !request.server.isEmpty()
          ? request.server
          : QFileInfo(request.directory).fileName() +
                (request.checkpoint.isEmpty() ? QString() : " + " + QFileInfo(request.checkpoint).fileName());
  Q_EMIT loadStarted(name);
  m_watcher.setFuture(QtConcurrent::run(&modelPool(), [request, name]() {
    auto out = std::make_shared<Loaded>();
    try {
      if (!request.server.isEmpty()) {
        connectServer(request, &out->engine, &out->summary);
        return out;
      }
      nn::configureThreads(0);
      // CUDA absent or out of memory: the CPU, and the first warning says why.
      nn::DevicePlan plan = nn::planDevice(request.device.toStdString());
      const auto dtype = nn::parseDtype(request.precision.toStdString());
      std::shared_ptr<const nn::SevilaModel> model;
      nn::loadWithFallback(plan, [&](c10::Device device) {
        model = nn::SevilaModel::load(request.directory.toStdString(), request.checkpoint.toStdString(),
                                      request.tokenizer.toStdString(), nn::Flavour::Lavis, device, dtype);
      });
      const auto device = plan.device;
      if (!plan.notice.empty())
        out->summary.warnings << request.device + QStringLiteral(": ") + QString::fromStdString(plan.notice);
      // Every question needs the tokenizer: refuse here rather than fail each run later.
      if (!model->hasTokenizer())
        throw Error(request.directory.toStdString(), "no tokenizer: the folder has no spiece.model",
                    "choose the tokenizer (spiece.model) in Open Model");
      std::shared_ptr<engine::FeatureCache> cache;
      if (!request.cacheDirectory.isEmpty() && request.cacheCapBytes > 0)
        cache = std::make_shared<engine::FeatureCache>(request.cacheDirectory.toStdString(),
                                                       static_cast<uint64_t>(request.cacheCapBytes));
      out->local = std::make_shared<engine::SevilaEngine>(model, cache);
      out->engine = out->local;
      out->summary.name = name;
      out->summary.directory = request.directory;
      out->summary.checkpoint = request.checkpoint;
      if (!request.checkpoint.isEmpty())
        out->summary.checkpointSha256 = QString::fromStdString(sha256File(request.checkpoint.toStdString()));
      out->summary.device = QString::fromStdString(device.str());
      out->summary.precision = QString::fromStdString(model->network().precisionName());
      out->summary.zeroShot = model->zeroShot();
      out->summary.demo = request.demo;
      for (const auto& w : model->network().loadWarnings())
        out->summary.warnings << QString::fromStdString(w);
    } catch (const std::exception& e) {
      out->error = localizedError(e);
    }
    return out;
  }));
}

void ModelController::onFinished() {
  m_loading = false;
  auto result = m_watcher.result();
  if (!result->engine) {
    Q_EMIT loadFailed(result->error);
    return;
  }
  m_engine = result->engine;
  m_local = result->local;
  m_summary = result->summary;
  m_request = m_pending;
  Q_EMIT loaded();
}

}  // namespace sevila::studio
