// Benchmark: memory while playing and seeking through a 2-hour 720p H.264 video, against a 1-minute one
// of the same stream, through media::PlaybackService (what the studio's player runs on). Both videos are
// made once in <build>/bench-long-video: one minute encoded with the ffmpeg CLI, then 120 copies of it
// joined without re-encoding. For each video it prints the resident memory after each phase (open and
// index, play at 1x, play at 8x, 300 random seeks each followed by 25 frames, backwards play, 200
// thumbnails) and the process's peak; bounded memory means the 2-hour peak is the 1-minute peak plus the
// index (a few bytes per frame).
// Usage: bench_long_video
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "media/playback_service.h"

using namespace sevila::media;
using Clock = std::chrono::steady_clock;

namespace {

// VmRSS and VmHWM from /proc/self/status, in MiB.
double statusMiB(const std::string& field) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(field + ":", 0) == 0) return std::atof(line.c_str() + field.size() + 1) / 1024.0;
  return -1;
}

bool run(const std::string& command) {
  return std::system(command.c_str()) == 0;
}

bool makeVideos(const std::string& dir) {
  const std::string minute = dir + "/720p_1min.mp4", twoHours = dir + "/720p_2h.mp4";
  if (std::filesystem::exists(twoHours)) return true;
  std::printf("generating %s and %s ...\n", minute.c_str(), twoHours.c_str());
  std::fflush(stdout);
  if (!run("ffmpeg -nostdin -v error -y -f lavfi -i testsrc2=size=1280x720:rate=25:duration=60 "
           "-c:v libx264 -preset veryfast -g 250 -pix_fmt yuv420p '" +
           minute + "'"))
    return false;
  std::ofstream list(dir + "/list.txt");
  for (int i = 0; i < 120; ++i) list << "file '" << minute << "'\n";
  list.close();
  return run("ffmpeg -nostdin -v error -y -f concat -safe 0 -i '" + dir + "/list.txt' -c copy '" + twoHours +
             ".tmp.mp4' && mv '" + twoHours + ".tmp.mp4' '" + twoHours + "'");
}

void phase(const char* what, Clock::time_point start) {
  std::printf("  %-44s RSS %7.1f MiB   (%.1f s)\n", what, statusMiB("VmRSS"),
              std::chrono::duration<double>(Clock::now() - start).count());
  std::fflush(stdout);
}

// Pulls frames while playing for `seconds` of wall time; returns how many were shown.
int play(PlaybackService& player, double rate, double seconds) {
  player.setRate(rate);
  player.play();
  int shown = 0;
  const auto end = Clock::now() + std::chrono::duration<double>(seconds);
  while (Clock::now() < end)
    if (player.waitFrame(std::chrono::milliseconds(100))) ++shown;
  player.pause();
  return shown;
}

void measure(const std::string& path) {
  std::printf("%s\n", path.c_str());
  const auto start = Clock::now();
  PlaybackOptions options;
  options.index.diskCache = false;  // the index pass is part of what is measured
  PlaybackService player(path, options);
  const int64_t frames = player.info().frameCount;
  phase(("opened, index of " + std::to_string(frames) + " frames").c_str(), start);
  const int atOne = play(player, 1.0, 5);
  phase(("played 5 s at 1x (" + std::to_string(atOne) + " frames)").c_str(), start);
  const int atEight = play(player, 8.0, 5);
  phase(("played 5 s at 8x (" + std::to_string(atEight) + " frames)").c_str(), start);
  std::mt19937 random(2);
  std::uniform_int_distribution<int64_t> anywhere(0, frames - 1);
  int exact = 0;
  for (int i = 0; i < 300; ++i) {
    const int64_t target = anywhere(random);
    player.seekToFrame(target);
    if (auto shown = player.waitFrame(std::chrono::seconds(10)); shown && player.position().frame == target)
      ++exact;
    for (int s = 0; s < 25; ++s) player.stepForward();
  }
  phase(("300 seeks (" + std::to_string(exact) + " exact) + 25 steps each").c_str(), start);
  player.seekToFrame(frames / 2);
  const int backwards = play(player, -4.0, 5);
  phase(("played 5 s backwards at 4x (" + std::to_string(backwards) + " frames)").c_str(), start);
  std::vector<int64_t> some;
  for (int i = 0; i < 200; ++i) some.push_back(anywhere(random));
  player.thumbnails(some, 160, 90);
  phase("200 thumbnails", start);
}

}  // namespace

int main(int argc, char** argv) {
  const std::string dir = std::string(SEVILA_BINARY_DIR) + "/bench-long-video";
  std::filesystem::create_directories(dir);
  if (!makeVideos(dir)) {
    std::fprintf(stderr, "cannot generate the videos (is the ffmpeg CLI with libx264 installed?)\n");
    return 1;
  }
  // One video per process, so that each peak is its own: the bench runs itself for each.
  if (argc == 2) {
    measure(argv[1]);
    std::printf("  peak resident memory (VmHWM)                %7.1f MiB\n", statusMiB("VmHWM"));
    return 0;
  }
  for (const char* name : {"720p_1min.mp4", "720p_2h.mp4"})
    if (!run("'" + std::string(argv[0]) + "' '" + dir + "/" + name + "'")) return 1;
  return 0;
}
