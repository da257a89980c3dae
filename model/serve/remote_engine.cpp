#include "serve/remote_engine.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <map>
#include <mutex>
#include <thread>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "core/base64.h"
#include "core/error.h"
#include "engine/forward_chain.h"
#include "media/frame_reader.h"
#include "media/frame_sampler.h"
#include "media/png_file.h"
#include "nn/sevila_prompts.h"

namespace sevila::serve {
namespace {
namespace fs = std::filesystem;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

double since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Failures a restarting or briefly unreachable server gives; anything else will not heal by waiting.
bool transient(httplib::Error error) {
  return error == httplib::Error::Connection || error == httplib::Error::ConnectionTimeout ||
         error == httplib::Error::Read || error == httplib::Error::Write || error == httplib::Error::Unknown;
}

bool transientStatus(int status) {
  return status == 502 || status == 503 || status == 504;
}

std::string trimmed(std::string s) {
  const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && blank(s.back())) s.pop_back();
  size_t start = 0;
  while (start < s.size() && blank(s[start])) ++start;
  return s.substr(start);
}

// A refusal by the server, with its status (a 404 for uploaded frames means: upload them again).
struct Refused : Error {
  Refused(const std::string& where, const std::string& reason, int status)
      : Error(where, reason), status(status) {}
  int status;
};

std::vector<int64_t> sortedUnique(std::vector<int64_t> v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}

bool under(const fs::path& path, const fs::path& folder, fs::path* relative) {
  const fs::path rel = path.lexically_relative(folder);
  if (rel.empty() || *rel.begin() == "..") return false;
  *relative = rel == "." ? fs::path() : rel;
  return true;
}

}  // namespace

std::pair<std::string, std::string> parseFolderMapping(const std::string& text) {
  const size_t eq = text.rfind('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == text.size())
    throw Error(text, "a folder mapping is LOCAL_FOLDER=ROOT (ROOT: a --video-root name of the server)");
  return {trimmed(text.substr(0, eq)), trimmed(text.substr(eq + 1))};
}

std::string readClientToken(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw Error(path, "cannot read the token file");
  for (std::string line; std::getline(in, line);) {
    line = trimmed(line);
    if (!line.empty() && line[0] != '#') return line;
  }
  throw Error(path, "the token file holds no token");
}

struct RemoteEngine::Impl {
  RemoteOptions options;
  std::vector<std::pair<fs::path, std::string>> folders;  // absolute, normalised

  // One request, retried while the server cannot be reached; the body of a 2xx answer as JSON.
  json request(const std::string& path, const json* body, const engine::CancelToken* cancel,
               const engine::ProgressFn& progress, int readTimeoutSeconds = 0) {
    double pause = options.retryPauseSeconds;
    const int attempts = std::max(1, options.attempts);
    for (int attempt = 1;; ++attempt) {
      httplib::Client client(options.url);
      client.set_connection_timeout(options.connectTimeoutSeconds, 0);
      client.set_read_timeout(readTimeoutSeconds > 0 ? readTimeoutSeconds : options.readTimeoutSeconds, 0);
      client.set_write_timeout(options.connectTimeoutSeconds, 0);
      if (!options.token.empty()) client.set_bearer_token_auth(options.token);
#ifdef CPPHTTPLIB_OPENSSL_SUPPORT
      if (!options.caFile.empty()) client.set_ca_cert_path(options.caFile);
#endif
      const std::string payload = body ? body->dump() : std::string();
      auto call = std::async(std::launch::async, [&] {
        return body ? client.Post(path, payload, "application/json") : client.Get(path);
      });
      // The request runs beside us so that Cancel can cut it off at once.
      while (call.wait_for(std::chrono::milliseconds(40)) != std::future_status::ready)
        if (cancel && cancel->cancelled()) client.stop();
      httplib::Result res = call.get();
      if (cancel) cancel->throwIfCancelled();

      std::string failure;
      if (!res) {
        failure = httplib::to_string(res.error());
        if (!transient(res.error()))
          throw Error(options.url, "cannot reach the server: " + failure,
                      "check the address and, for https, the certificate (Preferences ▸ Backend)");
      } else if (transientStatus(res->status)) {
        failure = "HTTP " + std::to_string(res->status);
      } else {
        const json answer = json::parse(res->body, nullptr, /*allow_exceptions=*/false);
        if (res->status / 100 == 2) {
          if (answer.is_discarded() || !answer.is_object())
            throw Error(options.url + path, "the server's answer is not a JSON object");
          return answer;
        }
        const std::string said = answer.is_object() && answer.contains("error") && answer["error"].is_string()
                                     ? answer["error"].get<std::string>()
                                     : res->body.substr(0, 200);
        if (res->status == 401)
          throw Error(options.url, "the server refused the token (HTTP 401)",
                      "choose the token file the server was given (Preferences ▸ Backend)");
        throw Refused(options.url + path,
                      "the server refused (HTTP " + std::to_string(res->status) + "): " + said, res->status);
      }
      if (attempt >= attempts)
        throw Error(
            options.url,
            "the server did not answer (" + failure + ") after " + std::to_string(attempts) + " attempts",
            "is `sevila serve` running there?");
      if (progress)
        progress(0.0, "server unreachable (" + failure + "); retry " + std::to_string(attempt) + " of " +
                          std::to_string(attempts - 1));
      const auto until = Clock::now() + std::chrono::duration<double>(pause);
      while (Clock::now() < until) {
        if (cancel) cancel->throwIfCancelled();
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
      pause *= 2;
    }
  }

  std::mutex uploadMutex;
  int imageSize = 0;                           // the server's, asked once
  std::map<std::string, std::string> uploads;  // video, size and frames -> the server's frames_id

  // The frames at `indices` (sorted, unique) of a local video, uploaded once as lossless PNG at the
  // model's input size; the server's id for them. `again`: the server forgot them, upload anew.
  std::string upload(media::FrameReader& reader, const std::vector<int64_t>& indices,
                     media::Interpolation interpolation, const engine::CancelToken* cancel,
                     const engine::ProgressFn& progress, bool again, RemoteEngine& self) {
    int size;
    {
      std::lock_guard<std::mutex> lock(uploadMutex);
      size = imageSize;
    }
    if (size <= 0) {
      size = self.info(cancel).imageSize;
      if (size <= 0)
        throw Error(options.url, "the server does not say what size frames it takes",
                    "update its sevila, or map the video's folder to one of its roots");
      std::lock_guard<std::mutex> lock(uploadMutex);
      imageSize = size;
    }
    std::string key = reader.index().contentKey + "|" + std::to_string(size) +
                      (interpolation == media::Interpolation::Bicubic ? "|bicubic|" : "|bilinear|");
    for (int64_t i : indices) key += std::to_string(i) + ",";
    if (!again) {
      std::lock_guard<std::mutex> lock(uploadMutex);
      const auto it = uploads.find(key);
      if (it != uploads.end()) return it->second;
    }
    if (progress) progress(0.02, "decoding frames to upload");
    const auto images = reader.read(indices, media::FrameFormat{size, size, interpolation, true});
    json pictures = json::array();
    for (const auto& image : images) {
      if (cancel) cancel->throwIfCancelled();
      pictures.push_back({{"data", encodeBase64(media::encodePng(image))}, {"time", image.seconds}});
    }
    const json body = {{"name", fs::path(reader.info().path).filename().string()}, {"pictures", pictures}};
    if (progress) progress(0.04, "uploading " + std::to_string(images.size()) + " frames");
    const json stored = request("/v1/frames", &body, cancel, progress);
    const std::string id = stored.value("frames_id", "");
    if (id.empty()) throw Error(options.url + "/v1/frames", "the server's answer has no frames_id");
    std::lock_guard<std::mutex> lock(uploadMutex);
    uploads[key] = id;
    return id;
  }

  // POST /v1/answer on uploaded frames; a server that forgot them (404) gets them again, once.
  json answerOnUpload(media::FrameReader& reader, const std::vector<int64_t>& indices, json body,
                      media::Interpolation interpolation, const engine::CancelToken* cancel,
                      const engine::ProgressFn& progress, RemoteEngine& self) {
    body.erase("video");
    body.erase("start");
    body.erase("end");  // the clip was applied when the frames were chosen
    for (bool again : {false, true}) {
      body["frames_id"] = upload(reader, indices, interpolation, cancel, progress, again, self);
      try {
        return request("/v1/answer", &body, cancel, progress);
      } catch (const Refused& e) {
        if (e.status != 404 || again) throw;
      }
    }
    return {};
  }

  static json questionBody(const engine::Question& q, const engine::ChainOptions& o,
                           const std::string& serverVideo) {
    json body{{"video", serverVideo},
              {"question", q.question},
              {"options", q.options},
              {"qid", q.qid.empty() ? std::string("answer") : q.qid},
              {"prompt", nn::promptFamilyName(q.family)},
              {"frames", o.frames},
              {"keyframes", std::min(o.keyframes, o.frames)},
              {"mode", engine::chainModeName(o.mode)}};
    if (!q.dataset.empty()) body["dataset"] = q.dataset;
    if (!q.type.empty()) body["type"] = q.type;
    if (q.answer) body["answer"] = *q.answer;
    if (q.clip) {
      body["start"] = q.clip->start;
      body["end"] = q.clip->end;
    }
    return body;
  }
};

RemoteEngine::RemoteEngine(RemoteOptions options) : d(std::make_unique<Impl>()) {
  while (!options.url.empty() && options.url.back() == '/') options.url.pop_back();
  const bool https = options.url.rfind("https://", 0) == 0;
  if (!https && options.url.rfind("http://", 0) != 0)
    throw Error(options.url.empty() ? std::string("server address") : options.url,
                "a server address starts with http:// or https://", "e.g. http://gpu-box:8765");
#ifndef CPPHTTPLIB_OPENSSL_SUPPORT
  if (https) throw Error(options.url, "this build has no TLS support", "use http:// or a build with OpenSSL");
#endif
  if (!httplib::Client(options.url).is_valid()) throw Error(options.url, "not a usable server address");
  for (const auto& [local, root] : options.folders) {
    if (local.empty() || root.empty()) throw Error(local + "=" + root, "a folder mapping needs both sides");
    d->folders.emplace_back(fs::absolute(local).lexically_normal(), root);
  }
  // The longest folder first: a nested folder can map to a root of its own.
  std::sort(d->folders.begin(), d->folders.end(),
            [](const auto& a, const auto& b) { return a.first.native().size() > b.first.native().size(); });
  d->options = std::move(options);
}

RemoteEngine::~RemoteEngine() = default;

const std::string& RemoteEngine::url() const {
  return d->options.url;
}

std::string RemoteEngine::serverVideo(const std::string& localPath) const {
  std::error_code ec;
  fs::path path = fs::weakly_canonical(fs::absolute(localPath), ec);
  if (ec) path = fs::absolute(localPath).lexically_normal();
  for (const auto& [folder, root] : d->folders) {
    fs::path relative;
    // Both the folder as written and its real path (a mapped folder may be a symbolic link).
    std::error_code ec2;
    const fs::path real = fs::weakly_canonical(folder, ec2);
    if (under(path, folder, &relative) || (!ec2 && under(path, real, &relative)))
      return relative.empty() ? root : root + "/" + relative.generic_string();
  }
  throw Error(localPath, "the server cannot see this video: no shared folder holds it",
              "map its folder to one of the server's video roots (Preferences ▸ Backend: LOCAL_FOLDER=ROOT)");
}

json RemoteEngine::call(const std::string& path, const json* body, const engine::CancelToken* cancel) {
  return d->request(path, body, cancel, {});
}

RemoteModelInfo RemoteEngine::info(const engine::CancelToken* cancel) {
  // It does no model work: a server that does not answer it within seconds is not answering at all.
  const json j = d->request("/v1/model", nullptr, cancel, {}, std::max(d->options.connectTimeoutSeconds, 10));
  RemoteModelInfo info;
  const auto text = [&](const char* key) {
    return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
  };
  info.model = text("model");
  info.checkpoint = text("checkpoint");
  info.checkpointSha256 = text("checkpoint_sha256");
  info.device = text("device");
  info.precision = text("precision");
  info.version = text("version");
  if (j.contains("image_size") && j["image_size"].is_number_integer())
    info.imageSize = j["image_size"].get<int>();
  if (j.contains("video_roots") && j["video_roots"].is_array())
    for (const auto& r : j["video_roots"])
      if (r.is_string()) info.videoRoots.push_back(r.get<std::string>());
  if (info.device.empty()) throw Error(d->options.url, "this does not look like a `sevila serve`: no device");
  return info;
}

bool RemoteEngine::serverSees(const std::string& localPath) const {
  try {
    serverVideo(localPath);
    return true;
  } catch (const Error&) {
    return false;
  }
}

engine::ChainResult RemoteEngine::run(const std::string& videoPath, const engine::Question& question,
                                      const engine::ChainOptions& options, const engine::CancelToken* cancel,
                                      const engine::ProgressFn& progress) {
  const bool uploaded = d->options.uploadFrames && !serverSees(videoPath);
  json body = Impl::questionBody(question, options, uploaded ? std::string() : serverVideo(videoPath));
  if (options.baselines) body["baselines"] = true;
  if (options.frameAnswers) body["frame_answers"] = true;
  const auto start = Clock::now();
  json answer;
  std::unique_ptr<media::FrameReader> reader;
  std::vector<int64_t> grid;  // uploaded: the video's frames the server's positions stand for
  if (uploaded) {
    // The grid the server would sample from the file, decoded here; the server samples all of it.
    // Repeated frames (a clip shorter than n) go up once: uploaded times must increase.
    reader = std::make_unique<media::FrameReader>(videoPath);
    const auto& info = reader->info();
    grid = sortedUnique(media::sampleFrameIndices(info.frameCount, options.frames, info.fps, question.clip));
    body["frames"] = static_cast<int>(grid.size());
    body["keyframes"] = std::min<int>(options.keyframes, static_cast<int>(grid.size()));
    answer = d->answerOnUpload(*reader, grid, body, options.interpolation, cancel, progress, *this);
  } else {
    if (progress) progress(0.05, "on the server");
    answer = d->request("/v1/answer", &body, cancel, progress);
  }
  const double roundTrip = since(start);
  engine::ChainResult r = engine::chainResultFromJson(answer, d->options.url + "/v1/answer");
  r.video = videoPath;
  if (uploaded) {
    for (auto& f : r.frames) {
      if (f.frameIndex < 0 || f.frameIndex >= static_cast<int64_t>(grid.size()))
        throw Error(d->options.url + "/v1/answer", "the server answered on a frame that was not uploaded");
      f.frameIndex = grid[static_cast<size_t>(f.frameIndex)];
    }
    r.frameCount = reader->info().frameCount;
    r.fps = reader->info().fps;
    r.duration = reader->info().duration;
    for (const auto& w : reader->warnings()) r.warnings.push_back(w);
    // BLIP-2 concat reads k frames sampled from the whole video, which the grid need not hold: the
    // Answerer on those frames, uploaded in their turn.
    if (options.baselines || options.mode == engine::ChainMode::Concat) {
      const int k = std::min<int>(options.keyframes, static_cast<int>(grid.size()));
      const auto& info = reader->info();
      const engine::OptionScores concat =
          answerWithFrames(videoPath, media::sampleFrameIndices(info.frameCount, k, info.fps, question.clip),
                           question, options, cancel);
      if (options.baselines) r.concat = concat;
      if (options.mode == engine::ChainMode::Concat) r.answer = concat;
    }
  }
  const double server = answer.value("server_seconds", 0.0);
  double work = 0;
  for (const auto& [stage, seconds] : r.stageSeconds) work += seconds;
  r.stageSeconds["server_queue"] = std::max(0.0, server - work);
  r.stageSeconds["network"] = std::max(0.0, roundTrip - server);
  if (progress) progress(1.0, "done");
  return r;
}

void RemoteEngine::addBaselines(engine::ChainResult& result, const engine::Question& question,
                                const engine::ChainOptions& options, const engine::CancelToken* cancel,
                                const engine::ProgressFn& progress) {
  if (result.frames.empty())
    throw Error(result.video, "the run has no sampled frames to compute baselines on");
  if (question.family == nn::PromptFamily::QvHighlights) return;  // moment retrieval has no answers
  // The server answers the question again with the baselines on the same grid (same n, same clip).
  engine::ChainOptions again = options;
  again.frames = static_cast<int>(result.frames.size());
  again.mode = engine::ChainMode::Sevila;
  again.baselines = true;
  const engine::ChainResult full = run(result.video, question, again, cancel, progress);
  if (full.frames.size() != result.frames.size())
    throw Error(result.video, "the server sampled other frames than this run",
                "answer the question again on this backend first");
  for (size_t i = 0; i < full.frames.size(); ++i)
    if (full.frames[i].frameIndex != result.frames[i].frameIndex)
      throw Error(result.video, "the server sampled other frames than this run",
                  "answer the question again on this backend first");
  result.concat = full.concat;
  result.frameAnswers = full.frameAnswers;
  result.voting = full.voting;
  result.oracle = full.oracle;
  double seconds = 0;
  for (const auto& [stage, s] : full.stageSeconds) seconds += s;
  result.stageSeconds["baselines"] = seconds;
}

engine::OptionScores RemoteEngine::answerWithFrames(const std::string& videoPath,
                                                    std::vector<int64_t> frameIndices,
                                                    const engine::Question& question,
                                                    const engine::ChainOptions& options,
                                                    const engine::CancelToken* cancel) {
  if (frameIndices.empty()) throw Error("keyframes", "choose at least one keyframe");
  json answer;
  if (d->options.uploadFrames && !serverSees(videoPath)) {
    // The chosen frames alone go up; the Answerer reads them in time order, as in-process.
    media::FrameReader reader(videoPath);
    const std::vector<int64_t> chosen = sortedUnique(frameIndices);
    for (int64_t f : chosen)
      if (f < 0 || f >= reader.info().frameCount)
        throw Error(videoPath, "frame " + std::to_string(f) + " is outside the video");
    json body = Impl::questionBody(question, options, std::string());
    std::vector<int64_t> positions(frameIndices.size());
    for (size_t i = 0; i < frameIndices.size(); ++i)
      positions[i] = std::lower_bound(chosen.begin(), chosen.end(), frameIndices[i]) - chosen.begin();
    body["frame_indices"] = positions;
    body["frames"] = std::max<int>(1, static_cast<int>(chosen.size()));
    body["keyframes"] = 1;
    answer = d->answerOnUpload(reader, chosen, body, options.interpolation, cancel, {}, *this);
  } else {
    json body = Impl::questionBody(question, options, serverVideo(videoPath));
    body["frame_indices"] = frameIndices;
    answer = d->request("/v1/answer", &body, cancel, {});
  }
  if (!answer.contains("option_scores"))
    throw Error(d->options.url + "/v1/answer", "the server's answer has no option scores");
  return engine::optionScoresFromJson(answer["option_scores"], d->options.url + "/v1/answer");
}

}  // namespace sevila::serve
