#!/bin/bash
# Real videos answered on a device against the same program on the CPU: the path the golden parity
# cannot reach, since it starts from pixels (decoded frames, their bytes uploaded from pinned memory and
# normalised on the device, the feature cache) and ends in `sevila run`'s groups and decoding ahead.
#   1. `sevila answer` on pens.mp4, 32 frames: f32 and bf16 on DEVICE against f32 on the CPU;
#   2. `sevila run` over 12 NExT-QA-like questions on 3 videos: on DEVICE one at a time without decoding
#      ahead, then grouped (8) with decoding ahead (2), each against the CPU.
# The yes-logits must agree (f32: 1e-2, TF32 may be on in the product's f32 convolutions; bf16: 0.3, as
# the golden cases' bf16 Localizer scores differ by up to 0.16),
# and so must keyframes and answers, except where the CPU's own scores are nearer a tie than the
# difference measured (reported as such, not failed). Run by tests/cuda/run.sh with the CUDA bundle.
#   Usage: media_on_device.sh SEVILA [DEVICE] [WORK]   (DEVICE: cuda, the default, or cpu to check this script)
set -euo pipefail
sevila=$1 device=${2:-cuda}
work=${3:-$(mktemp -d)}
data=$(cd "$(dirname "$0")/../data" && pwd)
"$sevila" answer --help >/dev/null 2>&1 || { echo "SKIP: $sevila was built without videos"; exit 77; }
rm -rf "$work"/cache-* "$work"/*.jsonl  # a work folder used before: nothing resumed, nothing cached
mkdir -p "$work/videos/0001"
cp "$data/media/pens.mp4" "$work/videos/1001.mp4"
cp "$data/media/Effet_force_magnetique.ogv" "$work/videos/0001/1002.ogv"
cp "$data/media/kphotoalbum-movie.avi" "$work/videos/1003.avi"
model=(--model "$data/golden/tiny-a" --sevila "$data/golden/tiny-a/sevila.pth"
       --tokenizer "$data/golden/tokenizer/tiny_t5.model" --threads 2)

# answer NAME CACHE DEVICE DTYPE: one question on pens.mp4.
answer() {
  "$sevila" answer "$data/media/pens.mp4" --question "what does the person hold?" --option "a pen" \
    --option "a cup" --option "a phone" --frames 32 --keyframes 4 --json --cache "$work/cache-$2" \
    --device "$3" --dtype "$4" "${model[@]}" >"$work/$1.jsonl" 2>"$work/$1.log" ||
    { cat "$work/$1.log"; echo "FAIL: sevila answer on $3 ($4)"; exit 1; }
  tr -d '\n' <"$work/$1.jsonl" >"$work/$1.tmp" && echo >>"$work/$1.tmp" && mv "$work/$1.tmp" "$work/$1.jsonl"
}
# run NAME DEVICE ARGS...: the 12 questions.
run() {
  local name=$1 dev=$2; shift 2
  "$sevila" run --dataset nextqa --annotations "$data/cli/nextqa_12.csv" --videos "$work/videos" \
    --frames 8 --keyframes 3 --out "$work/$name.jsonl" --cache "$work/cache-$name" --device "$dev" \
    "${model[@]}" "$@" >"$work/$name.log" 2>&1 ||
    { tail -n 20 "$work/$name.log"; echo "FAIL: sevila run on $dev $*"; exit 1; }
}
# compare NAME REFERENCE TOLERANCE: per question, the device and precision reported, the largest
# yes-logit difference, and the keyframes and answer.
compare() {
  python3 - "$work/$1.jsonl" "$work/$2.jsonl" "$3" "$device" <<'PY'
import json, sys
path, ref_path, tol, device = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4]
name, ref_name = (p.rsplit("/", 1)[-1].removesuffix(".jsonl") for p in (path, ref_path))
load = lambda p: {r.get("qid", ""): r for r in map(json.loads, open(p)) if r.get("frames")}
got, ref = load(path), load(ref_path)
assert got and set(got) == set(ref), f"{name}: questions differ: {sorted(got)} against {sorted(ref)}"
worst, ties, bad = 0.0, [], []
for qid, r in sorted(got.items()):
    c, label = ref[qid], qid or "the question"
    assert r["device"].startswith(device), f"{name}: ran on {r['device']}, not {device}"
    a = [f["yes_logit"] for f in r["frames"]]
    b = [f["yes_logit"] for f in c["frames"]]
    assert [f["frame"] for f in r["frames"]] == [f["frame"] for f in c["frames"]], f"{label}: other frames"
    diff = max(abs(x - y) for x, y in zip(a, b))
    worst = max(worst, diff)
    if diff > tol:
        bad.append(f"{label}: yes-logits differ by {diff:.3g} (> {tol})")
    k = len(c["keyframes"])
    ranked = sorted(b, reverse=True)
    margin = ranked[k - 1] - ranked[k] if k < len(ranked) else float("inf")
    if r["keyframes"] != c["keyframes"]:
        (ties if margin <= 2 * diff else bad).append(
            f"{label}: keyframes {r['keyframes']} against {c['keyframes']} (CPU margin {margin:.3g}, difference {diff:.3g})")
    if r["prediction"] != c["prediction"]:
        logits = sorted(c["option_scores"]["logits"], reverse=True)
        gap = logits[0] - logits[1]
        (ties if gap <= 0.05 or r["keyframes"] != c["keyframes"] else bad).append(
            f"{label}: answer {r['prediction']} against {c['prediction']} (CPU logit gap {gap:.3g})")
seconds = sum(r["stage_seconds"].get("vision", 0) for r in got.values())
print(f"  {name} against {ref_name}: {len(got)} question(s) on {r['device']} ({r['precision']}, vision {seconds:.3f} s), "
      f"yes-logits within {worst:.3g}; keyframes and answers agree for {len(got) - len(bad) - len(ties)}"
      + (f"; near ties: {ties}" if ties else ""))
if bad:
    print("FAIL: " + "\n      ".join(bad))
    sys.exit(1)
PY
}

echo "== sevila answer on pens.mp4 (32 frames, 4 keyframes)"
answer cpu cpu cpu f32
answer dev_f32 dev "$device" f32
answer dev_bf16 dev "$device" bf16
compare dev_f32 cpu 1e-2
compare dev_bf16 cpu 0.3
[ -n "$(find "$work/cache-dev" -type f | head -1)" ] || { echo "FAIL: no features were cached"; exit 1; }
answer dev_f32_cached dev "$device" f32  # the features read back from the cache, not computed
compare dev_f32_cached dev_f32 1e-6

echo "== sevila run, 12 questions on 3 videos"
run run_cpu cpu --group 1 --decode-ahead 0
run run_single "$device" --group 1 --decode-ahead 0
run run_grouped "$device" --group 8 --decode-ahead 2
grep -q "of its video" "$work/run_grouped.log" || { cat "$work/run_grouped.log"; echo "FAIL: no groups"; exit 1; }
compare run_single run_cpu 1e-2
compare run_grouped run_cpu 1e-2
compare run_grouped run_single 1e-3
echo "media_on_device: passed ($device)"
