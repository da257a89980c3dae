#include "nn/model_loader.h"

#include <filesystem>
#include <map>
#include <set>
#include <sstream>

#include <torch/torch.h>

#include "core/error.h"
#include "nn/safetensors.h"
#include "nn/shape_text.h"

namespace sevila::nn {
namespace {

class SafetensorsStore : public TensorStore {
public:
  explicit SafetensorsStore(const std::string& path)
      : m_path(describe(path)), m_checkpoint(SafetensorsCheckpoint::open(path)) {}
  std::string description() const override { return m_path; }
  std::vector<std::string> names() const override { return m_checkpoint.names(); }
  bool contains(const std::string& name) const override { return m_checkpoint.contains(name); }
  std::vector<int64_t> shape(const std::string& name) const override {
    return m_checkpoint.entry(name).shape;
  }
  bool isFloating(const std::string& name) const override {
    const auto& d = m_checkpoint.entry(name).dtype;
    return d == "F32" || d == "F16" || d == "BF16" || d == "F64";
  }
  at::Tensor tensor(const std::string& name) const override { return m_checkpoint.tensor(name); }

private:
  // Messages name the file a user can inspect: the index of a sharded checkpoint, else the one file.
  static std::string describe(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::is_directory(path, ec)) return path;
    const auto index = std::filesystem::path(path) / "model.safetensors.index.json";
    if (std::filesystem::exists(index, ec)) return index.string();
    return (std::filesystem::path(path) / "model.safetensors").string();
  }

  std::string m_path;
  SafetensorsCheckpoint m_checkpoint;
};

class TensorMapStore : public TensorStore {
public:
  TensorMapStore(std::string description, std::map<std::string, at::Tensor> tensors)
      : m_description(std::move(description)), m_tensors(std::move(tensors)) {}
  std::string description() const override { return m_description; }
  std::vector<std::string> names() const override {
    std::vector<std::string> out;
    for (const auto& item : m_tensors) out.push_back(item.first);
    return out;
  }
  bool contains(const std::string& name) const override { return m_tensors.count(name) > 0; }
  std::vector<int64_t> shape(const std::string& name) const override {
    return m_tensors.at(name).sizes().vec();
  }
  bool isFloating(const std::string& name) const override { return m_tensors.at(name).is_floating_point(); }
  at::Tensor tensor(const std::string& name) const override { return m_tensors.at(name); }

private:
  std::string m_description;
  std::map<std::string, at::Tensor> m_tensors;
};

bool endsWith(const std::string& text, const std::string& tail) {
  return text.size() >= tail.size() && text.compare(text.size() - tail.size(), tail.size(), tail) == 0;
}

// Lists at most a few items of a problem class, then a count.
void describe(std::ostringstream& out, const char* what, const std::vector<std::string>& items) {
  if (items.empty()) return;
  out << "\n  " << what << " (" << items.size() << "): ";
  const size_t shown = std::min<size_t>(items.size(), 8);
  for (size_t i = 0; i < shown; ++i) out << (i ? ", " : "") << items[i];
  if (shown < items.size()) out << ", ... " << (items.size() - shown) << " more";
}

struct Planned {
  at::Tensor parameter;
  CheckpointKey key;
};

}  // namespace

std::unique_ptr<TensorStore> openSafetensorsStore(const std::string& pathOrDirectory) {
  return std::make_unique<SafetensorsStore>(pathOrDirectory);
}

std::unique_ptr<TensorStore> tensorMapStore(std::string description,
                                            std::map<std::string, at::Tensor> tensors) {
  return std::make_unique<TensorMapStore>(std::move(description), std::move(tensors));
}

LoadReport loadParameters(torch::nn::Module& module, const TensorStore& store, const LoadOptions& options) {
  std::vector<std::string> missing, misshaped, wrongType, unexpected;
  std::set<std::string> used;
  std::vector<Planned> plan;

  // 1. Plan and check everything before touching a single parameter.
  for (const auto& item : module.named_parameters(/*recurse=*/true)) {
    const std::string& path = item.key();
    const at::Tensor& parameter = item.value();
    std::optional<CheckpointKey> key = checkpointKey(path, options.layout);
    auto present = [&](const CheckpointKey& k) {
      for (const auto& name : k.keys)
        if (!store.contains(name)) return false;
      return true;
    };
    if (key && !present(*key)) {
      if (auto alias = aliasKey(path, options.layout); alias && store.contains(*alias))
        key = CheckpointKey{{*alias}};
    }
    if (!key || !present(*key)) {
      if (!options.partial) missing.push_back(key ? key->keys.front() : path);
      continue;
    }
    bool ok = true;
    for (const auto& name : key->keys) {
      used.insert(name);
      if (!store.isFloating(name)) {
        wrongType.push_back(name + " (stored as an integer tensor)");
        ok = false;
      }
    }
    std::vector<int64_t> shape = store.shape(key->keys.front());
    if (key->assembly == CheckpointKey::Assembly::QkvBias) {
      const auto vShape = store.shape(key->keys[1]);
      if (shape.size() != 1 || vShape != shape) {
        misshaped.push_back(key->keys[0] + " / " + key->keys[1] + " " + shapeText(shape) + " / " +
                            shapeText(vShape) + " (expected two vectors of " +
                            std::to_string(parameter.size(0) / 3) + ")");
        continue;
      }
      shape = {3 * shape[0]};
    }
    if (c10::IntArrayRef(shape) != parameter.sizes()) {
      misshaped.push_back(key->keys.front() + " " + shapeText(shape) + " where the configuration needs " +
                          shapeText(parameter.sizes()));
      ok = false;
    }
    if (ok) plan.push_back({parameter, *key});
  }
  // A tied T5 (tie_word_embeddings) has no head of its own, but Hugging Face checkpoints of one may
  // still store "...lm_head.weight": transformers ties it to "...shared.weight" and ignores it. So do we.
  bool moduleHasHead = false;
  for (const auto& item : module.named_parameters(/*recurse=*/true))
    if (endsWith(item.key(), "lm_head.weight")) moduleHasHead = true;
  std::vector<std::string> tiedHeads;
  int64_t ignored = 0;
  for (const auto& name : store.names()) {
    if (used.count(name)) continue;
    if (isKnownUnused(name, options.layout)) {
      ++ignored;
      continue;
    }
    if (!moduleHasHead && endsWith(name, "lm_head.weight") &&
        store.contains(name.substr(0, name.size() - std::string("lm_head.weight").size()) +
                       "shared.weight")) {
      ++ignored;
      tiedHeads.push_back(name);
      continue;
    }
    unexpected.push_back(name);
  }
  const size_t problems = missing.size() + misshaped.size() + wrongType.size() + unexpected.size();
  if (problems) {
    std::ostringstream reason;
    reason << "the " << layoutName(options.layout) << " checkpoint does not fit the model configuration ("
           << problems << " problem" << (problems > 1 ? "s" : "") << ")";
    describe(reason, "missing tensors", missing);
    describe(reason, "tensors whose shape differs", misshaped);
    describe(reason, "tensors of the wrong type", wrongType);
    describe(reason, "unexpected tensors", unexpected);
    throw Error(store.description(), reason.str(),
                "check that config.json belongs to these weights (same sizes) and that the file is complete");
  }

  // 2. Copy: one conversion per tensor, from the stored dtype into the parameter's dtype and device.
  torch::NoGradGuard noGrad;
  LoadReport report;
  for (auto& p : plan) {
    at::Tensor value;
    if (p.key.assembly == CheckpointKey::Assembly::QkvBias) {
      auto q = store.tensor(p.key.keys[0]);
      auto v = store.tensor(p.key.keys[1]);
      value = torch::cat({q, torch::zeros_like(v), v});  // [q_bias, 0, v_bias]
    } else {
      value = store.tensor(p.key.keys.front());
    }
    p.parameter.copy_(value);
    ++report.parametersLoaded;
    report.elementsLoaded += p.parameter.numel();
  }
  report.ignoredTensors = ignored;
  for (const auto& head : tiedHeads) {
    const std::string shared =
        head.substr(0, head.size() - std::string("lm_head.weight").size()) + "shared.weight";
    const at::Tensor h = store.tensor(head), e = store.tensor(shared);
    if (h.sizes() != e.sizes() || !h.to(at::kFloat).equal(e.to(at::kFloat)))
      report.warnings.push_back(store.description() + ": " + head + " differs from " + shared +
                                "; the configuration ties the head to the embeddings, so " + shared +
                                " is used (as Hugging Face transformers does)");
  }
  return report;
}

}  // namespace sevila::nn
