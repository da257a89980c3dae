#include <filesystem>
#include <fstream>

#include <torch/torch.h>

#include "engine/feature_cache.h"
#include "minitest.h"
#include "temp_dir.h"

namespace fs = std::filesystem;
using sevila::engine::FeatureCache;
using sevila::engine::FeatureKey;

namespace {
using sevila::testing::TempDir;

FeatureKey keyFor(int64_t frame) {
  return FeatureKey{"1234-abcdef", frame, "vit-fp", "224-bilinear"};
}
}  // namespace

TEST(storesAndLoadsExactly) {
  TempDir dir;
  FeatureCache cache(dir.path(), 1 << 20);
  const at::Tensor features = torch::randn({10, 48});
  CHECK(!cache.load(keyFor(3)).has_value());
  cache.store(keyFor(3), features);
  auto back = cache.load(keyFor(3));
  REQUIRE(back.has_value());
  CHECK(torch::equal(*back, features));
  CHECK_EQ(cache.stats().hits, 1);
  CHECK_EQ(cache.stats().misses, 1);
  // Any part of the key changing is a different entry.
  CHECK(!cache.load(FeatureKey{"1234-abcdef", 3, "other-weights", "224-bilinear"}).has_value());
  CHECK(!cache.load(FeatureKey{"1234-abcdef", 3, "vit-fp", "224-bicubic"}).has_value());
  CHECK(!cache.load(keyFor(4)).has_value());
}

TEST(survivesARestart) {
  TempDir dir;
  const at::Tensor features = torch::randn({4, 8}).to(torch::kBFloat16);
  {
    FeatureCache cache(dir.path(), 1 << 20);
    cache.store(keyFor(1), features);
  }
  FeatureCache cache(dir.path(), 1 << 20);
  CHECK_EQ(cache.entryCount(), size_t(1));
  auto back = cache.load(keyFor(1));
  REQUIRE(back.has_value());
  CHECK(back->scalar_type() == torch::kBFloat16);
  CHECK(torch::equal(*back, features));
}

TEST(damagedEntryIsRecomputedNeverUsed) {
  TempDir dir;
  FeatureCache cache(dir.path(), 1 << 20);
  cache.store(keyFor(7), torch::ones({16, 16}));
  const std::string path = cache.pathOf(keyFor(7));
  {
    // Flip a byte in the tensor data (the file's last bytes).
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    f.seekg(-5, std::ios::end);
    char c = 0;
    f.read(&c, 1);
    f.seekp(-5, std::ios::end);
    c = static_cast<char>(c ^ 0x5a);
    f.write(&c, 1);
  }
  CHECK(!cache.load(keyFor(7)).has_value());
  CHECK_EQ(cache.stats().damaged, 1);
  CHECK(!fs::exists(path));
  CHECK_EQ(cache.entryCount(), size_t(0));

  // A truncated file is damaged too.
  cache.store(keyFor(8), torch::ones({16, 16}));
  fs::resize_file(cache.pathOf(keyFor(8)), 20);
  CHECK(!cache.load(keyFor(8)).has_value());
  CHECK_EQ(cache.stats().damaged, 2);
}

TEST(evictsLeastRecentlyUsedBeyondTheCap) {
  TempDir dir;
  const at::Tensor features = torch::zeros({64, 64});  // 16 KiB of data per entry
  FeatureCache probe(dir.file("probe"), 1 << 30);
  probe.store(keyFor(0), features);
  const uint64_t entryBytes = probe.sizeBytes();

  FeatureCache cache(dir.file("lru"), entryBytes * 3);
  cache.store(keyFor(0), features);
  cache.store(keyFor(1), features);
  cache.store(keyFor(2), features);
  CHECK(cache.load(keyFor(0)).has_value());  // 0 is now the most recently used
  cache.store(keyFor(3), features);          // evicts 1, the least recently used
  CHECK_EQ(cache.entryCount(), size_t(3));
  CHECK(cache.sizeBytes() <= cache.capBytes());
  CHECK_EQ(cache.stats().evictions, 1);
  CHECK(cache.load(keyFor(0)).has_value());
  CHECK(!cache.load(keyFor(1)).has_value());
  CHECK(cache.load(keyFor(2)).has_value());
  CHECK(cache.load(keyFor(3)).has_value());
}

TEST(zeroCapStoresNothing) {
  TempDir dir;
  FeatureCache cache(dir.path(), 0);
  cache.store(keyFor(0), torch::ones({2, 2}));
  CHECK_EQ(cache.entryCount(), size_t(0));
  CHECK(!cache.load(keyFor(0)).has_value());
}

MINITEST_MAIN
