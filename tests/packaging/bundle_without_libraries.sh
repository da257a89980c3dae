#!/bin/bash
# Runs a relocatable bundle (packaging/cuda-bundle.sh) as on a machine that has nothing but the C
# library: in a private mount namespace /usr/lib/x86_64-linux-gnu holds only glibc's libraries, so
# everything else the programs load (LibTorch, libstdc++, FFmpeg, OpenCV, OpenSSL, ...) must come from
# the bundle's lib/. Checks that nothing is missing (ldd), then runs `sevila model info`, `sevila answer`
# on a real video and `sevila serve` answering the same question over HTTP (from outside the
# namespace), and compares the answers with those of the sevila given as the reference.
# A bundle built without FFmpeg and OpenCV has no video commands: only `model info` runs then.
# Needs root (mount namespaces) and python3; exits 77 (skipped) without them.
#   Usage: bundle_without_libraries.sh BUNDLE_DIR REFERENCE_SEVILA
set -euo pipefail
bundle=$(cd "$1" && pwd)
reference=$2
src=$(cd "$(dirname "$0")/../.." && pwd)
data=$src/tests/data
multiarch=/usr/lib/x86_64-linux-gnu
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
server=

unshare -m true 2>/dev/null || { echo "SKIP: no mount namespaces here (needs root)"; exit 77; }
command -v python3 >/dev/null || { echo "SKIP: python3 is not installed"; exit 77; }
mkdir "$work/libc"
for l in ld-linux-x86-64.so.2 libc.so.6 libm.so.6 libdl.so.2 libpthread.so.0 librt.so.1 libresolv.so.2 \
         libutil.so.1 libanl.so.1; do
  [ -e "$multiarch/$l" ] && cp -L "$multiarch/$l" "$work/libc/"
done
# Runs a command with only the C library in the system's library folder.
bare() {
  unshare -m --propagation private sh -c 'mount --bind "$0" '"$multiarch"' && exec "$@"' "$work/libc" "$@"
}

echo "== the libraries the bundle's programs load, with only glibc installed"
shown=$(bare /bin/sh -c 'set -- '"$multiarch"'/*; echo $#')
[ "$shown" -le 9 ] || { echo "FAIL: the system's libraries are not hidden ($shown files)"; exit 1; }
echo "  $multiarch holds $shown files in the namespace"
for exe in "$bundle"/bin/*; do
  listing=$(bare "$multiarch/ld-linux-x86-64.so.2" --list "$exe" 2>&1) || true
  if echo "$listing" | grep -q "not found"; then
    echo "$listing" | grep "not found"
    echo "FAIL: $(basename "$exe") cannot start"
    exit 1
  fi
  echo "  $(basename "$exe"): $(echo "$listing" | grep -c "$bundle/bin/../lib/") libraries from the bundle, none missing"
done

model=(--model "$data/golden/tiny-a" --sevila "$data/golden/tiny-a/sevila.pth"
       --tokenizer "$data/golden/tokenizer/tiny_t5.model" --threads 1)
question=(--question "what does the person hold?" --option "a pen" --option "a cup" --option "a phone"
          --frames 8 --keyframes 3 --no-cache --json)
echo "== sevila model info"
bare "$bundle/bin/sevila" model info "${model[@]}" | head -5
if ! bare "$bundle/bin/sevila" serve --help >/dev/null 2>&1; then
  echo "bundle_without_libraries: passed (model info only: this bundle was built without media)"
  exit 0
fi
echo "== sevila answer on pens.mp4"
bare "$bundle/bin/sevila" answer "$data/media/pens.mp4" "${question[@]}" "${model[@]}" > "$work/bundle.json"
"$reference" answer "$data/media/pens.mp4" "${question[@]}" "${model[@]}" > "$work/reference.json"
python3 - "$work/bundle.json" "$work/reference.json" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
for key in ("keyframes", "prediction"):
    assert a[key] == b[key], (key, a[key], b[key])
for fa, fb in zip(a["frames"], b["frames"]):
    assert fa["frame"] == fb["frame"] and abs(fa["yes_logit"] - fb["yes_logit"]) <= 1e-4, (fa, fb)
print("  the same frames, keyframes, scores (1e-4) and answer as the reference build")
PY
echo "== sevila serve, asked over HTTP"
mkdir "$work/root"
cp "$data/media/pens.mp4" "$work/root/"
bare "$bundle/bin/sevila" serve --port 0 --no-cache --video-root "clips=$work/root" "${model[@]}" > "$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 100); do grep -q "listening on" "$work/serve.log" && break; sleep 0.2; done
port=$(grep -o "listening on http://127.0.0.1:[0-9]*" "$work/serve.log" | grep -o "[0-9]*$")
[ -n "$port" ] || { cat "$work/serve.log"; echo "FAIL: the server did not start"; exit 1; }
python3 - "http://127.0.0.1:$port/v1/answer" > "$work/served.json" <<'PY'
import sys, urllib.request
body = (b'{"video":"clips/pens.mp4","question":"what does the person hold?",'
        b'"options":["a pen","a cup","a phone"],"frames":8,"keyframes":3}')
request = urllib.request.Request(sys.argv[1], data=body, headers={"Content-Type": "application/json"})
sys.stdout.write(urllib.request.urlopen(request, timeout=120).read().decode())
PY
python3 - "$work/served.json" "$work/reference.json" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
assert a["keyframes"] == b["keyframes"] and a["prediction"] == b["prediction"], (a["keyframes"], b["keyframes"])
print("  served: the same keyframes and answer as the reference build")
PY
echo "bundle_without_libraries: passed ($(ls "$bundle/lib" | wc -l) libraries, $(du -sh "$bundle" | cut -f1))"
