#include "nn/activation.h"

#include <ATen/ATen.h>

namespace sevila::nn {

at::Tensor activate(const at::Tensor& x, Activation activation) {
  switch (activation) {
    case Activation::GeluExact:
      return at::gelu(x);
    case Activation::GeluTanh:
      return at::gelu(x, "tanh");  // 0.5x(1 + tanh(√(2/π)(x + 0.044715x³)))
    case Activation::Relu:
      return at::relu(x);
  }
  return x;
}

const char* activationName(Activation activation) {
  switch (activation) {
    case Activation::GeluExact:
      return "gelu";
    case Activation::GeluTanh:
      return "gelu_new";
    case Activation::Relu:
      return "relu";
  }
  return "?";
}

}  // namespace sevila::nn
