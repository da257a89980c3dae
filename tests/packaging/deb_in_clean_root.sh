#!/bin/bash
# The .deb, proven: builds it with CPack, checks it with lintian, appstreamcli and desktop-file-validate,
# installs it with apt into a clean Debian 12 root made by debootstrap (nothing from the build is in it but
# the .deb), and runs from the installed paths: sevila --version, sevila answer on the bundled demo model
# and video, the manual pages, and the studio under Xvfb with a screenshot.
# Minutes, root and Debian's mirror: opt in with SEVILA_PACKAGE_TEST=1 (else skipped, exit 77).
# usage: deb_in_clean_root.sh BUILD_DIR WORK_DIR SCREENSHOT.png
set -euo pipefail
build=$(realpath "$1")
work=$2
shot=$3
skip() {
  echo "package test skipped: $*"
  exit 77
}
[ "${SEVILA_PACKAGE_TEST:-}" = 1 ] || skip "set SEVILA_PACKAGE_TEST=1 to run it (minutes; root, debootstrap, Debian's mirror)"
[ "$(id -u)" = 0 ] || skip "it needs root (debootstrap, chroot)"
for tool in debootstrap lintian cpack ffmpeg appstreamcli desktop-file-validate; do
  command -v $tool >/dev/null || skip "$tool is not installed"
done
mkdir -p "$work" "$(dirname "$shot")"
work=$(realpath "$work")

echo "== the package"
rm -rf "$work/deb"
(cd "$build" && cpack -G DEB -B "$work/deb" >"$work/cpack.log") || { cat "$work/cpack.log"; exit 1; }
deb=$(ls "$work"/deb/sevila-studio_*.deb)
dpkg-deb --info "$deb" | sed -n '/Package:/,$p'
echo "== lintian (fails on errors; warnings and notes listed)"
lintian --fail-on error --display-level '>=pedantic' "$deb" | tee "$work/lintian.txt"

echo "== a clean Debian 12 root"
mirror=${SEVILA_DEBIAN_MIRROR:-http://deb.debian.org/debian}
if [ ! -e "$work/pristine/.complete" ]; then
  rm -rf "$work/pristine"
  debootstrap --variant=minbase bookworm "$work/pristine" "$mirror" >"$work/debootstrap.log"
  touch "$work/pristine/.complete"
fi
root=$work/root
cleanup() {
  for m in "$root/dev/pts" "$root/dev" "$root/proc"; do umount "$m" 2>/dev/null || true; done
}
trap cleanup EXIT
cleanup
rm -rf "$root"
cp -a "$work/pristine" "$root"
rm "$root/.complete"
mount -t proc proc "$root/proc"
mount --bind /dev "$root/dev"
mount --bind /dev/pts "$root/dev/pts"
cp /etc/resolv.conf "$root/etc/resolv.conf"
security=${mirror%/debian}/debian-security
cat >"$root/etc/apt/sources.list" <<SOURCES
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb $security bookworm-security main
SOURCES
cp "$deb" "$root/tmp/"
in_root() { chroot "$root" env -i HOME=/root PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 "$@"; }
echo "== apt install $(basename "$deb") (and Xvfb for the screenshot)"
in_root apt-get update -q >"$work/apt.log"
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
  "/tmp/$(basename "$deb")" xvfb xauth x11-apps >>"$work/apt.log"
grep -E "^(Setting up sevila-studio|Unpacking sevila-studio)" "$work/apt.log"
echo "packages installed in the root: $(in_root dpkg-query -W | wc -l)"

echo "== from the installed paths"
in_root which sevila sevila-studio
version=$(in_root sevila --version)
echo "$version"
[ "$version" = "sevila $(sed -n 's/^project(SevilaStudio VERSION \([0-9.]*\)/\1/p' "$(dirname "$0")/../../CMakeLists.txt")" ]
demo=/usr/share/sevila-studio/demo
in_root sevila answer $demo/shapes/videos/900002.mp4 --model $demo/model --sevila $demo/model/sevila.pth \
  --question "what colour is the shape that crosses the grey line?" \
  --option red. --option green. --option blue. --option yellow. --option white. --json >"$work/answer.json"
grep -E '"prediction": [0-4]' "$work/answer.json"
for page in sevila sevila-studio; do
  test -s "$root/usr/share/man/man1/$page.1.gz"
  gzip -dc "$root/usr/share/man/man1/$page.1.gz" | grep -q "^.SH NAME"
done
test -s "$root/usr/share/doc/sevila-studio/copyright"
appstreamcli validate --no-net "$root/usr/share/metainfo/org.sevila_studio.SevilaStudio.metainfo.xml"
desktop-file-validate "$root/usr/share/applications/org.sevila_studio.SevilaStudio.desktop"

echo "== the studio under Xvfb"
in_root xvfb-run -a -s "-screen 0 1600x1000x24" sh -c '
  sevila-studio --demo >/tmp/studio.log 2>&1 &
  studio=$!
  sleep 25
  xwd -root -silent >/tmp/studio.xwd
  kill $studio  # fails when the studio is gone: it crashed
' || { cat "$root/tmp/studio.log"; exit 1; }
cat "$root/tmp/studio.log"
ffmpeg -y -loglevel error -i "$root/tmp/studio.xwd" "$shot"
size=$(stat -c %s "$shot")
echo "screenshot: $shot ($size bytes)"
[ "$size" -gt 50000 ]  # a blank screen compresses to a few kB
echo "package test passed"
