// sevila serve: the engine over HTTP + JSON for a team (model/serve/server.h has the API).
#include <signal.h>
#include <unistd.h>

#include <cerrno>

#include <cstdio>
#include <thread>

#include "chain_arguments.h"
#include "command.h"
#include "core/error.h"
#include "model_arguments.h"
#include "nn/sevila_model.h"
#include "serve/server.h"

namespace sevila::cli {
namespace {

int g_stopPipe[2] = {-1, -1};

const OptionSet& declaredOptions() {
  static const serve::ServeOptions d;
  static const OptionSet options =
      OptionSet(
          "sevila serve --model DIR --video-root [NAME=]DIR [options]",
          "Serves SeViLA over HTTP + JSON: /health, /v1/model, /v1/answer (on a video under a root or on\n"
          "frames uploaded to /v1/frames), dataset jobs under /v1/jobs, refinements under /v1/refine and\n"
          "Answerer fine-tuning under /v1/finetune\n"
          "(docs/serve.md). Every model call runs on one device thread; questions go before job steps.")
          .group("Network")
          .value("--bind", "HOST", "address to listen on (beyond 127.0.0.1 only with --token-file)", d.host)
          .value("--port", "N", "port (0: any free one, printed)", std::to_string(d.port))
          .value("--token-file", "FILE", "bearer tokens, one per line (chmod 600)")
          .value("--tls-cert", "PEM", "serve HTTPS with this certificate ...")
          .value("--tls-key", "PEM", "... and its private key")
          .value("--max-body", "BYTES", "largest request body but an upload's",
                 std::to_string(d.maxBodyBytes))
          .value("--max-upload", "BYTES", "largest frame upload (POST /v1/frames)",
                 std::to_string(d.maxUploadBytes))
          .value("--upload-memory", "BYTES", "uploaded pictures kept in memory (least recent go first)",
                 std::to_string(d.uploadBudgetBytes))
          .value("--connections", "N", "connections served at once", std::to_string(d.threads))
          .group("Files")
          .value("--video-root", "[NAME=]DIR",
                 "a folder clients may name videos and annotations in (repeatable)")
          .value("--labels-dir", "DIR",
                 "where Label Studio's annotations arrive (labelstudio.keyframes.jsonl)")
          .value("--label-frames", "N", "the sampling grid labels are kept on", std::to_string(d.labelFrames))
          .value("--jobs-dir", "DIR",
                 "where refinements and fine-tunings write their checkpoints and reports; without it the\n"
                 "server does not train")
          .value("--cache", "DIR", "vision feature cache", "~/.cache/sevila/features")
          .flag("--no-cache", "no vision feature cache")
          .include(modelOptions());
  return options;
}

size_t byteCount(const Arguments& args, const std::string& name, size_t fallback) {
  const double value = args.doubleValue(name, static_cast<double>(fallback));
  if (!(value >= 1) || value > 1e15) throw Error(name, "must be a number of bytes >= 1");
  return static_cast<size_t>(value);
}

int runServe(const std::vector<std::string>& words) {
  const Arguments args = declaredOptions().parse(words);
  if (args.flag("--help")) {
    std::printf("%s", declaredOptions().help().c_str());
    return 0;
  }
  serve::ServeOptions options;
  options.host = args.value("--bind", options.host);
  options.port = args.intValue("--port", options.port);
  options.tokenFile = args.value("--token-file", "");
  options.tlsCertificate = args.value("--tls-cert", "");
  options.tlsKey = args.value("--tls-key", "");
  options.maxBodyBytes =
      static_cast<size_t>(args.intValue("--max-body", static_cast<int>(options.maxBodyBytes)));
  options.maxUploadBytes = byteCount(args, "--max-upload", options.maxUploadBytes);
  options.uploadBudgetBytes = byteCount(args, "--upload-memory", options.uploadBudgetBytes);
  options.threads = args.intValue("--connections", options.threads);
  options.videoRoots = args.values("--video-root");
  options.modelName = args.require("--model");
  options.labelsDir = args.value("--labels-dir", "");
  options.labelFrames = args.intValue("--label-frames", options.labelFrames);
  options.jobsDir = args.value("--jobs-dir", "");
  options.modelDirectory = options.modelName;
  options.checkpoint = args.value("--sevila", "");
  options.tokenizer = args.value("--tokenizer", "");

  auto model = loadModelFromArguments(args);
  serve::Server server(model, featureCacheFrom(args), options);
  const int port = server.bind();
  std::printf("sevila serve: listening on %s://%s:%d\n", server.tls() ? "https" : "http",
              options.host.c_str(), port);
  std::fflush(stdout);
  // SIGINT and SIGTERM stop the server. Any thread may take the signal (libraries start threads before
  // main), so the handler only writes to a pipe, and a thread of ours reads it and stops the server.
  if (::pipe(g_stopPipe) != 0) throw Error("sevila serve", "cannot create a pipe");
  struct sigaction action {};
  action.sa_handler = [](int) {
    const char byte = 1;
    if (::write(g_stopPipe[1], &byte, 1) < 0) {
    }
  };
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
  std::thread waiter([&server] {
    char byte = 0;
    while (::read(g_stopPipe[0], &byte, 1) < 0 && errno == EINTR) {
    }
    server.stop();
  });
  server.run();
  const char byte = 0;  // stopped by itself: let the waiter go
  if (::write(g_stopPipe[1], &byte, 1) < 0) {
  }
  waiter.join();
  std::printf("sevila serve: stopped\n");
  return 0;
}

}  // namespace

Command serveCommand() {
  return {"serve", "serve the engine over HTTP + JSON to a team (tokens, TLS, jobs)", runServe};
}

}  // namespace sevila::cli
