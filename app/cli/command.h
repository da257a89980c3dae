// The subcommands of the `sevila` CLI, listed explicitly (a stable --help order); main() dispatches on the
// first word. Each is defined in its <name>_command.cpp.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace sevila::cli {

struct Command {
  std::string name;     // "model", "frames", ...
  std::string summary;  // one line for `sevila --help`
  // Receives the words after the command name; returns the process exit code.
  std::function<int(const std::vector<std::string>& args)> run;
};

// Every command of this build, in --help order (the video commands need SEVILA_WITH_MEDIA).
const std::vector<Command>& commands();

// The command whose name is nearest `word` (at most two edits away), for "did you mean …?"; empty if none.
std::string closestCommand(const std::string& word);

Command answerCommand();
Command runCommand();
Command metricsCommand();
Command compareCommand();
Command refineCommand();
Command finetuneCommand();
Command framesCommand();
Command modelCommand();
Command serveCommand();  // with SEVILA_WITH_SERVE (cpp-httplib)

}  // namespace sevila::cli
