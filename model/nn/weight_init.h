// Weights as a from-scratch training wants them (`sevila model init`, the demo model): ones for norms'
// scales, zeros for biases, and for matrices and embeddings either
//  - Normal002: normal(0, 0.02), BLIP-2's and T5's usual scale, made for widths of 768 and more; or
//  - FanIn: normal(0, 1/sqrt(fan-in)) for matrices (embeddings, query tokens and position tables keep
//    0.02), which a narrow model needs: at width 64, 0.02 shrinks every layer's output about sixfold,
//    and a demo model initialised so did not learn to look at its frames in 600 steps (docs/training.md);
//    T5's attention queries a further 1/sqrt(d_kv), as T5 folds its attention scale into them.
// LibTorch's defaults differ per module, hence one rule for all. Seeds torch's global generator with `seed`.
#pragma once

#include <cstdint>

namespace torch::nn {
class Module;
}

namespace sevila::nn {

enum class WeightInit { Normal002, FanIn };

void initialiseWeights(torch::nn::Module& module, uint64_t seed, WeightInit scheme = WeightInit::Normal002);

}  // namespace sevila::nn
