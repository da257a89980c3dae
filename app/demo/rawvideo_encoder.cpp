#include "rawvideo_encoder.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <vector>

#include "core/error.h"
#include "core/file_paths.h"

extern char** environ;

namespace sevila::demo {
namespace {

// The last lines of ffmpeg's log, for an error message.
std::string logTail(const std::string& path) {
  std::ifstream in(path);
  std::string line, tail;
  std::vector<std::string> lines;
  while (std::getline(in, line))
    if (!line.empty()) lines.push_back(line);
  for (size_t i = lines.size() > 3 ? lines.size() - 3 : 0; i < lines.size(); ++i)
    tail += (tail.empty() ? "" : " | ") + lines[i];
  return tail.empty() ? "no message" : tail;
}

}  // namespace

RawVideoEncoder::RawVideoEncoder(const EncoderSettings& settings, std::string path)
    : m_settings(settings),
      m_path(std::move(path)),
      m_partPath(m_path + ".part"),
      m_logPath(m_path + ".log") {
  int fds[2];
  // Close-on-exec: an encoder started by another thread must not inherit our write end, or its ffmpeg
  // would keep our pipe open and ours would never see the end of its input.
  if (::pipe2(fds, O_CLOEXEC) != 0) throw Error(m_path, "cannot create a pipe: " + errnoText());
  UniqueFd readEnd(fds[0]);
  m_pipe = UniqueFd(fds[1]);

  const std::string size = std::to_string(settings.width) + "x" + std::to_string(settings.height);
  const std::vector<std::string> args = {settings.ffmpeg,
                                         "-nostdin",
                                         "-hide_banner",
                                         "-loglevel",
                                         "error",
                                         "-y",
                                         "-f",
                                         "rawvideo",
                                         "-pix_fmt",
                                         "rgb24",
                                         "-s",
                                         size,
                                         "-r",
                                         std::to_string(settings.fps),
                                         "-i",
                                         "-",
                                         "-an",
                                         "-c:v",
                                         "libx264",
                                         "-preset",
                                         "veryfast",
                                         "-crf",
                                         std::to_string(settings.crf),
                                         "-threads",
                                         "1",
                                         "-pix_fmt",
                                         "yuv420p",
                                         "-fflags",
                                         "+bitexact",
                                         "-flags:v",
                                         "+bitexact",
                                         "-map_metadata",
                                         "-1",
                                         "-f",
                                         "mp4",
                                         m_partPath};
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, readEnd.get(), STDIN_FILENO);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, m_logPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0644);
  const int rc = ::posix_spawnp(&m_child, settings.ffmpeg.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    m_child = -1;
    m_pipe.reset();
    ::unlink(m_logPath.c_str());
    throw Error(settings.ffmpeg, std::string("cannot start the ffmpeg CLI: ") + std::strerror(rc),
                "install ffmpeg (apt-get install ffmpeg) or pass its path with --ffmpeg");
  }
}

RawVideoEncoder::~RawVideoEncoder() {
  if (m_child <= 0) return;
  m_pipe.reset();
  ::kill(m_child, SIGKILL);
  reap();
  ::unlink(m_partPath.c_str());
  ::unlink(m_logPath.c_str());
}

int RawVideoEncoder::reap() {
  int status = 0;
  pid_t r;
  do {
    r = ::waitpid(m_child, &status, 0);
  } while (r < 0 && errno == EINTR);
  m_child = -1;
  return r > 0 && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

void RawVideoEncoder::fail(const std::string& reason) {
  m_pipe.reset();
  if (m_child > 0) reap();
  const std::string tail = logTail(m_logPath);
  ::unlink(m_partPath.c_str());
  ::unlink(m_logPath.c_str());
  throw Error(
      m_path, reason + " (ffmpeg: " + tail + ")",
      "check that " + m_settings.ffmpeg + " has libx264 (ffmpeg -encoders) and the folder is writable");
}

void RawVideoEncoder::write(const uint8_t* rgb) {
  const size_t bytes = static_cast<size_t>(m_settings.width) * m_settings.height * 3;
  size_t done = 0;
  while (done < bytes) {
    const ssize_t n = ::write(m_pipe.get(), rgb + done, bytes - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) fail("ffmpeg stopped reading after " + std::to_string(m_frames) + " frames");
    done += static_cast<size_t>(n);
  }
  ++m_frames;
}

void RawVideoEncoder::finish() {
  if (m_pipe.close() != 0) fail("closing ffmpeg's input failed: " + errnoText());
  const int status = reap();
  if (status != 0) fail("ffmpeg failed (exit status " + std::to_string(status) + ")");
  if (std::rename(m_partPath.c_str(), m_path.c_str()) != 0) {
    const std::string why = errnoText();
    ::unlink(m_partPath.c_str());
    throw Error(m_path, "cannot move the finished video into place: " + why);
  }
  ::unlink(m_logPath.c_str());
}

}  // namespace sevila::demo
