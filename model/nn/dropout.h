// Dropout as the reference trains: active only while a module is in training mode (docs/method.md §8.1: the
// Q-Former's and the frozen T5's dropout both stay on during SeViLA's training), an identity otherwise,
// so inference and the parity tests never see it.
#pragma once

#include <ATen/ATen.h>

namespace sevila::nn {

inline at::Tensor trainingDropout(const at::Tensor& x, double p, bool training) {
  return (training && p > 0.0) ? at::dropout(x, p, /*train=*/true) : x;
}

}  // namespace sevila::nn
