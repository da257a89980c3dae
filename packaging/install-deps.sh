#!/bin/sh
# Installs everything SeViLA Studio needs to build, test and run on Debian 12 (bookworm).
# Idempotent: apt-get skips what is already there. Run as root (or it uses sudo).
set -eu

PACKAGES="
  build-essential cmake ninja-build ccache pkg-config git file dpkg-dev clang-format
  qt6-base-dev qt6-svg-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n libqt6sql6-sqlite
  libqt6opengl6-dev
  libqcustomplot-dev
  libtorch-dev libopenblas0-pthread
  libavformat-dev libavcodec-dev libswscale-dev libavutil-dev ffmpeg
  libopencv-dev
  nlohmann-json3-dev libsqlite3-dev libgloo-dev libcpp-httplib-dev
  sentencepiece python3-torch
  xvfb xauth imagemagick
  desktop-file-utils appstream
"

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

missing=""
for p in $PACKAGES; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "Installing:$missing"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
else
  echo "All build dependencies are installed."
fi
