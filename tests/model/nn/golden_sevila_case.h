// A golden case loaded as a SeViLA model (backbone + sevila.pth + the tiny tokenizer), with its inputs,
// the reference's outputs and its ViT output: the one fixture of the SeViLA parity, Localizer and
// Answerer tests. On any device and precision (the parity runs on CUDA and in bf16 too).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <torch/torch.h>

#include "nn/safetensors.h"
#include "nn/sevila_model.h"

struct GoldenSevilaCase {
  std::string dir;
  std::string tokenizer = std::string(SEVILA_TEST_DATA) + "/golden/tokenizer/tiny_t5.model";
  std::shared_ptr<const sevila::nn::SevilaModel> model;
  std::map<std::string, at::Tensor> inputs;
  std::map<std::string, at::Tensor> outputs;  // the reference's, at every stage
  at::Tensor image;                           // the ViT output of the case's frames (T, N, W)

  explicit GoldenSevilaCase(const std::string& name, c10::Device device = c10::Device(c10::kCPU),
                            c10::ScalarType dtype = c10::kFloat)
      : dir(std::string(SEVILA_TEST_DATA) + "/golden/" + name) {
    model = sevila::nn::SevilaModel::load(dir, dir + "/sevila.pth", tokenizer, sevila::nn::Flavour::Lavis,
                                          device, dtype);
    inputs = sevila::nn::loadSafetensors(dir + "/inputs.safetensors");
    outputs = sevila::nn::loadSafetensors(dir + "/outputs.safetensors");
    torch::NoGradGuard noGrad;
    image = model->network().encodeFrames(inputs.at("pixel_values"));
  }

  std::vector<int64_t> ids(const std::string& name) const {
    const auto t = inputs.at(name).contiguous();
    return std::vector<int64_t>(t.data_ptr<int64_t>(), t.data_ptr<int64_t>() + t.numel());
  }
};
