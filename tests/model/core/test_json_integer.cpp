// jsonInteger: JSON integers inside the type's range, nothing else (a float such as 1e30 must not reach
// nlohmann's unchecked cast; found by fuzzing, docs/reliability.md).
#include <cstdint>

#include "core/json_integer.h"
#include "minitest.h"

using nlohmann::json;
using sevila::jsonInteger;

TEST(integersInRange) {
  CHECK_EQ(*jsonInteger<int>(json(42)), 42);
  CHECK_EQ(*jsonInteger<int>(json(-7)), -7);
  CHECK_EQ(*jsonInteger<int64_t>(json::parse("9223372036854775807")), INT64_MAX);
  CHECK_EQ(*jsonInteger<int>(json(2147483647)), 2147483647);
}

TEST(refusesFloatsOtherTypesAndOverflow) {
  CHECK(!jsonInteger<int>(json(2.0)));
  CHECK(!jsonInteger<int64_t>(json::parse("1.11111e32")));
  CHECK(!jsonInteger<int>(json("3")));
  CHECK(!jsonInteger<int>(json(nullptr)));
  CHECK(!jsonInteger<int>(json(int64_t{2147483648})));
  CHECK(!jsonInteger<int>(json(int64_t{-2147483649})));
  CHECK(!jsonInteger<int64_t>(json::parse("18446744073709551615")));  // unsigned, past int64_t
}

MINITEST_MAIN
