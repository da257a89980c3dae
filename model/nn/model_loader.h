// The one strict loader: fills a module's named_parameters() from a checkpoint through the name map
// (weight_names.h). It distrusts the file: every parameter must be found with the right shape and a
// floating dtype, every stored tensor must be used or known-unused, and all problems are reported
// together in one sevila::Error naming the checkpoint. Nothing is copied before everything has been
// checked, and callers load into a freshly built module, so no half-loaded model is ever handed out.
// Dtype conversion happens once, while copying into the (already typed) parameter.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <ATen/core/Tensor.h>
#include <torch/nn/module.h>

#include "nn/weight_names.h"

namespace sevila::nn {

class SafetensorsCheckpoint;

// Read access to a checkpoint's named tensors, whatever its format.
class TensorStore {
public:
  virtual ~TensorStore() = default;
  virtual std::string description() const = 0;  // the file or directory, for messages
  virtual std::vector<std::string> names() const = 0;
  virtual bool contains(const std::string& name) const = 0;
  virtual std::vector<int64_t> shape(const std::string& name) const = 0;
  virtual bool isFloating(const std::string& name) const = 0;
  virtual at::Tensor tensor(const std::string& name) const = 0;  // CPU
};

// A TensorStore over safetensors (a file, or a directory with model.safetensors or an index + shards).
std::unique_ptr<TensorStore> openSafetensorsStore(const std::string& pathOrDirectory);
// A TensorStore over tensors already in memory (a .pth state dict); `description` names their file.
std::unique_ptr<TensorStore> tensorMapStore(std::string description,
                                            std::map<std::string, at::Tensor> tensors);

struct LoadOptions {
  CheckpointLayout layout = CheckpointLayout::HuggingFace;
  // false: every parameter must come from the store (a backbone). true: an overlay (a SeViLA .pth on
  // top of a backbone): parameters the store lacks keep their values, but every stored tensor must
  // still fill a parameter or be known-unused.
  bool partial = false;
};

struct LoadReport {
  int64_t parametersLoaded = 0;  // module parameters filled
  int64_t ignoredTensors = 0;    // known-unused stored tensors
  int64_t elementsLoaded = 0;
  std::vector<std::string> warnings;  // loaded, but the user should know (e.g. a tied head that differs)
};

// Throws sevila::Error(store.description(), "<n> problems: missing ...; unexpected ...; shape ...").
LoadReport loadParameters(torch::nn::Module& module, const TensorStore& store,
                          const LoadOptions& options = {});

}  // namespace sevila::nn
