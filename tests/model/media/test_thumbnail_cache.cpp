// The thumbnail LRU cache (model/media/thumbnail_cache.cpp): bounded bytes, least recently used out.
#include "media/thumbnail_cache.h"
#include "minitest.h"

using namespace sevila::media;

namespace {
RgbImage image(int w, int h, uint8_t value) {
  RgbImage i = RgbImage::allocate(w, h);
  std::fill(i.pixels->begin(), i.pixels->end(), value);
  return i;
}
}  // namespace

TEST(evicts_least_recently_used_within_byte_bound) {
  ThumbnailCache cache(3 * 10 * 10 * 3);  // room for three 10x10 images
  for (int f = 0; f < 3; ++f) cache.put({f, 10, 10}, image(10, 10, static_cast<uint8_t>(f)));
  CHECK_EQ(cache.size(), 3u);
  CHECK(cache.get({0, 10, 10}).has_value());  // 0 is now the most recent
  cache.put({3, 10, 10}, image(10, 10, 3));   // evicts 1
  CHECK(!cache.get({1, 10, 10}).has_value());
  CHECK(cache.get({0, 10, 10}).has_value());
  CHECK(cache.get({2, 10, 10}).has_value());
  CHECK_EQ((*cache.get({3, 10, 10})->pixels)[0], 3);
  CHECK(cache.bytes() <= cache.maxBytes());
  CHECK_EQ(cache.bytes(), 3u * 300u);
}

TEST(same_frame_other_size_is_another_entry) {
  ThumbnailCache cache(100000);
  cache.put({5, 10, 10}, image(10, 10, 1));
  cache.put({5, 20, 10}, image(20, 10, 2));
  CHECK_EQ(cache.size(), 2u);
  cache.put({5, 10, 10}, image(10, 10, 7));  // replace, not duplicate
  CHECK_EQ(cache.size(), 2u);
  CHECK_EQ(cache.bytes(), 300u + 600u);
  CHECK_EQ((*cache.get({5, 10, 10})->pixels)[0], 7);
}

TEST(oversized_image_is_not_kept) {
  ThumbnailCache cache(100);
  cache.put({1, 10, 10}, image(10, 10, 1));
  CHECK_EQ(cache.size(), 0u);
  CHECK_EQ(cache.bytes(), 0u);
  cache.clear();
  CHECK_EQ(cache.size(), 0u);
}

MINITEST_MAIN
