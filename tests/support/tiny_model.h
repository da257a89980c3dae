// The tiny golden model (random weights, real file formats) with the tiny tokenizer, loaded once per
// test process: what the engine, training and CLI tests run the chain with.
#pragma once

#include <memory>
#include <string>

#include "nn/sevila_model.h"

namespace testmodel {

inline std::shared_ptr<const sevila::nn::SevilaModel> tinyModel() {
  static const std::string data = SEVILA_TEST_DATA;
  static auto model = sevila::nn::SevilaModel::load(
      data + "/golden/tiny-a", data + "/golden/tiny-a/sevila.pth", data + "/golden/tokenizer/tiny_t5.model");
  return model;
}

}  // namespace testmodel
