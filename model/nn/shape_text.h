// "[6, 3, 28, 28]": a tensor shape as messages print it.
#pragma once

#include <string>

#include <c10/util/ArrayRef.h>

namespace sevila::nn {

inline std::string shapeText(c10::IntArrayRef shape) {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i) s += (i ? ", " : "") + std::to_string(shape[i]);
  return s + "]";
}

}  // namespace sevila::nn
