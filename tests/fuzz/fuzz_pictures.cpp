// Uploaded pictures (model/media/picture_frames.h): any bytes as a one-picture video. Refusals are
// sevila::Error; a picture accepted must have stated a size within the limits and read back at the
// model's size and at its own.
#include "fuzz_input.h"
#include "media/picture_frames.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  int w = 0, h = 0;
  const bool sized = sevila::media::pictureSize(bytes, w, h);
  sevila::fuzz::readOrReject([&] {
    // Small limits keep each input cheap; the size check runs before any decoding.
    sevila::media::PictureFrames frames("fuzz", {{bytes, 0.0}}, sevila::media::PictureLimits{4, 512});
    if (!sized || w > 512 || h > 512 || frames.info().frameCount != 1) __builtin_trap();
    const auto model =
        frames.read({0}, sevila::media::FrameFormat{28, 28, sevila::media::Interpolation::Bilinear, true});
    if (model.size() != 1 || model[0].width != 28 || model[0].height != 28) __builtin_trap();
    const auto own = frames.read({0}, sevila::media::FrameFormat{});
    if (own.size() != 1 || own[0].width != frames.info().width) __builtin_trap();
  });
  return 0;
}
