#!/bin/sh
# `sevila model init`: a from-scratch BLIP-2 of a config.json, seeded, in the formats the loader reads.
# Usage: model_init.sh SEVILA DATA WORK [DEMO_CONFIG]
set -eu
SEVILA=$1 DATA=$2 WORK=$3 DEMO_CONFIG=${4:-}
fail() { echo "FAIL: $*"; exit 1; }
rm -rf "$WORK"; mkdir -p "$WORK"
CONFIG="$DATA/golden/tiny-a/config.json" TOKENIZER="$DATA/golden/tokenizer/tiny_t5.model"
"$SEVILA" model init --config "$CONFIG" --out "$WORK/a" --seed 3 --tokenizer "$TOKENIZER" | grep -q "wrote 129 tensors" \
  || fail "init"
"$SEVILA" model init --config "$CONFIG" --out "$WORK/b" --seed 3 --tokenizer "$TOKENIZER" > /dev/null
"$SEVILA" model init --config "$CONFIG" --out "$WORK/c" --seed 4 --tokenizer "$TOKENIZER" > /dev/null
cmp -s "$WORK/a/model.safetensors" "$WORK/b/model.safetensors" || fail "the same seed gave other weights"
cmp -s "$WORK/a/model.safetensors" "$WORK/c/model.safetensors" && fail "another seed gave the same weights"
cmp -s "$CONFIG" "$WORK/a/config.json" || fail "config.json not copied"
cmp -s "$TOKENIZER" "$WORK/a/spiece.model" || fail "spiece.model not copied"
# It loads with every weight present (no load warning) and answers.
"$SEVILA" model info --model "$WORK/a" > "$WORK/info.out" 2>&1 || fail "model info"
grep -q "total  *0.44 M" "$WORK/info.out" || fail "parameter count: $(cat "$WORK/info.out")"
"$SEVILA" answer "$DATA/media/Effet_force_magnetique.ogv" --question "what moves" --option a --option b \
  --frames 4 --keyframes 1 --json --model "$WORK/a" > "$WORK/answer.json" 2> "$WORK/answer.err" || fail "answer"
grep -qi warning "$WORK/answer.err" && fail "load warnings: $(cat "$WORK/answer.err")"
grep -q '"option_scores"' "$WORK/answer.json" || fail "no answer"
# A bad config is refused with its name.
echo '{"model_type": "blip-2", "vision_config": {"hidden_size": 0}}' > "$WORK/bad.json"
"$SEVILA" model init --config "$WORK/bad.json" --out "$WORK/bad" 2> "$WORK/bad.err" && fail "bad config accepted"
grep -q "bad.json" "$WORK/bad.err" || fail "the error does not name the file: $(cat "$WORK/bad.err")"
# The demo model's from-scratch configuration (resources/demo): 56x56 frames, small enough to train on a CPU.
if [ -n "$DEMO_CONFIG" ]; then
  "$SEVILA" model init --config "$DEMO_CONFIG" --out "$WORK/demo" --seed 1 --tokenizer "$TOKENIZER" > /dev/null \
    || fail "demo config"
  "$SEVILA" model info --model "$WORK/demo" | grep -q "total  *0.94 M" || fail "demo parameter count"
  "$SEVILA" answer "$DATA/media/Effet_force_magnetique.ogv" --question "what colour is the star" \
    --option red --option green --frames 8 --keyframes 4 --json --model "$WORK/demo" > /dev/null 2>&1 \
    || fail "the demo config does not answer"
fi
echo "model init: seeded, loadable, answers"
