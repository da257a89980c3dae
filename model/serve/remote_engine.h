// The engine on a `sevila serve` across the network, behind the same QuestionEngine as the in-process
// one: the studio on an annotator's desk, the model on the team's GPU machine. Only the question and
// the video's name on the server travel (local folders map to the server's video roots); a video under
// no mapped folder has its sampled frames decoded here and uploaded (lossless PNG at the model's input
// size, once per video and grid), so the server answers on exactly the pixels it would have read itself.
// Labels stay local. A dropped connection or a restarting server is retried with a growing pause, then
// reported; Cancel aborts the request in flight at once. Every result carries its latency as stages: the
// server's own, "server_queue" (waiting on the server's device) and "network".
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "engine/question_engine.h"

namespace sevila::serve {

struct RemoteOptions {
  std::string url;    // http://HOST:PORT or https://HOST:PORT
  std::string token;  // bearer token; empty: none
  // Local folder -> the server's ROOT or ROOT/PATH: a local video under the folder is asked for there.
  std::vector<std::pair<std::string, std::string>> folders;
  bool uploadFrames = true;  // videos under no mapped folder: upload their sampled frames (else refuse)
  std::string caFile;        // https: the certificate (or CA) to trust, e.g. a self-signed server's
  int connectTimeoutSeconds = 5;
  int readTimeoutSeconds = 900;    // a question on a CPU server at real size takes minutes
  int attempts = 4;                // per request, while the server cannot be reached
  double retryPauseSeconds = 0.5;  // doubled after each failed attempt
};

// Parses "LOCAL=ROOT" lines (a Preferences field, a command-line option). Throws sevila::Error.
std::pair<std::string, std::string> parseFolderMapping(const std::string& text);
// The first line of a token file that is neither empty nor a comment. Throws sevila::Error.
std::string readClientToken(const std::string& path);

struct RemoteModelInfo {
  std::string model, checkpoint, checkpointSha256, device, precision;
  std::string version;  // "base" or the refinement answering (POST /v1/model)
  int imageSize = 0;    // the ViT's input size: what uploaded frames are scaled to
  std::vector<std::string> videoRoots;
};

class RemoteEngine : public engine::QuestionEngine {
public:
  explicit RemoteEngine(RemoteOptions options);  // throws sevila::Error for a URL it cannot use
  ~RemoteEngine() override;

  // GET /v1/model: what the server runs (also proves the address and the token).
  RemoteModelInfo info(const engine::CancelToken* cancel = nullptr);
  // The server's name (ROOT/PATH) of a local video. Throws sevila::Error when no folder maps it.
  std::string serverVideo(const std::string& localPath) const;
  bool serverSees(const std::string& localPath) const;  // some folder mapping holds it
  const std::string& url() const;
  // Any request of the API (server.h), retried like the others: GET without a body, else POST. The
  // answer's JSON body; throws sevila::Error with the server's reason, engine::Cancelled on Cancel.
  nlohmann::json call(const std::string& path, const nlohmann::json* body = nullptr,
                      const engine::CancelToken* cancel = nullptr);

  engine::ChainResult run(const std::string& videoPath, const engine::Question& question,
                          const engine::ChainOptions& options, const engine::CancelToken* cancel,
                          const engine::ProgressFn& progress) override;
  void addBaselines(engine::ChainResult& result, const engine::Question& question,
                    const engine::ChainOptions& options, const engine::CancelToken* cancel,
                    const engine::ProgressFn& progress) override;
  engine::OptionScores answerWithFrames(const std::string& videoPath, std::vector<int64_t> frameIndices,
                                        const engine::Question& question, const engine::ChainOptions& options,
                                        const engine::CancelToken* cancel) override;

private:
  struct Impl;
  std::unique_ptr<Impl> d;
};

}  // namespace sevila::serve
