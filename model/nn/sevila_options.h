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
};

inline SevilaOptions sevilaDefaults() {
  return SevilaOptions{};
}

}  // namespace sevila::nn
