#include "shape_scene.h"

#include <algorithm>
#include <cmath>
#include <random>

#include "core/error.h"
#include "media/frame_sampler.h"

namespace sevila::demo {
namespace {

// Draws from one video's generator; see the header for why not std::uniform_*_distribution.
class Draw {
public:
  Draw(uint64_t seed, int64_t index) {
    const auto u = static_cast<uint64_t>(index);
    std::seed_seq seq{static_cast<uint32_t>(seed), static_cast<uint32_t>(seed >> 32),
                      static_cast<uint32_t>(u), static_cast<uint32_t>(u >> 32)};
    m_rng.seed(seq);
  }
  // Uniform in [lo, hi] (the modulo bias of a 64-bit draw is negligible for these spans).
  int integer(int lo, int hi) {
    const uint64_t span = static_cast<uint64_t>(static_cast<int64_t>(hi) - lo) + 1;
    return lo + static_cast<int>(m_rng() % span);
  }
  double real(double lo, double hi) {
    return lo + (hi - lo) * static_cast<double>(m_rng() >> 11) * 0x1.0p-53;
  }
  bool coin() { return (m_rng() >> 63) != 0; }
  template <typename T>
  T pick(const std::vector<T>& from) {
    return from[static_cast<size_t>(integer(0, static_cast<int>(from.size()) - 1))];
  }

private:
  std::mt19937_64 m_rng;
};

// Where a shape's centre may go in one half of the stage: its whole box inside the stage (2 px margin)
// and kShapeGap away from the line.
struct Region {
  double x0, x1, y0, y1;
};

Region halfRegion(const Scene& scene, int size, bool left) {
  const int half = size / 2;
  const int margin = 2;
  Region r{0, 0, double(half + margin), double(scene.height - half - margin)};
  if (left) {
    r.x0 = half + margin;
    r.x1 = scene.line.x0 - kShapeGap - half;
  } else {
    r.x0 = scene.line.x1 + kShapeGap + half;
    r.x1 = scene.width - half - margin;
  }
  return r;
}

// Whether `shape` comes closer than kShapeGap to any placed shape on a frame both are shown.
bool clashes(const Shape& shape, const std::vector<Shape>& placed) {
  for (const Shape& other : placed) {
    const int from = std::max(shape.enter, other.enter);
    const int to = std::min(shape.leave, other.leave);
    for (int f = from; f < to; ++f)
      if (shape.boxAt(f).near(other.boxAt(f), kShapeGap)) return true;
  }
  return false;
}

// An event [enter, leave) that covers exactly a drawn number of consecutive grid positions (between the
// options' bounds), never the first or the last one, its ends drawn anywhere between the neighbouring
// grid frames so that event lengths vary by a frame or two.
void drawEvent(Draw& draw, const std::vector<int64_t>& grid, const SceneOptions& options, int& enter,
               int& leave) {
  const int n = static_cast<int>(grid.size());
  const int positions = draw.integer(options.minEventPositions, options.maxEventPositions);
  const int first = draw.integer(1, n - positions - 1);
  const int last = first + positions - 1;
  enter = draw.integer(static_cast<int>(grid[first - 1]) + 1, static_cast<int>(grid[first]));
  leave = 1 + draw.integer(static_cast<int>(grid[last]), static_cast<int>(grid[last + 1]) - 1);
}

int drawSize(Draw& draw, const SceneOptions& options) {
  return 2 *
         draw.integer((options.minSize + 1) / 2, options.maxSize / 2);  // even: the box centres on a pixel
}

void checkOptions(const SceneOptions& o) {
  const auto fail = [](const std::string& reason) {
    throw Error("scene options", reason, "use the defaults of SceneOptions (app/demo/shape_scene.h)");
  };
  if (o.fps < 1) fail("fps must be at least 1");
  if (o.gridFrames < 4) fail("the grid needs at least 4 frames");
  if (o.minFrames < o.gridFrames || o.maxFrames < o.minFrames)
    fail("the frame count range must start at the grid size (" + std::to_string(o.gridFrames) + ") or above");
  if (o.minEventPositions < 1 || o.maxEventPositions < o.minEventPositions ||
      o.maxEventPositions > o.gridFrames - 2)
    fail("event positions must lie in 1.." + std::to_string(o.gridFrames - 2));
  if (o.minDistractors < 0 || o.maxDistractors < o.minDistractors) fail("bad distractor count range");
  if (o.minSize < 8 || o.maxSize < o.minSize) fail("shape sizes must be at least 8 pixels");
  // Each half must hold the largest shape.
  const int half = (o.width - kLineWidth) / 2;
  if (half < o.maxSize + kShapeGap + 6 || o.height < o.maxSize + 8)
    fail("a " + std::to_string(o.width) + "x" + std::to_string(o.height) +
         " stage is too small for shapes of " + std::to_string(o.maxSize) + " pixels");
}

}  // namespace

const char* shapeKindName(ShapeKind kind) {
  switch (kind) {
    case ShapeKind::Circle:
      return "circle";
    case ShapeKind::Square:
      return "square";
    case ShapeKind::Triangle:
      return "triangle";
    case ShapeKind::Diamond:
      return "diamond";
    case ShapeKind::Cross:
      return "cross";
    case ShapeKind::Star:
      return "star";
  }
  return "?";
}

const char* shapeColourName(ShapeColour colour) {
  switch (colour) {
    case ShapeColour::Red:
      return "red";
    case ShapeColour::Green:
      return "green";
    case ShapeColour::Blue:
      return "blue";
    case ShapeColour::Yellow:
      return "yellow";
    case ShapeColour::White:
      return "white";
  }
  return "?";
}

Rgb shapeColourRgb(ShapeColour colour) {
  switch (colour) {
    case ShapeColour::Red:
      return {235, 35, 35};
    case ShapeColour::Green:
      return {40, 200, 60};
    case ShapeColour::Blue:
      return {40, 90, 250};
    case ShapeColour::Yellow:
      return {250, 220, 30};
    case ShapeColour::White:
      return {245, 245, 245};
  }
  return {};
}

const std::vector<ShapeKind>& nonStarKinds() {
  static const std::vector<ShapeKind> kinds = {ShapeKind::Circle, ShapeKind::Square, ShapeKind::Triangle,
                                               ShapeKind::Diamond, ShapeKind::Cross};
  return kinds;
}

const std::vector<ShapeColour>& allColours() {
  static const std::vector<ShapeColour> colours = {ShapeColour::Red, ShapeColour::Green, ShapeColour::Blue,
                                                   ShapeColour::Yellow, ShapeColour::White};
  return colours;
}

void Shape::centreAt(int frame, int& x, int& y) const {
  const int steps = leave - enter - 1;
  const double t = steps > 0 ? std::clamp(double(frame - enter) / steps, 0.0, 1.0) : 0.0;
  x = static_cast<int>(std::lround(fromX + t * (toX - fromX)));
  y = static_cast<int>(std::lround(fromY + t * (toY - fromY)));
}

Box Shape::boxAt(int frame) const {
  int x = 0, y = 0;
  centreAt(frame, x, y);
  const int half = size / 2;
  return {x - half, y - half, x + half, y + half};
}

const Shape& Scene::star() const {
  for (const Shape& s : shapes)
    if (s.role == ShapeRole::Star) return s;
  throw Error("scene", "has no star");
}

const Shape& Scene::crosser() const {
  for (const Shape& s : shapes)
    if (s.role == ShapeRole::Crosser) return s;
  throw Error("scene", "has no crossing shape");
}

Scene makeScene(uint64_t seed, int64_t videoIndex, const SceneOptions& options) {
  checkOptions(options);
  Draw draw(seed, videoIndex);
  Scene scene;
  scene.width = options.width;
  scene.height = options.height;
  scene.fps = options.fps;
  scene.frameCount = draw.integer(options.minFrames, options.maxFrames);
  const int lineX = (scene.width - kLineWidth) / 2;
  scene.line = {lineX, 0, lineX + kLineWidth, scene.height};
  const auto grid = media::sampleFrameIndices(scene.frameCount, options.gridFrames, scene.fps);

  // The star: one half, a short drift, shown for one event.
  Shape star;
  star.kind = ShapeKind::Star;
  star.role = ShapeRole::Star;
  star.colour = draw.pick(allColours());
  star.size = drawSize(draw, options);
  const Region r = halfRegion(scene, star.size, draw.coin());
  star.fromX = draw.real(r.x0, r.x1);
  star.fromY = draw.real(r.y0, r.y1);
  star.toX = std::clamp(star.fromX + draw.real(-12, 12), r.x0, r.x1);
  star.toY = std::clamp(star.fromY + draw.real(-20, 20), r.y0, r.y1);
  drawEvent(draw, grid, options, star.enter, star.leave);
  std::vector<Shape> placed = {star};

  // The crosser: shown only while it straddles the line, its centre going from a quarter of its size
  // before the line's middle to a quarter after, so every kind covers a good part of the line on every
  // frame it is shown (a diamond or a triangle further out would only graze it).
  bool crosserPlaced = false;
  for (int attempt = 0; attempt < 500 && !crosserPlaced; ++attempt) {
    Shape c;
    c.role = ShapeRole::Crosser;
    c.kind = draw.pick(nonStarKinds());
    c.colour = draw.pick(allColours());
    c.size = drawSize(draw, options);
    drawEvent(draw, grid, options, c.enter, c.leave);
    const double middle = (scene.line.x0 + scene.line.x1) / 2.0;
    const double reach = c.size / 4.0;
    const double direction = draw.coin() ? 1.0 : -1.0;
    const Region rows = halfRegion(scene, c.size, true);
    c.fromY = c.toY = draw.integer(static_cast<int>(rows.y0), static_cast<int>(rows.y1));
    c.fromX = middle - direction * reach;
    c.toX = middle + direction * reach;
    if (clashes(c, placed)) continue;
    placed.push_back(c);
    crosserPlaced = true;
  }
  if (!crosserPlaced)
    throw Error("scene " + std::to_string(videoIndex), "no room for the crossing shape beside the star",
                "use a larger stage or smaller shapes");

  // Distractors: a long stretch on screen in one half, anywhere in it; one that finds no room is left out.
  std::vector<Shape> distractors;
  const int wanted = draw.integer(options.minDistractors, options.maxDistractors);
  for (int k = 0; k < wanted; ++k) {
    for (int attempt = 0; attempt < 100; ++attempt) {
      Shape d;
      d.role = ShapeRole::Distractor;
      d.kind = draw.pick(nonStarKinds());
      d.colour = draw.pick(allColours());
      d.size = drawSize(draw, options);
      const int length = draw.integer(scene.frameCount / 3, scene.frameCount);
      d.enter = draw.integer(0, scene.frameCount - length);
      d.leave = d.enter + length;
      const Region dr = halfRegion(scene, d.size, draw.coin());
      d.fromX = draw.real(dr.x0, dr.x1);
      d.fromY = draw.real(dr.y0, dr.y1);
      d.toX = draw.real(dr.x0, dr.x1);
      d.toY = draw.real(dr.y0, dr.y1);
      if (clashes(d, placed)) continue;
      placed.push_back(d);
      distractors.push_back(d);
      break;
    }
  }

  // Drawing order: distractors under the star, the crosser on top of the line.
  scene.shapes = distractors;
  scene.shapes.push_back(placed[0]);
  scene.shapes.push_back(placed[1]);
  return scene;
}

}  // namespace sevila::demo
