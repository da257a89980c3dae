// Frame sampling (model/media/frame_sampler.cpp) against values from the reference formula
// (numpy.linspace truncated to int, (a + b) // 2), computed once in Python.
#include <set>

#include "media/frame_sampler.h"
#include "minitest.h"

using namespace sevila::media;
using V = std::vector<int64_t>;

TEST(middle_of_intervals_100_frames) {
  CHECK(sampleFrameIndices(100, 32, 30) ==
        V({1,  4,  7,  10, 13, 16, 19, 23, 26, 29, 32, 35, 38, 41, 44, 48,
           51, 54, 57, 60, 63, 66, 69, 73, 76, 79, 82, 85, 88, 91, 94, 98}));
}

TEST(long_video_1829_frames) {
  CHECK(sampleFrameIndices(1829, 32, 30) ==
        V({28,  85,  142,  199,  256,  313,  371,  428,  485,  542,  599,  656,  714,  771,  828,  885,
           942, 999, 1056, 1114, 1171, 1228, 1285, 1342, 1399, 1457, 1514, 1571, 1628, 1685, 1742, 1800}));
}

TEST(short_video_is_not_dropped) {
  CHECK(sampleFrameIndices(5, 32, 30) == V({0, 1, 2, 3, 4}));
  CHECK(sampleFrameIndices(1, 32, 30) == V({0}));
  CHECK(sampleFrameIndices(2, 4, 1) == V({0, 1}));
}

TEST(clip_shorter_than_n_repeats_indices) {
  const V got = sampleFrameIndices(300, 32, 30, ClipWindow{2, 3});
  CHECK(got == V({60, 60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71, 72, 73, 74,
                  75, 75, 76, 77, 78, 79, 80, 81, 82, 83, 84, 85, 86, 87, 88, 89}));
  CHECK(std::set<int64_t>(got.begin(), got.end()).size() < got.size());
}

TEST(clip_end_clamped_to_video) {
  CHECK(sampleFrameIndices(300, 8, 29.97, ClipWindow{9.5, 20}) ==
        V({285, 287, 289, 291, 293, 295, 297, 299}));
  const auto [s, e] = clipFrames(300, 29.97, ClipWindow{-3, 1e9});
  CHECK_EQ(s, 0);
  CHECK_EQ(e, 300);
}

TEST(clip_uses_int_of_seconds_times_fps) {
  const auto [s, e] = clipFrames(1000, 29.97, ClipWindow{1.0, 2.0});
  CHECK_EQ(s, 29);  // int(29.97)
  CHECK_EQ(e, 59);  // int(59.94)
}

TEST(clip_at_the_very_end_still_gives_a_frame) {
  const V got = sampleFrameIndices(50, 4, 10, ClipWindow{100, 200});
  CHECK(got == V({49, 49, 49, 49}));
}

TEST(boundaries_match_numpy) {
  CHECK(intervalBoundaries(0, 100, 4) == V({0, 25, 50, 75, 100}));
  CHECK(intervalBoundaries(0, 10, 3) == V({0, 3, 6, 10}));
  CHECK(intervalBoundaries(60, 90, 32).front() == 60);
  CHECK(intervalBoundaries(60, 90, 32).back() == 90);
  CHECK(intervalBoundaries(7, 7, 3) == V({7, 7, 7, 7}));
}

TEST(random_sampling_stays_in_intervals_and_is_seedable) {
  std::mt19937_64 a(42), b(42), c(7);
  const V ra = sampleFrameIndicesRandom(1000, 32, 30, a);
  const V rb = sampleFrameIndicesRandom(1000, 32, 30, b);
  const V rc = sampleFrameIndicesRandom(1000, 32, 30, c);
  CHECK(ra == rb);
  CHECK(ra != rc);
  const V bounds = intervalBoundaries(0, 1000, 32);
  for (std::size_t j = 0; j < ra.size(); ++j) {
    CHECK(ra[j] >= bounds[j]);
    CHECK(ra[j] < bounds[j + 1]);
  }
  std::mt19937_64 d(1);
  CHECK(sampleFrameIndicesRandom(3, 32, 30, d) == V({0, 1, 2}));  // one-frame intervals
}

TEST(random_sampling_covers_each_interval) {
  std::mt19937_64 rng(3);
  std::set<int64_t> seen;
  for (int i = 0; i < 400; ++i) seen.insert(sampleFrameIndicesRandom(40, 4, 30, rng)[0]);
  CHECK(seen == std::set<int64_t>({0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
}

TEST(bad_arguments_are_errors) {
  CHECK_THROWS_WITH(sampleFrameIndices(0, 32, 30), "no decoded frames");
  CHECK_THROWS_WITH(sampleFrameIndices(10, 0, 30), "at least 1");
  CHECK_THROWS_WITH(sampleFrameIndices(10, 4, 30, ClipWindow{3, 1}), "before it starts");
  CHECK_THROWS_WITH(sampleFrameIndices(10, 4, 30, ClipWindow{NAN, 1}), "finite");
}

MINITEST_MAIN
