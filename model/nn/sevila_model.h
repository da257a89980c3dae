// SeViLA's whole model (Figure 2): one BLIP-2 backbone whose frozen ViT and T5 serve both roles, the
// Answerer's bridge (the backbone's, replaced by a SeViLA checkpoint's), the Localizer's bridge, the T5
// tokenizer and the method's settings. Without a SeViLA checkpoint the Localizer is a copy of the
// backbone's bridge: zero-shot BLIP-2 in both roles, as the paper's zero-shot Localizer.
//
// Sharing: read-only after load(). Several threads may use one SevilaModel at once (localizer.h,
// answerer.h) as long as each runs under torch::NoGradGuard; training (localizer_loss.h) builds its own
// autograd graph per call and never writes the weights. No call keeps per-video state.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include <c10/core/Device.h>
#include <c10/core/ScalarType.h>

#include "nn/blip2_model.h"
#include "nn/config.h"
#include "nn/sevila_options.h"
#include "nn/t5_tokenizer.h"

namespace sevila::nn {

class PassGraphs;

class SevilaModel {
public:
  // modelDir: the BLIP-2 backbone (config.json + safetensors). sevilaCheckpoint: a SeViLA .pth, or ""
  // for zero-shot BLIP-2 roles. tokenizerPath: spiece.model; "" means modelDir/spiece.model, which may
  // then be absent (the text entry points report that clearly); an explicit path must load.
  // Throws sevila::Error naming the file and the reason; never returns a half-loaded model.
  static std::shared_ptr<const SevilaModel> load(const std::string& modelDir,
                                                 const std::string& sevilaCheckpoint = {},
                                                 const std::string& tokenizerPath = {},
                                                 Flavour flavour = Flavour::Lavis,
                                                 c10::Device device = c10::Device(c10::kCPU),
                                                 c10::ScalarType dtype = c10::kFloat,
                                                 const SevilaOptions& options = sevilaDefaults());

  // From parts (tests, benchmarks): attaches the zero-shot Localizer when the network has none.
  SevilaModel(std::shared_ptr<Blip2ModelImpl> network, std::optional<T5Tokenizer> tokenizer,
              SevilaOptions options = sevilaDefaults(), std::string checkpoint = {});

  // The network. Its forward functions are not const in LibTorch's API but change nothing.
  Blip2ModelImpl& network() const { return *m_network; }
  std::shared_ptr<Blip2ModelImpl> networkPtr() const { return m_network; }

  bool hasTokenizer() const { return m_tokenizer.has_value(); }
  // Throws sevila::Error when no tokenizer was loaded.
  const T5Tokenizer& tokenizer() const;

  const SevilaOptions& options() const { return m_options; }
  // The padded fixed-shape passes when options().passGraphs (replayed from CUDA graphs on a CUDA device),
  // else null.
  PassGraphs* passGraphs() const { return m_passGraphs.get(); }
  // The SeViLA checkpoint applied, "" for the zero-shot model.
  const std::string& checkpoint() const { return m_checkpoint; }
  bool zeroShot() const { return m_checkpoint.empty(); }

private:
  std::shared_ptr<Blip2ModelImpl> m_network;
  std::optional<T5Tokenizer> m_tokenizer;
  SevilaOptions m_options;
  std::string m_checkpoint;
  std::string m_tokenizerNote;  // why there is no tokenizer
  std::shared_ptr<PassGraphs> m_passGraphs;
};

}  // namespace sevila::nn
