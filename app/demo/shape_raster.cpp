#include "shape_raster.h"

#include <algorithm>
#include <cmath>

namespace sevila::demo {
namespace {

// A five-pointed star, point up: outer radius r, inner radius kStarInner·r (plumper than the regular
// 0.38, so the points survive the downscale to 56×56).
constexpr double kStarInner = 0.48;
constexpr double kPi = 3.14159265358979323846;

bool insideStar(double r, double dx, double dy) {
  const double rho = std::hypot(dx, dy);
  if (rho > r) return false;
  if (rho <= kStarInner * r * std::cos(kPi / 5)) return true;
  // Fold the angle from the top point into [0, 36°]: the edge there runs from the point (r, 0°) to the
  // inner corner (kStarInner·r, 36°).
  double a = std::atan2(dx, -dy);
  if (a < 0) a += 2 * kPi;
  const double sector = 2 * kPi / 5;
  a = std::fmod(a, sector);
  if (a > sector / 2) a = sector - a;
  const double px = rho * std::cos(a), py = rho * std::sin(a);
  const double ax = r, ay = 0;
  const double bx = kStarInner * r * std::cos(sector / 2), by = kStarInner * r * std::sin(sector / 2);
  // Inside when on the same side of the edge as the centre.
  const double side = (bx - ax) * (py - ay) - (by - ay) * (px - ax);
  const double centreSide = (bx - ax) * (0 - ay) - (by - ay) * (0 - ax);
  return side * centreSide >= 0;
}

}  // namespace

bool shapeCovers(ShapeKind kind, int size, double dx, double dy) {
  const double r = size / 2.0;
  const double ax = std::fabs(dx), ay = std::fabs(dy);
  switch (kind) {
    case ShapeKind::Circle:
      return dx * dx + dy * dy <= r * r;
    case ShapeKind::Square:
      return ax <= 0.9 * r && ay <= 0.9 * r;
    case ShapeKind::Triangle:
      return dy >= -r && dy <= r && ax <= (dy + r) / 2;  // apex up
    case ShapeKind::Diamond:
      return ax + ay <= r;
    case ShapeKind::Cross:
      return (ax <= 0.34 * r && ay <= r) || (ay <= 0.34 * r && ax <= r);
    case ShapeKind::Star:
      return insideStar(r, dx, dy);
  }
  return false;
}

void renderFrame(const Scene& scene, int frame, uint8_t* rgb) {
  const auto put = [&](int x, int y, Rgb c) {
    uint8_t* p = rgb + (static_cast<size_t>(y) * scene.width + x) * 3;
    p[0] = c.r;
    p[1] = c.g;
    p[2] = c.b;
  };
  for (int y = 0; y < scene.height; ++y)
    for (int x = 0; x < scene.width; ++x) put(x, y, kBackground);
  for (int y = std::max(0, scene.line.y0); y < std::min(scene.height, scene.line.y1); ++y)
    for (int x = std::max(0, scene.line.x0); x < std::min(scene.width, scene.line.x1); ++x)
      put(x, y, kLineColour);
  for (const Shape& shape : scene.shapes) {
    if (!shape.visibleAt(frame)) continue;
    int cx = 0, cy = 0;
    shape.centreAt(frame, cx, cy);
    const Box box = shape.boxAt(frame);
    const Rgb colour = shapeColourRgb(shape.colour);
    for (int y = std::max(0, box.y0); y < std::min(scene.height, box.y1); ++y)
      for (int x = std::max(0, box.x0); x < std::min(scene.width, box.x1); ++x)
        // Pixel centres: an even-sized box is symmetric about (cx, cy).
        if (shapeCovers(shape.kind, shape.size, x + 0.5 - cx, y + 0.5 - cy)) put(x, y, colour);
  }
}

std::vector<uint8_t> renderFrame(const Scene& scene, int frame) {
  std::vector<uint8_t> rgb(static_cast<size_t>(scene.width) * scene.height * 3);
  renderFrame(scene, frame, rgb.data());
  return rgb;
}

}  // namespace sevila::demo
