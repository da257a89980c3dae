// Benchmark: `sevila serve` under load on 127.0.0.1 with the tiny model. C client threads each send
// questions back to back (/v1/answer on one of three videos, its question drawn at random, so the
// feature cache serves the frames and the model runs for every question) for S seconds, while one more
// client reads /v1/model every second. It prints the throughput, the latency percentiles, the server's
// resident memory every 30 s (bounded: it must not grow with the requests served), and the accounting:
// every request sent was answered, or failed with a status and a reason; none was lost.
// Usage: bench_serve [--clients C] [--seconds S]
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "killed_child.h"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

double rssMiB(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::atof(line.c_str() + 6) / 1024.0;
  return -1;
}

}  // namespace

int main(int argc, char** argv) {
  int clients = 16, seconds = 60;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string k = argv[i];
    if (k == "--clients") clients = std::max(1, std::atoi(argv[i + 1]));
    if (k == "--seconds") seconds = std::max(1, std::atoi(argv[i + 1]));
  }
  const std::string data = SEVILA_TEST_DATA;
  const fs::path work = fs::path(SEVILA_BINARY_DIR) / "bench-serve";
  fs::remove_all(work);
  fs::create_directories(work / "videos");
  for (const char* v : {"pens.mp4", "kphotoalbum-movie.avi", "Effet_force_magnetique.ogv"})
    fs::copy_file(data + "/media/" + v, work / "videos" / v);
  const std::string token = "bench-token-0123456789abcdef";
  std::ofstream(work / "tokens") << token << "\n";
  fs::permissions(work / "tokens", fs::perms::owner_read | fs::perms::owner_write);

  killtest::KilledChild server({SEVILA_CLI,      "serve",
                                "--port",        "0",
                                "--video-root",  "clips=" + (work / "videos").string(),
                                "--token-file",  (work / "tokens").string(),
                                "--cache",       (work / "features").string(),
                                "--connections", std::to_string(clients + 4),
                                "--model",       data + "/golden/tiny-a",
                                "--sevila",      data + "/golden/tiny-a/sevila.pth",
                                "--tokenizer",   data + "/golden/tokenizer/tiny_t5.model",
                                "--threads",     "1"});
  int port = 0;
  for (int i = 0; i < 600 && port == 0; ++i) {
    server.waitFor("", std::chrono::milliseconds(100));
    const std::string& out = server.output();
    const size_t at = out.find("listening on ");
    const size_t nl = at == std::string::npos ? std::string::npos : out.find('\n', at);
    if (nl != std::string::npos) port = std::stoi(out.substr(out.rfind(':', nl) + 1));
  }
  if (port == 0) {
    std::fprintf(stderr, "the server did not start:\n%s\n", server.output().c_str());
    return 1;
  }
  std::printf(
      "bench_serve: %d clients for %d s against sevila serve (tiny model, 1 thread) on 127.0.0.1:%d\n",
      clients, seconds, port);
  std::fflush(stdout);

  const httplib::Headers auth = {{"Authorization", "Bearer " + token}};
  const char* videos[] = {"clips/pens.mp4", "clips/kphotoalbum-movie.avi",
                          "clips/Effet_force_magnetique.ogv"};
  std::mutex mutex;
  std::vector<double> latencies;
  std::map<std::string, int> failures;  // "status: reason" -> count
  std::atomic<int> sent{0}, answered{0}, transportErrors{0};
  const auto end = Clock::now() + std::chrono::seconds(seconds);
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] {
      std::mt19937 random(static_cast<unsigned>(c));
      httplib::Client client("127.0.0.1", port);
      client.set_read_timeout(300, 0);
      while (Clock::now() < end) {
        const nlohmann::json body = {{"video", videos[random() % 3]},
                                     {"question", "what happens " + std::to_string(random() % 1000) + "?"},
                                     {"options", {"one", "two", "three", "four", "five"}},
                                     {"frames", 8},
                                     {"keyframes", 2}};
        const auto start = Clock::now();
        ++sent;
        auto res = client.Post("/v1/answer", auth, body.dump(), "application/json");
        const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
        std::lock_guard<std::mutex> lock(mutex);
        if (!res) {
          ++transportErrors;
          ++failures["transport: " + httplib::to_string(res.error())];
        } else if (res->status == 200) {
          ++answered;
          latencies.push_back(ms);
        } else {
          ++failures[std::to_string(res->status) + ": " + res->body.substr(0, 80)];
        }
      }
    });
  }
  std::vector<double> memory;
  threads.emplace_back([&] {
    httplib::Client client("127.0.0.1", port);
    auto nextSample = Clock::now();
    while (Clock::now() < end) {
      client.Get("/v1/model", auth);
      if (Clock::now() >= nextSample) {
        const double rss = rssMiB(server.pid());
        memory.push_back(rss);
        std::printf("  t=%3.0f s  server RSS %.1f MiB  answered %d\n",
                    30.0 * static_cast<double>(memory.size() - 1), rss, answered.load());
        std::fflush(stdout);
        nextSample += std::chrono::seconds(30);
      }
      std::this_thread::sleep_for(std::chrono::seconds(1));
    }
  });
  for (auto& t : threads) t.join();
  memory.push_back(rssMiB(server.pid()));

  std::sort(latencies.begin(), latencies.end());
  auto percentile = [&](double p) {
    return latencies.empty()
               ? 0.0
               : latencies[std::min(latencies.size() - 1, static_cast<size_t>(p * latencies.size()))];
  };
  int failed = 0;
  for (const auto& [why, n] : failures) failed += n;
  std::printf("requests sent %d: answered %d, failed with a status %d, lost %d\n", sent.load(),
              answered.load(), failed - transportErrors.load(), sent.load() - answered.load() - failed);
  for (const auto& [why, n] : failures) std::printf("  %d x %s\n", n, why.c_str());
  std::printf("throughput %.1f questions/s\n", answered.load() / static_cast<double>(seconds));
  std::printf("latency ms: p50 %.0f  p90 %.0f  p99 %.0f  max %.0f\n", percentile(0.5), percentile(0.9),
              percentile(0.99), latencies.empty() ? 0.0 : latencies.back());
  std::printf("server RSS MiB: first %.1f  max %.1f  last %.1f\n", memory.front(),
              *std::max_element(memory.begin(), memory.end()), memory.back());
  return sent.load() == answered.load() + failed ? 0 : 1;
}
