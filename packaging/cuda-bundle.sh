#!/bin/bash
# Builds SeViLA Studio's model core and CLI (and the studio where Qt is found) against a CUDA LibTorch
# and makes a relocatable archive: bin/ (sevila, with `sevila serve` where FFmpeg, OpenCV and
# cpp-httplib are installed; bench_question, bench_networks, bench_training) and
# lib/ (the LibTorch and CUDA runtime libraries they load), every program with RPATH $ORIGIN/../lib.
# On a machine with only the NVIDIA driver: tar xf sevila-cuda-*.tar.gz && sevila-cuda/bin/sevila ...
#
#   packaging/cuda-bundle.sh [--torch DIR] [--kit DIR] [--build DIR] [--out DIR] [--no-archive] [--allow-cpu]
#     --torch DIR  the LibTorch: an unpacked official libtorch-*-cu*.zip, or pip torch's folder
#                  (default: python3 -c 'import torch; print(torch.__path__[0])')
#     --kit DIR    the build dependencies but LibTorch from packaging/build-deps-kit.sh (a lean FFmpeg and
#                  OpenCV, cpp-httplib, SQLite, nlohmann-json): a machine without Debian's -dev packages
#                  then builds videos and `sevila serve` in too, and the system's packages are not used
#     --build DIR  build folder (default build-cuda-bundle)
#     --out DIR    where sevila-cuda/ and the .tar.gz go (default: the build folder)
#     --allow-cpu  accept a CPU-only LibTorch: checks the packaging itself on a machine without a GPU
#                  (tests/packaging/bundle_without_libraries.sh)
# Extra CMake prefixes (nlohmann-json when it is not installed) come from CMAKE_PREFIX_PATH.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
torch="" kit="" build="$here/build-cuda-bundle" out="" archive=1 cpu=0
while [ $# -gt 0 ]; do
  case "$1" in
    --torch) torch=$2; shift 2 ;;
    --kit) kit=$2; shift 2 ;;
    --build) build=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --no-archive) archive=0; shift ;;
    --allow-cpu) cpu=1; shift ;;
    *) echo "usage: $0 [--torch DIR] [--kit DIR] [--build DIR] [--out DIR] [--no-archive] [--allow-cpu]" >&2
       exit 2 ;;
  esac
done
if [ -z "$torch" ]; then
  torch=$(python3 -c 'import torch; print(torch.__path__[0])' 2>/dev/null) ||
    { echo "cuda-bundle: no --torch given and python3 has no torch" >&2; exit 2; }
fi
torch=$(cd "$torch" && pwd)
[ -f "$torch/share/cmake/Torch/TorchConfig.cmake" ] ||
  { echo "cuda-bundle: $torch has no share/cmake/Torch/TorchConfig.cmake: not a LibTorch" >&2; exit 2; }
ls "$torch"/lib/libtorch_cuda.so >/dev/null 2>&1 || [ $cpu = 1 ] ||
  { echo "cuda-bundle: $torch/lib has no libtorch_cuda.so: a CPU-only LibTorch" >&2; exit 2; }
out=${out:-$build}
stage="$out/sevila-cuda"

gui=OFF media=OFF prefixes="$torch/share/cmake;${CMAKE_PREFIX_PATH:-}" kitflags=()
if [ -n "$kit" ]; then
  kit=$(cd "$kit" && pwd)
  [ -x "$kit/bin/pkg-config" ] && [ -f "$kit/lib/cmake/opencv4/OpenCVConfig.cmake" ] ||
    { echo "cuda-bundle: $kit is not a kit from packaging/build-deps-kit.sh" >&2; exit 2; }
  # The kit alone: its pkg-config reads only its own .pc files; the linker finds what its libraries load.
  media=ON prefixes="$kit;$kit/share/cmake;$prefixes"
  kitflags=(-DPKG_CONFIG_EXECUTABLE="$kit/bin/pkg-config" -DOpenCV_DIR="$kit/lib/cmake/opencv4"
            -DSQLite3_INCLUDE_DIR="$kit/include" -DSQLite3_LIBRARY="$kit/lib/libsqlite3.so.0")
  linkflags="-Wl,-rpath-link,$kit/lib"
else
  if cmake --find-package -DNAME=Qt6 -DCOMPILER_ID=GNU -DLANGUAGE=CXX -DMODE=EXIST >/dev/null 2>&1; then gui=ON; fi
  # Videos (and with them `sevila serve`, which also needs cpp-httplib) need FFmpeg and OpenCV, not Qt.
  if [ $gui = ON ] || pkg-config --exists libavformat libavcodec libswscale opencv4 2>/dev/null; then media=ON; fi
fi
cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH="$prefixes" \
  -DSEVILA_BUILD_GUI=$gui -DSEVILA_WITH_MEDIA=$media -DSEVILA_BUILD_TESTS=ON "${kitflags[@]}" \
  -DCMAKE_INSTALL_RPATH='$ORIGIN/../lib' -DCMAKE_INSTALL_RPATH_USE_LINK_PATH=OFF \
  -DCMAKE_EXE_LINKER_FLAGS="-Wl,--disable-new-dtags ${linkflags:-}"
# (DT_RPATH rather than RUNPATH: it also finds the libraries that bundled libraries load, e.g. FFmpeg's codecs.)
cmake --build "$build" --target sevila bench_question bench_networks bench_training sevila_package_docs
rm -rf "$stage"
cmake --install "$build" --prefix "$stage"
cmake --install "$build" --prefix "$stage" --component bench

# lib/: everything the LibTorch folder holds, and the CUDA libraries pip's torch takes from the nvidia-*
# packages beside it (an official libtorch zip already holds them in lib/). Some are opened with dlopen
# (cuDNN's engines, NVRTC), so ldd alone would miss them.
mkdir -p "$stage/lib"
cp -aL "$torch"/lib/*.so* "$stage/lib/"
site=$(dirname "$torch")
for d in "$site"/nvidia/*/lib "$site"/nvidia/cu*/lib; do
  [ -d "$d" ] && cp -a "$d"/*.so* "$stage/lib/" 2>/dev/null || true
done
# Everything else a program loads but the C library and the driver: libgomp from the LibTorch's wheel,
# and where media is on, FFmpeg, OpenCV, OpenSSL (sevila serve's TLS) and what they load, from the kit
# or the system, so the archive runs on a machine that has none of them installed.
for exe in "$stage"/bin/*; do
  LD_LIBRARY_PATH="$stage/lib${kit:+:$kit/lib}" ldd "$exe" | awk '/=> \// {print $3}' | while read -r so; do
    case "$(basename "$so")" in
      ld-linux*|libc.so*|libm.so*|libdl.so*|libpthread.so*|librt.so*|libresolv.so*|libutil.so*) ;;
      libcuda.so*|libnvidia-*) ;;  # the driver's own: they must match the kernel module
      *) case "$so" in "$stage"/*) ;; *) cp -anL "$so" "$stage/lib/" ;; esac ;;
    esac
  done
done
echo "cuda-bundle: $stage: $(du -sh "$stage" | cut -f1), $(ls "$stage/lib" | wc -l) libraries"
for exe in "$stage"/bin/*; do
  printf '  %s: ' "$(basename "$exe")"; readelf -d "$exe" | grep -Eo '(RPATH|RUNPATH).*\[.*\]' | tr -s ' ' || echo "no RPATH"
done
if [ $archive = 1 ]; then
  name="sevila-cuda-$(git -C "$here" describe --always --dirty 2>/dev/null || echo unknown)-$(uname -m).tar.gz"
  tar -C "$out" -czf "$out/$name" sevila-cuda
  echo "cuda-bundle: $out/$name"
fi
