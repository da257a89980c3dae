// The synthetic "shapes" world of the demo data set (sevila-demo-data): a dark stage split by a grey
// vertical line, and coloured shapes that appear, move in a straight line and leave at known frames. A
// scene is plain data drawn from a seeded generator, so the questions (shape_questions.h) and the
// pictures (shape_raster.h) come from the same facts. No FFmpeg, no Qt, no torch.
//
// The Localizer scores each frame alone, so every answer must be visible in single frames and only in
// the frames of its event. Three roles make that true:
//  - the star (one per video, the only star ever shown): on screen for a few frames only, in one half of
//    the stage, never touching the line;
//  - the crosser (not a star): on screen ONLY while it straddles the line (it appears on the line, slides
//    across and vanishes), so every frame that shows it shows the crossing;
//  - distractors (not stars): any kind and any colour, the star's colour and the crosser's kind included,
//    so that frames outside an event do not give the answer away by elimination; they never touch the
//    line.
// Shapes never overlap (kShapeGap pixels apart), so every silhouette stays whole at the model's 56×56.
// Event lengths are sized on the sampler's grid (media/frame_sampler.h): each event covers 4 or 5 of the
// 32 sampled frames, so picking 4 frames at random hits an event frame about 14 % of the time, and a
// perfect Localizer's top 4 all hit.
//
// Determinism: the generator is std::mt19937_64 seeded through std::seed_seq (both specified bit for bit
// by the standard) with its own integer and real draws (std::uniform_*_distribution differ between
// standard libraries), so a seed gives the same scenes on every platform.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace sevila::demo {

// Question options list kinds and colours in these enums' order (shape_questions.h): never reorder.
enum class ShapeKind { Circle, Square, Triangle, Diamond, Cross, Star };
enum class ShapeColour { Red, Green, Blue, Yellow, White };
enum class ShapeRole { Star, Crosser, Distractor };

struct Rgb {
  uint8_t r = 0, g = 0, b = 0;
  bool operator==(const Rgb& o) const { return r == o.r && g == o.g && b == o.b; }
};

const char* shapeKindName(ShapeKind kind);        // "circle"
const char* shapeColourName(ShapeColour colour);  // "red"
// Saturated and far apart in every channel pair, so h264's yuv420p keeps them apart at 56×56.
Rgb shapeColourRgb(ShapeColour colour);
const std::vector<ShapeKind>& nonStarKinds();  // circle .. cross
const std::vector<ShapeColour>& allColours();  // red .. white

inline constexpr Rgb kBackground{20, 20, 30};
inline constexpr Rgb kLineColour{150, 150, 150};  // grey: no answer colour, so it never reads as one
inline constexpr int kLineWidth = 6;
inline constexpr int kShapeGap = 4;  // least distance between two shapes' boxes, and to the line

// Pixels [x0, x1) × [y0, y1).
struct Box {
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  // Whether the boxes come closer than `gap` pixels (0: whether they share a pixel).
  bool near(const Box& o, int gap) const {
    return x0 < o.x1 + gap && o.x0 < x1 + gap && y0 < o.y1 + gap && o.y0 < y1 + gap;
  }
};

struct Shape {
  ShapeKind kind = ShapeKind::Circle;
  ShapeColour colour = ShapeColour::Red;
  ShapeRole role = ShapeRole::Distractor;
  int size = 32;                // side of its bounding square, pixels (even)
  double fromX = 0, fromY = 0;  // centre on frame `enter`
  double toX = 0, toY = 0;      // centre on frame `leave - 1`
  int enter = 0, leave = 0;     // on screen on frames [enter, leave)

  bool visibleAt(int frame) const { return frame >= enter && frame < leave; }
  // The centre on `frame`, on the pixel grid (raster and boxes agree on it): linear from `from` to `to`.
  void centreAt(int frame, int& x, int& y) const;
  Box boxAt(int frame) const;
};

struct SceneOptions {
  int width = 128;  // the model resizes to 56×56: shapes of 40-50 px become 17-22 px
  int height = 128;
  int fps = 10;
  int minFrames = 64;  // 6.4 to 9.6 s at 10 fps
  int maxFrames = 96;
  int gridFrames = 32;        // n of the sampler's grid (the trainer's --frames)
  int minEventPositions = 4;  // grid positions an event covers: at least k, so a perfect top-4 hits 4 of 4
  int maxEventPositions = 5;
  int minDistractors = 1;
  int maxDistractors = 2;
  int minSize = 40;
  int maxSize = 50;
};

struct Scene {
  int width = 0;
  int height = 0;
  int fps = 0;
  int frameCount = 0;
  Box line;                   // full height, kLineWidth wide, in the middle
  std::vector<Shape> shapes;  // in drawing order: distractors, then the star, then the crosser

  const Shape& star() const;
  const Shape& crosser() const;
};

// The scene of video number `videoIndex` of the data set generated with `seed`: each video has its own
// generator, so a video does not depend on how many others are made or in which order. Throws
// sevila::Error for options that cannot hold a scene (stage too small, frame range empty...).
Scene makeScene(uint64_t seed, int64_t videoIndex, const SceneOptions& options = {});

}  // namespace sevila::demo
