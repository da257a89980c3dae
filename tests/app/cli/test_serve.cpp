// `sevila serve` as users run it: a separate process on 127.0.0.1 with the tiny model. It answers like
// `sevila answer` (on a video under a root, and on the same frames uploaded as pictures), runs and
// cancels dataset jobs without keeping a question waiting, refines the Localizer and fine-tunes the
// Answerer, speaks TLS when given a certificate, and survives hostile requests (no or bad tokens, malformed
// and oversized bodies, path traversal and symbolic-link escapes, slow clients), answering correctly
// afterwards.
#include <arpa/inet.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <map>
#include <fstream>
#include <sstream>
#include <thread>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "core/base64.h"
#include "killed_child.h"
#include "minitest.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const fs::path kWork = fs::path(SEVILA_BINARY_DIR) / "test_serve";
const std::string kData = SEVILA_TEST_DATA;
const std::string kToken = "test-token-0123456789abcdef";

std::vector<std::string> modelArgs() {
  return {"--model",     kData + "/golden/tiny-a",
          "--sevila",    kData + "/golden/tiny-a/sevila.pth",
          "--tokenizer", kData + "/golden/tokenizer/tiny_t5.model",
          "--threads",   "1"};
}

void prepare() {
  static bool done = false;
  if (done) return;
  fs::remove_all(kWork);
  fs::create_directories(kWork / "root" / "videos" / "0001");
  fs::create_directories(kWork / "outside");
  fs::copy_file(kData + "/media/pens.mp4", kWork / "root" / "videos" / "1001.mp4");
  fs::copy_file(kData + "/media/Effet_force_magnetique.ogv", kWork / "root" / "videos" / "0001" / "1002.ogv");
  fs::copy_file(kData + "/media/kphotoalbum-movie.avi", kWork / "root" / "videos" / "1003.avi");
  fs::copy_file(kData + "/media/alea.mpg", kWork / "outside" / "secret.mpg");
  fs::create_symlink(kWork / "outside" / "secret.mpg", kWork / "root" / "link.mpg");  // escapes the root
  fs::create_directory_symlink(kWork / "outside", kWork / "root" / "linked-folder");
  std::ofstream(kWork / "root" / "notes.txt") << "not a video\n";
  // 48 questions over the three videos: the 12 of nextqa_12.csv four times.
  std::ifstream in(kData + "/cli/nextqa_12.csv");
  std::string header, line;
  std::getline(in, header);
  std::vector<std::string> rows;
  while (std::getline(in, line)) rows.push_back(line);
  std::ofstream csv(kWork / "root" / "questions48.csv");
  csv << header << "\n";
  // Each copy with qids of its own (column 7): 1..12, 101..112, ...
  for (int copy = 0; copy < 4; ++copy)
    for (const auto& r : rows) {
      std::vector<std::string> cells;
      std::stringstream split(r);
      for (std::string cell; std::getline(split, cell, ',');) cells.push_back(cell);
      cells[6] = std::to_string(copy * 100 + std::stoi(cells[6]));
      for (size_t c = 0; c < cells.size(); ++c) csv << (c ? "," : "") << cells[c];
      csv << "\n";
    }
  std::ofstream(kWork / "tokens") << "# team tokens\n" << kToken << "\n";
  fs::permissions(kWork / "tokens", fs::perms::owner_read | fs::perms::owner_write);
  done = true;
}

// A running server and its port.
struct Served {
  std::unique_ptr<killtest::KilledChild> process;
  int port = 0;
  explicit Served(std::vector<std::string> extra) {
    std::vector<std::string> args = {SEVILA_CLI,
                                     "serve",
                                     "--port",
                                     "0",
                                     "--no-cache",
                                     "--video-root",
                                     "clips=" + (kWork / "root").string()};
    for (const auto& a : modelArgs()) args.push_back(a);
    for (const auto& a : extra) args.push_back(a);
    process = std::make_unique<killtest::KilledChild>(args);
    for (int i = 0; i < 600 && port == 0; ++i) {
      process->waitFor("", std::chrono::milliseconds(100));
      const std::string& out = process->output();
      const size_t at = out.find("listening on ");
      const size_t nl = at == std::string::npos ? std::string::npos : out.find('\n', at);
      if (nl != std::string::npos) port = std::stoi(out.substr(out.rfind(':', nl) + 1));
    }
  }
};

httplib::Headers bearer(const std::string& token = kToken) {
  return {{"Authorization", "Bearer " + token}};
}

json question(const std::string& video) {
  return {{"video", video},
          {"question", "what does the person hold?"},
          {"options", {"a pen", "a cup", "a phone"}},
          {"answer", 0},
          {"frames", 8},
          {"keyframes", 3}};
}

std::vector<double> logits(const json& result) {
  std::vector<double> out;
  for (const auto& f : result.at("frames")) out.push_back(f.at("yes_logit").get<double>());
  return out;
}

}  // namespace

TEST(answers_like_the_cli) {
  prepare();
  Served server({"--token-file", (kWork / "tokens").string()});
  REQUIRE(server.port > 0);
  httplib::Client client("127.0.0.1", server.port);
  client.set_read_timeout(120, 0);
  auto res =
      client.Post("/v1/answer", bearer(), question("clips/videos/1001.mp4").dump(), "application/json");
  REQUIRE(res);
  REQUIRE(res->status == 200);
  const json served = json::parse(res->body);
  CHECK_EQ(served.at("video").get<std::string>(), std::string("clips/videos/1001.mp4"));  // no server path

  std::vector<std::string> cli = {SEVILA_CLI,
                                  "answer",
                                  (kWork / "root" / "videos" / "1001.mp4").string(),
                                  "--question",
                                  "what does the person hold?",
                                  "--option",
                                  "a pen",
                                  "--option",
                                  "a cup",
                                  "--option",
                                  "a phone",
                                  "--answer",
                                  "0",
                                  "--frames",
                                  "8",
                                  "--keyframes",
                                  "3",
                                  "--no-cache",
                                  "--json"};
  for (const auto& a : modelArgs()) cli.push_back(a);
  killtest::KilledChild answer(cli);
  REQUIRE(answer.finish());
  const json local = json::parse(answer.output());
  CHECK(logits(served) == logits(local));
  CHECK(served.at("keyframes") == local.at("keyframes"));
  CHECK(served.at("prediction") == local.at("prediction"));
  CHECK(served.at("option_scores") == local.at("option_scores"));

  res = client.Get("/v1/model", bearer());
  REQUIRE(res && res->status == 200);
  const json info = json::parse(res->body);
  CHECK_EQ(info.at("device").get<std::string>(), std::string("cpu"));
  CHECK_EQ(info.at("precision").get<std::string>(), std::string("f32"));
}

TEST(hostile_requests_get_clear_refusals_and_the_server_stays_up) {
  prepare();
  Served server({"--token-file", (kWork / "tokens").string(), "--max-body", "65536", "--connections", "8"});
  REQUIRE(server.port > 0);
  httplib::Client client("127.0.0.1", server.port);
  client.set_read_timeout(60, 0);
  const std::string good = question("clips/videos/1001.mp4").dump();
  auto expect = [&](const char* what, httplib::Result res, int status, const std::string& fragment = "") {
    if (!res) return minitest::fail(__FILE__, __LINE__, std::string(what) + ": no response");
    if (res->status != status || res->body.find(fragment) == std::string::npos)
      minitest::fail(__FILE__, __LINE__,
                     std::string(what) + ": got " + std::to_string(res->status) + " " + res->body);
    if (!json::accept(res->body))
      minitest::fail(__FILE__, __LINE__, std::string(what) + ": body is not JSON");
  };
  // Tokens.
  expect("no token", client.Post("/v1/answer", good, "application/json"), 401, "bearer token");
  expect("wrong token",
         client.Post("/v1/answer", bearer("test-token-0123456789abcdeX"), good, "application/json"), 401);
  expect("a prefix of the token",
         client.Post("/v1/answer", bearer(kToken.substr(0, 20)), good, "application/json"), 401);
  expect("basic instead of bearer",
         client.Post("/v1/answer", {{"Authorization", "Basic " + kToken}}, good, "application/json"), 401);
  expect("model info without a token", client.Get("/v1/model"), 401);
  expect("health needs none", client.Get("/health"), 200, "ok");
  // Bodies.
  expect("not JSON", client.Post("/v1/answer", bearer(), "{\"video\": ", "application/json"), 400,
         "not JSON");
  expect("an array", client.Post("/v1/answer", bearer(), "[1,2]", "application/json"), 400, "object");
  json bad = question("clips/videos/1001.mp4");
  bad["frames"] = "many";
  expect("a string for a number", client.Post("/v1/answer", bearer(), bad.dump(), "application/json"), 400,
         "\"field\":\"frames\"");
  bad = question("clips/videos/1001.mp4");
  bad["frames"] = 1e300;
  expect("a huge number", client.Post("/v1/answer", bearer(), bad.dump(), "application/json"), 400, "frames");
  bad = question("clips/videos/1001.mp4");
  bad["options"] = {"only one"};
  expect("one option", client.Post("/v1/answer", bearer(), bad.dump(), "application/json"), 400, "2 to 5");
  bad = question("clips/videos/1001.mp4");
  bad["exec"] = "rm -rf /";
  expect("an unknown field", client.Post("/v1/answer", bearer(), bad.dump(), "application/json"), 400,
         "unknown field");
  expect("a body past the limit",
         client.Post("/v1/answer", bearer(), std::string(1 << 20, 'x'), "application/json"), 413, "larger");
  // Paths.
  for (const auto& [path, fragment] : std::vector<std::pair<std::string, std::string>>{
           {"clips/../outside/secret.mpg", "'..'"},
           {"/etc/passwd", "absolute"},
           {"clips/videos/../../outside/secret.mpg", "'..'"},
           {"clips/link.mpg", "outside root"},
           {"clips/linked-folder/secret.mpg", "outside root"},
           {"other/videos/1001.mp4", "no video root"},
           {"clips/videos/none.mp4", "no such file"},
           {"clips/.hidden", "hidden"},
           {"clips", "no file inside"},
       }) {
    expect(("path " + path).c_str(),
           client.Post("/v1/answer", bearer(), question(path).dump(), "application/json"), 403, fragment);
  }
  expect("a text file",
         client.Post("/v1/answer", bearer(), question("clips/notes.txt").dump(), "application/json"), 422);
  expect("no such route", client.Get("/v1/nothing", bearer()), 404);
  expect("no such job", client.Get("/v1/jobs/0123456789abcdef", bearer()), 404);
  expect("does not train", client.Post("/v1/refine", bearer(), "{}", "application/json"), 409);

  // Slow clients: four connections that send half a request and stall. The server goes on answering.
  std::vector<int> slow;
  for (int i = 0; i < 4; ++i) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(server.port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    const std::string half = "POST /v1/answer HTTP/1.1\r\nHost: x\r\nContent-Length: 500\r\n\r\n{\"vid";
    REQUIRE(::write(fd, half.data(), half.size()) == static_cast<ssize_t>(half.size()));
    slow.push_back(fd);
  }
  auto res = client.Post("/v1/answer", bearer(), good, "application/json");
  REQUIRE(res && res->status == 200);
  const json during = json::parse(res->body);
  for (int fd : slow) ::close(fd);
  // And afterwards, the same answer as before any of this.
  res = client.Post("/v1/answer", bearer(), good, "application/json");
  REQUIRE(res && res->status == 200);
  CHECK(logits(json::parse(res->body)) == logits(during));
  expect("health at the end", client.Get("/health"), 200, "ok");
}

TEST(a_job_runs_is_cancelled_and_never_keeps_a_question_waiting) {
  prepare();
  Served server({"--token-file", (kWork / "tokens").string()});
  REQUIRE(server.port > 0);
  httplib::Client client("127.0.0.1", server.port);
  client.set_read_timeout(120, 0);
  const json request = {{"dataset", "nextqa"},
                        {"annotations", "clips/questions48.csv"},
                        {"videos", "clips/videos"},
                        {"frames", 8},
                        {"keyframes", 3}};
  auto res = client.Post("/v1/jobs", bearer(), request.dump(), "application/json");
  REQUIRE(res && res->status == 202);
  const std::string id = json::parse(res->body).at("id");
  // A question while the job runs: answered after at most one of the job's steps.
  res = client.Post("/v1/answer", bearer(), question("clips/videos/1003.avi").dump(), "application/json");
  REQUIRE(res && res->status == 200);
  res = client.Get("/v1/jobs/" + id, bearer());
  REQUIRE(res && res->status == 200);
  const json midway = json::parse(res->body);
  CHECK(midway.at("done").get<int>() < 48);  // the question did not wait for the job
  // The job to its end.
  json status;
  for (int i = 0; i < 600; ++i) {
    status = json::parse(client.Get("/v1/jobs/" + id, bearer())->body);
    if (status.at("state") == "done") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  CHECK_EQ(status.at("state").get<std::string>(), std::string("done"));
  CHECK_EQ(status.at("done").get<int>(), 48);
  res = client.Get("/v1/jobs/" + id + "/results", bearer());
  REQUIRE(res && res->status == 200);
  int lines = 0;
  for (size_t at = 0; (at = res->body.find('\n', at)) != std::string::npos; ++at) ++lines;
  CHECK_EQ(lines, 48);
  // Its report: the dataset's official accuracy, as `sevila metrics` computes it from the same results.
  std::ofstream(kWork / "job48.jsonl") << res->body;
  res = client.Get("/v1/jobs/" + id + "/report", bearer());
  REQUIRE(res && res->status == 200);
  const json report = json::parse(res->body);
  killtest::KilledChild metrics({SEVILA_CLI, "metrics", "--results", (kWork / "job48.jsonl").string(),
                                 "--dataset", "nextqa", "--json"});
  REQUIRE(metrics.finish());
  const json official = json::parse(metrics.output());
  CHECK_EQ(report.at("answered").get<int>(), 48);
  CHECK_EQ(report.at("overall").at("total").get<int>(), 48);
  CHECK(report.at("overall") == official.at("overall"));
  CHECK(report.at("types") == official.at("types"));
  CHECK(report.at("groups") == official.at("groups"));
  CHECK(report.at("headline") == official.at("headline"));
  CHECK(report.at("seconds_per_question").at("median").get<double>() > 0);
  res = client.Get("/v1/jobs/" + id + "/report?format=markdown", bearer());
  REQUIRE(res && res->status == 200);
  CHECK(res->body.find("| overall | ") != std::string::npos);
  CHECK(res->body.find("48 questions answered") != std::string::npos);

  // Another job, cancelled at once: it stops after the question in flight.
  res = client.Post("/v1/jobs", bearer(), request.dump(), "application/json");
  REQUIRE(res && res->status == 202);
  const std::string second = json::parse(res->body).at("id");
  REQUIRE(client.Post("/v1/jobs/" + second + "/cancel", bearer(), "", "application/json")->status == 202);
  for (int i = 0; i < 100; ++i) {
    status = json::parse(client.Get("/v1/jobs/" + second, bearer())->body);
    if (status.at("state") == "cancelled") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  CHECK_EQ(status.at("state").get<std::string>(), std::string("cancelled"));
  CHECK(status.at("done").get<int>() < 48);
  // Jobs with bad input are refused up front.
  json outside = request;
  outside["annotations"] = "clips/../questions48.csv";
  res = client.Post("/v1/jobs", bearer(), outside.dump(), "application/json");
  CHECK(res && res->status == 403);
  json unknown = request;
  unknown["dataset"] = "imagenet";
  res = client.Post("/v1/jobs", bearer(), unknown.dump(), "application/json");
  CHECK(res && res->status == 400);
}

// The 12 questions of nextqa_12.csv as a client uploads them (video: ROOT/PATH on the server).
json uploadedItems() {
  const std::map<std::string, std::string> videos = {{"1001", "clips/videos/1001.mp4"},
                                                     {"1002", "clips/videos/0001/1002.ogv"},
                                                     {"1003", "clips/videos/1003.avi"}};
  std::ifstream in(kData + "/cli/nextqa_12.csv");
  std::string line;
  std::getline(in, line);
  json items = json::array();
  while (std::getline(in, line)) {
    std::vector<std::string> c;
    std::stringstream split(line);
    for (std::string cell; std::getline(split, cell, ',');) c.push_back(cell);
    items.push_back({{"qid", c[7] + "_" + c[0] + "_" + c[6]},
                     {"dataset", "nextqa"},
                     {"video", videos.at(c[0])},
                     {"question", c[4] + "?"},
                     {"options", {c[8], c[9], c[10], c[11], c[12]}},
                     {"answer", std::stoi(c[5])},
                     {"type", c[7]}});
  }
  return items;
}

// A confirmed human label of `item` on the grid the server samples (n frames), keyframes at `positions`.
std::string humanLabel(httplib::Client& client, const json& item, int n, const std::vector<int>& positions) {
  json q = {{"video", item["video"]},
            {"question", item["question"]},
            {"options", item["options"]},
            {"frames", n},
            {"keyframes", 1}};
  const json r = json::parse(client.Post("/v1/answer", bearer(), q.dump(), "application/json")->body);
  json indices = json::array(), times = json::array();
  for (const auto& f : r.at("frames")) {
    indices.push_back(f.at("frame"));
    times.push_back(f.at("t"));
  }
  std::string labels;
  for (int i = 0; i < n; ++i)
    labels += std::string(i ? "_" : "") +
              (std::find(positions.begin(), positions.end(), i) != positions.end() ? "yes" : "no");
  json record = {{"schema", "sevila-keyframes/1"},
                 {"qid", item["qid"]},
                 {"dataset", "nextqa"},
                 {"author", "annotator-1"},
                 {"video", item["video"]},
                 {"fps", r.at("fps")},
                 {"sampling", {{"n", n}, {"frame_indices", indices}, {"pts_s", times}}},
                 {"keyframes", positions},
                 {"frame_labels", labels},
                 {"state", "confirmed"},
                 {"note", ""},
                 {"created", "2026-12-06T10:00:00.000Z"},
                 {"updated", "2026-12-06T10:00:00.000Z"}};
  return record.dump() + "\n";
}

json waitForRefinement(httplib::Client& client, const std::string& id,
                       std::vector<std::pair<int, double>>* loss) {
  json status;
  for (int i = 0; i < 3000; ++i) {
    const size_t from = loss->size();
    status =
        json::parse(client.Get("/v1/refine/" + id + "?loss_from=" + std::to_string(from), bearer())->body);
    for (const auto& l : status.at("loss")) loss->emplace_back(l.at(0).get<int>(), l.at(1).get<double>());
    if (status.at("state") != "running") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return status;
}

TEST(refines_from_uploaded_labels_with_live_loss_and_switches_versions) {
  prepare();
  fs::remove_all(kWork / "jobs");
  Served server({"--token-file", (kWork / "tokens").string(), "--jobs-dir", (kWork / "jobs").string()});
  REQUIRE(server.port > 0);
  httplib::Client client("127.0.0.1", server.port);
  client.set_read_timeout(300, 0);
  const json items = uploadedItems();
  REQUIRE(items.size() == 12);
  std::string labels;
  for (int i = 0; i < 6; ++i) labels += humanLabel(client, items[i], 8, {i, i + 2});
  const json probe = question("clips/videos/1001.mp4");
  const json before =
      json::parse(client.Post("/v1/answer", bearer(), probe.dump(), "application/json")->body);

  json request = {{"items", items}, {"labels", labels},      {"epochs", 3},
                  {"frames", 8},    {"keyframes", 2},        {"held_out_percent", 34},
                  {"seed", 3},      {"learning_rate", 1e-3}, {"uniform_frames", true}};
  auto res = client.Post("/v1/refine", bearer(), request.dump(), "application/json");
  REQUIRE(res && res->status == 202);
  const std::string id = json::parse(res->body).at("id");
  // A question while it trains: answered (the training has a thread of its own).
  res = client.Post("/v1/answer", bearer(), probe.dump(), "application/json");
  CHECK(res && res->status == 200);
  // A second refinement while one runs: refused.
  res = client.Post("/v1/refine", bearer(), request.dump(), "application/json");
  const bool stillRunning =
      json::parse(client.Get("/v1/refine/" + id, bearer())->body).at("state") == "running";
  if (stillRunning) CHECK(res && res->status == 409);

  std::vector<std::pair<int, double>> loss;
  const json done = waitForRefinement(client, id, &loss);
  if (done.at("state") != "done") minitest::fail(__FILE__, __LINE__, "refinement: " + done.dump());
  // Every step's loss arrived once, in order, through the incremental reads.
  REQUIRE(!loss.empty());
  CHECK_EQ(loss.size(), done.at("loss_count").get<size_t>());
  CHECK_EQ(static_cast<int64_t>(loss.back().first), done.at("steps").get<int64_t>());
  for (size_t i = 0; i < loss.size(); ++i) {
    CHECK(std::isfinite(loss[i].second) && loss[i].second > 0);
    if (i) CHECK(loss[i].first > loss[i - 1].first);
  }
  const json version = done.at("version");
  CHECK_EQ(version.at("checkpoint_sha256").get<std::string>().size(), size_t(64));
  CHECK_EQ(version.at("epochs_completed").get<int>(), 3);
  CHECK(fs::exists(kWork / "jobs" / id / "checkpoint_last.pth"));
  // The report: held-out questions answered before and after.
  res = client.Get("/v1/refine/" + id + "/report", bearer());
  REQUIRE(res && res->status == 200);
  const json report = json::parse(res->body);
  CHECK(report.contains("held_out"));
  res = client.Get("/v1/refine/" + id + "/report?format=markdown", bearer());
  CHECK(res && res->status == 200 && !res->body.empty());

  // The new version answers; then the base again, exactly as before.
  res = client.Post("/v1/model", bearer(), json{{"version", id}}.dump(), "application/json");
  REQUIRE(res && res->status == 200);
  json info = json::parse(client.Get("/v1/model", bearer())->body);
  CHECK_EQ(info.at("version").get<std::string>(), id);
  CHECK_EQ(info.at("checkpoint_sha256"), version.at("checkpoint_sha256"));
  const json refined =
      json::parse(client.Post("/v1/answer", bearer(), probe.dump(), "application/json")->body);
  CHECK(logits(refined) != logits(before));  // the Localizer learnt something
  CHECK(refined.at("checkpoint_sha256") == version.at("checkpoint_sha256"));
  res = client.Post("/v1/model", bearer(), R"({"version": "base"})", "application/json");
  REQUIRE(res && res->status == 200);
  const json again = json::parse(client.Post("/v1/answer", bearer(), probe.dump(), "application/json")->body);
  CHECK(logits(again) == logits(before));

  // Cancel: a long refinement stops after the step in flight; the steps done are a version of their own.
  request["epochs"] = 100;
  res = client.Post("/v1/refine", bearer(), request.dump(), "application/json");
  REQUIRE(res && res->status == 202);
  const std::string second = json::parse(res->body).at("id");
  for (int i = 0; i < 600; ++i) {
    if (json::parse(client.Get("/v1/refine/" + second, bearer())->body).at("loss_count").get<int>() > 0)
      break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  CHECK_EQ(client.Post("/v1/refine/" + second + "/cancel", bearer(), "", "application/json")->status, 202);
  std::vector<std::pair<int, double>> secondLoss;
  const json cancelled = waitForRefinement(client, second, &secondLoss);
  CHECK_EQ(cancelled.at("state").get<std::string>(), std::string("cancelled"));
  CHECK(cancelled.at("step").get<int>() < cancelled.at("steps").get<int>());

  // Refused up front: a path outside the roots, no labels at all, an unknown version.
  json outside = request;
  outside["items"][0]["video"] = "clips/../outside/secret.mpg";
  CHECK_EQ(client.Post("/v1/refine", bearer(), outside.dump(), "application/json")->status, 403);
  json unlabelled = request;
  unlabelled.erase("labels");
  CHECK_EQ(client.Post("/v1/refine", bearer(), unlabelled.dump(), "application/json")->status, 400);
  CHECK_EQ(
      client.Post("/v1/model", bearer(), R"({"version": "0123456789abcdef"})", "application/json")->status,
      404);
  CHECK_EQ(client.Post("/v1/model", bearer(), R"({"version": "../../etc"})", "application/json")->status,
           400);
}

namespace {

std::string fileBytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// The n frames the model sees of a video (`sevila frames --size`, tiny-a's 28 x 28) as an upload body.
json framesUpload(const fs::path& video, int n, const fs::path& out, std::vector<int64_t>* indices) {
  fs::remove_all(out);
  killtest::KilledChild frames({SEVILA_CLI, "frames", video.string(), "--num", std::to_string(n), "--size",
                                "28", "--no-cache", "--out", out.string()});
  if (!frames.finish()) throw std::runtime_error("sevila frames failed: " + frames.output());
  const json listing = json::parse(fileBytes(out / "frames.json"));
  json pictures = json::array();
  for (size_t k = 0; k < listing.at("files").size(); ++k)
    pictures.push_back(
        {{"data", sevila::encodeBase64(fileBytes(out / listing["files"][k].get<std::string>()))},
         {"time", listing["timestamps"][k]}});
  *indices = listing.at("indices").get<std::vector<int64_t>>();
  return {{"name", video.filename().string()}, {"pictures", pictures}};
}

}  // namespace

TEST(answers_on_uploaded_frames_as_on_the_file) {
  prepare();
  std::vector<int64_t> grid;
  const json upload = framesUpload(kWork / "root" / "videos" / "1001.mp4", 8, kWork / "frames-1001", &grid);
  REQUIRE(grid.size() == 8);
  size_t pictureBytes = 0;
  for (const auto& p : upload["pictures"])
    pictureBytes += sevila::decodeBase64(p["data"].get<std::string>())->size();
  // Room in memory for one such set and a half.
  Served server({"--token-file", (kWork / "tokens").string(), "--max-upload", "200000", "--upload-memory",
                 std::to_string(pictureBytes * 3 / 2)});
  REQUIRE(server.port > 0);
  httplib::Client client("127.0.0.1", server.port);
  client.set_read_timeout(120, 0);
  auto res = client.Post("/v1/frames", bearer(), upload.dump(), "application/json");
  REQUIRE(res && res->status == 201);
  const json stored = json::parse(res->body);
  const std::string id = stored.at("frames_id");
  CHECK_EQ(id.size(), size_t(64));
  CHECK_EQ(stored.at("frame_count").get<int>(), 8);
  CHECK_EQ(stored.at("width").get<int>(), 28);
  CHECK_EQ(stored.at("bytes").get<size_t>(), pictureBytes);
  // The same pictures again: the same set.
  res = client.Post("/v1/frames", bearer(), upload.dump(), "application/json");
  REQUIRE(res && res->status == 201);
  CHECK_EQ(json::parse(res->body).at("frames_id").get<std::string>(), id);

  // The chain on the uploaded frames gives the file's numbers exactly; frames are the pictures' positions.
  const json onFile = json::parse(
      client.Post("/v1/answer", bearer(), question("clips/videos/1001.mp4").dump(), "application/json")
          ->body);
  json asked = question("");
  asked.erase("video");
  asked["frames_id"] = id;
  res = client.Post("/v1/answer", bearer(), asked.dump(), "application/json");
  REQUIRE(res && res->status == 200);
  const json onFrames = json::parse(res->body);
  CHECK(logits(onFrames) == logits(onFile));
  CHECK(onFrames.at("keyframes") == onFile.at("keyframes"));
  CHECK(onFrames.at("option_scores") == onFile.at("option_scores"));
  CHECK(onFrames.at("prediction") == onFile.at("prediction"));
  CHECK_EQ(onFrames.at("video").get<std::string>(), std::string("1001.mp4"));
  for (size_t i = 0; i < 8; ++i) {
    CHECK_EQ(onFrames["frames"][i].at("frame").get<int64_t>(), static_cast<int64_t>(i));
    CHECK_EQ(onFrames["frames"][i].at("t").get<double>(), onFile["frames"][i].at("t").get<double>());
  }
  // The Answerer alone on chosen pictures: as on the file's same frames.
  json chosen = asked;
  chosen["frame_indices"] = {1, 4, 6};
  json chosenOnFile = question("clips/videos/1001.mp4");
  chosenOnFile["frame_indices"] = {grid[1], grid[4], grid[6]};
  const json a = json::parse(client.Post("/v1/answer", bearer(), chosen.dump(), "application/json")->body);
  const json b =
      json::parse(client.Post("/v1/answer", bearer(), chosenOnFile.dump(), "application/json")->body);
  REQUIRE(a.contains("option_scores"));
  CHECK(a.at("option_scores") == b.at("option_scores"));
  // Baselines on uploaded frames.
  json withBaselines = asked;
  withBaselines["baselines"] = true;
  res = client.Post("/v1/answer", bearer(), withBaselines.dump(), "application/json");
  REQUIRE(res && res->status == 200);
  const json baselines = json::parse(res->body);
  CHECK(baselines.contains("concat") && baselines.contains("voting"));
  CHECK_EQ(baselines.at("frame_answers").size(), size_t(8));

  // Refusals: each with its reason, and the server answers afterwards.
  auto status = [&](const json& body, const std::string& path = "/v1/answer") {
    auto r = client.Post(path, bearer(), body.dump(), "application/json");
    return r ? std::make_pair(r->status, r->body) : std::make_pair(0, std::string());
  };
  json unknown = asked;
  unknown["frames_id"] = std::string(64, 'a');
  CHECK_EQ(status(unknown).first, 404);
  json both = asked;
  both["video"] = "clips/videos/1001.mp4";
  CHECK_EQ(status(both).first, 400);
  json notBase64 = upload;
  notBase64["pictures"][0]["data"] = "@@not base64@@";
  CHECK_EQ(status(notBase64, "/v1/frames").first, 400);
  json notAPicture = upload;
  notAPicture["pictures"][0]["data"] = sevila::encodeBase64("#!/bin/sh\nrm -rf /\n");
  auto refused = status(notAPicture, "/v1/frames");
  CHECK_EQ(refused.first, 422);
  CHECK(refused.second.find("not a JPEG or PNG") != std::string::npos);
  // A PNG header that claims a 100000 x 100000 canvas: refused before anything is decoded.
  std::string bomb = sevila::decodeBase64(upload["pictures"][0]["data"].get<std::string>()).value();
  for (int at : {16, 20}) {
    bomb[at] = 0;
    bomb[at + 1] = 0x01;
    bomb[at + 2] = static_cast<char>(0x86);
    bomb[at + 3] = static_cast<char>(0xA0);
  }
  json huge = upload;
  huge["pictures"][0]["data"] = sevila::encodeBase64(bomb);
  refused = status(huge, "/v1/frames");
  CHECK_EQ(refused.first, 422);
  CHECK(refused.second.find("100000x100000 pixels") != std::string::npos);
  json backwards = upload;
  backwards["pictures"][1]["time"] = 0;
  CHECK_EQ(status(backwards, "/v1/frames").first, 400);
  // Past --max-upload: refused by its stated length.
  json big = upload;
  while (big.dump().size() <= 200000) big["pictures"].push_back(upload["pictures"][0]);
  CHECK_EQ(status(big, "/v1/frames").first, 413);

  // The memory budget (one set and a half): a second set pushes the first out; asking on it says to upload
  // again.
  json later = upload;
  for (auto& p : later["pictures"]) p["time"] = p["time"].get<double>() + 100;
  res = client.Post("/v1/frames", bearer(), later.dump(), "application/json");
  REQUIRE(res && res->status == 201);
  json laterAsked = asked;
  laterAsked["frames_id"] = json::parse(res->body).at("frames_id");
  CHECK_EQ(status(laterAsked).first, 200);
  refused = status(asked);
  CHECK_EQ(refused.first, 404);
  CHECK(refused.second.find("upload them again") != std::string::npos);
}

TEST(fine_tunes_the_answerer_from_uploaded_questions) {
  prepare();
  fs::remove_all(kWork / "finetune-jobs");
  Served server(
      {"--token-file", (kWork / "tokens").string(), "--jobs-dir", (kWork / "finetune-jobs").string()});
  REQUIRE(server.port > 0);
  httplib::Client client("127.0.0.1", server.port);
  client.set_read_timeout(300, 0);
  const json items = uploadedItems();
  const json probe = question("clips/videos/1001.mp4");
  const json before =
      json::parse(client.Post("/v1/answer", bearer(), probe.dump(), "application/json")->body);
  json request = {{"items", items},
                  {"epochs", 3},
                  {"frames", 8},
                  {"keyframes", 2},
                  {"seed", 5},
                  {"held_out_percent", 25},
                  {"learning_rate", 1e-3},
                  {"uniform_frames", true}};
  auto res = client.Post("/v1/finetune", bearer(), request.dump(), "application/json");
  REQUIRE(res);
  if (res->status != 202) minitest::fail(__FILE__, __LINE__, "fine-tuning refused: " + res->body);
  REQUIRE(res->status == 202);
  const std::string id = json::parse(res->body).at("id");
  std::vector<std::pair<int, double>> loss;
  const json done = waitForRefinement(client, id, &loss);
  if (done.at("state") != "done") minitest::fail(__FILE__, __LINE__, "fine-tuning: " + done.dump());
  REQUIRE(!loss.empty());
  for (const auto& l : loss) CHECK(std::isfinite(l.second) && l.second > 0);
  CHECK_EQ(client.Get("/v1/finetune/" + id, bearer())->status, 200);
  res = client.Get("/v1/finetune/" + id + "/report", bearer());
  REQUIRE(res && res->status == 200);
  const json report = json::parse(res->body);
  CHECK(report.contains("held_out"));
  CHECK_EQ(report.at("provenance").at("role").get<std::string>(), std::string("answerer"));
  CHECK_EQ(report.at("provenance").at("command").get<std::string>(), std::string("sevila serve finetune"));

  // The fine-tuned version: the Answerer's scores move, the Localizer's do not.
  res = client.Post("/v1/model", bearer(), json{{"version", id}}.dump(), "application/json");
  REQUIRE(res && res->status == 200);
  const json tuned = json::parse(client.Post("/v1/answer", bearer(), probe.dump(), "application/json")->body);
  CHECK(tuned.at("option_scores") != before.at("option_scores"));
  CHECK(logits(tuned) == logits(before));

  // Refused: keyframe labels (they train the Localizer), an item without its answer, a contrary role.
  json labelled = request;
  labelled["labels"] = "{}\n";
  CHECK_EQ(client.Post("/v1/finetune", bearer(), labelled.dump(), "application/json")->status, 400);
  json unanswered = request;
  unanswered["items"][0].erase("answer");
  res = client.Post("/v1/finetune", bearer(), unanswered.dump(), "application/json");
  CHECK(res && res->status == 400 && res->body.find("answer") != std::string::npos);
  json contrary = request;
  contrary["role"] = "localizer";
  CHECK_EQ(client.Post("/v1/finetune", bearer(), contrary.dump(), "application/json")->status, 400);
}

TEST(tls_with_a_certificate) {
  prepare();
  if (std::system("command -v openssl >/dev/null") != 0) SKIP("the openssl CLI is not installed");
  const std::string cert = (kWork / "cert.pem").string(), key = (kWork / "key.pem").string();
  REQUIRE(std::system(("openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost -addext "
                       "subjectAltName=IP:127.0.0.1 -keyout '" +
                       key + "' -out '" + cert + "' 2>/dev/null")
                          .c_str()) == 0);
  Served server({"--token-file", (kWork / "tokens").string(), "--tls-cert", cert, "--tls-key", key});
  REQUIRE(server.port > 0);
  CHECK(server.process->output().find("https://") != std::string::npos);
  httplib::SSLClient secure("127.0.0.1", server.port);
  secure.set_ca_cert_path(cert.c_str());
  secure.enable_server_certificate_verification(true);
  auto res = secure.Get("/health");
  REQUIRE(res);
  CHECK_EQ(res->status, 200);
  res = secure.Get("/v1/model", bearer());
  CHECK(res && res->status == 200);
  httplib::Client plain("127.0.0.1", server.port);  // plain HTTP to the TLS port gets nothing
  CHECK(!plain.Get("/health"));
}

std::string fixture(const std::string& name) {
  std::ifstream in(kData + "/labelstudio/" + name);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TEST(label_studio_ml_backend_protocol) {
  prepare();
  const fs::path labels = kWork / "labels";
  fs::remove_all(labels);
  fs::create_directories(labels);
  Served server({"--token-file", (kWork / "tokens").string(), "--labels-dir", labels.string()});
  REQUIRE(server.port > 0);
  httplib::Client client("127.0.0.1", server.port);
  client.set_read_timeout(120, 0);
  auto res = client.Get("/labelstudio/health");  // Label Studio checks it before any setting
  REQUIRE(res && res->status == 200);
  CHECK_EQ(json::parse(res->body).at("status").get<std::string>(), std::string("UP"));
  CHECK_EQ(client.Post("/labelstudio/setup", fixture("setup_request.json"), "application/json")->status, 401);
  // Label Studio's "basic authentication" setting: any user name, a token as the password.
  client.set_basic_auth("labelstudio", kToken.c_str());
  res = client.Post("/labelstudio/setup", fixture("setup_request.json"), "application/json");
  REQUIRE(res && res->status == 200);
  const std::string version = json::parse(res->body).at("model_version");
  CHECK(version.find("tiny-a@") == 0);

  res = client.Post("/labelstudio/predict", fixture("predict_request.json"), "application/json");
  REQUIRE(res && res->status == 200);
  const json predicted = json::parse(res->body);
  REQUIRE(predicted.at("results").size() == 1);
  const json& prediction = predicted["results"][0];
  CHECK_EQ(prediction.at("model_version").get<std::string>(), version);
  // The same question through /v1/answer: its keyframes are the timeline labels (1-based frames) and its
  // choice the chosen option.
  json same = question("clips/videos/1001.mp4");
  same.erase("answer");
  same["frames"] = 32;
  same["keyframes"] = 4;
  httplib::Client plain("127.0.0.1", server.port);
  const json answered =
      json::parse(plain.Post("/v1/answer", bearer(), same.dump(), "application/json")->body);
  std::vector<int64_t> expectedFrames, labelledFrames;
  for (const auto& k : answered.at("keyframes"))  // positions in the sampled frames
    expectedFrames.push_back(answered.at("frames").at(k.get<size_t>()).at("frame").get<int64_t>() + 1);
  std::string choice;
  double score = -1;
  for (const json& r : prediction.at("result")) {
    CHECK_EQ(r.at("to_name").get<std::string>(), std::string("video"));
    if (r.at("type") == "timelinelabels") {
      CHECK(r["value"]["timelinelabels"] == json({"keyframe"}));
      labelledFrames.push_back(r["value"]["ranges"][0]["start"].get<int64_t>());
    } else if (r.at("type") == "choices") {
      choice = r["value"]["choices"][0];
      score = r.at("score");
    }
  }
  CHECK(labelledFrames == expectedFrames);
  CHECK_EQ(choice, std::string(1, static_cast<char>('A' + answered.at("prediction").get<int>())));
  CHECK_NEAR(score, prediction.at("score").get<double>(), 1e-12);

  // An annotation saved in Label Studio arrives as a human label on the trainer's grid.
  res = client.Post("/labelstudio/webhook", fixture("webhook_annotation_created.json"), "application/json");
  REQUIRE(res && res->status == 201);
  res = client.Post("/labelstudio/webhook", fixture("webhook_project_updated.json"), "application/json");
  REQUIRE(res && res->status == 200);
  CHECK(res->body.find("ignored") != std::string::npos);
  std::ifstream in(labels / "labelstudio.keyframes.jsonl");
  std::string line;
  REQUIRE(std::getline(in, line));
  CHECK(!std::getline(in, line) || line.empty());  // one label
  in.clear();
  in.seekg(0);
  std::getline(in, line);
  const json label = json::parse(line);
  CHECK_EQ(label.at("qid").get<std::string>(), std::string("DO_1001_0"));
  CHECK_EQ(label.at("author").get<std::string>(), std::string("labelstudio:1"));
  CHECK_EQ(label.at("sampling").at("n").get<int>(), 32);
  // Frames 13-20 and 50 (1-based): the sampled frames inside 12..19 (0-based), and the one nearest 49.
  const json& grid = label.at("sampling").at("frame_indices");
  bool nearFortyNine = false;
  for (const auto& k : label.at("keyframes")) {
    const int64_t frame = grid.at(k.get<size_t>()).get<int64_t>();
    CHECK((frame >= 12 && frame <= 19) || std::abs(frame - 49) <= 1);
    nearFortyNine |= std::abs(frame - 49) <= 1;
  }
  CHECK(nearFortyNine);
  CHECK(label.at("keyframes").size() == 5);  // frames 13, 15, 17, 19 and the one beside 49

  // Hostile protocol bodies.
  CHECK_EQ(client.Post("/labelstudio/predict", "{\"tasks\": 3}", "application/json")->status, 400);
  json escaping = json::parse(fixture("predict_request.json"));
  escaping["tasks"][0]["data"]["sevila_video"] = "clips/link.mpg";
  CHECK_EQ(client.Post("/labelstudio/predict", escaping.dump(), "application/json")->status, 403);
  json badRange = json::parse(fixture("webhook_annotation_created.json"));
  badRange["annotation"]["result"][0]["value"]["ranges"][0]["start"] = -5;
  CHECK_EQ(client.Post("/labelstudio/webhook", badRange.dump(), "application/json")->status, 400);
}

TEST(sigterm_stops_it_cleanly) {
  prepare();
  Served server({"--token-file", (kWork / "tokens").string()});
  REQUIRE(server.port > 0);
  server.process->signal(SIGTERM);
  CHECK(server.process->finish());  // exit status 0
  CHECK(server.process->output().find("sevila serve: stopped") != std::string::npos);
}

TEST(refuses_to_start_unsafely) {
  prepare();
  std::vector<std::string> open = {SEVILA_CLI, "serve", "--bind",       "0.0.0.0",
                                   "--port",   "0",     "--video-root", (kWork / "root").string()};
  for (const auto& a : modelArgs()) open.push_back(a);
  killtest::KilledChild beyond(open);
  CHECK(!beyond.finish());  // no tokens beyond the loopback
  std::ofstream(kWork / "shared-tokens") << kToken << "\n";
  fs::permissions(kWork / "shared-tokens",
                  fs::perms::owner_read | fs::perms::owner_write | fs::perms::others_read);
  std::vector<std::string> readable = {SEVILA_CLI,     "serve",
                                       "--port",       "0",
                                       "--video-root", (kWork / "root").string(),
                                       "--token-file", (kWork / "shared-tokens").string()};
  for (const auto& a : modelArgs()) readable.push_back(a);
  killtest::KilledChild exposed(readable);
  CHECK(!exposed.finish());  // a token file others may read
}

int main(int argc, char** argv) {
  return minitest::runAll(argc, argv);
}
