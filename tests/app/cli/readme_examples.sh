#!/bin/sh
# The README's "### Try it" examples run exactly as written: this extracts the ```sh block under that
# heading, joins lines continued with a backslash, and runs every command with `sh -e` from the source
# root, in order. The README writes paths as a user's build folder sees them; here `build/bin/sevila`
# becomes the sevila under test, `build/share/` this build's share folder and `/tmp/sevila-try` the
# folder WORK (emptied first), and the caches go to WORK too. Any command that exits non-zero fails
# the test with its README line. Without the demo video (no ffmpeg at configure time) or the demo model
# (no studio build) the examples cannot run: the test reports itself skipped (exit 77).
# Usage: readme_examples.sh SOURCE_DIR SEVILA SHARE_DIR WORK
set -eu
SOURCE_DIR=$1 SEVILA=$2 SHARE_DIR=$3 WORK=$4
README=$SOURCE_DIR/README.md

for need in "$SHARE_DIR/sevila-studio/demo/demo.mp4" "$SHARE_DIR/sevila-studio/demo/tiny-model/spiece.model" \
  "$SHARE_DIR/sevila-studio/demo/shapes/videos/900002.mp4" "$SHARE_DIR/sevila-studio/demo/model/sevila.pth"; do
  if [ ! -f "$need" ]; then
    echo "readme_examples: skipped: $need was not built (the demo video needs ffmpeg, the demo model the studio build)"
    exit 77
  fi
done
for path in "$SEVILA" "$SHARE_DIR" "$WORK"; do
  case $path in *\'*) echo "readme_examples: cannot quote the path $path" >&2; exit 1 ;; esac
done

rm -rf "$WORK"
mkdir -p "$WORK/cache"
# One record per command: README line, the command as written, the command to run (fields split by \037).
awk -v sevila="'$SEVILA'" -v share="'$SHARE_DIR'/" -v work="'$WORK'" '
  function replace(s, from, to,   out, i) {
    out = ""
    while ((i = index(s, from)) > 0) { out = out substr(s, 1, i - 1) to; s = substr(s, i + length(from)) }
    return out s
  }
  function emit(   run) {
    run = replace(replace(replace(cmd, "build/bin/sevila", sevila), "build/share/", share), "/tmp/sevila-try", work)
    printf "%d\037%s\037%s\n", start, cmd, run
    cmd = ""
  }
  state == 0 && /^### Try it[[:space:]]*$/ { state = 1; next }
  state == 1 && /^```sh[[:space:]]*$/ { state = 2; next }
  state == 1 && /^#/ { exit }
  state == 2 && /^```/ { if (cmd != "") emit(); state = 3; exit }
  state == 2 {
    line = $0
    if (cmd == "") { if (line ~ /^[[:space:]]*(#|$)/) next; start = NR }
    if (line ~ /\\$/) { cmd = cmd substr(line, 1, length(line) - 1); next }
    cmd = cmd line
    emit()
  }
  END { if (state != 3) exit 1 }
' "$README" >"$WORK/commands" || {
  echo "readme_examples: no \`\`\`sh block closed under \"### Try it\" in $README" >&2
  exit 1
}
count=$(wc -l <"$WORK/commands")
if [ "$count" -eq 0 ]; then
  echo "readme_examples: the \"### Try it\" block of $README has no commands" >&2
  exit 1
fi

cd "$SOURCE_DIR"
export SEVILA_CACHE_DIR="$WORK/cache"  # the feature and frame-index caches, not the user's
sep=$(printf '\037')
n=0
while IFS=$sep read -r line written run <&3; do
  n=$((n + 1))
  # A path the test does not map would run against some other build folder, or none.
  if printf '%s\n' "$run" | grep -Eq '(^|[[:space:]=])build/'; then
    echo "readme_examples: README.md:$line uses a build/ path the test does not map: $written" >&2
    exit 1
  fi
  echo "[$n/$count] README.md:$line: $written"
  begin=$(date +%s.%N)
  if sh -e -c "$run" </dev/null; then rc=0; else rc=$?; fi
  end=$(date +%s.%N)
  if [ "$rc" -ne 0 ]; then
    echo "readme_examples: FAILED (exit $rc) at README.md:$line:" >&2
    echo "  $written" >&2
    echo "  (run as: $run)" >&2
    exit 1
  fi
  echo "  ok ($(awk -v a="$begin" -v b="$end" 'BEGIN { printf "%.1f", b - a }') s)"
done 3<"$WORK/commands"
echo "readme_examples: all $count commands of the README's \"Try it\" block ran"
