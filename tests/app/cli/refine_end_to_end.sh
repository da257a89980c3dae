#!/usr/bin/env bash
# `sevila refine` and `sevila finetune` as users run them, on the tiny golden model and generated videos
# whose relevant frames are known (grey, green on two of the eight sampled frames):
#  1. refine from human keyframes with a held-out split: report.json shows the keyframe hit rate rising;
#  2. the checkpoint loads with `--sevila` and, where Debian's python3-torch exists, with
#     torch.load(weights_only=True): the Answerer's tensors are the base ones, the Localizer's moved;
#  3. Ctrl+C finishes the step, saves and exits 130; --resume completes the run;
#  4. a full disk (ulimit -f) during a save fails with a clear message and keeps the previous checkpoint;
#  5. two processes under torchrun's variables (Gloo on 127.0.0.1) reach the parameters of one process
#     with the combined batch (max difference <= 1e-5);
#  6. finetune trains the Answerer and writes its checkpoint.
# Usage: refine_end_to_end.sh SEVILA DATA WORK
set -euo pipefail
SEVILA=$1 DATA=$2 WORK=$3
rm -rf "$WORK"; mkdir -p "$WORK/videos"
MODEL=(--model "$DATA/golden/tiny-a" --sevila "$DATA/golden/tiny-a/sevila.pth"
       --tokenizer "$DATA/golden/tokenizer/tiny_t5.model" --threads 1)
PY=/usr/bin/python3
have_torch() { $PY -c "import torch" >/dev/null 2>&1; }
fail() { echo "FAIL: $*" >&2; exit 1; }

# Videos: 48 frames at 8 fps; green on frames 6p .. 6p+11, i.e. sampled positions p and p+1 of 8.
make_video() {
  ffmpeg -nostdin -v error -y -f lavfi -i color=c=0x808080:s=64x64:r=8:d=6 -f lavfi -i color=c=0x20c020:s=64x64:r=8:d=6 \
    -filter_complex "[0][1]overlay=enable='between(n,$((6 * $2)),$((6 * $2 + 11)))',format=yuv420p" \
    -c:v libx264 -g 8 -bf 0 "$WORK/videos/$1.mp4"
}
echo "video,frame_count,width,height,question,answer,qid,type,a0,a1,a2,a3,a4" > "$WORK/train.csv"
echo "video,frame_count,width,height,question,answer,qid,type,a0,a1,a2,a3,a4" > "$WORK/held.csv"
labels=()
i=0
for p in 0 2 4 6 1 5 3 0 5; do
  vid=$((2000 + i)); make_video $vid $p
  file=train.csv; [ $i -ge 6 ] && file=held.csv
  echo "$vid,48,64,64,is the screen green,0,$i,DL,yes,no,maybe,red,blue" >> "$WORK/$file"
  labels+=("$vid:$p")
  i=$((i + 1))
done
# Human keyframes on the trainer's grid (n = 8: frames 3, 9, ..., 45), for all nine questions.
$PY - "$WORK/labels.jsonl" "${labels[@]}" <<'PYEOF'
import json, sys
out = open(sys.argv[1], "w")
rows = []
for i, spec in enumerate(sys.argv[2:]):
    vid, p = spec.split(":"); p = int(p)
    frames = [3 + 6 * j for j in range(8)]
    keys = [p, p + 1]
    rows.append((f"DL_{vid}_{i}", json.dumps({
        "schema": "sevila-keyframes/1", "qid": f"DL_{vid}_{i}", "dataset": "nextqa", "author": "alice",
        "video": vid, "fps": 8, "sampling": {"n": 8, "frame_indices": frames, "pts_s": [f / 8 for f in frames]},
        "keyframes": keys, "frame_labels": "_".join("yes" if j in keys else "no" for j in range(8)),
        "state": "confirmed", "note": "", "created": "2026-12-04T10:00:00.000Z",
        "updated": "2026-12-04T10:00:00.000Z"}, separators=(",", ":"))))
for _, line in sorted(rows):
    out.write(line + "\n")
# The training questions' labels alone (the first six), for runs without a held-out split.
with open(sys.argv[1].replace("labels.jsonl", "train_labels.jsonl"), "w") as train:
    for qid, line in sorted(rows):
        if int(qid.rsplit("_", 1)[1]) < 6:
            train.write(line + "\n")
PYEOF

COMMON=(--dataset nextqa --annotations "$WORK/train.csv" --videos "$WORK/videos" --frames 8 --keyframes 2
        --lr 2e-3 --warmup 2 --weight-decay 0 --cache "$WORK/features")

echo "== 1. refine from human keyframes, with a held-out report (dropout off: the tiny T5 is too small for it)"
"$SEVILA" refine "${COMMON[@]}" --labels "$WORK/labels.jsonl" --eval-annotations "$WORK/held.csv" \
  --epochs 30 --batch 2 --no-dropout --out "$WORK/run" "${MODEL[@]}" > "$WORK/run.out"
cat "$WORK/run.out"
[ -f "$WORK/run/checkpoint_last.pth" ] || fail "no checkpoint"
[ -f "$WORK/run/report.md" ] || fail "no report.md"
$PY - "$WORK/run/report.json" <<'PYEOF' || fail "report.json"
import json, sys
r = json.load(open(sys.argv[1]))
b, a = r["held_out"]["before"], r["held_out"]["after"]
print("hit rate before %.2f after %.2f (chance %.2f); human labels %d questions" % (
    b["hit_rate"], a["hit_rate"], a["chance_hit_rate"], r["labels"]["human"]["items"]))
assert r["labels"]["human"]["items"] == 6 and r["labels"]["human"]["frames"] == 48
assert a["hit_rate"] >= 0.8 and a["hit_rate"] > a["chance_hit_rate"] + 0.3
assert len(r["curves"]) == 90 and r["curves"][-1]["loss"] < r["curves"][0]["loss"]
assert r["provenance"]["sevila_sha256"] and r["provenance"]["checkpoint_sha256"]
assert r["training"]["options"]["seed"] == 42
PYEOF

echo "== 1b. sevila compare: the training questions before and after, from sevila run"
"$SEVILA" run --dataset nextqa --annotations "$WORK/train.csv" --videos "$WORK/videos" --frames 8 --keyframes 2 \
  --out "$WORK/before.jsonl" "${MODEL[@]}" > /dev/null 2>&1 || fail "run before"
"$SEVILA" run --dataset nextqa --annotations "$WORK/train.csv" --videos "$WORK/videos" --frames 8 --keyframes 2 \
  --out "$WORK/after.jsonl" --model "$DATA/golden/tiny-a" --sevila "$WORK/run/checkpoint_last.pth" \
  --tokenizer "$DATA/golden/tokenizer/tiny_t5.model" --threads 1 > /dev/null 2>&1 || fail "run after"
"$SEVILA" compare --before "$WORK/before.jsonl" --after "$WORK/after.jsonl" | tee "$WORK/compare.out"
"$SEVILA" compare --before "$WORK/before.jsonl" --after "$WORK/after.jsonl" --json > "$WORK/compare.json"
$PY - "$WORK/compare.json" "$WORK/before.jsonl" "$WORK/after.jsonl" <<'PYEOF' || fail "compare"
import json, sys
c = json.load(open(sys.argv[1]))
before = [json.loads(l) for l in open(sys.argv[2])]
after = [json.loads(l) for l in open(sys.argv[3])]
assert c["common"] == len(before) == len(after) and c["only_before"] == 0 and c["only_after"] == 0
kf = lambda r: sorted(r["frames"][p]["frame"] for p in r["keyframes"])
pairs = list(zip(sorted(before, key=lambda r: r["qid"]), sorted(after, key=lambda r: r["qid"])))
changed = sum(kf(a) != kf(b) for b, a in pairs)
answers = sum(a["option_scores"]["answer"] != b["option_scores"]["answer"] for b, a in pairs)
assert c["keyframes_changed"] == changed and c["answers_changed"] == answers, (c, changed, answers)
assert len(c["changes"]) == sum(kf(a) != kf(b) or a["option_scores"]["answer"] != b["option_scores"]["answer"] for b, a in pairs)
# The refinement moved the Localizer's scores (here the ranking, and so the keyframes, stayed).
assert any(fa["yes_logit"] != fb["yes_logit"] for b, a in pairs for fa, fb in zip(a["frames"], b["frames"]))
assert all(r.get("checkpoint_sha256") for r in before + after)
assert before[0]["checkpoint_sha256"] != after[0]["checkpoint_sha256"]
print("compare: %d keyframe sets changed of %d" % (changed, c["common"]))
PYEOF

echo "== 2. the checkpoint loads with --sevila and with torch.load(weights_only=True)"
"$SEVILA" answer "$WORK/videos/2006.mp4" --question "is the screen green" --option yes --option no \
  --frames 8 --keyframes 2 --json --model "$DATA/golden/tiny-a" --sevila "$WORK/run/checkpoint_last.pth" \
  --tokenizer "$DATA/golden/tokenizer/tiny_t5.model" > "$WORK/answer.json"
grep -q '"keyframes": \[' "$WORK/answer.json" || fail "answer with the refined checkpoint"
if have_torch; then
  $PY - "$DATA/golden/tiny-a/sevila.pth" "$WORK/run/checkpoint_last.pth" <<'PYEOF' || fail "torch.load"
import sys, torch
base = torch.load(sys.argv[1], map_location="cpu")["model"]  # written by the reference (not weights_only-safe on 1.13)
new = torch.load(sys.argv[2], weights_only=True)
assert set(new) >= {"model", "config", "epoch"}, new.keys()
m = new["model"]
assert all(k in base for k in m), "a name the reference does not use"
moved = [k for k in m if k.endswith("_loc") or "_loc." in k]
kept = [k for k in m if k not in moved]
assert moved and kept
assert all(torch.equal(m[k], base[k]) for k in kept), "the Answerer changed"
assert any(not torch.equal(m[k], base[k]) for k in moved), "the Localizer did not move"
print("torch.load(weights_only=True): %d tensors, %d Localizer tensors moved, Answerer unchanged" % (len(m), len(moved)))
PYEOF
else
  echo "SKIP: python3-torch is not installed: torch.load not checked"
fi

echo "== 3. Ctrl+C saves and exits 130; --resume completes"
"$SEVILA" refine "${COMMON[@]}" --labels "$WORK/train_labels.jsonl" --epochs 40 --batch 2 --out "$WORK/int" "${MODEL[@]}" \
  > "$WORK/int.out" 2> "$WORK/int.err" &
pid=$!
for _ in $(seq 1 600); do grep -q "iteration" "$WORK/int.err" 2>/dev/null && break; sleep 0.1; done
kill -INT $pid 2>/dev/null || true
set +e; wait $pid; rc=$?; set -e
[ $rc -eq 130 ] || { cat "$WORK/int.out" "$WORK/int.err"; fail "Ctrl+C exit code $rc"; }
grep -q "run again with --resume" "$WORK/int.out" || fail "no resume hint"
"$SEVILA" refine "${COMMON[@]}" --labels "$WORK/train_labels.jsonl" --epochs 40 --batch 2 --out "$WORK/int" --resume \
  "${MODEL[@]}" > "$WORK/int2.out"
grep -q "trained 40 epochs" "$WORK/int2.out" || { cat "$WORK/int2.out"; fail "resume did not finish"; }

echo "== 4. a full disk during a save: a clear error, the previous checkpoint intact"
"$SEVILA" refine "${COMMON[@]}" --labels "$WORK/train_labels.jsonl" --epochs 30 --batch 2 --out "$WORK/disk" "${MODEL[@]}" \
  > /dev/null 2> "$WORK/disk.err" &
pid=$!
for _ in $(seq 1 600); do grep -qE "epoch ([2-9]|[12][0-9]|30)/30" "$WORK/disk.err" 2>/dev/null && break; sleep 0.1; done
kill -INT $pid 2>/dev/null || true; set +e; wait $pid; set -e
before=$(sha256sum "$WORK/disk/checkpoint_last.pth" | cut -d' ' -f1)
set +e
( trap '' XFSZ; ulimit -f 64; exec "$SEVILA" refine "${COMMON[@]}" --labels "$WORK/train_labels.jsonl" --epochs 30 --batch 2 \
    --out "$WORK/disk" --resume "${MODEL[@]}" ) > /dev/null 2> "$WORK/disk2.err"
rc=$?
set -e
[ $rc -eq 1 ] || { cat "$WORK/disk2.err"; fail "a full disk gave exit code $rc"; }
grep -q "File too large\|No space" "$WORK/disk2.err" || { cat "$WORK/disk2.err"; fail "no clear message"; }
grep "error" "$WORK/disk2.err"
after=$(sha256sum "$WORK/disk/checkpoint_last.pth" | cut -d' ' -f1)
[ "$before" = "$after" ] || fail "the previous checkpoint changed"
ls "$WORK/disk" | grep -q '\.tmp' && fail "a temporary file was left behind"
"$SEVILA" refine "${COMMON[@]}" --labels "$WORK/train_labels.jsonl" --epochs 30 --batch 2 --out "$WORK/disk" --resume \
  "${MODEL[@]}" > "$WORK/disk3.out" || fail "resume after the full disk"

echo "== 5. two processes (Gloo) = one process with the combined batch"
DP=(--labels "$WORK/train_labels.jsonl" --epochs 2 --no-dropout --sampling uniform)
port=$((20000 + RANDOM % 20000))
for rank in 0 1; do
  RANK=$rank WORLD_SIZE=2 LOCAL_RANK=$rank MASTER_ADDR=127.0.0.1 MASTER_PORT=$port \
    "$SEVILA" refine "${COMMON[@]}" "${DP[@]}" --batch 2 --out "$WORK/dp2" "${MODEL[@]}" > "$WORK/dp2.$rank.out" 2>&1 &
  pids[$rank]=$!
done
for rank in 0 1; do wait ${pids[$rank]} || { cat "$WORK/dp2.$rank.out"; fail "rank $rank"; }; done
grep -q "rank 1 of 2 (gloo" "$WORK/dp2.1.out" || fail "rank 1 did not join"
"$SEVILA" refine "${COMMON[@]}" "${DP[@]}" --batch 4 --out "$WORK/dp1" "${MODEL[@]}" > "$WORK/dp1.out" 2>&1
if have_torch; then
  $PY - "$WORK/dp1/checkpoint_last.pth" "$WORK/dp2/checkpoint_last.pth" <<'PYEOF' || fail "data-parallel parameters differ"
import sys, torch
a = torch.load(sys.argv[1], weights_only=True)["model"]
b = torch.load(sys.argv[2], weights_only=True)["model"]
# Attention key biases get an exactly-zero gradient in exact arithmetic (softmax ignores a shift shared by
# all keys); in floats it is ~1e-10 noise that Adam (eps 1e-8) turns into lr-sized steps of random sign,
# so they cannot agree to 1e-5 between two summation orders: they are reported, not compared.
zero_grad = [k for k in a if k.endswith("self.key.bias")]
worst = max((a[k] - b[k]).abs().max().item() for k in a if k not in zero_grad)
noise = max((a[k] - b[k]).abs().max().item() for k in zero_grad)
print("2 processes vs 1: max |difference| %.3g over %d tensors (%.3g on the %d zero-gradient key biases)"
      % (worst, len(a) - len(zero_grad), noise, len(zero_grad)))
assert set(a) == set(b) and worst <= 1e-5
PYEOF
else
  cmp -s "$WORK/dp1/checkpoint_last.pth" "$WORK/dp2/checkpoint_last.pth" || echo "SKIP: python3-torch missing: tensors not compared"
fi

echo "== 6. finetune trains the Answerer"
"$SEVILA" finetune "${COMMON[@]}" --epochs 2 --batch 2 --out "$WORK/ft" "${MODEL[@]}" > "$WORK/ft.out"
grep -q "trained 2 epochs" "$WORK/ft.out" || { cat "$WORK/ft.out"; fail "finetune"; }
[ -f "$WORK/ft/checkpoint_last.pth" ] || fail "finetune wrote no checkpoint"
if have_torch; then
  $PY - "$DATA/golden/tiny-a/sevila.pth" "$WORK/ft/checkpoint_last.pth" <<'PYEOF' || fail "finetune checkpoint"
import sys, torch
base = torch.load(sys.argv[1], map_location="cpu")["model"]
m = torch.load(sys.argv[2], weights_only=True)["model"]
loc = [k for k in m if "_loc" in k]
ans = [k for k in m if "_loc" not in k]
assert all(torch.equal(m[k], base[k]) for k in loc), "the Localizer changed"
assert any(not torch.equal(m[k], base[k]) for k in ans), "the Answerer did not move"
print("finetune: Answerer moved, Localizer unchanged")
PYEOF
fi
echo "refine end to end: all checks passed"
