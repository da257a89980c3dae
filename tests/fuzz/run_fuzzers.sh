#!/bin/bash
# Runs libFuzzer targets built by the fuzz preset (cmake --preset fuzz && cmake --build --preset fuzz),
# JOBS at a time, SECONDS each, and prints every target's executions and findings
# (docs/reliability.md). Each target starts from its corpus in tests/data/fuzz/<target> (plus the seeds
# named in tests/fuzz/CMakeLists.txt), grows a working corpus in build-fuzz/corpus/<target> and writes a
# crashing input to build-fuzz/artifacts/<target>/.
# Usage: tests/fuzz/run_fuzzers.sh [SECONDS [JOBS [TARGET...]]]
set -eu
src=$(cd "$(dirname "$0")/../.." && pwd)
bin=$src/build-fuzz/tests/fuzz
seconds=${1:-600}
jobs=${2:-2}
[ $# -gt 0 ] && shift
[ $# -gt 0 ] && shift
targets=${*:-"safetensors pth pickle spiece config keyframes results frame_index feature_cache pictures api_request nextqa star how2qa tvqa vlep qvhighlights"}
extra_seeds() {
  case $1 in
    spiece) echo "$src/tests/data/golden/tokenizer/tiny_t5.model" ;;
    config) echo "$src/resources/demo/model/config.json" ;;
    nextqa) echo "$src/tests/data/datasets/nextqa" ;;
    star) echo "$src/tests/data/datasets/star" ;;
    how2qa) echo "$src/tests/data/datasets/how2qa" ;;
    tvqa) echo "$src/tests/data/datasets/tvqa" ;;
    vlep) echo "$src/tests/data/datasets/vlep" ;;
    qvhighlights) echo "$src/tests/data/datasets/qvhighlights" ;;
  esac
}
fuzz_one() {
  t=$1
  corpus=$src/build-fuzz/corpus/$t
  artifacts=$src/build-fuzz/artifacts/$t
  mkdir -p "$corpus" "$artifacts"
  cp -n "$src/tests/data/fuzz/$t"/* "$corpus"/ 2>/dev/null || true
  for s in $(extra_seeds "$t"); do
    if [ -d "$s" ]; then cp -n "$s"/* "$corpus"/; else cp -n "$s" "$corpus"/; fi
  done
  log=$src/build-fuzz/fuzz-$t.log
  status=0
  "$bin/fuzz_$t" -max_total_time="$seconds" -print_final_stats=1 -rss_limit_mb=4096 -timeout=30 \
    -artifact_prefix="$artifacts/" "$corpus" >"$log" 2>&1 || status=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
  found=$(ls "$artifacts" | wc -l)
  echo "$t: ${runs:-?} executions in ${seconds} s, $cov, corpus $(ls "$corpus" | wc -l) inputs, exit $status, findings $found"
}
running=0
for t in $targets; do
  fuzz_one "$t" &
  running=$((running + 1))
  if [ "$running" -ge "$jobs" ]; then
    wait -n 2>/dev/null || wait
    running=$((running - 1))
  fi
done
wait
