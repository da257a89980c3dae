#include "nn/sevila_checkpoint.h"

#include <sstream>
#include <vector>

#include <torch/torch.h>

#include "core/error.h"
#include "nn/model_loader.h"
#include "nn/narrow_weights.h"
#include "nn/pth_checkpoint.h"
#include "nn/weight_names.h"

namespace sevila::nn {
namespace {

// A TensorStore over an in-memory state dict (what a .pth holds).
class StateDictStore : public TensorStore {
public:
  StateDictStore(const std::map<std::string, at::Tensor>& tensors, std::string source)
      : m_tensors(tensors), m_source(std::move(source)) {}
  std::string description() const override { return m_source; }
  std::vector<std::string> names() const override {
    std::vector<std::string> out;
    for (const auto& item : m_tensors) out.push_back(item.first);
    return out;
  }
  bool contains(const std::string& name) const override { return m_tensors.count(name) > 0; }
  std::vector<int64_t> shape(const std::string& name) const override {
    const auto sizes = m_tensors.at(name).sizes();
    return std::vector<int64_t>(sizes.begin(), sizes.end());
  }
  bool isFloating(const std::string& name) const override { return m_tensors.at(name).is_floating_point(); }
  at::Tensor tensor(const std::string& name) const override { return m_tensors.at(name); }

private:
  const std::map<std::string, at::Tensor>& m_tensors;
  std::string m_source;
};

bool startsWith(const std::string& s, const std::string& prefix) {
  return s.rfind(prefix, 0) == 0;
}

// The parts of a SeViLA state dict, by module path.
enum class Part { Answerer, Localizer, Vision, Language };

Part partOf(const std::string& path) {
  if (startsWith(path, "localizer.")) return Part::Localizer;
  if (startsWith(path, "vision_model.post_layernorm.")) return Part::Answerer;
  if (startsWith(path, "vision_model.")) return Part::Vision;
  if (startsWith(path, "language_model.")) return Part::Language;
  return Part::Answerer;  // query_tokens, qformer.*, language_projection.*
}

const char* partName(Part part) {
  switch (part) {
    case Part::Answerer:
      return "Answerer (Qformer.bert.*, query_tokens, t5_proj.*, ln_vision.*)";
    case Part::Localizer:
      return "Localizer (Qformer_loc.bert.*, query_tokens_loc, t5_proj_loc.*, ln_vision_loc.*)";
    case Part::Vision:
      return "vision encoder (visual_encoder.*)";
    case Part::Language:
      return "language model (t5_model.*)";
  }
  return "";
}

struct PartCount {
  int64_t total = 0, present = 0;
  std::vector<std::string> missing;  // checkpoint keys
};

// Staged bridges: fresh modules in the model's dtype on its device, registered under the model's own
// paths next to the model's real (frozen) ViT and T5, so one strict load checks the whole file.
struct Staging {
  torch::nn::Module root;
  torch::nn::LayerNorm postLayerNorm{nullptr};
  at::Tensor queryTokens;
  QFormer qformer{nullptr};
  LanguageProjection projection{nullptr};
  VisualBridge localizer{nullptr};
};

void buildStaging(Blip2ModelImpl& model, Staging& s) {
  const Blip2Config& c = model.config();
  {
    DefaultDtypeGuard guard(model.dtype());
    s.postLayerNorm = torch::nn::LayerNorm(torch::nn::LayerNormOptions({c.vision.hidden_size})
                                               .eps(model.vision_model->post_layernorm->options.eps()));
    s.queryTokens = torch::empty_like(model.query_tokens);
    s.qformer = QFormer(QFormerOptions(c.qformer));
    s.projection = LanguageProjection(LanguageProjectionOptions(c.qformer.hidden_size, c.text.d_model));
    s.localizer = VisualBridge(c);
  }
  if (model.weightDtype() != model.dtype()) {  // bf16 matrices under f32 arithmetic, as the model's own
    for (torch::nn::Module* m : std::initializer_list<torch::nn::Module*>{
             s.postLayerNorm.get(), s.qformer.get(), s.projection.get(), s.localizer.get()})
      storeMatricesIn(*m, model.weightDtype(), model.dtype());
  }
  auto vision = std::make_shared<torch::nn::Module>();
  vision->register_module("embeddings", model.vision_model->embeddings);  // the model's own: frozen parts
  vision->register_module("encoder", model.vision_model->encoder);
  vision->register_module("post_layernorm", s.postLayerNorm);
  s.root.register_module("vision_model", vision);
  s.root.register_parameter("query_tokens", s.queryTokens);
  s.root.register_module("qformer", s.qformer);
  s.root.register_module("language_projection", s.projection);
  s.root.register_module("language_model", model.language_model);
  s.root.register_module("localizer", s.localizer);
  s.postLayerNorm->to(model.device());
  s.qformer->to(model.device());
  s.projection->to(model.device());
  s.localizer->to(model.device());
  s.localizer->eval();
}

// Every role present completely (or, for the frozen parts, completely absent) before anything loads.
void checkParts(torch::nn::Module& root, const StateDictStore& store,
                const SevilaCheckpointOptions& options) {
  std::map<Part, PartCount> parts;
  for (const auto& item : root.named_parameters(/*recurse=*/true)) {
    const std::string& path = item.key();
    PartCount& count = parts[partOf(path)];
    ++count.total;
    std::optional<CheckpointKey> key = checkpointKey(path, CheckpointLayout::Lavis);
    bool present = false;
    if (key) {
      present = true;
      for (const auto& name : key->keys) present = present && store.contains(name);
    }
    if (!present)
      if (auto alias = aliasKey(path, CheckpointLayout::Lavis); alias && store.contains(*alias))
        present = true;
    if (present)
      ++count.present;
    else
      count.missing.push_back(key ? key->keys.front() : path);
  }
  std::vector<std::string> problems;
  for (auto& [part, count] : parts) {
    const bool required = (part == Part::Answerer && options.requireAnswerer) ||
                          (part == Part::Localizer && options.requireLocalizer);
    if (count.present == count.total) continue;
    if (count.present == 0 && !required) continue;
    std::ostringstream line;
    if (count.present == 0) {
      line << "it holds no " << partName(part);
    } else {
      line << "its " << partName(part) << " is incomplete: " << count.missing.size() << " of " << count.total
           << " tensors missing (";
      const size_t shown = std::min<size_t>(count.missing.size(), 6);
      for (size_t i = 0; i < shown; ++i) line << (i ? ", " : "") << count.missing[i];
      if (shown < count.missing.size()) line << ", ...";
      line << ")";
    }
    problems.push_back(line.str());
  }
  if (problems.empty()) return;
  std::string reason = "not a complete SeViLA checkpoint: ";
  for (size_t i = 0; i < problems.size(); ++i) reason += (i ? "; " : "") + problems[i];
  throw Error(
      store.description(), reason,
      "a SeViLA checkpoint (e.g. sevila_pretrained.pth) carries both roles; a BLIP-2 backbone alone needs no "
      "checkpoint (its Localizer is then a copy of the Answerer)");
}

// Swaps the live parameter's data for the staged one (same shape, dtype, device: already checked).
void swapInto(torch::nn::Module& live, torch::nn::Module& staged) {
  auto from = staged.named_parameters(/*recurse=*/true);
  for (auto& item : live.named_parameters(/*recurse=*/true)) item.value().set_data(from[item.key()]);
}

int64_t countLoaded(torch::nn::Module& root, const StateDictStore& store, Part part) {
  int64_t n = 0;
  for (const auto& item : root.named_parameters(/*recurse=*/true)) {
    if (partOf(item.key()) != part) continue;
    auto key = checkpointKey(item.key(), CheckpointLayout::Lavis);
    bool present = key.has_value();
    if (key)
      for (const auto& name : key->keys) present = present && store.contains(name);
    if (!present)
      if (auto alias = aliasKey(item.key(), CheckpointLayout::Lavis); alias && store.contains(*alias))
        present = true;
    n += present ? 1 : 0;
  }
  return n;
}

}  // namespace

std::map<std::string, at::Tensor> readSevilaStateDict(const std::string& path) {
  const PthCheckpoint checkpoint = PthCheckpoint::open(path);
  auto tensors = checkpoint.contains("model") ? checkpoint.stateDict("model") : checkpoint.stateDict("");
  if (tensors.empty())
    throw Error(path, "the checkpoint holds no tensors",
                "pass a SeViLA checkpoint such as sevila_pretrained.pth");
  return tensors;
}

SevilaCheckpointReport applySevilaCheckpoint(Blip2ModelImpl& model, const std::string& path,
                                             const SevilaCheckpointOptions& options) {
  return applySevilaStateDict(model, readSevilaStateDict(path), path, options);
}

SevilaCheckpointReport applySevilaStateDict(Blip2ModelImpl& model,
                                            const std::map<std::string, at::Tensor>& stateDict,
                                            const std::string& source,
                                            const SevilaCheckpointOptions& options) {
  const StateDictStore store(stateDict, source);
  Staging staging;
  buildStaging(model, staging);
  checkParts(staging.root, store, options);
  // Checks shapes, types and unknown names of the whole file before copying anything; the frozen parts
  // are the model's own modules, written only after those checks passed.
  const LoadReport loaded =
      loadParameters(staging.root, store, LoadOptions{CheckpointLayout::Lavis, /*partial=*/true});

  SevilaCheckpointReport report;
  report.answererTensors = countLoaded(staging.root, store, Part::Answerer);
  report.localizerTensors = countLoaded(staging.root, store, Part::Localizer);
  report.visionTensors = countLoaded(staging.root, store, Part::Vision);
  report.languageTensors = countLoaded(staging.root, store, Part::Language);
  report.ignoredTensors = loaded.ignoredTensors;

  // Swap in: a role the file did not carry (allowed by the options) keeps the model's values.
  torch::NoGradGuard noGrad;
  if (report.answererTensors > 0) {  // checkParts: a part is loaded completely or not at all
    model.vision_model->post_layernorm->weight.set_data(staging.postLayerNorm->weight);
    model.vision_model->post_layernorm->bias.set_data(staging.postLayerNorm->bias);
    model.query_tokens.set_data(staging.queryTokens);
    swapInto(*model.qformer, *staging.qformer);
    swapInto(*model.language_projection, *staging.projection);
  }
  if (report.localizerTensors > 0) {
    if (model.hasLocalizer())
      swapInto(*model.localizer, *staging.localizer);
    else
      model.localizer = model.register_module("localizer", staging.localizer);
  }
  return report;
}

}  // namespace sevila::nn
