// A child process that a kill-safety test starts and kills with SIGKILL: its stdout comes back through a
// pipe, so the test knows what the child had reported done before it died. Qt-free (POSIX).
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace killtest {

class KilledChild {
public:
  // Starts argv[0] (a path) with the arguments; stderr is inherited.
  explicit KilledChild(const std::vector<std::string>& argv) {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) return;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    if (posix_spawn(&m_pid, args[0], &actions, nullptr, args.data(), environ) != 0) m_pid = -1;
    posix_spawn_file_actions_destroy(&actions);
    ::close(fds[1]);
    m_out = fds[0];
  }
  ~KilledChild() {
    if (m_pid > 0 && !m_reaped) {
      ::kill(m_pid, SIGKILL);
      ::waitpid(m_pid, nullptr, 0);
    }
    if (m_out >= 0) ::close(m_out);
  }
  KilledChild(const KilledChild&) = delete;
  KilledChild& operator=(const KilledChild&) = delete;

  bool started() const { return m_pid > 0; }
  void signal(int number) { ::kill(m_pid, number); }
  pid_t pid() const { return m_pid; }

  // Reads stdout until it holds `line` + "\n" (true) or the child ends or `timeout` passes (false).
  bool waitFor(const std::string& line, std::chrono::milliseconds timeout = std::chrono::seconds(60)) {
    const auto end = std::chrono::steady_clock::now() + timeout;
    while (!hasLine(line)) {
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(end - std::chrono::steady_clock::now());
      if (left.count() <= 0 || !readSome(static_cast<int>(left.count()))) return false;
    }
    return true;
  }

  // Sleeps `delay`, kills with SIGKILL, reaps, and reads what the child had written. True when the kill
  // came before the child ended by itself.
  bool killAfter(std::chrono::microseconds delay) {
    std::this_thread::sleep_for(delay);
    const bool wasRunning = ::waitpid(m_pid, &m_status, WNOHANG) == 0;
    if (wasRunning) {
      ::kill(m_pid, SIGKILL);
      ::waitpid(m_pid, &m_status, 0);
    }
    m_reaped = true;
    while (readSome(0)) {
    }
    return wasRunning;
  }

  // Waits for the child to end by itself; true when it exited with status 0.
  bool finish() {
    while (readSome(-1)) {
    }
    ::waitpid(m_pid, &m_status, 0);
    m_reaped = true;
    return WIFEXITED(m_status) && WEXITSTATUS(m_status) == 0;
  }

  const std::string& output() const { return m_text; }
  std::vector<std::string> lines() const {
    std::vector<std::string> out;
    size_t start = 0;
    for (size_t nl; (nl = m_text.find('\n', start)) != std::string::npos; start = nl + 1)
      out.push_back(m_text.substr(start, nl - start));
    return out;
  }

private:
  bool hasLine(const std::string& line) const {
    return m_text.rfind(line + "\n", 0) == 0 || m_text.find("\n" + line + "\n") != std::string::npos;
  }
  // One read of whatever is there within timeoutMs (-1: wait); false at end of file or on timeout.
  bool readSome(int timeoutMs) {
    pollfd p{m_out, POLLIN, 0};
    if (::poll(&p, 1, timeoutMs) <= 0) return false;
    char buffer[4096];
    const ssize_t n = ::read(m_out, buffer, sizeof buffer);
    if (n <= 0) return false;
    m_text.append(buffer, static_cast<size_t>(n));
    return true;
  }

  pid_t m_pid = -1;
  int m_out = -1;
  int m_status = 0;
  bool m_reaped = false;
  std::string m_text;
};

}  // namespace killtest
