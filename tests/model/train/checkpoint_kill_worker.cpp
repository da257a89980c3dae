// The process test_checkpoint_kills kills: it saves training checkpoints into DIR as fast as it can,
// epoch after epoch from FIRST, and reports "saved N" once save N has returned. Before save N every
// query-token weight is set to N, so a checkpoint's weights say which save wrote them.
//   checkpoint_kill_worker DIR FIRST
#include <unistd.h>

#include <cstdio>
#include <string>

#include <torch/torch.h>

#include "core/error.h"
#include "nn/blip2_model.h"
#include "train/trainer.h"
#include "train/training_checkpoint.h"
#include "training_test_util.h"

namespace {

void say(const std::string& line) {
  const std::string text = line + "\n";
  if (::write(STDOUT_FILENO, text.data(), text.size()) != static_cast<ssize_t>(text.size())) std::_Exit(3);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: checkpoint_kill_worker DIR FIRST\n");
    return 2;
  }
  using namespace sevila;
  try {
    train::Trainer trainer(traintest::tinyModel(), train::TrainOptions{});
    train::TrainingState state;
    state.options = {{"worker", "checkpoint_kill_worker"}};
    say("ready");
    for (int epoch = std::stoi(argv[2]);; ++epoch) {
      {
        torch::NoGradGuard noGrad;
        for (auto& p : trainer.network().named_parameters(/*recurse=*/true))
          if (p.key().find("query_tokens") != std::string::npos) p.value().fill_(static_cast<double>(epoch));
      }
      state.epoch = state.epochsCompleted = epoch;
      state.step = epoch;
      state.history.push_back(train::StepRecord{epoch, epoch, 0, 1.0 / epoch, {0, 0}, 1e-5, 1, true});
      train::saveTrainingCheckpoint(argv[1], trainer, state, {{"epoch", epoch}});
      say("saved " + std::to_string(epoch));
    }
  } catch (const Error& e) {
    std::fprintf(stderr, "checkpoint_kill_worker: %s\n", e.what());
    return 1;
  }
}
