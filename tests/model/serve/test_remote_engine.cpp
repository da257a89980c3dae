// The client side of `sevila serve` (RemoteEngine) against a scripted HTTP server in this process: what
// it sends (only the question and the server's name of the video), how it reads answers and refusals,
// its retries while a server restarts, Cancel cutting a request in flight, and the folder mappings; and
// against a real server in this process, a video the server cannot see goes up as frames and answers
// exactly as in-process. test_remote_backend runs the studio against the real server.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "engine/forward_chain.h"
#include "minitest.h"
#include "serve/remote_engine.h"
#include "serve/server.h"
#include "tiny_model.h"

namespace fs = std::filesystem;
using nlohmann::json;
using sevila::serve::RemoteEngine;
using sevila::serve::RemoteOptions;

namespace {

const fs::path kWork = fs::path(SEVILA_BINARY_DIR) / "test_remote_engine";

// An HTTP server on 127.0.0.1 in a thread of this process, stopped when it goes out of scope.
struct Scripted {
  httplib::Server http;
  std::thread thread;
  int port = 0;
  explicit Scripted(int wanted = 0) {
    port =
        wanted ? (http.bind_to_port("127.0.0.1", wanted) ? wanted : -1) : http.bind_to_any_port("127.0.0.1");
  }
  void start() {
    thread = std::thread([this] { http.listen_after_bind(); });
    while (!http.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ~Scripted() {
    http.stop();
    if (thread.joinable()) thread.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port); }
};

// A port nothing listens on (bound, read, closed).
int freePort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof address;
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size);
  ::close(fd);
  return ntohs(address.sin_port);
}

sevila::engine::ChainResult cannedResult() {
  sevila::engine::ChainResult r;
  r.qid = "q7";
  r.video = "media/sub/clip.mp4";
  r.question = "what is held?";
  r.options = {"a pen", "a cup"};
  r.frameCount = 64;
  r.fps = 25;
  for (int i = 0; i < 4; ++i) r.frames.push_back({i * 16 + 8, (i * 16 + 8) / 25.0, 0.5 * i, 0.1, 0.2});
  r.keyframes = {1, 3};
  r.answer = {{1.25, -0.5}, {0.851953, 0.148047}, 0};
  r.stageSeconds = {{"localizer", 0.05}, {"answerer", 0.02}};
  r.device = "cuda:0";
  return r;
}

RemoteOptions optionsFor(const std::string& url) {
  RemoteOptions o;
  o.url = url;
  o.folders = {{(kWork / "videos").string(), "media"}};
  o.retryPauseSeconds = 0.2;
  return o;
}

sevila::engine::Question question() {
  sevila::engine::Question q;
  q.qid = "q7";
  q.dataset = "nextqa";
  q.type = "CW";
  q.question = "what is held?";
  q.options = {"a pen", "a cup"};
  q.answer = 0;
  return q;
}

void prepare() {
  fs::remove_all(kWork);
  fs::create_directories(kWork / "videos" / "sub");
  fs::create_directories(kWork / "elsewhere");
  std::ofstream(kWork / "videos" / "sub" / "clip.mp4") << "x";
  fs::create_directory_symlink(kWork / "videos", kWork / "linked");
}

}  // namespace

TEST(sends_the_question_and_the_servers_name_and_reads_the_answer) {
  prepare();
  Scripted server;
  json received;
  std::string authorization;
  json answer = sevila::engine::toJson(cannedResult());
  answer["server_seconds"] = 0.2;
  server.http.Post("/v1/answer", [&](const httplib::Request& req, httplib::Response& res) {
    received = json::parse(req.body);
    authorization = req.get_header_value("Authorization");
    res.set_content(answer.dump(), "application/json");
  });
  server.start();
  RemoteOptions o = optionsFor(server.url());
  o.token = "secret-token-0123456789";
  RemoteEngine remote(o);
  sevila::engine::ChainOptions chain;
  chain.frames = 4;
  chain.keyframes = 2;
  const std::string local = (kWork / "videos" / "sub" / "clip.mp4").string();
  const auto r = remote.run(local, question(), chain, nullptr, {});
  CHECK_EQ(received.at("video").get<std::string>(), std::string("media/sub/clip.mp4"));
  CHECK_EQ(received.at("qid").get<std::string>(), std::string("q7"));
  CHECK_EQ(received.at("dataset").get<std::string>(), std::string("nextqa"));
  CHECK_EQ(received.at("prompt").get<std::string>(), std::string("multiple-choice"));
  CHECK_EQ(received.at("frames").get<int>(), 4);
  CHECK_EQ(received.at("keyframes").get<int>(), 2);
  CHECK_EQ(received.at("answer").get<int>(), 0);
  CHECK(!received.contains("baselines"));
  CHECK_EQ(authorization, std::string("Bearer secret-token-0123456789"));
  // The result names the local file; its numbers are the server's, exactly.
  CHECK_EQ(r.video, local);
  CHECK_EQ(r.keyframes, (std::vector<int>{1, 3}));
  CHECK_EQ(r.answer.probabilities[0], 0.851953);
  CHECK_EQ(r.frames[2].frameIndex, int64_t(40));
  CHECK_EQ(r.device, std::string("cuda:0"));
  // Latency: 0.2 s on the server, 0.07 s of it the model's; the rest of the round trip is the network's.
  CHECK_NEAR(r.stageSeconds.at("server_queue"), 0.13, 1e-9);
  CHECK(r.stageSeconds.at("network") >= 0 && r.stageSeconds.at("network") < 5);

  // "What if": the chosen frames travel, the option scores come back.
  answer = {{"option_scores", sevila::engine::toJson(cannedResult().answer)}, {"frames", {8, 40}}};
  const auto scores = remote.answerWithFrames(local, {40, 8}, question(), chain, nullptr);
  CHECK_EQ(received.at("frame_indices"), json({40, 8}));
  CHECK_EQ(scores.answer, 0);
  CHECK_EQ(scores.logits[1], -0.5);
}

TEST(refusals_carry_the_servers_reason) {
  prepare();
  Scripted server;
  server.http.Get("/v1/model", [](const httplib::Request&, httplib::Response& res) {
    res.status = 401;
    res.set_content(R"({"error": "a valid bearer token is needed"})", "application/json");
  });
  bool proxyPage = false;
  server.http.Post("/v1/answer", [&](const httplib::Request&, httplib::Response& res) {
    if (proxyPage) return res.set_content("<html>a proxy's page</html>", "text/html");
    res.status = 422;
    res.set_content(R"({"error": "clip.mp4: not a video FFmpeg can read"})", "application/json");
  });
  server.start();
  RemoteEngine remote(optionsFor(server.url()));
  CHECK_THROWS_WITH(remote.info(), "refused the token");
  const std::string local = (kWork / "videos" / "sub" / "clip.mp4").string();
  CHECK_THROWS_WITH(remote.run(local, question(), {}, nullptr, {}), "HTTP 422): clip.mp4: not a video");
  proxyPage = true;
  CHECK_THROWS_WITH(remote.run(local, question(), {}, nullptr, {}), "not a JSON object");
}

TEST(a_restarting_server_is_retried_and_a_dead_one_reported) {
  prepare();
  const int port = freePort();
  RemoteOptions o = optionsFor("http://127.0.0.1:" + std::to_string(port));
  o.attempts = 5;  // pauses 0.2 + 0.4 + 0.8 + 1.6 s
  RemoteEngine remote(o);
  std::vector<std::string> told;
  std::unique_ptr<Scripted> late;
  std::thread starter([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(700));
    late = std::make_unique<Scripted>(port);
    late->http.Get("/v1/model", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(
          R"({"model": "/srv/blip2", "device": "cuda:0", "precision": "bf16", "video_roots": ["media"]})",
          "application/json");
    });
    late->start();
  });
  const auto info = remote.info();
  starter.join();
  CHECK_EQ(info.device, std::string("cuda:0"));
  CHECK_EQ(info.videoRoots, std::vector<std::string>{"media"});
  late.reset();

  // Nobody comes back: reported after the attempts, with the address, in a bounded time.
  o.attempts = 3;
  RemoteEngine dead(o);
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::string> progress;
  CHECK_THROWS_WITH(dead.run((kWork / "videos" / "sub" / "clip.mp4").string(), question(), {}, nullptr,
                             [&](double, const std::string& stage) { progress.push_back(stage); }),
                    "did not answer");
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
  int retries = 0;
  for (const auto& p : progress) retries += p.find("server unreachable") != std::string::npos;
  CHECK_EQ(retries, 2);
}

TEST(cancel_cuts_a_request_in_flight) {
  prepare();
  std::mutex mutex;
  std::condition_variable released;
  bool release = false;
  Scripted server;
  server.http.Post("/v1/answer", [&](const httplib::Request&, httplib::Response& res) {
    std::unique_lock<std::mutex> lock(mutex);
    released.wait_for(lock, std::chrono::seconds(30), [&] { return release; });
    res.set_content("{}", "application/json");
  });
  server.start();
  RemoteEngine remote(optionsFor(server.url()));
  sevila::engine::CancelToken cancel;
  std::thread canceller([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    cancel.cancel();
  });
  const auto start = std::chrono::steady_clock::now();
  bool cancelled = false;
  try {
    remote.run((kWork / "videos" / "sub" / "clip.mp4").string(), question(), {}, &cancel, {});
  } catch (const sevila::engine::Cancelled&) {
    cancelled = true;
  }
  canceller.join();
  CHECK(cancelled);
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(3));
  {
    std::lock_guard<std::mutex> lock(mutex);
    release = true;
  }
  released.notify_all();
}

TEST(folders_map_local_videos_to_the_servers_roots) {
  prepare();
  RemoteOptions o = optionsFor("http://127.0.0.1:9");
  o.folders.push_back({(kWork / "videos" / "sub").string(), "subroot"});  // nested: the longer wins
  RemoteEngine remote(o);
  CHECK_EQ(remote.serverVideo((kWork / "videos" / "sub" / "clip.mp4").string()),
           std::string("subroot/clip.mp4"));
  CHECK_EQ(remote.serverVideo((kWork / "videos" / "a.mp4").string()), std::string("media/a.mp4"));
  // Through a symbolic link to the mapped folder, and with ".." that stays inside.
  CHECK_EQ(remote.serverVideo((kWork / "linked" / "a.mp4").string()), std::string("media/a.mp4"));
  CHECK_EQ(remote.serverVideo((kWork / "elsewhere" / ".." / "videos" / "b.mp4").string()),
           std::string("media/b.mp4"));
  CHECK_THROWS_WITH(remote.serverVideo((kWork / "elsewhere" / "c.mp4").string()), "cannot see this video");
  CHECK_THROWS_WITH(remote.serverVideo((kWork / "videos-2" / "c.mp4").string()), "cannot see this video");

  const auto m = sevila::serve::parseFolderMapping(" /mnt/nas/videos = media ");
  CHECK_EQ(m.first, std::string("/mnt/nas/videos"));
  CHECK_EQ(m.second, std::string("media"));
  CHECK_THROWS_WITH(sevila::serve::parseFolderMapping("/mnt/nas/videos"), "LOCAL_FOLDER=ROOT");
  CHECK_THROWS_WITH(sevila::serve::parseFolderMapping("=media"), "LOCAL_FOLDER=ROOT");

  std::ofstream(kWork / "tokens") << "# the team's\n\n  tok-0123456789abcdef  \n";
  CHECK_EQ(sevila::serve::readClientToken((kWork / "tokens").string()), std::string("tok-0123456789abcdef"));
  std::ofstream(kWork / "empty") << "# nothing\n";
  CHECK_THROWS_WITH(sevila::serve::readClientToken((kWork / "empty").string()), "holds no token");
  CHECK_THROWS_WITH(sevila::serve::readClientToken((kWork / "missing").string()), "cannot read");

  RemoteOptions bad = o;
  bad.url = "gpu-box:8765";
  CHECK_THROWS_WITH(RemoteEngine{bad}, "http:// or https://");
}

TEST(a_video_the_server_cannot_see_goes_up_as_frames_and_answers_as_in_process) {
  prepare();
  fs::create_directories(kWork / "server-root");
  const std::string video = (kWork / "elsewhere" / "pens.mp4").string();
  fs::copy_file(std::string(SEVILA_TEST_DATA) + "/media/pens.mp4", video);
  sevila::serve::ServeOptions serve;
  serve.port = 0;
  serve.videoRoots = {"media=" + (kWork / "server-root").string()};
  serve.modelName = "tiny-a";
  sevila::serve::Server server(testmodel::tinyModel(), nullptr, serve);
  const int port = server.bind();
  std::thread serving([&] { server.run(); });
  struct Stop {
    sevila::serve::Server& s;
    std::thread& t;
    ~Stop() {
      s.stop();
      t.join();
    }
  } stop{server, serving};

  RemoteEngine remote(optionsFor("http://127.0.0.1:" + std::to_string(port)));  // no mapping holds it
  CHECK(!remote.serverSees(video));
  sevila::engine::SevilaEngine local(testmodel::tinyModel(), nullptr);
  sevila::engine::Question q = question();
  q.options = {"a pen", "a cup", "a phone"};
  sevila::engine::ChainOptions o;
  o.frames = 8;
  o.keyframes = 3;
  const auto mine = local.run(video, q, o);
  const auto theirs = remote.run(video, q, o, nullptr, {});
  REQUIRE(theirs.frames.size() == mine.frames.size());
  for (size_t i = 0; i < mine.frames.size(); ++i) {
    CHECK_EQ(theirs.frames[i].frameIndex, mine.frames[i].frameIndex);  // the video's own frame numbers
    CHECK_EQ(theirs.frames[i].seconds, mine.frames[i].seconds);
    CHECK_EQ(theirs.frames[i].yesLogit, mine.frames[i].yesLogit);
  }
  CHECK(theirs.keyframes == mine.keyframes);
  CHECK(theirs.answer.probabilities == mine.answer.probabilities);
  CHECK_EQ(theirs.frameCount, mine.frameCount);
  CHECK_EQ(theirs.video, video);

  // The Answerer on chosen frames (only those go up), and the baselines on the run's grid.
  const std::vector<int64_t> chosen = {mine.frames[5].frameIndex, mine.frames[1].frameIndex};
  CHECK(remote.answerWithFrames(video, chosen, q, o, nullptr).probabilities ==
        local.answerWithFrames(video, chosen, q, o).probabilities);
  auto mineWith = mine;
  local.addBaselines(mineWith, q, o);
  auto theirsWith = theirs;
  remote.addBaselines(theirsWith, q, o, nullptr, {});
  CHECK(theirsWith.frameAnswers == mineWith.frameAnswers);
  CHECK(theirsWith.voting == mineWith.voting);
  REQUIRE(theirsWith.concat && mineWith.concat);
  CHECK(theirsWith.concat->probabilities == mineWith.concat->probabilities);

  // Told not to send frames: refused, saying what to map.
  RemoteOptions keep = optionsFor("http://127.0.0.1:" + std::to_string(port));
  keep.uploadFrames = false;
  RemoteEngine refusing(keep);
  CHECK_THROWS_WITH(refusing.run(video, q, o, nullptr, {}), "cannot see this video");
}

MINITEST_MAIN
