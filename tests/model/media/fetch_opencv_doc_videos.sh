#!/bin/sh
# Puts Debian opencv-doc's sample videos (Megamind.avi, Megamind_bugy.avi, vtest.avi, tree.avi, cup.mp4,
# box.mp4) into DEST (default: ./opencv-doc-videos), without installing the package. The media tests
# look for them in <build dir>/opencv-doc-videos and skip visibly when they are absent:
#   sh tests/model/media/fetch_opencv_doc_videos.sh build/opencv-doc-videos
set -eu
dest=${1:-opencv-doc-videos}
mkdir -p "$dest"
dest=$(cd "$dest" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
apt-get download opencv-doc >/dev/null
deb=$(ls opencv-doc_*.deb | head -n 1)
dpkg-deb --fsys-tarfile "$deb" | tar -x --wildcards \
  './usr/share/doc/opencv-doc/examples/data/*.avi' './usr/share/doc/opencv-doc/opencv4/html/*.mp4.gz'
for f in Megamind.avi Megamind_bugy.avi vtest.avi tree.avi; do
  cp "usr/share/doc/opencv-doc/examples/data/$f" "$dest/$f"
done
for f in cup box; do
  found=$(find usr/share/doc/opencv-doc/opencv4/html -name "$f.mp4.gz" | head -n 1)
  if [ -n "$found" ]; then gunzip -c "$found" > "$dest/$f.mp4"; fi
done
ls -l "$dest"
