// A network's backbone as a Hugging Face Blip2ForConditionalGeneration state dict: every parameter under
// its Hugging Face name (weight_names.h), the Localizer's bridge excepted (Hugging Face has no name for
// it; a SeViLA .pth carries it). What `sevila model init` and a model trained from scratch save as
// model.safetensors, so that the ordinary loader reads them back.
#pragma once

#include <map>
#include <string>

#include <ATen/core/Tensor.h>

namespace sevila::nn {

class Blip2ModelImpl;

// CPU float32 contiguous copies. Throws sevila::Error for a parameter without a single name (a bug).
std::map<std::string, at::Tensor> huggingFaceStateDict(Blip2ModelImpl& network);

}  // namespace sevila::nn
