#!/bin/bash
# Builds a relocatable folder of everything, but LibTorch, that the CLI with videos and `sevila serve`
# needs to build: a lean FFmpeg (video decoders, demuxers and swscale only) and OpenCV (core, imgproc,
# imgcodecs) built from Debian's source packages, and, copied from this Debian machine, cpp-httplib with
# OpenSSL, zlib and brotli, SQLite, libpng, libjpeg, dav1d, nlohmann-json and pkg-config. With it,
# packaging/cuda-bundle.sh --kit DIR builds the CUDA archive on a GPU machine that has none of Debian's
# -dev packages (a CUDA image with pip's torch), and the archive's lib/ stays small: the kit's FFmpeg
# and OpenCV load 8 libraries where Debian's load over 200.
#
#   packaging/build-deps-kit.sh [--out DIR] [--sources DIR] [--jobs N]
#     --out DIR      the kit (default build-deps-kit/kit): include/, lib/, lib/pkgconfig, bin/pkg-config;
#                    and DIR.tar.xz of it (about 10 MB), to carry
#     --sources DIR  where Debian's ffmpeg and opencv source packages are, or are downloaded to with
#                    `apt-get source` from deb.debian.org (default build-deps-kit/sources)
# Needs: packaging/install-deps.sh's packages, nasm, opencl-c-headers and, for AV1, libdav1d-dev.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
work="$here/build-deps-kit" out="" sources="" jobs=$(nproc)
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out=$2; shift 2 ;;
    --sources) sources=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    *) echo "usage: $0 [--out DIR] [--sources DIR] [--jobs N]" >&2; exit 2 ;;
  esac
done
out=${out:-$work/kit} sources=${sources:-$work/sources}
mkdir -p "$out" "$sources" "$work"
out=$(cd "$out" && pwd) sources=$(cd "$sources" && pwd)
multiarch=/usr/lib/x86_64-linux-gnu
for tool in nasm pkg-config cmake ninja tar; do
  command -v $tool >/dev/null || { echo "build-deps-kit: $tool is missing (apt install nasm pkgconf cmake ninja-build)" >&2; exit 2; }
done

# Debian's sources, through a private deb-src list (the system's lists stay as they are).
if ! ls "$sources"/ffmpeg_*.orig.tar.xz "$sources"/opencv_*.orig.tar.xz >/dev/null 2>&1; then
  lists="$work/apt"
  mkdir -p "$lists/lists/partial" "$lists/parts"
  cat >"$lists/parts/debian-src.sources" <<'EOF'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb-src
URIs: http://deb.debian.org/debian-security
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
  apt=(-oDir::Etc::SourceList=/dev/null -oDir::Etc::SourceParts="$lists/parts" -oDir::State::Lists="$lists/lists")
  apt-get "${apt[@]}" update >/dev/null
  (cd "$sources" && apt-get "${apt[@]}" source --download-only ffmpeg opencv >/dev/null)
fi
ffmpeg_tar=$(ls "$sources"/ffmpeg_*.orig.tar.xz | tail -1)
opencv_tar=$(ls "$sources"/opencv_*+dfsg.orig.tar.xz | tail -1)

# FFmpeg: decoding only. The decoders and demuxers of the video files people have (MP4/MOV, MKV/WebM,
# AVI, MPEG-PS/TS, FLV, Ogg, ASF; H.264, HEVC, AV1 through dav1d, VP8/9, MPEG-1/2/4, Theora, VC-1/WMV,
# MJPEG, ProRes, DV, FFV1, VP6, Cinepak), no programs, filters, devices, network or audio.
decoders=h264,hevc,libdav1d,vp8,vp9,mpeg1video,mpeg2video,mpeg4,h263,msmpeg4v1,msmpeg4v2,msmpeg4v3
decoders=$decoders,wmv1,wmv2,wmv3,vc1,theora,mjpeg,prores,dvvideo,ffv1,huffyuv,utvideo,flv,vp6,vp6f,cinepak
decoders=$decoders,msvideo1,qtrle,png,gif,rawvideo
demuxers=mov,matroska,avi,mpegps,mpegts,mpegvideo,flv,ogg,asf,dv,h264,hevc,m4v,mjpeg,gif,rawvideo,yuv4mpegpipe
parsers=h264,hevc,av1,vp8,vp9,mpeg4video,mpegvideo,vc1,mjpeg,png,h263,dvbsub
dav1d=--enable-libdav1d
pkg-config --exists dav1d || { dav1d=""; decoders=${decoders/libdav1d,/}; echo "build-deps-kit: no dav1d (apt install libdav1d-dev): no AV1"; }
if [ ! -f "$out/lib/pkgconfig/libavformat.pc" ]; then
  rm -rf "$work/ffmpeg" && mkdir -p "$work/ffmpeg"
  tar -C "$work/ffmpeg" --strip-components=1 -xf "$ffmpeg_tar"
  (cd "$work/ffmpeg" &&
   ./configure --prefix="$out" --libdir="$out/lib" --enable-shared --disable-static --enable-pic \
     --disable-programs --disable-doc --disable-avdevice --disable-avfilter --disable-postproc \
     --disable-swresample --disable-network --disable-autodetect --disable-everything \
     --enable-zlib $dav1d --enable-decoder=$decoders --enable-demuxer=$demuxers \
     --enable-parser=$parsers --enable-protocol=file,pipe \
     >"$work/ffmpeg-configure.log" &&
   make -j"$jobs" >"$work/ffmpeg-build.log" 2>&1 && make install >>"$work/ffmpeg-build.log" 2>&1) ||
    { echo "build-deps-kit: FFmpeg failed; see $work/ffmpeg-*.log" >&2; exit 1; }
fi

# OpenCV: the three modules the project uses, PNG and JPEG through Debian's libpng and libjpeg. OpenCL
# stays on (loaded only when used): libopencv_core.so.406 then exports all that Debian's does, so other
# OpenCV modules in the same process, e.g. those Debian's own LibTorch loads, still find their symbols.
if [ ! -f "$out/lib/cmake/opencv4/OpenCVConfig.cmake" ]; then
  if [ ! -f "$work/opencv/CMakeLists.txt" ]; then  # (an earlier build tree is reused)
    mkdir -p "$work/opencv" && tar -C "$work/opencv" --strip-components=1 -xf "$opencv_tar"
  fi
  # Debian's source drops the bundled OpenCL headers (the system's are used) but the install still
  # copies their licence file.
  lic="$work/opencv/3rdparty/include/opencl/LICENSE.txt"
  [ -f "$lic" ] || { mkdir -p "$(dirname "$lic")"; echo "Built with the system's Khronos OpenCL headers." >"$lic"; }
  off=()
  for w in TIFF WEBP OPENJPEG JASPER OPENEXR GDAL GDCM IPP ITT LAPACK EIGEN TBB OPENMP PROTOBUF \
           FFMPEG GSTREAMER GTK QT V4L 1394 VA VA_INTEL ADE QUIRC VTK IMGCODEC_HDR IMGCODEC_SUNRASTER \
           IMGCODEC_PXM IMGCODEC_PFM; do off+=("-DWITH_$w=OFF"); done
  cmake -S "$work/opencv" -B "$work/opencv-build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_INSTALL_PREFIX="$out" -DBUILD_LIST=core,imgproc,imgcodecs -DBUILD_SHARED_LIBS=ON \
    -DBUILD_TESTS=OFF -DBUILD_PERF_TESTS=OFF -DBUILD_EXAMPLES=OFF -DBUILD_DOCS=OFF -DBUILD_JAVA=OFF \
    -DBUILD_opencv_apps=OFF -DBUILD_opencv_python3=OFF -DBUILD_ZLIB=OFF -DBUILD_PNG=OFF -DBUILD_JPEG=OFF \
    -DWITH_PNG=ON -DWITH_JPEG=ON "${off[@]}" -DWITH_OPENCL=ON -DOPENCL_INCLUDE_DIR=/usr/include \
    -DOPENCV_LIB_INSTALL_PATH=lib \
    -DOPENCV_CONFIG_INSTALL_PATH=lib/cmake/opencv4 -DOPENCV_GENERATE_PKGCONFIG=OFF \
    -DCMAKE_INSTALL_RPATH='$ORIGIN' >"$work/opencv-configure.log" 2>&1 &&
  grep -q "OpenCL: *YES" "$work/opencv-configure.log" &&
  ninja -C "$work/opencv-build" -j "$jobs" install >"$work/opencv-build.log" 2>&1 ||
    { echo "build-deps-kit: OpenCV failed; see $work/opencv-*.log" >&2; exit 1; }
fi

# From Debian's packages (packaging/install-deps.sh installs them): headers, libraries, .pc files.
copy_include() { for p in "$@"; do cp -a "/usr/include/$p" "$out/include/"; done; }
copy_include httplib.h openssl brotli zlib.h zconf.h sqlite3.h sqlite3ext.h nlohmann
cp -a /usr/include/x86_64-linux-gnu/openssl/* "$out/include/openssl/"
mkdir -p "$out/share/cmake" && cp -a /usr/share/cmake/nlohmann_json "$out/share/cmake/"
for lib in libcpp-httplib libssl libcrypto libz libbrotlicommon libbrotlidec libbrotlienc libsqlite3 \
           libpng16 libjpeg libdav1d libpkgconf; do
  for so in "$multiarch/$lib".so*; do cp -a "$so" "$out/lib/"; done
done
# Links with an absolute target (Debian's libz.so points into /lib) would point outside the kit once it
# moves: make them relative, with their target beside them.
for so in "$out"/lib/*.so*; do
  target=$(readlink "$so") || continue
  case "$target" in
    /*) [ -e "$out/lib/$(basename "$target")" ] || cp -L "$target" "$out/lib/"
        ln -sfn "$(basename "$target")" "$so" ;;
  esac
done
for pc in cpp-httplib openssl libssl libcrypto zlib libbrotlicommon libbrotlidec libbrotlienc sqlite3; do
  cp "$multiarch/pkgconfig/$pc.pc" "$out/lib/pkgconfig/"
done
# Relocatable .pc files: every prefix relative to the file itself.
for pc in "$out"/lib/pkgconfig/*.pc; do
  sed -i -e 's|^prefix=.*|prefix=${pcfiledir}/../..|' -e 's|^libdir=.*|libdir=${prefix}/lib|' \
    -e 's|^includedir=.*|includedir=${prefix}/include|' -e 's|^exec_prefix=.*|exec_prefix=${prefix}|' "$pc"
done
mkdir -p "$out/bin"
cp -L /usr/bin/pkgconf "$out/bin/pkgconf"
cat >"$out/bin/pkg-config" <<'EOF'
#!/bin/sh
# The kit's pkg-config: its own .pc files only, not the system's.
kit=$(cd "$(dirname "$0")/.." && pwd)
PKG_CONFIG_LIBDIR="$kit/lib/pkgconfig" LD_LIBRARY_PATH="$kit/lib" exec "$kit/bin/pkgconf" "$@"
EOF
chmod +x "$out/bin/pkg-config"
rm -rf "$out/share/doc" "$out/share/ffmpeg" "$out/share/opencv4" "$out/share/licenses"  # cascades, examples
for so in "$out"/lib/*.so.*; do [ -L "$so" ] || strip --strip-unneeded "$so"; done
mkdir -p "$out/share/licenses"
cp "$work/ffmpeg/COPYING.LGPLv2.1" "$out/share/licenses/FFmpeg.LGPL-2.1" 2>/dev/null || true
cp "$work/opencv/LICENSE" "$out/share/licenses/OpenCV.Apache-2.0" 2>/dev/null || true
# One file to carry to a GPU machine (tests/cuda/run.sh unpacks it).
tar -C "$(dirname "$out")" -cJf "$out.tar.xz" "$(basename "$out")"
echo "build-deps-kit: $out: $(du -sh "$out" | cut -f1); $out.tar.xz: $(du -sh "$out.tar.xz" | cut -f1)"
