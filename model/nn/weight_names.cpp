#include "nn/weight_names.h"

#include <regex>
#include <utility>

namespace sevila::nn {
namespace {

bool startsWith(const std::string& s, const std::string& prefix) {
  return s.rfind(prefix, 0) == 0;
}

// Ordered (ours, LAVIS) prefix pairs for the parts that are a pure prefix rename. More specific
// prefixes come first.
const std::vector<std::pair<std::string, std::string>>& lavisPrefixes() {
  static const std::vector<std::pair<std::string, std::string>> table = {
      {"vision_model.embeddings.class_embedding", "visual_encoder.cls_token"},
      {"vision_model.embeddings.position_embedding", "visual_encoder.pos_embed"},
      {"vision_model.embeddings.patch_embedding.", "visual_encoder.patch_embed.proj."},
      {"vision_model.post_layernorm.", "ln_vision."},
      {"localizer.post_layernorm.", "ln_vision_loc."},
      {"query_tokens", "query_tokens"},
      {"localizer.query_tokens", "query_tokens_loc"},
      {"language_projection.", "t5_proj."},
      {"localizer.language_projection.", "t5_proj_loc."},
      {"language_model.", "t5_model."},
  };
  return table;
}

// EVA block sub-names: ours (HF) -> LAVIS.
const std::vector<std::pair<std::string, std::string>>& evaBlockNames() {
  static const std::vector<std::pair<std::string, std::string>> table = {
      {"layer_norm1.", "norm1."},
      {"layer_norm2.", "norm2."},
      {"self_attn.qkv.weight", "attn.qkv.weight"},
      {"self_attn.projection.", "attn.proj."},
      {"mlp.", "mlp."},
  };
  return table;
}

// Q-Former: ours `qformer.layernorm.` / `qformer.encoder.layer.N.<rest>` <-> LAVIS
// `Qformer.bert.embeddings.LayerNorm.` / `Qformer.bert.encoder.layer.N.<rest'>` where BERT's
// `attention.self.` / `crossattention.self.` are HF's `attention.attention.` / `crossattention.attention.`.
std::string qformerToLavis(const std::string& rest, const std::string& lavisRoot) {
  if (startsWith(rest, "layernorm.")) return lavisRoot + "embeddings.LayerNorm." + rest.substr(10);
  std::string out = rest;
  for (const auto& [ours, theirs] :
       {std::pair<std::string, std::string>{".attention.attention.", ".attention.self."},
        {".crossattention.attention.", ".crossattention.self."}}) {
    const auto at = out.find(ours);
    if (at != std::string::npos) out.replace(at, ours.size(), theirs);
  }
  return lavisRoot + out;
}

std::optional<std::string> qformerFromLavis(const std::string& rest, const std::string& ourRoot) {
  if (startsWith(rest, "embeddings.LayerNorm.")) return ourRoot + "layernorm." + rest.substr(21);
  if (!startsWith(rest, "encoder.layer.")) return std::nullopt;
  std::string out = rest;
  for (const auto& [theirs, ours] :
       {std::pair<std::string, std::string>{".attention.self.", ".attention.attention."},
        {".crossattention.self.", ".crossattention.attention."}}) {
    const auto at = out.find(theirs);
    if (at != std::string::npos) out.replace(at, theirs.size(), ours);
  }
  return ourRoot + out;
}

const std::regex& evaLayerPattern() {
  static const std::regex re(R"(vision_model\.encoder\.layers\.(\d+)\.(.*))");
  return re;
}

}  // namespace

std::string layoutName(CheckpointLayout layout) {
  return layout == CheckpointLayout::HuggingFace ? "Hugging Face" : "LAVIS/SeViLA";
}

std::optional<CheckpointKey> checkpointKey(const std::string& path, CheckpointLayout layout) {
  if (layout == CheckpointLayout::HuggingFace) {
    if (startsWith(path, "localizer.")) return std::nullopt;  // SeViLA-only parts
    return CheckpointKey{{path}};
  }
  std::smatch m;
  if (std::regex_match(path, m, evaLayerPattern())) {
    const std::string block = "visual_encoder.blocks." + m[1].str() + ".";
    const std::string rest = m[2].str();
    if (rest == "self_attn.qkv.bias")
      return CheckpointKey{{block + "attn.q_bias", block + "attn.v_bias"}, CheckpointKey::Assembly::QkvBias};
    for (const auto& [ours, theirs] : evaBlockNames())
      if (startsWith(rest, ours)) return CheckpointKey{{block + theirs + rest.substr(ours.size())}};
    return std::nullopt;
  }
  if (startsWith(path, "qformer.")) return CheckpointKey{{qformerToLavis(path.substr(8), "Qformer.bert.")}};
  if (startsWith(path, "localizer.qformer."))
    return CheckpointKey{{qformerToLavis(path.substr(18), "Qformer_loc.bert.")}};
  for (const auto& [ours, theirs] : lavisPrefixes()) {
    const bool exact = ours.back() != '.';
    if (exact ? path == ours : startsWith(path, ours))
      return CheckpointKey{{theirs + path.substr(ours.size())}};
  }
  return std::nullopt;
}

std::optional<std::string> aliasKey(const std::string& path, CheckpointLayout layout) {
  static const std::regex re(
      R"(language_model\.(encoder\.embed_tokens|decoder\.embed_tokens|lm_head)\.weight)");
  if (!std::regex_match(path, re)) return std::nullopt;
  return layout == CheckpointLayout::HuggingFace ? "language_model.shared.weight" : "t5_model.shared.weight";
}

bool isKnownUnused(const std::string& key, CheckpointLayout layout) {
  if (layout == CheckpointLayout::HuggingFace) {
    static const std::regex re(R"((qformer\.encoder\.layer\.\d+\.(intermediate|output)\..*)|)"
                               R"((language_model\.(encoder|decoder)\.embed_tokens\.weight))");
    return std::regex_match(key, re);
  }
  static const std::regex re(
      R"((Qformer(_loc)?\.bert\.encoder\.layer\.\d+\.(intermediate|output)\..*)|)"
      R"((Qformer(_loc)?\.bert\.embeddings\.(word_embeddings|position_embeddings|position_ids).*)|)"
      R"((Qformer(_loc)?\.cls\..*)|)"
      R"((t5_model\.(encoder|decoder)\.embed_tokens\.weight))");
  return std::regex_match(key, re);
}

std::optional<std::string> modulePathOf(const std::string& key, CheckpointLayout layout) {
  if (layout == CheckpointLayout::HuggingFace) {
    if (isKnownUnused(key, layout)) return std::nullopt;
    return key;
  }
  static const std::regex block(R"(visual_encoder\.blocks\.(\d+)\.(.*))");
  std::smatch m;
  if (std::regex_match(key, m, block)) {
    const std::string ours = "vision_model.encoder.layers." + m[1].str() + ".";
    const std::string rest = m[2].str();
    for (const auto& [o, theirs] : evaBlockNames())
      if (startsWith(rest, theirs)) return ours + o + rest.substr(theirs.size());
    return std::nullopt;  // attn.q_bias / attn.v_bias fill qkv.bias together
  }
  if (isKnownUnused(key, layout)) return std::nullopt;
  if (startsWith(key, "Qformer.bert.")) return qformerFromLavis(key.substr(13), "qformer.");
  if (startsWith(key, "Qformer_loc.bert.")) return qformerFromLavis(key.substr(17), "localizer.qformer.");
  for (const auto& [ours, theirs] : lavisPrefixes()) {
    const bool exact = theirs.back() != '.';
    if (exact ? key == theirs : startsWith(key, theirs)) return ours + key.substr(theirs.size());
  }
  return std::nullopt;
}

}  // namespace sevila::nn
