// Reading a torch.save checkpoint (`.pth`, the zip format of PyTorch >= 1.6) without Python: the zip
// archive's `<dir>/data.pkl` is unpickled by the restricted unpickler (no globals imported, nothing
// executed). open() checks every tensor against its storage entry `<dir>/data/<key>` but copies no
// data: a tensor's bytes are copied (and their CRC checked) into memory of its own when it is asked
// for, so reading "model" does not pay for "optimizer". The file stays mapped while the checkpoint
// (or a value of its tree) lives.
// A SeViLA/LAVIS checkpoint is {"model": state dict, "optimizer": ..., "config": ..., "epoch": int}.
// A PthCheckpoint is immutable after open() and may be shared between threads.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <ATen/core/Tensor.h>
#include <nlohmann/json_fwd.hpp>

#include "nn/restricted_unpickler.h"

namespace sevila::nn {

class PthCheckpoint {
public:
  // Reads the whole checkpoint; throws sevila::Error(path, reason) for anything malformed or hostile.
  static PthCheckpoint open(const std::string& path);

  const std::string& path() const { return m_path; }
  const pickle::Value& root() const { return *m_root; }

  // The top-level dict's string keys in file order (empty when the root is not a dict).
  std::vector<std::string> keys() const;
  bool contains(const std::string& key) const { return m_root->get(key) != nullptr; }
  // The top-level value under `key`; throws naming the file when absent.
  const pickle::Value& at(const std::string& key) const;

  // The state dict under `key` (a dict or OrderedDict of name -> tensor); key "" means the root is
  // itself the state dict (torch.save(model.state_dict())). Throws for a non-tensor entry. Each call
  // copies the tensors anew.
  std::map<std::string, at::Tensor> stateDict(const std::string& key = "model") const;

  // A plain value (None, bools, numbers, strings, lists, tuples, dicts) as JSON, e.g. the "config"
  // entry. Int dict keys become strings; a tensor anywhere inside is an error.
  nlohmann::json json(const std::string& key) const;

private:
  PthCheckpoint() = default;
  std::string m_path;
  pickle::ValuePtr m_root;
};

}  // namespace sevila::nn
