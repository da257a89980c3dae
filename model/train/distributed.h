// Data-parallel training through torch.distributed's c10d: where this process stands in the job
// (torchrun's or Slurm's variables) and a process group (TCPStore rendezvous; Gloo on CPU, NCCL on
// CUDA when this LibTorch has it) with the few collectives that data parallelism needs.
// c10d and Gloo stay out of this header: only distributed.cpp includes them.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <ATen/core/Tensor.h>
#include <c10/core/Device.h>

namespace sevila::train {

struct DistributedEnv {
  int rank = 0;
  int worldSize = 1;
  int localRank = 0;
  std::string masterAddr = "127.0.0.1";
  int masterPort = 29500;
  std::string source = "single";  // "torchrun", "slurm" or "single"
};

// torchrun's variables when RANK or WORLD_SIZE is set (both are then required; LOCAL_RANK defaults
// to 0, MASTER_ADDR to 127.0.0.1, MASTER_PORT to 29500). Otherwise Slurm's when SLURM_PROCID is set
// (SLURM_NTASKS required, SLURM_LOCALID defaults to 0; MASTER_ADDR / MASTER_PORT from the environment,
// MASTER_ADDR defaulting to the first host of SLURM_JOB_NODELIST when that is a plain name or a
// simple "prefix[a-b,c]" list, MASTER_PORT to 29500). std::nullopt when neither is set: a single
// process. Malformed or inconsistent values (not a number, rank >= world size, port outside
// 1..65535, a node list too complex to read without MASTER_ADDR) throw sevila::Error naming the
// variable.
std::optional<DistributedEnv> distributedEnvFromEnvironment();
// The same from an explicit set of variables (the testable form).
std::optional<DistributedEnv> distributedEnvFrom(const std::map<std::string, std::string>& vars);

// The first host of a Slurm node list: "gpu[03-05,07]" -> "gpu03", "n1,n2" -> "n1";
// std::nullopt when the list is empty or not of these simple forms.
std::optional<std::string> firstSlurmHost(const std::string& nodeList);

// One process group over all ranks of the job. Every rank must call each collective in the same
// order with tensors of the same shapes and dtypes. Failures (rendezvous or collective timeout, a
// peer that went away) throw sevila::Error.
class ProcessGroup {
public:
  // Rendezvous through a c10d TCPStore at env.masterAddr:env.masterPort (rank 0 serves it), then a
  // store-based barrier so that create() returns only once every rank has joined. Gloo for CPU
  // devices (GLOO_SOCKET_IFNAME picks the interface; loopback when the master is local); NCCL for
  // CUDA devices when this LibTorch and build have it (USE_C10D_NCCL), else sevila::Error saying so.
  // `timeout` bounds the rendezvous and every collective.
  static std::unique_ptr<ProcessGroup> create(const DistributedEnv& env, c10::Device device,
                                              std::chrono::milliseconds timeout = std::chrono::minutes(5));
  ~ProcessGroup();
  ProcessGroup(const ProcessGroup&) = delete;
  ProcessGroup& operator=(const ProcessGroup&) = delete;

  int rank() const;
  int size() const;
  std::string backend() const;  // "gloo" or "nccl"
  c10::Device device() const;

  // In place: each tensor becomes the average over ranks (sum / size). Floating-point tensors only;
  // undefined tensors (parameters without a gradient) are skipped, but must be skipped on every rank.
  // The tensors travel as one flat buffer per dtype, so one call costs one collective per dtype.
  void allReduceMean(std::vector<at::Tensor>& tensors);
  // In place: each tensor becomes the sum over ranks.
  void allReduceSum(std::vector<at::Tensor>& tensors);
  // The sum of `value` over ranks (e.g. a loss or a sample count), in double precision.
  double allReduceSum(double value);
  // In place: every rank's tensors become rank `root`'s (e.g. the initial parameters).
  void broadcast(std::vector<at::Tensor>& tensors, int root = 0);
  // Returns once every rank has called it.
  void barrier();

private:
  struct Impl;
  explicit ProcessGroup(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

}  // namespace sevila::train
