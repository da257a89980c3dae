#!/bin/sh
# Times `sevila run` with and without decoding ahead (--decode-ahead) where answering is fast and
# decoding is not: the demo model (56x56 frames, 0.94 M parameters) on NExT-QA-sized videos (640x360
# H.264, 30-40 s, 5 questions each), no feature cache. Checks that both give the same results.
# Usage: bench_decode_ahead.sh SEVILA SOURCE_DIR WORK_DIR [VIDEOS]
set -eu
sevila=$1 src=$2 work=$3 videos=${4:-12}
mkdir -p "$work/videos"
csv="$work/questions.csv"
echo "video,frame_count,width,height,question,answer,qid,type,a0,a1,a2,a3,a4" >"$csv"
i=0
while [ $i -lt "$videos" ]; do
  v=$((5000 + i))
  if [ ! -f "$work/videos/$v.mp4" ]; then  # distinct files: durations differ
    ffmpeg -nostdin -v error -y -f lavfi -i "testsrc2=size=640x360:rate=30:duration=$((30 + i % 10))" \
      -c:v libx264 -pix_fmt yuv420p "$work/videos/$v.mp4"
  fi
  for q in 0 1 2 3 4; do
    echo "$v,0,640,360,what colour is the star,$q,$q,DO,red,green,blue,yellow,white" >>"$csv"
  done
  i=$((i + 1))
done
model="--model $src/resources/demo/model --tokenizer $src/resources/demo/model/spiece.model"

now() { date +%s.%N; }
calc() { awk "BEGIN { printf \"%.2f\", $1 }"; }
run() {  # run NAME OPTIONS...: one timed `sevila run`, its results in WORK/NAME.jsonl
  name=$1
  shift
  rm -f "$work/$name.jsonl"
  t0=$(now)
  # shellcheck disable=SC2086
  "$sevila" run --dataset nextqa --annotations "$csv" --videos "$work/videos" --out "$work/$name.jsonl" \
    --no-cache $model "$@" >"$work/$name.log" 2>&1 || { tail -5 "$work/$name.log"; exit 1; }
  t1=$(now)
  seconds=$(calc "$t1 - $t0")
  echo "bench_decode_ahead: $name ($*): $seconds s, $(calc "$videos * 5 / $seconds") questions/s"
}
answers() {  # "qid prediction" per line, sorted
  while read -r line; do
    echo "$(echo "$line" | grep -o '"qid":"[^"]*"') $(echo "$line" | grep -o '"prediction":[0-9-]*')"
  done <"$1" | sort
}

echo "bench_decode_ahead: $videos videos x 5 questions, $(nproc) cores"
run alone --decode-ahead 0
run ahead --decode-ahead 2
run ahead4 --decode-ahead 4
if [ "$(answers "$work/alone.jsonl")" != "$(answers "$work/ahead.jsonl")" ] ||
   [ "$(answers "$work/alone.jsonl")" != "$(answers "$work/ahead4.jsonl")" ]; then
  echo "bench_decode_ahead: FAILED: the answers differ with decoding ahead"
  exit 1
fi
echo "bench_decode_ahead: the same answers either way"
