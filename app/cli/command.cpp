#include "command.h"

namespace sevila::cli {

const std::vector<Command>& commands() {
  static const std::vector<Command> all = {
#ifdef SEVILA_WITH_MEDIA
      answerCommand(), runCommand(), metricsCommand(), refineCommand(), finetuneCommand(), framesCommand(),
#endif
      modelCommand(),
  };
  return all;
}

}  // namespace sevila::cli
