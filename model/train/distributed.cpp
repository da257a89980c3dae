// The one file that includes c10d and Gloo: the process-group creation differs between LibTorch 1.13
// (ProcessGroupGloo / ProcessGroupNCCL derive from c10d::ProcessGroup) and 2.x (they are c10d::Backend
// objects that a ProcessGroup wraps). We talk to the backend object directly, whose collectives have the
// same signatures in both, so only the pointer type and the includes depend on TORCH_VERSION_MAJOR.
#include "train/distributed.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <exception>
#include <thread>
#include <utility>

#include <ATen/ATen.h>
#include <c10/core/GradMode.h>
#include <c10/util/Exception.h>
#include <torch/version.h>

// Gloo (CPU) and NCCL (CUDA) are each compiled in where their headers were found (CMakeLists.txt).
#include <torch/csrc/distributed/c10d/PrefixStore.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>
#ifdef USE_C10D_GLOO
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#endif
#ifdef USE_C10D_NCCL
#include <torch/csrc/distributed/c10d/ProcessGroupNCCL.hpp>
#endif

#if TORCH_VERSION_MAJOR >= 2
#include <torch/csrc/distributed/c10d/Backend.hpp>
#endif

#include "core/error.h"

namespace sevila::train {

namespace {

#if TORCH_VERSION_MAJOR >= 2
using Comm = c10d::Backend;  // 2.x: ProcessGroupGloo / ProcessGroupNCCL are Backends
#else
using Comm = c10d::ProcessGroup;  // 1.13: they are ProcessGroups themselves
#endif

// ---------------------------------------------------------------------------------------------
// The environment

const std::string* lookup(const std::map<std::string, std::string>& vars, const char* name) {
  auto it = vars.find(name);
  return it == vars.end() ? nullptr : &it->second;
}

// A whole non-negative decimal number in [lo, hi]; anything else names the variable.
int parseNumber(const std::string& name, const std::string& text, long lo, long hi) {
  const bool digits = !text.empty() && text.size() <= 9 &&
                      std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); });
  if (!digits)
    throw Error(name, "is '" + text + "', not a whole number",
                "torchrun / Slurm set it to a number; unset it for a single-process run");
  const long value = std::stol(text);
  if (value < lo || value > hi)
    throw Error(name, "is " + text + ", outside " + std::to_string(lo) + ".." + std::to_string(hi));
  return static_cast<int>(value);
}

int numberOr(const std::map<std::string, std::string>& vars, const char* name, int fallback, long lo,
             long hi) {
  const std::string* text = lookup(vars, name);
  return text ? parseNumber(name, *text, lo, hi) : fallback;
}

const std::string& required(const std::map<std::string, std::string>& vars, const char* name,
                            const char* because) {
  const std::string* text = lookup(vars, name);
  if (!text) throw Error(name, std::string("is not set, but ") + because + " is");
  return *text;
}

void checkRanks(const DistributedEnv& env, const char* rankVar, const char* sizeVar, const char* localVar) {
  if (env.rank >= env.worldSize)
    throw Error(rankVar, "is " + std::to_string(env.rank) + " but " + sizeVar + " is " +
                             std::to_string(env.worldSize) + ": a rank must be below the world size");
  if (env.localRank >= env.worldSize)
    throw Error(localVar, "is " + std::to_string(env.localRank) + " but " + sizeVar + " is " +
                              std::to_string(env.worldSize) + ": a local rank must be below the world size");
}

void readMaster(const std::map<std::string, std::string>& vars, DistributedEnv& env) {
  if (const std::string* addr = lookup(vars, "MASTER_ADDR")) {
    if (addr->empty()) throw Error("MASTER_ADDR", "is empty", "set it to the host of rank 0, or unset it");
    env.masterAddr = *addr;
  }
  env.masterPort = numberOr(vars, "MASTER_PORT", 29500, 1, 65535);
}

// ---------------------------------------------------------------------------------------------
// c10d helpers

std::string describe(const std::exception& e) {
  if (const auto* c10 = dynamic_cast<const c10::Error*>(&e)) return c10->what_without_backtrace();
  return e.what();
}

#ifdef USE_C10D_GLOO
bool isLoopback(const std::string& host) {
  return host == "localhost" || host.rfind("127.", 0) == 0 || host == "::1";
}

std::shared_ptr<::gloo::transport::Device> glooDevice(const DistributedEnv& env) {
  if (const char* ifname = std::getenv("GLOO_SOCKET_IFNAME"); ifname && *ifname) {
    std::string first(ifname);
    first = first.substr(0, first.find(','));
    return c10d::ProcessGroupGloo::createDeviceForInterface(first);
  }
  if (isLoopback(env.masterAddr)) return c10d::ProcessGroupGloo::createDeviceForHostname("127.0.0.1");
  return c10d::ProcessGroupGloo::createDefaultDevice();
}
#endif

}  // namespace

std::optional<std::string> firstSlurmHost(const std::string& nodeList) {
  // The first entry: up to the first comma outside brackets.
  std::string first;
  int depth = 0;
  for (char c : nodeList) {
    if (c == '[') ++depth;
    if (c == ']') --depth;
    if (c == ',' && depth == 0) break;
    first += c;
  }
  if (first.empty() || depth < 0) return std::nullopt;
  const auto open = first.find('[');
  if (open == std::string::npos) {
    if (first.find(']') != std::string::npos) return std::nullopt;
    return first;
  }
  const auto close = first.find(']', open);
  // Only "prefix[ranges]": nothing after the bracket, no second bracket, a non-empty prefix.
  if (open == 0 || close == std::string::npos || close + 1 != first.size() ||
      first.find('[', open + 1) != std::string::npos)
    return std::nullopt;
  std::string inner = first.substr(open + 1, close - open - 1);
  std::string number = inner.substr(0, inner.find_first_of(",-"));
  if (number.empty() ||
      !std::all_of(number.begin(), number.end(), [](unsigned char c) { return std::isdigit(c); }))
    return std::nullopt;
  return first.substr(0, open) + number;
}

std::optional<DistributedEnv> distributedEnvFrom(const std::map<std::string, std::string>& vars) {
  DistributedEnv env;
  if (lookup(vars, "RANK") || lookup(vars, "WORLD_SIZE")) {
    env.source = "torchrun";
    env.rank = parseNumber("RANK", required(vars, "RANK", "WORLD_SIZE"), 0, 1 << 24);
    env.worldSize = parseNumber("WORLD_SIZE", required(vars, "WORLD_SIZE", "RANK"), 1, 1 << 24);
    env.localRank = numberOr(vars, "LOCAL_RANK", 0, 0, 1 << 24);
    checkRanks(env, "RANK", "WORLD_SIZE", "LOCAL_RANK");
    readMaster(vars, env);
    return env;
  }
  if (lookup(vars, "SLURM_PROCID")) {
    env.source = "slurm";
    env.rank = parseNumber("SLURM_PROCID", *lookup(vars, "SLURM_PROCID"), 0, 1 << 24);
    env.worldSize = parseNumber("SLURM_NTASKS", required(vars, "SLURM_NTASKS", "SLURM_PROCID"), 1, 1 << 24);
    env.localRank = numberOr(vars, "SLURM_LOCALID", 0, 0, 1 << 24);
    checkRanks(env, "SLURM_PROCID", "SLURM_NTASKS", "SLURM_LOCALID");
    if (!lookup(vars, "MASTER_ADDR")) {
      if (const std::string* nodes = lookup(vars, "SLURM_JOB_NODELIST")) {
        auto host = firstSlurmHost(*nodes);
        if (!host)
          throw Error("MASTER_ADDR",
                      "is not set and SLURM_JOB_NODELIST '" + *nodes + "' is too complex to read",
                      "export MASTER_ADDR=$(scontrol show hostnames \"$SLURM_JOB_NODELIST\" | head -n 1)");
        env.masterAddr = *host;
      }
    }
    readMaster(vars, env);
    return env;
  }
  return std::nullopt;
}

std::optional<DistributedEnv> distributedEnvFromEnvironment() {
  static const char* const kNames[] = {"RANK",         "WORLD_SIZE",    "LOCAL_RANK",
                                       "MASTER_ADDR",  "MASTER_PORT",   "SLURM_PROCID",
                                       "SLURM_NTASKS", "SLURM_LOCALID", "SLURM_JOB_NODELIST"};
  std::map<std::string, std::string> vars;
  for (const char* name : kNames)
    if (const char* value = std::getenv(name)) vars[name] = value;
  return distributedEnvFrom(vars);
}

// ---------------------------------------------------------------------------------------------
// The process group

struct ProcessGroup::Impl {
  int rank = 0;
  int size = 1;
  std::string backend;
  c10::Device device{c10::kCPU};  // where the collectives' buffers live
  std::chrono::milliseconds timeout{};
  c10::intrusive_ptr<c10d::Store> store;  // declared before comm: destroyed after it
  c10::intrusive_ptr<Comm> comm;

  std::string subject() const { return "c10d " + backend + " (rank " + std::to_string(rank) + ")"; }

  void finish(const c10::intrusive_ptr<c10d::Work>& work, const char* what) const {
    try {
      work->wait(timeout);
    } catch (const std::exception& e) {
      throw Error(subject(), std::string(what) + " failed: " + describe(e),
                  "a peer may have stopped or be running different collectives");
    }
  }

  enum class Op { Sum, Mean, Broadcast };

  // Runs one collective per dtype over a flat buffer that holds all tensors of that dtype.
  void run(std::vector<at::Tensor>& tensors, Op op, int root) const {
    c10::NoGradGuard noGrad;  // parameters that require grad are written in place
    std::vector<std::pair<at::ScalarType, std::vector<size_t>>> groups;
    for (size_t i = 0; i < tensors.size(); ++i) {
      const at::Tensor& t = tensors[i];
      if (!t.defined()) continue;
      if (t.is_sparse())
        throw Error(subject(), "tensor " + std::to_string(i) + " is sparse; only dense tensors");
      if (op == Op::Mean && !at::isFloatingType(t.scalar_type()))
        throw Error(subject(), "allReduceMean needs floating-point tensors; tensor " + std::to_string(i) +
                                   " is " + std::string(c10::toString(t.scalar_type())));
      auto it = std::find_if(groups.begin(), groups.end(),
                             [&](const auto& g) { return g.first == t.scalar_type(); });
      if (it == groups.end()) {
        groups.push_back({t.scalar_type(), {}});
        it = std::prev(groups.end());
      }
      it->second.push_back(i);
    }
    for (const auto& [dtype, indices] : groups) {
      (void)dtype;
      std::vector<at::Tensor> flat;
      flat.reserve(indices.size());
      for (size_t i : indices) flat.push_back(tensors[i].detach().reshape({-1}).to(device));
      std::vector<at::Tensor> buffer{at::cat(flat)};
      try {
        if (op == Op::Broadcast) {
          c10d::BroadcastOptions options;
          options.rootRank = root;
          finish(comm->broadcast(buffer, options), "broadcast");
        } else {
          c10d::AllreduceOptions options;
          options.reduceOp = c10d::ReduceOp::SUM;  // Gloo has no AVG: divide below
          finish(comm->allreduce(buffer, options), "allreduce");
        }
      } catch (const Error&) {
        throw;
      } catch (const std::exception& e) {
        throw Error(subject(), "collective failed: " + describe(e));
      }
      if (op == Op::Mean) buffer[0].div_(size);
      int64_t offset = 0;
      for (size_t i : indices) {
        at::Tensor& t = tensors[i];
        const int64_t n = t.numel();
        t.detach().copy_(buffer[0].narrow(0, offset, n).view(t.sizes()));
        offset += n;
      }
    }
  }
};

ProcessGroup::ProcessGroup(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
ProcessGroup::~ProcessGroup() = default;

std::unique_ptr<ProcessGroup> ProcessGroup::create(const DistributedEnv& env, c10::Device device,
                                                   std::chrono::milliseconds timeout) {
  if (env.worldSize < 1 || env.rank < 0 || env.rank >= env.worldSize)
    throw Error("c10d", "rank " + std::to_string(env.rank) + " of world size " +
                            std::to_string(env.worldSize) + " is not a valid place in the job");
  if (env.masterPort < 1 || env.masterPort > 65535)
    throw Error("c10d", "master port " + std::to_string(env.masterPort) + " is outside 1..65535");
  auto impl = std::make_unique<Impl>();
  impl->rank = env.rank;
  impl->size = env.worldSize;
  impl->timeout = timeout;
  if (device.is_cpu()) {
#ifdef USE_C10D_GLOO
    impl->backend = "gloo";
    impl->device = c10::Device(c10::kCPU);
#else
    throw Error("c10d",
                "this build has no Gloo (sevila_train compiled without Gloo's headers), so it cannot train "
                "data-parallel on the CPU",
                "install libgloo-dev and rebuild, or train in one process");
#endif
  } else if (device.is_cuda()) {
#ifdef USE_C10D_NCCL
    if (!at::hasCUDA())
      throw Error("c10d", "the NCCL backend needs a CUDA device, and this machine has none");
    impl->backend = "nccl";
    impl->device =
        device.has_index() ? device : c10::Device(c10::kCUDA, static_cast<c10::DeviceIndex>(env.localRank));
#else
    throw Error(
        "c10d",
        "this build has no NCCL (LibTorch or sevila_train compiled without USE_C10D_NCCL), so it cannot "
        "train data-parallel on " +
            device.str(),
        "train data-parallel on the CPU (Gloo), or build against a CUDA LibTorch with NCCL");
#endif
  } else {
    throw Error("c10d", "no process-group backend for device " + device.str() + " (CPU: Gloo, CUDA: NCCL)");
  }

  const std::string where = env.masterAddr + ":" + std::to_string(env.masterPort);
  try {
    c10d::TCPStoreOptions storeOptions;
    storeOptions.port = static_cast<std::uint16_t>(env.masterPort);
    storeOptions.isServer = env.rank == 0;
    storeOptions.numWorkers = static_cast<std::size_t>(env.worldSize);
    storeOptions.waitWorkers = true;
    storeOptions.timeout = timeout;
    auto tcp = c10::make_intrusive<c10d::TCPStore>(env.masterAddr, storeOptions);
    impl->store = c10::make_intrusive<c10d::PrefixStore>("sevila_pg", tcp);
  } catch (const std::exception& e) {
    throw Error("c10d rendezvous at " + where, "the TCPStore failed: " + describe(e),
                env.rank == 0 ? "is MASTER_PORT free, and did every rank start?"
                              : "is rank 0 running, and are MASTER_ADDR / MASTER_PORT right?");
  }

  try {
#ifdef USE_C10D_GLOO
    if (impl->backend == "gloo") {
      auto options = c10d::ProcessGroupGloo::Options::create(timeout);
      options->devices.push_back(glooDevice(env));
      impl->comm = c10::make_intrusive<c10d::ProcessGroupGloo>(impl->store, env.rank, env.worldSize, options);
    }
#endif
#ifdef USE_C10D_NCCL
    if (impl->backend == "nccl") {
      auto options = c10d::ProcessGroupNCCL::Options::create();
      options->timeout = timeout;
      impl->comm = c10::make_intrusive<c10d::ProcessGroupNCCL>(impl->store, env.rank, env.worldSize, options);
    }
#endif
  } catch (const std::exception& e) {
    throw Error("c10d rendezvous at " + where,
                "creating the " + impl->backend + " group failed: " + describe(e));
  }

  // A store-based barrier, so that create() returns once every rank has joined (NCCL connects lazily).
  try {
    const std::string key = "joined";
    impl->store->add(key, 1);
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (impl->store->add(key, 0) < env.worldSize) {
      if (std::chrono::steady_clock::now() > deadline)
        throw Error("c10d rendezvous at " + where, "only " + std::to_string(impl->store->add(key, 0)) +
                                                       " of " + std::to_string(env.worldSize) +
                                                       " ranks joined within the timeout");
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    throw Error("c10d rendezvous at " + where, "the join barrier failed: " + describe(e));
  }
  return std::unique_ptr<ProcessGroup>(new ProcessGroup(std::move(impl)));
}

int ProcessGroup::rank() const {
  return m_impl->rank;
}
int ProcessGroup::size() const {
  return m_impl->size;
}
std::string ProcessGroup::backend() const {
  return m_impl->backend;
}
c10::Device ProcessGroup::device() const {
  return m_impl->device;
}

void ProcessGroup::allReduceMean(std::vector<at::Tensor>& tensors) {
  m_impl->run(tensors, Impl::Op::Mean, 0);
}

void ProcessGroup::allReduceSum(std::vector<at::Tensor>& tensors) {
  m_impl->run(tensors, Impl::Op::Sum, 0);
}

double ProcessGroup::allReduceSum(double value) {
  std::vector<at::Tensor> one{
      at::full({1}, value, at::TensorOptions().dtype(at::kDouble).device(m_impl->device))};
  m_impl->run(one, Impl::Op::Sum, 0);
  return one[0].item<double>();
}

void ProcessGroup::broadcast(std::vector<at::Tensor>& tensors, int root) {
  if (root < 0 || root >= m_impl->size)
    throw Error(m_impl->subject(), "broadcast root " + std::to_string(root) + " is outside 0.." +
                                       std::to_string(m_impl->size - 1));
  m_impl->run(tensors, Impl::Op::Broadcast, root);
}

void ProcessGroup::barrier() {
  c10d::BarrierOptions options;
  if (m_impl->device.is_cuda()) options.device_ids = {m_impl->device.index()};
  try {
    m_impl->finish(m_impl->comm->barrier(options), "barrier");
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    throw Error(m_impl->subject(), "barrier failed: " + describe(e));
  }
}

}  // namespace sevila::train
