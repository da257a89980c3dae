#include "interrupt.h"

#include <csignal>
#include <cstdio>

namespace sevila::cli {
namespace {

engine::CancelToken* g_token = nullptr;
extern "C" void onInterrupt(int) {
  if (g_token) g_token->cancel();
}

}  // namespace

InterruptCancels::InterruptCancels(engine::CancelToken& token) {
  g_token = &token;
  std::signal(SIGINT, onInterrupt);
  std::signal(SIGTERM, onInterrupt);
}

InterruptCancels::~InterruptCancels() {
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
  g_token = nullptr;
}

std::string clockText(double seconds) {
  const long s = static_cast<long>(seconds + 0.5);
  char text[32];
  std::snprintf(text, sizeof text, "%ld:%02ld:%02ld", s / 3600, (s / 60) % 60, s % 60);
  return text;
}

}  // namespace sevila::cli
