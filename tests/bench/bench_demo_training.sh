#!/bin/sh
# Times the demo model's recipe (resources/demo/model/README.md) from nothing: generate the training and
# validation videos, train from scratch, evaluate on the held-out validation split. Fails when training
# takes more than 20 minutes or the model misses the bars of the demo (top-4 hit rate >= 80 %, Answerer
# from the right frames >= 90 %).
# Usage: bench_demo_training.sh SEVILA_DEMO_DATA SEVILA_DEMO_TRAIN SOURCE_DIR WORK_DIR
set -eu
data_bin=$1 train_bin=$2 src=$3 work=$4
rm -rf "$work"
mkdir -p "$work"

now() { date +%s.%N; }
t0=$(now)
"$data_bin" --out "$work/shapes" --videos 1500 --seed 1 >"$work/generate.log" 2>&1
"$data_bin" --out "$work/shapes" --videos 200 --seed 2 --split-name val --first-id 100001 \
  >>"$work/generate.log" 2>&1
t1=$(now)
"$train_bin" --data "$work/shapes" --config "$src/resources/demo/demo-model-config.json" \
  --tokenizer "$src/tests/data/golden/tokenizer/tiny_t5.model" --out "$work/model" \
  --eval-every 0 >"$work/train.log" 2>&1 || { tail -20 "$work/train.log"; exit 1; }
t2=$(now)

train_s=$(sed -n 's/^training took \([0-9.]*\) s.*/\1/p' "$work/train.log")
hit=$(sed -n 's/^validation: .*top-4 hit rate \([0-9.]*\) %.*/\1/p' "$work/train.log")
answerer=$(sed -n 's/^validation: .*right frames \([0-9.]*\) %.*/\1/p' "$work/train.log")
grep -A4 '^validation:' "$work/train.log"
calc() { awk "BEGIN { print $1 }"; }
echo "bench_demo_training: generating 1700 videos $(calc "$t1 - $t0") s; training $train_s s" \
  "($(calc "$train_s / 60") min) on $(nproc) cores; whole command $(calc "$t2 - $t1") s"
echo "bench_demo_training: held-out top-4 hit rate $hit %, Answerer from the right frames $answerer %"
ok=$(calc "($train_s <= 1200 && $hit >= 80 && $answerer >= 90) ? 1 : 0")
if [ "$ok" != 1 ]; then
  echo "bench_demo_training: FAILED a bar (training <= 1200 s, hit rate >= 80 %, Answerer >= 90 %)"
  exit 1
fi
echo "bench_demo_training: all bars met"
