// A JSON value as an integer of type I, only when it is a JSON integer inside I's range. nlohmann's
// get<int>() converts a float such as 1e30 with a plain cast, which is undefined behaviour when it does
// not fit (found by fuzzing): readers of outside JSON use this instead.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>

#include <nlohmann/json.hpp>

namespace sevila {

template <typename I>
std::optional<I> jsonInteger(const nlohmann::json& v) {
  static_assert(std::numeric_limits<I>::is_integer && std::numeric_limits<I>::is_signed);
  if (v.is_number_unsigned()) {
    const uint64_t u = v.get<uint64_t>();
    if (u > static_cast<uint64_t>(std::numeric_limits<I>::max())) return std::nullopt;
    return static_cast<I>(u);
  }
  if (!v.is_number_integer()) return std::nullopt;
  const int64_t x = v.get<int64_t>();
  if (x < static_cast<int64_t>(std::numeric_limits<I>::min()) ||
      x > static_cast<int64_t>(std::numeric_limits<I>::max()))
    return std::nullopt;
  return static_cast<I>(x);
}

}  // namespace sevila
