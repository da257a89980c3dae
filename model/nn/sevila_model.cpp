#include "nn/sevila_model.h"

#include <sys/stat.h>

#include <algorithm>
#include <utility>

#include "core/error.h"
#include "core/file_paths.h"
#include "nn/device.h"
#include "nn/pass_graphs.h"
#include "nn/sevila_checkpoint.h"

namespace sevila::nn {
std::shared_ptr<const SevilaModel> SevilaModel::load(const std::string& modelDir,
                                                     const std::string& sevilaCheckpoint,
                                                     const std::string& tokenizerPath, Flavour flavour,
                                                     c10::Device device, c10::ScalarType dtype,
                                                     const SevilaOptions& options) {
  // The tokenizer and the checkpoint's state dict are read first: they fail fast and cost little.
  std::optional<T5Tokenizer> tokenizer;
  std::string note;
  if (!tokenizerPath.empty()) {
    tokenizer = T5Tokenizer::load(tokenizerPath);
  } else if (const std::string fallback = modelDir + "/spiece.model"; isRegularFile(fallback)) {
    tokenizer = T5Tokenizer::load(fallback);
  } else {
    note = "no tokenizer: " + fallback + " does not exist";
  }
  std::map<std::string, at::Tensor> stateDict;
  if (!sevilaCheckpoint.empty()) stateDict = readSevilaStateDict(sevilaCheckpoint);

  std::shared_ptr<Blip2ModelImpl> network = Blip2ModelImpl::load(modelDir, flavour, device, dtype);
  const Blip2Config& c = network->config();
  if (device.is_cpu())
    fitBlasThreads(std::max({c.vision.hidden_size, c.qformer.hidden_size, c.text.d_model}));
  if (!sevilaCheckpoint.empty()) applySevilaStateDict(*network, stateDict, sevilaCheckpoint);
  auto model =
      std::make_shared<SevilaModel>(std::move(network), std::move(tokenizer), options, sevilaCheckpoint);
  model->m_tokenizerNote = note;
  return model;
}

SevilaModel::SevilaModel(std::shared_ptr<Blip2ModelImpl> network, std::optional<T5Tokenizer> tokenizer,
                         SevilaOptions options, std::string checkpoint)
    : m_network(std::move(network)),
      m_tokenizer(std::move(tokenizer)),
      m_options(options),
      m_checkpoint(std::move(checkpoint)) {
  if (!m_network) throw Error("SevilaModel", "no network given");
  if (!m_network->hasLocalizer()) m_network->attachLocalizer();  // zero-shot: a copy of the Answerer's bridge
  m_network->eval();
  if (m_options.passGraphs)
    m_passGraphs = std::make_shared<PassGraphs>(m_network->device().is_cuda() && PassGraphs::supported());
}

const T5Tokenizer& SevilaModel::tokenizer() const {
  if (!m_tokenizer)
    throw Error("tokenizer", m_tokenizerNote.empty() ? "no tokenizer was loaded" : m_tokenizerNote,
                "pass --tokenizer PATH/spiece.model, or put spiece.model in the model folder");
  return *m_tokenizer;
}

}  // namespace sevila::nn
