// Writes a trained demo model as a folder the ordinary loaders read (nn/sevila_model.h), each file
// atomically:
//   config.json        the BLIP-2 configuration it was built from
//   model.safetensors  the whole backbone in Hugging Face names (the trained ViT and T5 included)
//   sevila.pth         both roles' bridges, a SeViLA checkpoint (train/training_checkpoint.h's layout)
//   spiece.model       the T5 tokenizer it was trained with
//   training.json      how it was made and how well it does (`about`)
#pragma once

#include <string>

#include <nlohmann/json_fwd.hpp>

namespace sevila::nn {
class SevilaModel;
}

namespace sevila::demo {

void saveDemoModel(const nn::SevilaModel& model, const std::string& configPath,
                   const std::string& tokenizerPath, const std::string& directory,
                   const nlohmann::json& about);

}  // namespace sevila::demo
