#include "serve/server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <unistd.h>

#include <ctime>
#include <filesystem>

#include <atomic>
#include <chrono>
#include <map>
#include <random>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "core/error.h"
#include "data/dataset_reader.h"
#include "engine/chain_result.h"
#include "engine/dataset_run.h"
#include "engine/forward_chain.h"
#include "nn/blip2_model.h"
#include "nn/device.h"
#include "nn/sevila_model.h"
#include "nn/sevila_prompts.h"
#include "core/sha256.h"
#include "serve/api_request.h"
#include "serve/dataset_job.h"
#include "serve/frame_uploads.h"
#include "media/picture_frames.h"
#include "serve/job_report.h"
#include "serve/refine_job.h"
#include "train/project_refinement.h"
#include "train/refinement_job.h"
#include "data/keyframe_labels.h"
#include "serve/label_studio.h"
#include "media/frame_index.h"
#include "media/frame_sampler.h"
#include "serve/device_queue.h"
#include "serve/token_store.h"
#include "serve/video_roots.h"

namespace sevila::serve {
namespace {
using nlohmann::json;
using Clock = std::chrono::steady_clock;

void reply(httplib::Response& res, int status, const json& body) {
  res.status = status;
  res.set_content(body.dump(), "application/json");
}

void replyError(httplib::Response& res, int status, const std::string& message,
                const std::string& field = "") {
  json body = {{"error", message}};
  if (!field.empty()) body["field"] = field;
  reply(res, status, body);
}

bool loopback(const std::string& host) {
  in_addr v4{};
  if (::inet_pton(AF_INET, host.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
  return host == "::1" || host == "localhost";
}

std::string newJobId() {
  static std::mt19937_64 random(std::random_device{}());
  static std::mutex mutex;
  std::lock_guard<std::mutex> lock(mutex);
  char id[17];
  std::snprintf(id, sizeof id, "%016llx", static_cast<unsigned long long>(random()));
  return id;
}

std::string nowUtc() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S.000Z", &utc);
  return text;
}

}  // namespace

struct Server::Impl {
  ServeOptions options;
  VideoRoots roots;
  TokenStore tokens;
  // The version answering: swapped on the device thread by POST /v1/model, read by any thread.
  mutable std::mutex versionMutex;
  std::shared_ptr<const nn::SevilaModel> model;
  std::string checkpointSha256, version = "base";
  std::shared_ptr<engine::FeatureCache> cache;
  std::mutex refineMutex;
  std::map<std::string, std::shared_ptr<RefineJob>> refinements;
  std::unique_ptr<httplib::Server> http;
  std::unique_ptr<engine::SevilaEngine> engine;  // used on the device thread only
  std::mutex jobsMutex;
  std::map<std::string, std::shared_ptr<DatasetJob>> jobs;
  FrameUploads uploads;
  DeviceQueue device;  // last: destroyed first, so no device task outlives the engine

  Impl(std::shared_ptr<const nn::SevilaModel> m, std::shared_ptr<engine::FeatureCache> c, ServeOptions o)
      : options(std::move(o)),
        roots(options.videoRoots),
        model(std::move(m)),
        cache(std::move(c)),
        uploads(options.uploadBudgetBytes) {
    if (options.videoRoots.empty()) throw Error("sevila serve", "no video root", "give --video-root DIR");
    if (!options.tokenFile.empty()) tokens = TokenStore::fromFile(options.tokenFile);
    if (!tokens.enabled() && !loopback(options.host))
      throw Error(options.host, "refusing to listen beyond this machine without tokens",
                  "give --token-file FILE, or listen on 127.0.0.1");
    if (options.tlsCertificate.empty() != options.tlsKey.empty())
      throw Error("sevila serve", "TLS needs both a certificate and its key",
                  "give --tls-cert and --tls-key");
    if (!model->checkpoint().empty()) checkpointSha256 = sha256File(model->checkpoint());
    if (!options.jobsDir.empty()) std::filesystem::create_directories(options.jobsDir);
    engine = std::make_unique<engine::SevilaEngine>(model, cache);
    if (options.tlsCertificate.empty()) {
      http = std::make_unique<httplib::Server>();
    } else {
      auto secure =
          std::make_unique<httplib::SSLServer>(options.tlsCertificate.c_str(), options.tlsKey.c_str());
      if (!secure->is_valid())
        throw Error(options.tlsCertificate, "cannot load the TLS certificate and key",
                    "check both PEM files");
      http = std::move(secure);
    }
    routes();
  }

  // The chain on the device thread; the HTTP thread waits for it.
  engine::ChainResult answer(const std::string& video, const engine::Question& question,
                             const engine::ChainOptions& chain) {
    engine::ChainResult result;
    device.submit([&] { result = engine->run(video, question, chain); }).get();
    return result;
  }

  std::shared_ptr<const nn::SevilaModel> currentModel() const {
    std::lock_guard<std::mutex> lock(versionMutex);
    return model;
  }
  std::string currentSha256() const {
    std::lock_guard<std::mutex> lock(versionMutex);
    return checkpointSha256;
  }

  void stamp(engine::ChainResult& r) const {
    r.model = options.modelName;
    r.checkpointSha256 = currentSha256();
  }

  std::string modelVersion() const {
    const std::string sha = currentSha256();
    return std::filesystem::path(options.modelName).filename().string() +
           (sha.empty() ? "" : "@" + sha.substr(0, 12));
  }

  std::shared_ptr<RefineJob> refinement(const std::string& id) {
    std::lock_guard<std::mutex> lock(refineMutex);
    const auto it = refinements.find(id);
    return it == refinements.end() ? nullptr : it->second;
  }

  // The refinement's work, on its job's thread: the client's items (videos under the roots) and labels,
  // the held-out split and recipe of train::prepareRefinement, a private f32 copy of the served version.
  void refine(const RefineRequest& r, const std::string& id, RefineJob& job,
              const engine::CancelToken& cancel) {
    job.setStage("labels");
    train::ProjectRefinement p;
    for (data::DatasetItem item : r.items) {
      try {
        item.video = roots.resolve(item.video);
      } catch (const PathRefused& e) {
        throw Error(item.video, "path refused for question " + item.qid + ": " + e.reason);
      }
      p.items.push_back(std::move(item));
    }
    if (!r.labels.empty()) p.human = data::parseKeyframeLabels(r.labels, "uploaded labels");
    p.humanFile = "uploaded labels";
    p.role = r.answerer ? train::TrainRole::Answerer : train::TrainRole::Localizer;
    p.reverseChain = r.reverseChain;
    p.epochs = r.epochs;
    p.seed = r.seed;
    p.heldOutPercent = r.heldOutPercent;
    p.learningRate = r.learningRate;
    p.uniformFrames = r.uniformFrames;
    p.frames = r.frames;
    p.keyframes = r.keyframes;
    p.outputDir = (std::filesystem::path(options.jobsDir) / id).string();
    const auto base = currentModel();
    nlohmann::json provenance = {
        {"command", r.answerer ? "sevila serve finetune" : "sevila serve refine"},
        {"model", options.modelDirectory},
        {"sevila", base->checkpoint()},
        {"sevila_sha256", currentSha256()},
        {"device", base->network().device().str()},
        {"label_sources", {{"uploaded", !r.labels.empty()}, {"reverse_chain", r.reverseChain}}}};
    train::PreparedRefinement prepared = train::prepareRefinement(
        p, [](const data::DatasetItem& item) { return item.video; }, provenance);
    cancel.throwIfCancelled();
    job.setStage("loading");
    prepared.job.model =
        nn::SevilaModel::load(options.modelDirectory, base->checkpoint(), options.tokenizer,
                              nn::Flavour::Lavis, base->network().device(), c10::kFloat, base->options());
    prepared.job.cache = cache;
    const auto result =
        train::runRefinementJob(prepared.job, nullptr, &cancel, [&](const train::RefinementJobProgress& pr) {
          if (pr.stage == "training")
            job.recordStep(pr.training.step, pr.training.steps, pr.training.loss, pr.training.etaSeconds);
          else if (pr.stage != "saving")
            job.setStage(pr.stage, pr.done, pr.total);
        });
    RefineJob::Outcome out;
    out.checkpoint = result.training.checkpoint;
    if (!out.checkpoint.empty()) out.checkpointSha256 = sha256File(out.checkpoint);
    out.report = result.report;
    out.summary = result.summary;
    out.options = prepared.options;
    out.epochsCompleted = result.training.epochsCompleted;
    out.trainQuestions = prepared.trainQuestions;
    out.interrupted = result.training.interrupted;
    if (out.checkpoint.empty()) throw engine::Cancelled();
    job.finish(std::move(out));
  }

  // Another version answers from now on: loaded beside the one serving, swapped on the device thread.
  void switchVersion(const std::string& version) {
    std::string checkpoint = options.checkpoint;
    if (version != "base") {
      const auto job = refinement(version);
      if (!job) throw ApiError{404, "no such refinement", "version"};
      checkpoint = job->outcome().checkpoint;
      if (checkpoint.empty()) throw ApiError{409, "that refinement has no checkpoint (yet)", "version"};
    }
    const auto serving = currentModel();
    std::shared_ptr<const nn::SevilaModel> next = nn::SevilaModel::load(
        options.modelDirectory, checkpoint, options.tokenizer, nn::Flavour::Lavis,
        serving->network().device(), serving->network().weightDtype(), serving->options());
    const std::string sha = checkpoint.empty() ? std::string() : sha256File(checkpoint);
    device
        .submit([&] {
          engine = std::make_unique<engine::SevilaEngine>(next, cache);
          std::lock_guard<std::mutex> lock(versionMutex);
          model = next;
          checkpointSha256 = sha;
          this->version = version;
        })
        .get();
  }

  std::mutex labelsMutex;
  // One record per line, appended with one write(2) and made durable.
  void appendLabel(const data::KeyframeLabelRecord& record) {
    const std::string line = data::writeKeyframeLabels({record});
    const std::string path =
        (std::filesystem::path(options.labelsDir) / "labelstudio.keyframes.jsonl").string();
    std::lock_guard<std::mutex> lock(labelsMutex);
    const int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) throw Error(path, "cannot open the labels file");
    const bool ok =
        ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size()) && ::fsync(fd) == 0;
    ::close(fd);
    if (!ok) throw Error(path, "cannot write the labels file", "is the disk full?");
  }

  // Every POST but an upload's: a body past maxBodyBytes is refused (httplib's own limit is the
  // upload's, and it reads a larger body to its end before refusing, so clients get the answer).
  void post(const std::string& pattern, httplib::Server::Handler handler) {
    http->Post(pattern,
               [this, handler = std::move(handler)](const httplib::Request& req, httplib::Response& res) {
                 if (req.body.size() > options.maxBodyBytes)
                   return replyError(res, 413,
                                     "the body is larger than this server accepts (" +
                                         std::to_string(options.maxBodyBytes) + " bytes)");
                 handler(req, res);
               });
  }

  void labelStudioRoutes() {
    httplib::Server& s = *http;
    s.Get("/labelstudio/health", [this](const httplib::Request&, httplib::Response& res) {
      reply(res, 200, {{"status", "UP"}, {"model_class", "SeViLA"}, {"model_version", modelVersion()}});
    });
    post("/labelstudio/setup", [this](const httplib::Request& req, httplib::Response& res) {
      if (!json::accept(req.body)) return replyError(res, 400, "the body is not JSON");
      reply(res, 200, {{"model_version", modelVersion()}});
    });
    post("/labelstudio/predict", [this](const httplib::Request& req, httplib::Response& res) {
      try {
        const json body = json::parse(req.body, nullptr, false);
        if (body.is_discarded() || !body.is_object())
          throw ApiError{400, "the body is not a JSON object", ""};
        if (!body.contains("tasks") || !body["tasks"].is_array() || body["tasks"].size() > 1000)
          throw ApiError{400, "'tasks' must be an array of at most 1000 tasks", "tasks"};
        json results = json::array();
        for (const json& task : body["tasks"]) {
          const LabelStudioTask t = labelStudioTask(task);
          std::string video;
          try {
            video = roots.resolve(t.video);
          } catch (const PathRefused& e) {
            return replyError(res, 403, "path refused: " + e.reason, "sevila_video");
          }
          engine::Question q;
          q.qid = t.qid;
          q.dataset = t.dataset;
          q.question = t.question;
          q.options = t.options;
          engine::ChainOptions chain;
          chain.frames = options.labelFrames;
          results.push_back(labelStudioPrediction(answer(video, q, chain), modelVersion()));
        }
        reply(res, 200, {{"results", results}, {"model_version", modelVersion()}});
      } catch (const ApiError& e) {
        replyError(res, e.status, e.message, e.field);
      } catch (const Error& e) {
        replyError(res, 422, e.what());
      }
    });
    post("/labelstudio/webhook", [this](const httplib::Request& req, httplib::Response& res) {
      try {
        const json body = json::parse(req.body, nullptr, false);
        if (body.is_discarded() || !body.is_object())
          throw ApiError{400, "the body is not a JSON object", ""};
        const std::string action = body.value("action", "");
        if (action != "ANNOTATION_CREATED" && action != "ANNOTATION_UPDATED")
          return reply(res, 200, {{"ignored", action}});
        if (options.labelsDir.empty())
          return replyError(res, 409, "this server keeps no labels (start it with --labels-dir)");
        if (!body.contains("task")) throw ApiError{400, "the event has no 'task'", "task"};
        const LabelStudioTask t = labelStudioTask(body["task"]);
        const json annotation = body.value("annotation", json::object());
        const auto ranges = annotatedFrameRanges(annotation);
        std::string video;
        try {
          video = roots.resolve(t.video);
        } catch (const PathRefused& e) {
          return replyError(res, 403, "path refused: " + e.reason, "sevila_video");
        }
        const auto index = media::frameIndexFor(video);
        data::KeyframeLabelRecord record;
        record.qid = t.qid;
        record.dataset = t.dataset;
        const json by = annotation.value("completed_by", json());
        record.author = "labelstudio:" + (by.is_object() ? by.value("email", by.value("id", json(0)).dump())
                                          : by.is_null() ? std::string("unknown")
                                                         : by.dump());
        record.video = t.video;
        record.fps = index->fps;
        record.grid.frameIndices =
            media::sampleFrameIndices(index->frameCount(), options.labelFrames, index->fps);
        for (int64_t f : record.grid.frameIndices)
          record.grid.timestamps.push_back(index->seconds.at(static_cast<size_t>(f)));
        record.keyframes = keyframesOnGrid(record.grid, ranges);
        if (record.keyframes.empty())
          return reply(res, 200, {{"labels_written", 0}, {"reason", "no keyframe marked"}});
        record.created = record.updated = nowUtc();
        appendLabel(record);
        reply(res, 201,
              {{"labels_written", 1},
               {"qid", record.qid},
               {"author", record.author},
               {"keyframes", record.keyframes}});
      } catch (const ApiError& e) {
        replyError(res, e.status, e.message, e.field);
      } catch (const Error& e) {
        replyError(res, 422, e.what());
      }
    });
  }

  void routes() {
    labelStudioRoutes();
    httplib::Server& s = *http;
    const int threads = std::max(2, options.threads);
    s.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
    s.set_payload_max_length(std::max(options.maxBodyBytes, options.maxUploadBytes));
    s.set_read_timeout(options.readTimeoutSeconds, 0);
    s.set_write_timeout(options.readTimeoutSeconds, 0);
    s.set_keep_alive_max_count(100);

    s.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
      if (req.path == "/health" || req.path == "/labelstudio/health" ||
          tokens.allows(req.get_header_value("Authorization")))
        return httplib::Server::HandlerResponse::Unhandled;
      res.set_header("WWW-Authenticate", "Bearer");
      replyError(res, 401, "a valid bearer token is needed (Authorization: Bearer TOKEN)");
      return httplib::Server::HandlerResponse::Handled;
    });
    s.set_error_handler([](const httplib::Request&, httplib::Response& res) {
      if (!res.body.empty()) return;
      if (res.status == 413)
        replyError(res, 413, "the body is larger than this server accepts");
      else if (res.status == 404)
        replyError(res, 404, "no such resource");
      else
        replyError(res, res.status, "HTTP error " + std::to_string(res.status));
    });
    s.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr error) {
      try {
        std::rethrow_exception(error);
      } catch (const std::exception& e) {
        replyError(res, 500, std::string("internal error: ") + e.what());
      } catch (...) {
        replyError(res, 500, "internal error");
      }
    });

    s.Get("/health", [](const httplib::Request&, httplib::Response& res) {
      reply(res, 200, {{"status", "ok"}});
    });

    s.Get("/v1/model", [this](const httplib::Request&, httplib::Response& res) {
      json roots = json::array();
      for (const auto& [name, folder] : this->roots.roots()) roots.push_back(name);
      const auto serving = currentModel();
      std::string version;
      {
        std::lock_guard<std::mutex> lock(versionMutex);
        version = this->version;
      }
      reply(res, 200,
            {{"model", options.modelName},
             {"checkpoint", serving->checkpoint()},
             {"checkpoint_sha256", currentSha256()},
             {"version", version},
             {"device", serving->network().device().str()},
             {"precision", serving->network().precisionName()},
             {"image_size",
              serving->network().config().vision.image_size},  // what uploaded frames are scaled to
             {"video_roots", roots},
             {"refinement", !options.jobsDir.empty()},
             {"waiting_questions", device.waitingQuestions()},
             {"active_jobs", device.activeJobs()}});
    });

    post("/v1/model", [this](const httplib::Request& req, httplib::Response& res) {
      try {
        switchVersion(parseVersionRequest(req.body));
        reply(res, 200, {{"version", parseVersionRequest(req.body)}, {"checkpoint_sha256", currentSha256()}});
      } catch (const ApiError& e) {
        replyError(res, e.status, e.message, e.field);
      } catch (const Error& e) {
        replyError(res, 422, e.what());
      }
    });

    const auto startTraining = [this](const httplib::Request& req, httplib::Response& res, bool finetune) {
      try {
        if (options.jobsDir.empty())
          return replyError(res, 409, "this server does not train (start it with --jobs-dir DIR)");
        std::string body = req.body;
        if (finetune) {  // the Answerer's role, unless the body says otherwise (refused)
          json j = json::parse(req.body, nullptr, /*allow_exceptions=*/false);
          if (j.is_object()) {
            if (j.contains("role") && j["role"] != "answerer")
              return replyError(res, 400, "POST /v1/finetune trains the Answerer; use POST /v1/refine",
                                "role");
            j["role"] = "answerer";
            body = j.dump();
          }
        }
        auto r = std::make_shared<const RefineRequest>(parseRefineRequest(body));
        for (const auto& item : r->items) {
          try {
            roots.resolve(item.video);
          } catch (const PathRefused& e) {
            return replyError(res, 403, "path refused for question " + item.qid + ": " + e.reason, "items");
          }
        }
        std::lock_guard<std::mutex> lock(refineMutex);
        for (const auto& [id, job] : refinements)
          if (job->state() == RefineJob::State::Running)
            return replyError(res, 409, "training " + id + " is running; one at a time");
        const std::string id = newJobId();
        auto job = std::make_shared<RefineJob>(
            id, [this, r, id](RefineJob& self, const engine::CancelToken& cancel) {
              refine(*r, id, self, cancel);
            });
        refinements[id] = job;
        reply(res, 202, job->status());
      } catch (const ApiError& e) {
        replyError(res, e.status, e.message, e.field);
      }
    };
    post("/v1/refine", [startTraining](const httplib::Request& req, httplib::Response& res) {
      startTraining(req, res, false);
    });
    post("/v1/finetune", [startTraining](const httplib::Request& req, httplib::Response& res) {
      startTraining(req, res, true);
    });
    s.Get(R"(/v1/(?:refine|finetune)/([0-9a-f]{16}))",
          [this](const httplib::Request& req, httplib::Response& res) {
            const auto job = refinement(req.matches[1].str());
            if (!job) return replyError(res, 404, "no such refinement");
            size_t from = 0;
            const std::string at = req.get_param_value("loss_from");
            if (!at.empty() && at.size() < 10 && at.find_first_not_of("0123456789") == std::string::npos)
              from = std::stoul(at);
            reply(res, 200, job->status(from));
          });
    post(R"(/v1/(?:refine|finetune)/([0-9a-f]{16})/cancel)",
         [this](const httplib::Request& req, httplib::Response& res) {
           const auto job = refinement(req.matches[1].str());
           if (!job) return replyError(res, 404, "no such refinement");
           job->cancel();
           reply(res, 202, job->status());
         });
    s.Get(R"(/v1/(?:refine|finetune)/([0-9a-f]{16})/report)",
          [this](const httplib::Request& req, httplib::Response& res) {
            const auto job = refinement(req.matches[1].str());
            if (!job) return replyError(res, 404, "no such refinement");
            const RefineJob::Outcome out = job->outcome();
            if (out.report.is_null())
              return replyError(res, 409, "no report: the refinement has not finished");
            if (req.get_param_value("format") == "markdown")
              res.set_content(out.summary, "text/markdown; charset=utf-8");
            else
              reply(res, 200, out.report);
          });

    http->Post("/v1/frames", [this](const httplib::Request& req, httplib::Response& res) {
      try {
        if (req.body.size() > options.maxUploadBytes)
          return replyError(res, 413,
                            "the upload is larger than this server accepts (" +
                                std::to_string(options.maxUploadBytes) + " bytes)");
        FramesUpload upload = parseFramesUpload(req.body);
        std::vector<media::Picture> pictures;
        pictures.reserve(upload.pictures.size());
        for (auto& [bytes, seconds] : upload.pictures)
          pictures.push_back(media::Picture{std::move(bytes), seconds});
        auto frames = std::make_shared<media::PictureFrames>(upload.name, std::move(pictures));
        const std::string id = uploads.add(frames);
        reply(res, 201,
              {{"frames_id", id},
               {"frame_count", frames->info().frameCount},
               {"width", frames->info().width},
               {"height", frames->info().height},
               {"fps", frames->info().fps},
               {"bytes", frames->bytes()}});
      } catch (const ApiError& e) {
        replyError(res, e.status, e.message, e.field);
      } catch (const Error& e) {
        replyError(res, 422, e.what(), "pictures");  // not a JPEG/PNG, too large, undecodable
      }
    });

    post("/v1/answer", [this](const httplib::Request& req, httplib::Response& res) {
      const auto start = Clock::now();
      try {
        const AnswerRequest r = parseAnswerRequest(req.body);
        std::shared_ptr<media::PictureFrames> uploaded;
        std::string video;
        if (!r.framesId.empty()) {
          uploaded = uploads.find(r.framesId);
          if (!uploaded)
            return replyError(res, 404, "no such frames (unknown or evicted): upload them again",
                              "frames_id");
        } else {
          video = roots.resolve(r.video);
        }
        engine::Question q;
        q.qid = r.qid;
        q.dataset = r.dataset;
        q.type = r.type;
        q.family = *nn::promptFamilyFromName(r.prompt);  // validated by parseAnswerRequest
        q.question = r.question;
        q.options = r.options;
        q.answer = r.answer;
        if (r.start || r.end) q.clip = media::ClipWindow{r.start.value_or(0), r.end.value_or(1e12)};
        engine::ChainOptions chain;
        chain.frames = r.frames;
        chain.keyframes = r.keyframes;
        chain.mode = engine::parseChainMode(r.mode);
        chain.baselines = r.baselines;
        chain.frameAnswers = r.frameAnswers;
        if (!r.frameIndices.empty()) {
          engine::OptionScores scores;
          device
              .submit([&] {
                scores = uploaded ? engine->answerWithFrames(*uploaded, r.frameIndices, q, chain)
                                  : engine->answerWithFrames(video, r.frameIndices, q, chain);
              })
              .get();
          return reply(res, 200,
                       {{"option_scores", engine::toJson(scores)},
                        {"frames", r.frameIndices},
                        {"server_seconds", std::chrono::duration<double>(Clock::now() - start).count()}});
        }
        engine::ChainResult result;
        if (uploaded)
          device.submit([&] { result = engine->run(*uploaded, q, chain); }).get();
        else
          result = answer(video, q, chain);
        result.video =
            uploaded ? uploaded->info().path : r.video;  // the client's name, not the server's folders
        stamp(result);
        json body = engine::toJson(result);
        body["server_seconds"] = std::chrono::duration<double>(Clock::now() - start).count();
        reply(res, 200, body);
      } catch (const ApiError& e) {
        replyError(res, e.status, e.message, e.field);
      } catch (const PathRefused& e) {
        replyError(res, 403, "path refused: " + e.reason, "video");
      } catch (const Error& e) {
        replyError(res, 422, e.what());  // a video the engine cannot read, ...
      }
    });

    post("/v1/jobs", [this](const httplib::Request& req, httplib::Response& res) {
      try {
        const JobRequest r = parseJobRequest(req.body);
        std::string annotations, videos;
        try {
          annotations = roots.resolve(r.annotations);
        } catch (const PathRefused& e) {
          return replyError(res, 403, "path refused: " + e.reason, "annotations");
        }
        try {
          videos = roots.resolveFolder(r.videos);
        } catch (const PathRefused& e) {
          return replyError(res, 403, "path refused: " + e.reason, "videos");
        }
        data::DatasetRead read = data::readDataset(r.dataset, annotations, {});
        if (read.items.empty())
          return replyError(res, 422, "no usable item in the annotations", "annotations");
        if (r.limit && static_cast<size_t>(*r.limit) < read.items.size()) read.items.resize(*r.limit);
        engine::ChainOptions chain;
        chain.frames = r.frames;
        chain.keyframes = r.keyframes;
        const std::string id = newJobId();
        auto job = std::make_shared<DatasetJob>(
            id, r.dataset, std::move(read.items), [this, videos, chain](const data::DatasetItem& item) {
              const std::string path = roots.inside(engine::findVideo(videos, item.video));
              engine::ChainResult result = engine->run(path, engine::questionFor(item), chain);
              result.video = item.video;
              stamp(result);
              return engine::toJson(result).dump();
            });
        {
          std::lock_guard<std::mutex> lock(jobsMutex);
          jobs[id] = job;
        }
        device.addJob([job] { return job->step(); });
        reply(res, 202, job->status());
      } catch (const ApiError& e) {
        replyError(res, e.status, e.message, e.field);
      } catch (const Error& e) {
        replyError(res, 422, e.what());
      }
    });

    const auto withJob = [this](const httplib::Request& req, httplib::Response& res,
                                const std::function<void(DatasetJob&)>& body) {
      std::shared_ptr<DatasetJob> job;
      {
        std::lock_guard<std::mutex> lock(jobsMutex);
        const auto it = jobs.find(req.matches[1].str());
        if (it != jobs.end()) job = it->second;
      }
      if (!job) return replyError(res, 404, "no such job");
      body(*job);
    };
    s.Get(R"(/v1/jobs/([0-9a-f]{16}))", [withJob](const httplib::Request& req, httplib::Response& res) {
      withJob(req, res, [&](DatasetJob& job) { reply(res, 200, job.status()); });
    });
    post(R"(/v1/jobs/([0-9a-f]{16})/cancel)", [withJob](const httplib::Request& req, httplib::Response& res) {
      withJob(req, res, [&](DatasetJob& job) {
        job.cancel();
        reply(res, 202, job.status());
      });
    });
    s.Get(R"(/v1/jobs/([0-9a-f]{16})/report)",
          [withJob](const httplib::Request& req, httplib::Response& res) {
            withJob(req, res, [&](DatasetJob& job) {
              try {
                const json report = jobReport(job.dataset(), job.results(), job.status());
                if (req.get_param_value("format") == "markdown")
                  res.set_content(jobReportMarkdown(report), "text/markdown; charset=utf-8");
                else
                  reply(res, 200, report);
              } catch (const std::exception& e) {
                replyError(res, 422, std::string("no report for these results: ") + e.what());
              }
            });
          });
    s.Get(
        R"(/v1/jobs/([0-9a-f]{16})/results)", [withJob](const httplib::Request& req, httplib::Response& res) {
          withJob(req, res, [&](DatasetJob& job) { res.set_content(job.results(), "application/x-ndjson"); });
        });
  }
};

Server::Server(std::shared_ptr<const nn::SevilaModel> model, std::shared_ptr<engine::FeatureCache> cache,
               ServeOptions options)
    : d(std::make_unique<Impl>(std::move(model), std::move(cache), std::move(options))) {}

Server::~Server() {
  stop();
}

int Server::bind() {
  const std::string& host = d->options.host;
  if (d->options.port == 0) {
    const int port = d->http->bind_to_any_port(host);
    if (port < 0) throw Error(host, "cannot listen on any port");
    return port;
  }
  if (!d->http->bind_to_port(host, d->options.port))
    throw Error(host + ":" + std::to_string(d->options.port), "cannot listen here", "is the port taken?");
  return d->options.port;
}

void Server::run() {
  d->http->listen_after_bind();
}

void Server::stop() {
  if (d && d->http) d->http->stop();
}

bool Server::tls() const {
  return !d->options.tlsCertificate.empty();
}

}  // namespace sevila::serve
