// sevila: the headless client of SeViLA Studio's model core.
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include "command.h"
#include "error_message.h"
#include "core/error.h"
#include "core/freed_memory.h"
#include "sevila_version.h"

namespace {

void printHelp() {
  std::printf(
      "sevila %s: SeViLA video question answering from the command line\n\n"
      "Usage: sevila <command> [options]\n"
      "       sevila --version | --help\n\n"
      "Commands:\n",
      SEVILA_VERSION);
  for (const auto& c : sevila::cli::commands())
    std::printf("  %-10s %s\n", c.name.c_str(), c.summary.c_str());
  std::printf("\nRun 'sevila <command> --help' for a command's options.\n");
}

}  // namespace

int main(int argc, char** argv) {
  sevila::keepFreedMemoryForReuse();  // before the first large allocation
  std::vector<std::string> words(argv + 1, argv + argc);
  if (words.empty() || words[0] == "--help" || words[0] == "-h" || words[0] == "help") {
    printHelp();
    return words.empty() ? 2 : 0;
  }
  if (words[0] == "--version") {
    std::printf("sevila %s\n", SEVILA_VERSION);
    return 0;
  }
  for (const auto& c : sevila::cli::commands()) {
    if (c.name != words[0]) continue;
    try {
      return c.run(std::vector<std::string>(words.begin() + 1, words.end()));
    } catch (const sevila::Error& e) {
      std::fprintf(stderr, "%s\n", sevila::cli::errorMessage(c.name, e).c_str());
      return 1;
    } catch (const std::exception& e) {
      std::fprintf(stderr, "sevila %s: internal error: %s\n", c.name.c_str(), e.what());
      return 3;
    }
  }
  const std::string suggestion = sevila::cli::closestCommand(words[0]);
  if (!suggestion.empty())
    std::fprintf(stderr, "sevila: unknown command '%s'; did you mean '%s'? (see sevila --help)\n",
                 words[0].c_str(), suggestion.c_str());
  else
    std::fprintf(stderr, "sevila: unknown command '%s' (see sevila --help)\n", words[0].c_str());
  return 2;
}
