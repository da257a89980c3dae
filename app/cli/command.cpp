#include "command.h"

namespace sevila::cli {

std::vector<Command>& commands() {
  static std::vector<Command> all;
  return all;
}

CommandRegistrar::CommandRegistrar(Command command) { commands().push_back(std::move(command)); }

}  // namespace sevila::cli
