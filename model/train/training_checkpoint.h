// What a training run leaves in its output folder, saved as one unit: a kill at any moment of a save
// leaves the previous checkpoint or the new one, whole (the binary files are staged in .pending/ and
// training_state.json, written atomically, commits them; the next save or read finishes or drops a save
// that was cut off):
//  - checkpoint_last.pth: a SeViLA checkpoint the reference (and `--sevila`) loads: torch.save's zip +
//    pickle of {"model": both roles' bridges in LAVIS names (Qformer(_loc).bert.*, query_tokens(_loc),
//    t5_proj(_loc).*, ln_vision(_loc).*), "config": the run's settings and provenance as JSON text (torch
//    1.13's weights_only loader refuses pickled floats), "epoch": n}.
//    Like sevila_pretrained.pth it holds the trainable parts only (no ViT, no T5), so it loads alone on
//    top of the BLIP-2 backbone.
//  - training_state.pt: the optimizer's moments and torch's generator (LibTorch archive), for --resume.
//  - training_state.json: where the run stands (epoch, iteration, step), the loss and learning-rate
//    history, and the SHA-256 of the two files above. Written last: it is what --resume trusts.
//    readTrainingState first settles an interrupted save, so it may move or remove files in .pending/.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <ATen/core/Tensor.h>
#include <nlohmann/json.hpp>

#include "train/trainer.h"

namespace sevila::nn {
class Blip2ModelImpl;
}

namespace sevila::train {

struct TrainingState {
  int epoch = 0;          // the epoch to run next
  int64_t iteration = 0;  // the iteration of that epoch to run next (0 after a completed epoch)
  int64_t step = 0;       // iterations done over all epochs
  int epochsCompleted = 0;
  std::vector<StepRecord> history;
  std::string checkpointSha256;
  std::string stateSha256;
  nlohmann::json options;  // the settings a resumed run must share
};

// Both bridges of `network` as a LAVIS state dict (CPU fp32 copies).
std::map<std::string, at::Tensor> sevilaBridgeStateDict(nn::Blip2ModelImpl& network);

// Writes the three files into `directory` (created when missing). Call on rank 0 only.
void saveTrainingCheckpoint(const std::string& directory, const Trainer& trainer, const TrainingState& state,
                            const nlohmann::json& config);

// The state of an earlier run in `directory`, or nullopt when it has none. Throws sevila::Error for a
// damaged or inconsistent folder (hash mismatch, unreadable JSON), naming the file.
std::optional<TrainingState> readTrainingState(const std::string& directory);

// Loads checkpoint_last.pth into the trainer's model and training_state.pt into its optimizer.
void restoreTrainer(const std::string& directory, Trainer& trainer);

std::string checkpointPath(const std::string& directory);  // <dir>/checkpoint_last.pth

nlohmann::json stepRecordJson(const StepRecord& record);

}  // namespace sevila::train
