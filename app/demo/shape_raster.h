// Draws one frame of a shapes scene (shape_scene.h) as packed RGB24: rows top to bottom, 3 bytes per
// pixel, no padding, the layout `ffmpeg -f rawvideo -pix_fmt rgb24` reads. Rendering here rather than
// with ffmpeg's filters makes every shape's first and last frame exact. Hard edges (no anti-aliasing):
// the colours stay pure, and the encoder's chroma subsampling is the only blur.
#pragma once

#include <cstdint>
#include <vector>

#include "shape_scene.h"

namespace sevila::demo {

// Whether the point (dx, dy) from a shape's centre (pixels, y down) lies inside a shape of that kind
// whose bounding square has side `size`.
bool shapeCovers(ShapeKind kind, int size, double dx, double dy);

// Writes width × height × 3 bytes to `rgb`: the background, the line, then the shapes on screen at
// `frame` in drawing order.
void renderFrame(const Scene& scene, int frame, uint8_t* rgb);
std::vector<uint8_t> renderFrame(const Scene& scene, int frame);

}  // namespace sevila::demo
