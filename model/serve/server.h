// `sevila serve`: the engine over HTTP + JSON for a team, one process per machine with the device.
//   GET  /health                    liveness (no token needed)
//   GET  /v1/model                  device, precision, model and checkpoint, queue lengths
//   POST /v1/frames                 a video as pictures (JPEG/PNG, base64) -> {"frames_id"} (frame_uploads.h)
//   POST /v1/answer                 one question on a video under a video root (api_request.h) or on
//                                   uploaded frames, or the Answerer alone on chosen frames
//   POST /v1/jobs                   a dataset split as a job -> {"id"}
//   GET  /v1/jobs/ID                its state and progress
//   POST /v1/jobs/ID/cancel         stops it after the question in flight
//   GET  /v1/jobs/ID/results        its results so far, JSON lines (as `sevila run` writes them)
//   GET  /v1/jobs/ID/report         accuracy (the dataset's official metric), baselines, time per question
//   POST /v1/refine                 the Localizer refined from uploaded labels -> {"id"} (refine_job.h)
//   POST /v1/finetune               the Answerer fine-tuned on uploaded questions' answers -> {"id"}
//   GET  /v1/refine/ID              stage, progress, every step's loss (?loss_from=N), the new version
//   POST /v1/refine/ID/cancel       stops after the step in flight; the checkpoint so far is kept
//   GET  /v1/refine/ID/report       report.json (?format=markdown: report.md)
//                                   (/v1/finetune/ID... are the same resources)
//   POST /v1/model                  {"version": "base" | ID}: which version answers from now on
//   /labelstudio/{health,setup,predict,webhook}: Label Studio's ML backend protocol (label_studio.h)
// Every model call runs on one device thread (device_queue.h): questions before job steps, jobs taking
// turns. Security: bound to 127.0.0.1 unless told otherwise, and then only with tokens; bearer tokens
// from a file; TLS with a certificate; bodies capped; paths confined to the video roots; every body
// validated (4xx with a JSON {"error", "field"}).
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace sevila::nn {
class SevilaModel;
}
namespace sevila::engine {
class FeatureCache;
}

namespace sevila::serve {

struct ServeOptions {
  std::string host = "127.0.0.1";
  int port = 8765;                      // 0: any free port (bind() says which)
  std::vector<std::string> videoRoots;  // "NAME=DIR" or "DIR"
  std::string tokenFile;                // none: no tokens, allowed only on the loopback
  std::string tlsCertificate, tlsKey;   // both or neither (PEM)
  size_t maxBodyBytes = 1 << 20;        // every body but an upload's
  size_t maxUploadBytes =
      size_t(32) << 20;  // POST /v1/frames (bodies of other requests are read up to this, then refused)
  size_t uploadBudgetBytes = size_t(512) << 20;  // uploaded pictures kept in memory (least recent go first)
  int readTimeoutSeconds = 10;                   // a client that sends nothing for this long is dropped
  int threads = 16;                              // connections served at once
  std::string modelName;                         // what /v1/model and the results call the model
  // Where Label Studio's annotations arrive (labelstudio.keyframes.jsonl); none: the webhook refuses.
  std::string labelsDir;
  int labelFrames = 32;  // the sampling grid labels are kept on (n), as the trainer samples
  // Refinement (POST /v1/refine): runs land in jobsDir/ID (none: refused); each trains a private f32 copy
  // loaded from the model's files.
  std::string jobsDir;
  std::string modelDirectory, checkpoint, tokenizer;  // what the model was loaded from
};

class Server {
public:
  // Throws sevila::Error for bad options (a missing root, an unreadable token file, a public address
  // without tokens, half a TLS pair).
  Server(std::shared_ptr<const nn::SevilaModel> model, std::shared_ptr<engine::FeatureCache> cache,
         ServeOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  int bind();   // listens; returns the port; throws sevila::Error
  void run();   // serves until stop()
  void stop();  // from any thread (a signal handler's thread included)
  bool tls() const;

private:
  struct Impl;
  std::unique_ptr<Impl> d;
};

}  // namespace sevila::serve
