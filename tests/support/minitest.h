// A small Qt-free test harness for the model core (model/nn must build and test with only LibTorch).
// Tests register with TEST(name); checks record failures and continue; REQUIRE stops the test;
// SKIP("why") skips it visibly. The executable exits 77 (CTest SKIP_RETURN_CODE) only when every
// test was skipped, 1 when any failed.
#pragma once

// Debian's LibTorch logs through glog, whose CHECK macros have our names: take glog in first, so that
// its include guard keeps it from redefining them after us, and replace them here.
#if __has_include(<glog/logging.h>)
#include <glog/logging.h>
#endif
#undef CHECK
#undef CHECK_EQ
#undef CHECK_NEAR

#include <cmath>
#include <cstdio>
#include <cstring>
#include <functional>
#include <sstream>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace minitest {

struct Case {
  const char* name;
  std::function<void()> body;
};

inline std::vector<Case>& registry() {
  static std::vector<Case> cases;
  return cases;
}

struct Registrar {
  Registrar(const char* name, std::function<void()> body) { registry().push_back({name, std::move(body)}); }
};

struct Abort {};
struct Skip {
  std::string why;
};

inline int& failures() {
  static int n = 0;
  return n;
}

inline void fail(const char* file, int line, const std::string& what) {
  ++failures();
  std::fprintf(stderr, "  FAIL %s:%d: %s\n", file, line, what.c_str());
}

template <typename T, typename = void>
struct Streamable : std::false_type {};
template <typename T>
struct Streamable<T, std::void_t<decltype(std::declval<std::ostream&>() << std::declval<const T&>())>>
    : std::true_type {};

template <typename T, typename = void>
struct HasSize : std::false_type {};
template <typename T>
struct HasSize<T, std::void_t<decltype(std::declval<const T&>().size())>> : std::true_type {};

// A value as text for failure messages; containers without operator<< print their size.
template <typename T>
std::string show(const T& value) {
  std::ostringstream s;
  if constexpr (Streamable<T>::value) {
    s << value;
  } else if constexpr (HasSize<T>::value) {
    s << "{" << value.size() << " elements}";
  } else {
    s << "(value)";
  }
  return s.str();
}

template <typename A, typename B>
std::string describe(const char* ea, const char* eb, const A& a, const B& b) {
  return std::string(ea) + " == " + eb + " (" + show(a) + " vs " + show(b) + ")";
}

// Runs the tests whose name contains the first argument (all without one).
inline int runAll(int argc, char** argv) {
  const char* filter = argc > 1 ? argv[1] : nullptr;
  int passed = 0, failed = 0, skipped = 0;
  for (const auto& c : registry()) {
    if (filter && !std::strstr(c.name, filter)) continue;
    const int before = failures();
    std::string skipWhy;
    try {
      c.body();
    } catch (const Abort&) {
    } catch (const Skip& s) {
      skipWhy = s.why;
    } catch (const std::exception& e) {
      fail(__FILE__, __LINE__, std::string("unexpected exception: ") + e.what());
    }
    if (failures() != before) {
      ++failed;
      std::printf("FAIL   : %s\n", c.name);
    } else if (!skipWhy.empty()) {
      ++skipped;
      std::printf("SKIP   : %s (%s)\n", c.name, skipWhy.c_str());
    } else {
      ++passed;
      std::printf("PASS   : %s\n", c.name);
    }
    std::fflush(stdout);
  }
  std::printf("Totals: %d passed, %d failed, %d skipped\n", passed, failed, skipped);
  if (failed) return 1;
  if (skipped && !passed) return 77;
  return 0;
}

}  // namespace minitest

#define MT_CONCAT2(a, b) a##b
#define MT_CONCAT(a, b) MT_CONCAT2(a, b)
#define TEST(name)                                                         \
  static void name();                                                      \
  static ::minitest::Registrar MT_CONCAT(minitestReg_, name)(#name, name); \
  static void name()

#define CHECK(cond) ((cond) ? (void)0 : ::minitest::fail(__FILE__, __LINE__, "CHECK(" #cond ")"))
#define REQUIRE(cond)                                             \
  do {                                                            \
    if (!(cond)) {                                                \
      ::minitest::fail(__FILE__, __LINE__, "REQUIRE(" #cond ")"); \
      throw ::minitest::Abort{};                                  \
    }                                                             \
  } while (0)
#define CHECK_EQ(a, b)                                                                               \
  do {                                                                                               \
    const auto mtA = (a); /* copies: the arguments may be temporaries */                             \
    const auto mtB = (b);                                                                            \
    if (!(mtA == mtB)) ::minitest::fail(__FILE__, __LINE__, ::minitest::describe(#a, #b, mtA, mtB)); \
  } while (0)
#define CHECK_NEAR(a, b, tol)                                                                \
  do {                                                                                       \
    const double mtA = (a), mtB = (b);                                                       \
    if (!(std::fabs(mtA - mtB) <= (tol))) {                                                  \
      std::ostringstream mtS;                                                                \
      mtS << #a << " ~= " << #b << " (" << mtA << " vs " << mtB << ", tol " << (tol) << ")"; \
      ::minitest::fail(__FILE__, __LINE__, mtS.str());                                       \
    }                                                                                        \
  } while (0)
// Expects `expr` to throw an exception whose what() contains `fragment`.
#define CHECK_THROWS_WITH(expr, fragment)                                                                \
  do {                                                                                                   \
    bool mtThrew = false;                                                                                \
    try {                                                                                                \
      (void)(expr);                                                                                      \
    } catch (const std::exception& mtE) {                                                                \
      mtThrew = true;                                                                                    \
      if (!std::strstr(mtE.what(), (fragment)))                                                          \
        ::minitest::fail(__FILE__, __LINE__,                                                             \
                         std::string("message of " #expr " lacks '") + (fragment) + "': " + mtE.what()); \
    }                                                                                                    \
    if (!mtThrew) ::minitest::fail(__FILE__, __LINE__, "expected " #expr " to throw");                   \
  } while (0)
#define SKIP(why)          \
  throw ::minitest::Skip { \
    why                    \
  }

#define MINITEST_MAIN                      \
  int main(int argc, char** argv) {        \
    return ::minitest::runAll(argc, argv); \
  }
