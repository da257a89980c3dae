// The tiny sizes the benchmarks run by default (tiny-b-like): ViT 48 wide x 3 on 56x56 frames, Q-Former
// 32 x 3 with 4 queries, T5 d_model 32 with 3 + 2 layers and SeViLA's real token ids.
#pragma once

#include "nn/config.h"

inline sevila::nn::Blip2Config tinyBenchConfig() {
  sevila::nn::Blip2Config c = sevila::nn::flanT5XlConfig();
  c.vision.hidden_size = 48;
  c.vision.intermediate_size = 209;
  c.vision.num_hidden_layers = 3;
  c.vision.num_attention_heads = 4;
  c.vision.image_size = 56;
  c.qformer.hidden_size = 32;
  c.qformer.num_hidden_layers = 3;
  c.qformer.num_attention_heads = 4;
  c.qformer.intermediate_size = 64;
  c.qformer.encoder_hidden_size = 48;
  c.num_query_tokens = 4;
  c.text.vocab_size = 4352;
  c.text.d_model = 32;
  c.text.d_kv = 8;
  c.text.d_ff = 64;
  c.text.num_layers = 3;
  c.text.num_decoder_layers = 2;
  c.text.num_heads = 4;
  return c;
}
