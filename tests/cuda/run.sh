#!/bin/bash
# The CUDA test suite: builds the model core against the machine's CUDA LibTorch and runs the golden
# parity on the GPU (f32 with TF32 off at the usual 1e-4 tolerance; bf16 with keyframes, tokens, answers
# and pseudo-labels exact), optionally the GPU benchmarks and the relocatable CUDA bundle.
# Exits 77 (ctest: skipped) where there is no GPU or no CUDA LibTorch.
#
#   tests/cuda/run.sh [--build DIR] [--out DIR] [--bench] [--ref F] [--bundle|--bundle-only] [--kit DIR] [--jobs N]
#     --bench   bench_question (bf16 eager and through pass graphs, f32), bench_training (Localizer and
#               Answerer) at real size
#     --ref F   also run the reference's timing script F (shared/perf/hf_gpu_ref.py) during the build
#     --bundle  packaging/cuda-bundle.sh, then run its programs with an empty environment; where it reads
#               videos, tests/cuda/media_on_device.sh answers real videos on the GPU against the CPU
#     --bundle-only  only that: no parity steps and no benchmarks (one device command each stays short)
#     --kit DIR the build dependencies from packaging/build-deps-kit.sh, a folder or its .tar.xz (default
#               build-deps-kit/kit or kit.tar.xz where one exists): nlohmann-json for every build, and
#               the bundle reads videos and serves
# Logs go to OUT (default BUILD/cuda-logs), one file per step; a summary line per step on stdout.
set -uo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
build="$here/build-cuda" out="" bench=0 ref="" bundle=0 only=0 kit="" jobs=$(nproc)
while [ $# -gt 0 ]; do
  case "$1" in
    --build) build=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --bench) bench=1; shift ;;
    --ref) ref=$2; shift 2 ;;
    --bundle) bundle=1; shift ;;
    --bundle-only) bundle=1 only=1 bench=0; shift ;;
    --kit) kit=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    *) echo "usage: $0 [--build DIR] [--out DIR] [--bench] [--ref FILE] [--bundle] [--bundle-only] [--kit DIR] [--jobs N]" >&2
       exit 2 ;;
  esac
done
out=${out:-$build/cuda-logs}
[ $only = 0 ] || ref=""
mkdir -p "$out"

if ! command -v nvidia-smi >/dev/null 2>&1 || ! nvidia-smi -L >/dev/null 2>&1; then
  echo "SKIP: no NVIDIA GPU here (nvidia-smi finds none); the CUDA suite runs on a GPU machine"
  exit 77
fi
torch_prefix=$(python3 -c 'import torch; assert torch.cuda.is_available(); print(torch.utils.cmake_prefix_path)' 2>/dev/null)
if [ -z "$torch_prefix" ]; then
  echo "SKIP: python3 has no CUDA torch to build against (set up pip's torch, or use packaging/cuda-bundle.sh)"
  exit 77
fi

[ -n "$kit" ] || for k in "$here/build-deps-kit/kit" "$here/build-deps-kit/kit.tar.xz"; do [ -e "$k" ] && kit=$k && break; done
if [ -f "$kit" ]; then  # the kit's archive, as carried: unpacked once into the build folder
  name=$(tar -tJf "$kit" | head -1 | cut -d/ -f1)
  [ -x "$build/$name/bin/pkg-config" ] || { mkdir -p "$build" && tar -C "$build" -xJf "$kit"; }
  kit="$build/$name"
fi

failures=0
t0=$(date +%s)
# step NAME TIMEOUT COMMAND...: runs one step, its output in OUT/NAME.log, one summary line; rc 77 is
# a skip (the log says why), not a failure.
step() {
  local name=$1 limit=$2; shift 2
  local s=$(date +%s)
  timeout "$limit" "$@" >"$out/$name.log" 2>&1
  local rc=$?
  printf '[%4ds] %-28s rc=%d (%ds)\n' $(( $(date +%s) - t0 )) "$name" $rc $(( $(date +%s) - s ))
  if [ $rc -eq 77 ]; then tail -n 1 "$out/$name.log"; return $rc; fi
  [ $rc -eq 0 ] || { failures=$((failures + 1)); tail -n 15 "$out/$name.log"; }
  return $rc
}

nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.max.sm --format=csv,noheader | tee "$out/gpu.txt"
python3 -c 'import torch; print("torch", torch.__version__, "cuda", torch.version.cuda)' | tee -a "$out/gpu.txt"

if [ -n "$ref" ]; then  # the reference on 4 cores while the build uses the others
  ref="$(cd "$(dirname "$ref")" && pwd)/$(basename "$ref")"
  pin=""; command -v taskset >/dev/null && pin="taskset -c $((jobs - 4))-$((jobs - 1))"
  (cd "$out" && PYTHONUNBUFFERED=1 $pin timeout 300 \
     python3 "$ref" --frames 32 --reps 10 >"$out/hf_gpu_ref.log" 2>&1;
   echo "[ref] hf_gpu_ref.py rc=$?") &
  refpid=$!
  jobs=$((jobs - 4))
fi

if [ $only = 0 ]; then
  step configure 240 cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_PREFIX_PATH="$torch_prefix;${kit:+$kit/share/cmake;}${CMAKE_PREFIX_PATH:-}" -DSEVILA_BUILD_GUI=OFF -DSEVILA_WITH_MEDIA=OFF ||
    exit 1
  step build 420 ninja -C "$build" -k 0 -j "$jobs" test_parity test_sevila_parity test_pass_graphs test_question_group test_pixel_normalization test_device \
    bench_question bench_training bench_networks sevila
  if [ -n "$ref" ]; then wait "$refpid"; fi

  tests="$build/tests/model/nn"
  step parity_f32 120 env SEVILA_TEST_DEVICE=cuda "$tests/test_parity"
  step sevila_parity_f32 120 env SEVILA_TEST_DEVICE=cuda "$tests/test_sevila_parity"
  step sevila_parity_bf16 120 env SEVILA_TEST_DEVICE=cuda SEVILA_TEST_DTYPE=bf16 "$tests/test_sevila_parity"
  step pass_graphs_f32 120 env SEVILA_TEST_DEVICE=cuda "$tests/test_pass_graphs"
  step question_group_f32 60 env SEVILA_TEST_DEVICE=cuda "$tests/test_question_group"
  step pixel_normalization 30 env SEVILA_TEST_DEVICE=cuda "$tests/test_pixel_normalization"
  step model_dump_cuda 60 "$build/bin/sevila" model dump --model "$here/tests/data/golden/tiny-a" \
    --sevila "$here/tests/data/golden/tiny-a/sevila.pth" --inputs "$here/tests/data/golden/tiny-a/inputs.safetensors" \
    --out "$out/dump-tiny-a-cuda.safetensors" --device cuda
fi

if [ $bench = 1 ]; then
  bin="$build/tests/bench"
  # Device memory in use, sampled every 100 ms during the benchmarks (the peak goes in the logs).
  nvidia-smi --query-gpu=timestamp,memory.used,utilization.gpu --format=csv,noheader,nounits -lms 100 \
    >"$out/gpu-samples.csv" 2>/dev/null &
  smi=$!
  mark() { echo "$1 $(date +%H:%M:%S.%N)" >>"$out/bench-marks.txt"; }
  # Eager, then through the pass graphs, in one process on the same weights.
  mark question_bf16; step bench_question_bf16 240 "$bin/bench_question" --real --device cuda --dtype bf16 --reps 10 \
    --pass-graphs-too
  mark training_localizer; step bench_training_localizer 150 "$bin/bench_training" --real --device cuda \
    --batch 16 --frames 32 --iters 3
  mark question_f32; step bench_question_f32 150 "$bin/bench_question" --real --device cuda --dtype f32 --reps 3
fi

# The bundle's programs are run only where the bundle was built.
if [ $bundle = 1 ] && step bundle 480 "$here/packaging/cuda-bundle.sh" --build "$build" --out /tmp/sevila-bundle \
    --no-archive ${kit:+--kit "$kit"}; then
  b=/tmp/sevila-bundle/sevila-cuda/bin
  # An empty environment but for the driver's folder where the loader cache does not know it.
  driver=$(ldconfig -p | awk '/libcuda\.so\.1 /{print $NF; exit}')
  [ -n "$driver" ] || driver=$(ls /usr/local/nvidia/lib64/libcuda.so.1 /usr/lib/x86_64-linux-gnu/libcuda.so.1 2>/dev/null | head -1)
  echo "driver library: ${driver:-not found}; loader cache knows it: $(ldconfig -p | grep -c 'libcuda\.so\.1 ')"
  driverenv="LD_LIBRARY_PATH=$(dirname "${driver:-/nonexistent/x}")"
  step bundle_model_info 60 env -i "$driverenv" "$b/sevila" model info --model "$here/tests/data/golden/tiny-a"
  step bundle_dump_cuda 60 env -i "$driverenv" "$b/sevila" model dump --model "$here/tests/data/golden/tiny-a" \
    --inputs "$here/tests/data/golden/tiny-a/inputs.safetensors" --out /tmp/bundle-dump.safetensors --device cuda
  step bundle_bench_question 60 env -i "$driverenv" "$b/bench_question" --device cuda --dtype bf16 --reps 3
  # Real videos on the GPU against the CPU: pinned byte upload, the feature cache, groups, decoding ahead.
  step bundle_media_cuda 180 env -i "$driverenv" PATH="$PATH" "$here/tests/cuda/media_on_device.sh" "$b/sevila" cuda \
    "$out/media"
  # Only glibc in the system's library folder: model info, and where media was built a video answered
  # and `sevila serve` asked over HTTP, against the same program run with the system's libraries.
  step bundle_without_libraries 300 "$here/tests/packaging/bundle_without_libraries.sh" /tmp/sevila-bundle/sevila-cuda \
    "$b/sevila"
fi

if [ $bench = 1 ]; then
  mark training_answerer; step bench_training_answerer 120 "$bin/bench_training" --real --device cuda \
    --role answerer --batch 16 --frames 4 --iters 3
  mark end
  kill $smi 2>/dev/null
fi

printf 'cuda suite: %d failing step(s) in %ds; logs in %s\n' $failures $(( $(date +%s) - t0 )) "$out"
[ $failures -eq 0 ]
