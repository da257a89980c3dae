// Data-parallel training through c10d: the environment (torchrun / Slurm), a single-rank group in
// process, and two REAL processes on 127.0.0.1 with Gloo (the test re-executes itself as
// `test_distributed --worker RANK PORT OUTDIR` with torchrun's variables): collectives, and AdamW on
// two halves of a batch with averaged gradients matching one process on the whole batch.
#include <torch/torch.h>

#include "minitest.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

#include "core/error.h"
#include "train/distributed.h"

extern char** environ;

namespace fs = std::filesystem;
using sevila::train::DistributedEnv;
using sevila::train::distributedEnvFrom;
using sevila::train::firstSlurmHost;
using sevila::train::ProcessGroup;
using Vars = std::map<std::string, std::string>;

namespace {

constexpr int kWorld = 2;
constexpr int kSteps = 5;
constexpr int kBatch = 8;

// A port that was free a moment ago: bind port 0 on 127.0.0.1 and read what the kernel chose.
int freePort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return 0;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof(addr);
  int port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0)
    port = ntohs(addr.sin_port);
  ::close(fd);
  return port;
}

std::vector<double> values(const at::Tensor& t) {
  at::Tensor flat = t.detach().to(at::kDouble).contiguous().reshape({-1});
  return std::vector<double>(flat.data_ptr<double>(), flat.data_ptr<double>() + flat.numel());
}

double maxAbsDiff(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() != b.size()) return INFINITY;
  double m = 0;
  for (size_t i = 0; i < a.size(); ++i) m = std::max(m, std::fabs(a[i] - b[i]));
  return m;
}

// The training-equivalence setup, identical in every process: the model's initial weights and the
// batch come from fixed seeds. Double precision, so that the only differences are summation order.
struct Training {
  torch::nn::Sequential model{nullptr};
  at::Tensor x, y;
  Training() {
    torch::manual_seed(7);
    model = torch::nn::Sequential(torch::nn::Linear(4, 8), torch::nn::GELU(), torch::nn::Linear(8, 3));
    model->to(torch::kDouble);
    torch::manual_seed(123);
    x = torch::randn({kBatch, 4}, torch::kDouble);
    y = torch::randn({kBatch, 3}, torch::kDouble);
  }
  std::vector<double> flatParameters() const {
    std::vector<double> all;
    for (const auto& p : model->parameters()) {
      auto v = values(p);
      all.insert(all.end(), v.begin(), v.end());
    }
    return all;
  }
};

torch::optim::AdamW makeOptimizer(Training& t) {
  return torch::optim::AdamW(t.model->parameters(), torch::optim::AdamWOptions(1e-2).weight_decay(0.05));
}

// One process on the whole batch: the reference. Returns the losses per step.
std::vector<double> trainSingle(Training& t) {
  auto optimizer = makeOptimizer(t);
  std::vector<double> losses;
  for (int step = 0; step < kSteps; ++step) {
    optimizer.zero_grad();
    at::Tensor loss = torch::mse_loss(t.model->forward(t.x), t.y);  // mean over the whole batch
    loss.backward();
    optimizer.step();
    losses.push_back(loss.item<double>());
  }
  return losses;
}

void writeLine(std::ostream& out, const std::string& key, const std::vector<double>& v) {
  out << key;
  char buf[64];
  for (double d : v) {
    std::snprintf(buf, sizeof buf, " %.17g", d);
    out << buf;
  }
  out << "\n";
}

// ------------------------------------------------------------------------------------------------
// The worker: one rank of the 2-process job, started by the parent with torchrun's variables.
int runWorker(int rankArg, const std::string& outDir) {
  const fs::path outFile = fs::path(outDir) / ("rank" + std::to_string(rankArg) + ".txt");
  std::ofstream out(outFile);
  try {
    const auto env = sevila::train::distributedEnvFromEnvironment();
    if (!env) throw std::runtime_error("no torchrun variables in the worker's environment");
    if (env->rank != rankArg) throw std::runtime_error("RANK disagrees with the command line");
    auto pg = ProcessGroup::create(*env, c10::Device(c10::kCPU), std::chrono::seconds(60));
    const int r = pg->rank();
    out << "info " << pg->rank() << " " << pg->size() << " " << pg->backend() << " " << env->source << "\n";

    // Sum over several dtypes in one call, with an undefined tensor among them.
    std::vector<at::Tensor> sums{torch::tensor({1.0f, 2.0f}) * (r + 1), at::Tensor(),
                                 torch::full({1}, 10 * r, torch::kLong),
                                 torch::full({2, 2}, r + 0.5, torch::kDouble)};
    pg->allReduceSum(sums);
    writeLine(out, "sum_float", values(sums[0]));
    writeLine(out, "sum_long", values(sums[2]));
    writeLine(out, "sum_double", values(sums[3]));

    std::vector<at::Tensor> means{torch::tensor({1.0f, 2.0f}) * r,
                                  torch::arange(6, torch::kFloat).reshape({2, 3}) + 6 * r};
    pg->allReduceMean(means);
    writeLine(out, "mean_a", values(means[0]));
    writeLine(out, "mean_b", values(means[1]));
    writeLine(out, "scalar_sum", {pg->allReduceSum(r + 0.25)});

    // Broadcast from rank 1, into a tensor that requires grad (as parameters do).
    at::Tensor param = torch::full({3}, 7.0 * r, torch::kFloat).set_requires_grad(true);
    std::vector<at::Tensor> bc{param, torch::full({2}, 100 + r, torch::kInt)};
    pg->broadcast(bc, 1);
    writeLine(out, "bcast_param", values(param));
    writeLine(out, "bcast_int", values(bc[1]));

    // Barrier: each rank leaves a mark, then after the barrier it must see the other's.
    if (r == 0) std::this_thread::sleep_for(std::chrono::milliseconds(300));  // rank 1 must wait for it
    std::ofstream(fs::path(outDir) / ("arrived" + std::to_string(r))).put('1');
    pg->barrier();
    const bool sawOther = fs::exists(fs::path(outDir) / ("arrived" + std::to_string(1 - r)));
    out << "barrier " << (sawOther ? 1 : 0) << "\n";

    // Training: this rank's half of the batch, gradients averaged before each AdamW step.
    Training t;
    std::vector<at::Tensor> params = t.model->parameters();
    pg->broadcast(params, 0);  // the usual start of data parallelism (a no-op here: same seed)
    auto optimizer = makeOptimizer(t);
    const int64_t half = kBatch / pg->size();
    at::Tensor x = t.x.narrow(0, r * half, half), y = t.y.narrow(0, r * half, half);
    std::vector<double> losses;
    for (int step = 0; step < kSteps; ++step) {
      optimizer.zero_grad();
      at::Tensor loss = torch::mse_loss(t.model->forward(x), y);
      loss.backward();
      std::vector<at::Tensor> grads;
      for (auto& p : t.model->parameters()) grads.push_back(p.grad());
      pg->allReduceMean(grads);
      optimizer.step();
      losses.push_back(pg->allReduceSum(loss.item<double>()) / pg->size());
    }
    writeLine(out, "losses", losses);
    writeLine(out, "params", t.flatParameters());
    pg->barrier();
    out << "done\n";
    return 0;
  } catch (const std::exception& e) {
    std::string what = e.what();
    for (char& c : what)
      if (c == '\n') c = ' ';
    out << "error " << what << "\n";
    std::fprintf(stderr, "worker %d: %s\n", rankArg, e.what());
    return 1;
  }
}

std::string selfExe() {
  std::error_code ec;
  auto p = fs::read_symlink("/proc/self/exe", ec);
  return ec ? std::string() : p.string();
}

// Starts this executable as a worker with torchrun's variables; returns its pid (or -1).
pid_t spawnWorker(const std::string& exe, int rank, int port, const std::string& dir) {
  std::vector<std::string> env;
  const Vars ours{{"RANK", std::to_string(rank)},        {"WORLD_SIZE", std::to_string(kWorld)},
                  {"LOCAL_RANK", std::to_string(rank)},  {"MASTER_ADDR", "127.0.0.1"},
                  {"MASTER_PORT", std::to_string(port)}, {"OMP_NUM_THREADS", "1"}};
  for (char** e = environ; *e; ++e) {
    std::string kv(*e);
    if (!ours.count(kv.substr(0, kv.find('=')))) env.push_back(kv);
  }
  for (const auto& [k, v] : ours) env.push_back(k + "=" + v);
  std::vector<std::string> args{exe, "--worker", std::to_string(rank), std::to_string(port), dir};
  std::vector<char*> argv, envp;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  for (auto& e : env) envp.push_back(e.data());
  envp.push_back(nullptr);
  pid_t pid = -1;
  if (posix_spawn(&pid, exe.c_str(), nullptr, nullptr, argv.data(), envp.data()) != 0) return -1;
  return pid;
}

// Waits for all children up to `limit`; kills the ones still running then. Returns the exit codes
// (-1 for killed / abnormal ends).
std::vector<int> waitAll(std::vector<pid_t> pids, std::chrono::seconds limit, bool& timedOut) {
  std::vector<int> codes(pids.size(), -1);
  std::vector<bool> running(pids.size(), true);
  const auto deadline = std::chrono::steady_clock::now() + limit;
  timedOut = false;
  for (;;) {
    bool any = false;
    for (size_t i = 0; i < pids.size(); ++i) {
      if (!running[i]) continue;
      int status = 0;
      const pid_t got = ::waitpid(pids[i], &status, WNOHANG);
      if (got == pids[i] || got < 0) {
        running[i] = false;
        if (got == pids[i] && WIFEXITED(status)) codes[i] = WEXITSTATUS(status);
      } else {
        any = true;
      }
    }
    if (!any) return codes;
    if (std::chrono::steady_clock::now() > deadline) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  timedOut = true;
  for (size_t i = 0; i < pids.size(); ++i) {
    if (!running[i]) continue;
    ::kill(pids[i], SIGKILL);
    ::waitpid(pids[i], nullptr, 0);
  }
  return codes;
}

std::map<std::string, std::vector<std::string>> readResults(const fs::path& file) {
  std::map<std::string, std::vector<std::string>> lines;
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream s(line);
    std::string key, word;
    s >> key;
    std::vector<std::string> words;
    if (key == "error") {
      std::getline(s, word);
      words.push_back(word);
    } else {
      while (s >> word) words.push_back(word);
    }
    lines[key] = words;
  }
  return lines;
}

std::vector<double> numbers(const std::vector<std::string>& words) {
  std::vector<double> v;
  for (const auto& w : words) v.push_back(std::strtod(w.c_str(), nullptr));
  return v;
}

}  // namespace

// ------------------------------------------------------------------------------------------------
// The environment

TEST(env_torchrun) {
  auto env = distributedEnvFrom({{"RANK", "3"},
                                 {"WORLD_SIZE", "8"},
                                 {"LOCAL_RANK", "1"},
                                 {"MASTER_ADDR", "node7"},
                                 {"MASTER_PORT", "29511"},
                                 {"SLURM_PROCID", "5"},
                                 {"SLURM_NTASKS", "16"}});  // torchrun wins
  REQUIRE(env.has_value());
  CHECK_EQ(env->rank, 3);
  CHECK_EQ(env->worldSize, 8);
  CHECK_EQ(env->localRank, 1);
  CHECK_EQ(env->masterAddr, std::string("node7"));
  CHECK_EQ(env->masterPort, 29511);
  CHECK_EQ(env->source, std::string("torchrun"));

  auto defaults = distributedEnvFrom({{"RANK", "0"}, {"WORLD_SIZE", "1"}});
  REQUIRE(defaults.has_value());
  CHECK_EQ(defaults->localRank, 0);
  CHECK_EQ(defaults->masterAddr, std::string("127.0.0.1"));
  CHECK_EQ(defaults->masterPort, 29500);
}

TEST(env_slurm) {
  auto env = distributedEnvFrom({{"SLURM_PROCID", "5"},
                                 {"SLURM_NTASKS", "8"},
                                 {"SLURM_LOCALID", "1"},
                                 {"SLURM_JOB_NODELIST", "gpu[03-05,07]"}});
  REQUIRE(env.has_value());
  CHECK_EQ(env->rank, 5);
  CHECK_EQ(env->worldSize, 8);
  CHECK_EQ(env->localRank, 1);
  CHECK_EQ(env->masterAddr, std::string("gpu03"));
  CHECK_EQ(env->masterPort, 29500);
  CHECK_EQ(env->source, std::string("slurm"));

  auto explicitMaster = distributedEnvFrom({{"SLURM_PROCID", "0"},
                                            {"SLURM_NTASKS", "2"},
                                            {"SLURM_JOB_NODELIST", "a[1-2]-b[3]"},  // too complex, but unused
                                            {"MASTER_ADDR", "10.0.0.5"},
                                            {"MASTER_PORT", "12345"}});
  REQUIRE(explicitMaster.has_value());
  CHECK_EQ(explicitMaster->masterAddr, std::string("10.0.0.5"));
  CHECK_EQ(explicitMaster->masterPort, 12345);
  CHECK_EQ(explicitMaster->localRank, 0);

  CHECK_EQ(firstSlurmHost("gpu[03-05,07]").value_or("?"), std::string("gpu03"));
  CHECK_EQ(firstSlurmHost("node12").value_or("?"), std::string("node12"));
  CHECK_EQ(firstSlurmHost("n[7,9],m[1-3]").value_or("?"), std::string("n7"));
  CHECK_EQ(firstSlurmHost("alpha,beta").value_or("?"), std::string("alpha"));
  CHECK(!firstSlurmHost("").has_value());
  CHECK(!firstSlurmHost("rack[1-2]-node[01-04]").has_value());
  CHECK(!firstSlurmHost("[1-2]").has_value());
  CHECK(!firstSlurmHost("gpu[x-y]").has_value());
}

TEST(env_absent) {
  CHECK(!distributedEnvFrom({}).has_value());
  CHECK(!distributedEnvFrom({{"MASTER_ADDR", "h"}, {"MASTER_PORT", "1234"}, {"SLURM_NTASKS", "4"}})
             .has_value());
}

TEST(env_bad_values) {
  CHECK_THROWS_WITH(distributedEnvFrom({{"RANK", "2"}, {"WORLD_SIZE", "2"}}), "RANK");
  CHECK_THROWS_WITH(distributedEnvFrom({{"RANK", "x"}, {"WORLD_SIZE", "2"}}), "RANK");
  CHECK_THROWS_WITH(distributedEnvFrom({{"RANK", "-1"}, {"WORLD_SIZE", "2"}}), "RANK");
  CHECK_THROWS_WITH(distributedEnvFrom({{"RANK", "0"}, {"WORLD_SIZE", "two"}}), "WORLD_SIZE");
  CHECK_THROWS_WITH(distributedEnvFrom({{"RANK", "0"}, {"WORLD_SIZE", "0"}}), "WORLD_SIZE");
  CHECK_THROWS_WITH(distributedEnvFrom({{"RANK", "0"}}), "WORLD_SIZE");
  CHECK_THROWS_WITH(distributedEnvFrom({{"WORLD_SIZE", "2"}}), "RANK");
  CHECK_THROWS_WITH(distributedEnvFrom({{"RANK", "0"}, {"WORLD_SIZE", "2"}, {"LOCAL_RANK", "1.5"}}),
                    "LOCAL_RANK");
  CHECK_THROWS_WITH(distributedEnvFrom({{"RANK", "0"}, {"WORLD_SIZE", "2"}, {"MASTER_PORT", "70000"}}),
                    "MASTER_PORT");
  CHECK_THROWS_WITH(distributedEnvFrom({{"RANK", "0"}, {"WORLD_SIZE", "2"}, {"MASTER_PORT", "0"}}),
                    "MASTER_PORT");
  CHECK_THROWS_WITH(distributedEnvFrom({{"RANK", "0"}, {"WORLD_SIZE", "2"}, {"MASTER_PORT", "http"}}),
                    "MASTER_PORT");
  CHECK_THROWS_WITH(distributedEnvFrom({{"RANK", "0"}, {"WORLD_SIZE", "2"}, {"MASTER_ADDR", ""}}),
                    "MASTER_ADDR");
  CHECK_THROWS_WITH(distributedEnvFrom({{"SLURM_PROCID", "4"}, {"SLURM_NTASKS", "4"}}), "SLURM_PROCID");
  CHECK_THROWS_WITH(distributedEnvFrom({{"SLURM_PROCID", "0"}}), "SLURM_NTASKS");
  CHECK_THROWS_WITH(distributedEnvFrom({{"SLURM_PROCID", "0"}, {"SLURM_NTASKS", "x"}}), "SLURM_NTASKS");
  CHECK_THROWS_WITH(
      distributedEnvFrom({{"SLURM_PROCID", "0"}, {"SLURM_NTASKS", "2"}, {"SLURM_LOCALID", "?"}}),
      "SLURM_LOCALID");
  CHECK_THROWS_WITH(
      distributedEnvFrom(
          {{"SLURM_PROCID", "0"}, {"SLURM_NTASKS", "2"}, {"SLURM_JOB_NODELIST", "rack[1-2]-node[01-04]"}}),
      "MASTER_ADDR");
  // The error type is sevila::Error, with the variable as its subject.
  try {
    distributedEnvFrom({{"RANK", "0"}, {"WORLD_SIZE", "2"}, {"MASTER_PORT", "99999"}});
    CHECK(false);
  } catch (const sevila::Error& e) {
    CHECK_EQ(e.subject(), std::string("MASTER_PORT"));
  }
}

// ------------------------------------------------------------------------------------------------
// Process groups

TEST(single_rank_group_in_process) {
  DistributedEnv env;
  env.masterPort = freePort();
  REQUIRE(env.masterPort > 0);
  auto pg = ProcessGroup::create(env, c10::Device(c10::kCPU), std::chrono::seconds(20));
  CHECK_EQ(pg->rank(), 0);
  CHECK_EQ(pg->size(), 1);
  CHECK_EQ(pg->backend(), std::string("gloo"));
  std::vector<at::Tensor> t{torch::tensor({1.5, -2.0}), torch::ones({2, 2})};
  pg->allReduceMean(t);
  CHECK_NEAR(t[0][1].item<double>(), -2.0, 0);
  CHECK_NEAR(t[1].sum().item<double>(), 4.0, 0);
  CHECK_NEAR(pg->allReduceSum(2.5), 2.5, 0);
  pg->broadcast(t, 0);
  CHECK_THROWS_WITH(pg->broadcast(t, 1), "root");
  std::vector<at::Tensor> ints{torch::ones({2}, torch::kLong)};
  CHECK_THROWS_WITH(pg->allReduceMean(ints), "floating");
  pg->barrier();
}

TEST(rendezvous_times_out_without_master) {
  DistributedEnv env;
  env.rank = 1;
  env.worldSize = 2;
  env.masterPort = freePort();  // nobody serves it
  const auto start = std::chrono::steady_clock::now();
  CHECK_THROWS_WITH(ProcessGroup::create(env, c10::Device(c10::kCPU), std::chrono::seconds(2)), "rendezvous");
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(seconds < 30);
}

TEST(cuda_group_needs_nccl) {
  if (torch::cuda::is_available()) SKIP("CUDA is available: the NCCL path is for a device run");
  DistributedEnv env;
  CHECK_THROWS_WITH(ProcessGroup::create(env, c10::Device(c10::kCUDA, 0), std::chrono::seconds(1)), "NCCL");
}

TEST(two_processes_gloo_collectives_and_training) {
  const std::string exe = selfExe();
  REQUIRE(!exe.empty());
  const int port = freePort();
  REQUIRE(port > 0);
  char tmpl[] = "/tmp/sevila_dist_XXXXXX";
  REQUIRE(::mkdtemp(tmpl) != nullptr);
  const fs::path dir(tmpl);

  std::vector<pid_t> pids;
  for (int r = 0; r < kWorld; ++r) {
    const pid_t pid = spawnWorker(exe, r, port, dir.string());
    CHECK(pid > 0);
    if (pid > 0) pids.push_back(pid);
  }
  // The reference meanwhile, in this process.
  Training single;
  const std::vector<double> refLosses = trainSingle(single);
  const std::vector<double> refParams = single.flatParameters();

  bool timedOut = false;
  const std::vector<int> codes = waitAll(pids, std::chrono::seconds(180), timedOut);
  CHECK(!timedOut);
  REQUIRE(pids.size() == static_cast<size_t>(kWorld));

  std::vector<std::map<std::string, std::vector<std::string>>> results;
  for (int r = 0; r < kWorld; ++r) {
    results.push_back(readResults(dir / ("rank" + std::to_string(r) + ".txt")));
    if (results[r].count("error"))
      ::minitest::fail(__FILE__, __LINE__, "rank " + std::to_string(r) + ": " + results[r]["error"][0]);
    CHECK_EQ(codes[r], 0);
    CHECK(results[r].count("done") == 1);
  }
  std::error_code ec;
  fs::remove_all(dir, ec);

  auto near = [](const std::vector<double>& got, const std::vector<double>& want, double tol) {
    return maxAbsDiff(got, want) <= tol;
  };
  for (int r = 0; r < kWorld; ++r) {
    auto& res = results[r];
    REQUIRE(res.count("info") && res["info"].size() == 4);
    CHECK_EQ(res["info"][0], std::to_string(r));
    CHECK_EQ(res["info"][1], std::to_string(kWorld));
    CHECK_EQ(res["info"][2], std::string("gloo"));
    CHECK_EQ(res["info"][3], std::string("torchrun"));
    CHECK(near(numbers(res["sum_float"]), {3, 6}, 0));
    CHECK(near(numbers(res["sum_long"]), {10}, 0));
    CHECK(near(numbers(res["sum_double"]), {2, 2, 2, 2}, 0));
    CHECK(near(numbers(res["mean_a"]), {0.5, 1.0}, 1e-7));
    CHECK(near(numbers(res["mean_b"]), {3, 4, 5, 6, 7, 8}, 1e-6));
    CHECK(near(numbers(res["scalar_sum"]), {1.5}, 1e-15));
    CHECK(near(numbers(res["bcast_param"]), {7, 7, 7}, 0));
    CHECK(near(numbers(res["bcast_int"]), {101, 101}, 0));
    CHECK(res.count("barrier") && res["barrier"] == std::vector<std::string>{"1"});

    const auto losses = numbers(res["losses"]);
    const auto params = numbers(res["params"]);
    const double lossDiff = maxAbsDiff(losses, refLosses);
    const double paramDiff = maxAbsDiff(params, refParams);
    std::printf("  rank %d: %zu parameters, max |param - single| = %.3g, max |loss - single| = %.3g\n", r,
                params.size(), paramDiff, lossDiff);
    CHECK_EQ(params.size(), refParams.size());
    CHECK(paramDiff <= 1e-5);
    CHECK(lossDiff <= 1e-9);
  }
  // Training moved the parameters (the comparison is not trivially between untouched weights).
  Training untouched;
  CHECK(maxAbsDiff(untouched.flatParameters(), refParams) > 1e-3);
}

int main(int argc, char** argv) {
  if (argc >= 2 && std::string(argv[1]) == "--worker") {
    if (argc != 5) {
      std::fprintf(stderr, "usage: %s --worker RANK PORT OUTDIR\n", argv[0]);
      return 2;
    }
    torch::set_num_threads(1);
    return runWorker(std::atoi(argv[2]), argv[4]);
  }
  return ::minitest::runAll(argc, argv);
}
