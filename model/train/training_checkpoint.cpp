#include "train/training_checkpoint.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <torch/torch.h>

#include "nn/blip2_model.h"
#include "core/atomic_file.h"
#include "core/error.h"
#include "nn/pth_writer.h"
#include "nn/sevila_checkpoint.h"
#include "nn/sevila_model.h"
#include "core/sha256.h"
#include "nn/weight_names.h"

namespace sevila::train {
namespace fs = std::filesystem;
namespace {

constexpr const char* kStateJson = "training_state.json";
constexpr const char* kStatePt = "training_state.pt";
// Where a save writes the two binary files before training_state.json names them (the commit point).
constexpr const char* kPending = ".pending";

// Moves the files of a committed save from .pending into place, and drops those of a save that was
// killed before its commit: afterwards the folder holds one consistent checkpoint. Best effort (a
// read-only folder stays as it is, and readTrainingState then reports the mismatch).
void settlePendingSave(const fs::path& directory) {
  const fs::path pending = directory / kPending;
  std::error_code ec;
  if (!fs::is_directory(pending, ec)) return;
  nlohmann::json committed;
  try {
    std::ifstream in(directory / kStateJson);
    if (in) committed = nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception&) {
  }
  const std::pair<const char*, const char*> files[] = {{"checkpoint_last.pth", "checkpoint_sha256"},
                                                       {kStatePt, "state_sha256"}};
  for (const auto& [name, hashKey] : files) {
    const fs::path staged = pending / name;
    if (!fs::exists(staged, ec)) continue;
    const auto hash = committed.is_object() ? committed.find(hashKey) : committed.end();
    if (committed.is_object() && hash != committed.end() && hash->is_string() &&
        hash->get<std::string>() == sha256File(staged.string()))
      fs::rename(staged, directory / name, ec);
    else
      fs::remove(staged, ec);
  }
  fs::remove_all(pending, ec);
}

StepRecord stepRecordFrom(const nlohmann::json& j) {
  StepRecord r;
  r.step = j.at("step").get<int64_t>();
  r.epoch = j.at("epoch").get<int>();
  r.iteration = j.at("iteration").get<int64_t>();
  r.loss = j.at("loss").get<double>();
  r.lr = j.at("lr").get<double>();
  r.samples = j.at("samples").get<int64_t>();
  r.optimizerStep = j.value("optimizer_step", true);
  return r;
}

}  // namespace

std::string checkpointPath(const std::string& directory) {
  return (fs::path(directory) / "checkpoint_last.pth").string();
}

nlohmann::json stepRecordJson(const StepRecord& r) {
  return {{"step", r.step}, {"epoch", r.epoch},     {"iteration", r.iteration},         {"loss", r.loss},
          {"lr", r.lr},     {"samples", r.samples}, {"optimizer_step", r.optimizerStep}};
}

std::map<std::string, at::Tensor> sevilaBridgeStateDict(nn::Blip2ModelImpl& network) {
  std::map<std::string, at::Tensor> out;
  for (const auto& item : network.named_parameters(/*recurse=*/true)) {
    const std::string& path = item.key();
    const bool bridge = path == "query_tokens" || path.rfind("qformer.", 0) == 0 ||
                        path.rfind("language_projection.", 0) == 0 ||
                        path.rfind("vision_model.post_layernorm.", 0) == 0 ||
                        path.rfind("localizer.", 0) == 0;
    if (!bridge) continue;
    const auto key = nn::checkpointKey(path, nn::CheckpointLayout::Lavis);
    if (!key || key->keys.size() != 1) throw Error("checkpoint", "no single LAVIS name for " + path);
    out[key->keys.front()] = item.value().detach().to(at::kCPU, at::kFloat).contiguous();
  }
  return out;
}

void saveTrainingCheckpoint(const std::string& directory, const Trainer& trainer, const TrainingState& state,
                            const nlohmann::json& config) {
  // The two binary files go to .pending first; training_state.json, written atomically with their
  // hashes, commits the save; then they move into place. A kill at any moment leaves either the previous
  // checkpoint or this one, whole (settlePendingSave finishes or drops an interrupted save).
  std::error_code ec;
  settlePendingSave(directory);
  fs::create_directories(fs::path(directory) / kPending, ec);
  if (ec) throw Error(directory, "cannot create the output folder: " + ec.message());
  const std::string pth = (fs::path(directory) / kPending / "checkpoint_last.pth").string();
  const std::string statePt = (fs::path(directory) / kPending / kStatePt).string();
  nn::PthValue root =
      nn::PthValue::dict({{"model", nn::PthValue::stateDict(sevilaBridgeStateDict(trainer.network()))},
                          // JSON text: torch 1.13's weights_only loader refuses floats
                          {"config", nn::PthValue::of(config.dump())},
                          {"epoch", nn::PthValue::of(int64_t(state.epochsCompleted))}});
  nn::writePth(pth, root);
  trainer.saveState(statePt);
  nlohmann::json j;
  j["schema"] = "sevila-training-state/1";
  j["epoch"] = state.epoch;
  j["iteration"] = state.iteration;
  j["step"] = state.step;
  j["epochs_completed"] = state.epochsCompleted;
  j["checkpoint"] = "checkpoint_last.pth";
  j["checkpoint_sha256"] = sha256File(pth);
  j["state_sha256"] = sha256File(statePt);
  j["options"] = state.options;
  j["history"] = nlohmann::json::array();
  for (const auto& r : state.history) j["history"].push_back(stepRecordJson(r));
  writeFileAtomically((fs::path(directory) / kStateJson).string(), j.dump(1) + "\n");
  settlePendingSave(directory);
}

std::optional<TrainingState> readTrainingState(const std::string& directory) {
  settlePendingSave(directory);
  const std::string path = (fs::path(directory) / kStateJson).string();
  if (!fs::exists(path)) return std::nullopt;
  std::ifstream in(path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  TrainingState s;
  try {
    const auto j = nlohmann::json::parse(buffer.str());
    if (j.value("schema", "") != "sevila-training-state/1") throw Error(path, "not a SeViLA training state");
    s.epoch = j.at("epoch").get<int>();
    s.iteration = j.at("iteration").get<int64_t>();
    s.step = j.at("step").get<int64_t>();
    s.epochsCompleted = j.at("epochs_completed").get<int>();
    s.checkpointSha256 = j.at("checkpoint_sha256").get<std::string>();
    s.stateSha256 = j.at("state_sha256").get<std::string>();
    s.options = j.at("options");
    for (const auto& r : j.at("history")) s.history.push_back(stepRecordFrom(r));
  } catch (const nlohmann::json::exception& e) {
    throw Error(path, std::string("damaged training state: ") + e.what(), "start again without --resume");
  }
  const std::string pth = checkpointPath(directory);
  const std::string statePt = (fs::path(directory) / kStatePt).string();
  if (!fs::exists(pth) || sha256File(pth) != s.checkpointSha256)
    throw Error(pth, "does not match " + path + " (missing or changed since it was saved)",
                "start again without --resume");
  if (!fs::exists(statePt) || sha256File(statePt) != s.stateSha256)
    throw Error(statePt, "does not match " + path + " (missing or changed since it was saved)",
                "start again without --resume");
  return s;
}

void restoreTrainer(const std::string& directory, Trainer& trainer) {
  // In place: the optimizer holds these very tensors.
  const std::string pth = checkpointPath(directory);
  const auto stored = nn::readSevilaStateDict(pth);
  torch::NoGradGuard noGrad;
  const auto current = sevilaBridgeStateDict(trainer.network());
  for (auto& item : trainer.network().named_parameters(/*recurse=*/true)) {
    const auto key = nn::checkpointKey(item.key(), nn::CheckpointLayout::Lavis);
    if (!key || key->keys.size() != 1 || !current.count(key->keys.front())) continue;
    const auto it = stored.find(key->keys.front());
    if (it == stored.end()) throw Error(pth, "has no " + key->keys.front(), "start again without --resume");
    if (it->second.sizes() != item.value().sizes())
      throw Error(pth, key->keys.front() + " has another shape than the model's",
                  "start again without --resume");
    item.value().copy_(it->second.to(item.value().device(), item.value().scalar_type()));
  }
  trainer.loadState((fs::path(directory) / kStatePt).string());
}

}  // namespace sevila::train
