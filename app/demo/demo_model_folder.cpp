#include "demo_model_folder.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/atomic_file.h"
#include "core/error.h"
#include "nn/hugging_face_export.h"
#include "nn/pth_writer.h"
#include "nn/safetensors.h"
#include "nn/sevila_model.h"
#include "train/training_checkpoint.h"

namespace sevila::demo {
namespace fs = std::filesystem;

namespace {

std::string readBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(path, "cannot be read");
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace

void saveDemoModel(const nn::SevilaModel& model, const std::string& configPath,
                   const std::string& tokenizerPath, const std::string& directory,
                   const nlohmann::json& about) {
  std::error_code ec;
  fs::create_directories(directory, ec);
  if (ec) throw Error(directory, "cannot create the model folder: " + ec.message());
  const fs::path dir(directory);
  writeFileAtomically((dir / "config.json").string(), readBytes(configPath));
  writeFileAtomically((dir / "spiece.model").string(), readBytes(tokenizerPath));
  nn::saveSafetensors((dir / "model.safetensors").string(), nn::huggingFaceStateDict(model.network()),
                      {{"made_by", "sevila-demo-train"}});
  nn::writePth(
      (dir / "sevila.pth").string(),
      nn::PthValue::dict({{"model", nn::PthValue::stateDict(train::sevilaBridgeStateDict(model.network()))},
                          {"config", nn::PthValue::of(about.dump())},
                          {"epoch", nn::PthValue::of(int64_t(0))}}));
  writeFileAtomically((dir / "training.json").string(), about.dump(1) + "\n");
}

}  // namespace sevila::demo
