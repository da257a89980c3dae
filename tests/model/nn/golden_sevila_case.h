// A golden case loaded as a SeViLA model (backbone + sevila.pth + the tiny tokenizer), with its ViT
// output and input ids, shared by the Localizer and Answerer tests. Loaded once per process.
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
  at::Tensor image;  // the ViT output of the case's frames (T, N, W)

  explicit GoldenSevilaCase(const std::string& name) : dir(std::string(SEVILA_TEST_DATA) + "/golden/" + name) {
    model = sevila::nn::SevilaModel::load(dir, dir + "/sevila.pth", tokenizer);
    inputs = sevila::nn::loadSafetensors(dir + "/inputs.safetensors");
    torch::NoGradGuard noGrad;
    image = model->network().encodeFrames(inputs.at("pixel_values"));
  }

  std::vector<int64_t> ids(const std::string& name) const {
    const auto t = inputs.at(name).contiguous();
    return std::vector<int64_t>(t.data_ptr<int64_t>(), t.data_ptr<int64_t>() + t.numel());
  }
};
