// SeViLA's settings in one place (the paper's and the reference code's defaults). The CLI, the studio
// and the tests all start from sevilaDefaults() and change what the user asks for.
#pragma once

#include <array>
#include <cstdint>

namespace sevila::nn {

// How the Localizer ranks frames: the reference ranks by the raw "yes" logit of the first decoder
// step; the paper describes the softmax probability. Ties go to the earlier frame either way.
enum class KeyframeRanking { YesLogit, YesProbability };

struct SevilaOptions {
  int frames = 32;    // n: frames sampled uniformly for the Localizer
  int keyframes = 4;  // k: keyframes handed to the Answerer
  KeyframeRanking ranking = KeyframeRanking::YesLogit;
  int64_t yesId = 4273;  // "▁yes" in T5's vocabulary
  int64_t noId = 150;    // "▁no"
  // "▁A" .. "▁E", the second token of the target "Option X"; cut to the number of options.
  std::array<int64_t, 5> letterIds{71, 272, 205, 309, 262};
  int maxTextTokens = 77;  // max_txt_len, hard-coded in the reference: prompts are cut to it
  // Frames per Localizer pass (T5 encoder + first decoder step). Rows are independent, so this changes
  // memory, not results. 0: automatic, all frames in one pass unless the weights are stored narrower
  // than the arithmetic (bf16 on a CPU, the memory-saving mode), where it is localizerRowsWhenNarrow.
  int localizerRows = 0;
  // Replay the Localizer's and the Answerer's passes from CUDA graphs (pass_graphs.h): prompts padded to
  // buckets, one graph per shape. Only a model on a CUDA device in a CUDA build replays; elsewhere the
  // same padded passes run eagerly (for tests). Off by default until measured.
  bool passGraphs = false;
};

// The automatic pass size of the memory-saving mode: with it (and the ViT's 8 frames per call) a
// 32-frame question peaks at 8.8 GB at real size, as fast as one pass (docs/benchmarks.md, "bf16 on
// the CPU").
inline constexpr int localizerRowsWhenNarrow = 16;

inline SevilaOptions sevilaDefaults() {
  return SevilaOptions{};
}

}  // namespace sevila::nn
