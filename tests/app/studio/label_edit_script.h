// The label edits a killed worker makes and the test replays: edit i of a campaign is a pure function of
// i, so the test knows the state that any prefix of the edits leaves behind.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "data/keyframe_labels.h"
#include "project_store.h"

namespace sevila::studio::kill {

inline constexpr int kItems = 40;
inline constexpr int kGridSize = 32;
inline constexpr const char* kDataset = "kill";
inline constexpr const char* kAuthor = "alice";

inline std::string itemQid(int item) {
  return "q" + std::to_string(item);
}

inline data::SamplingGrid grid() {
  data::SamplingGrid g;
  for (int i = 0; i < kGridSize; ++i) {
    g.frameIndices.push_back(15 + 30 * i);
    g.timestamps.push_back(0.5 + i);
  }
  return g;
}

struct LabelEdit {
  int item = 0;
  std::optional<std::vector<int>> keyframes;  // none: the label is removed
};

// splitmix64: well mixed, so neighbouring edits touch unrelated items and keyframes.
inline uint64_t mix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

inline LabelEdit labelEdit(int64_t i) {
  uint64_t h = mix(static_cast<uint64_t>(i));
  LabelEdit e;
  e.item = static_cast<int>(h % kItems);
  h = mix(h);
  if (h % 9 == 0) return e;  // one edit in nine removes the label
  std::vector<int> keyframes;
  for (int p = 0; p < kGridSize; ++p)
    if ((mix(h + p) & 7) == 0) keyframes.push_back(p);  // about 4 of 32 frames
  if (keyframes.empty()) keyframes.push_back(static_cast<int>(h % kGridSize));
  e.keyframes = keyframes;
  return e;
}

// Each item's keyframes after edits [0, count): what the project must hold.
inline std::vector<std::optional<std::vector<int>>> stateAfter(int64_t count) {
  std::vector<std::optional<std::vector<int>>> state(kItems);
  for (int64_t i = 0; i < count; ++i) {
    LabelEdit e = labelEdit(i);
    state[e.item] = e.keyframes;
  }
  return state;
}

// The campaign's items in `store` (created once; upserts keep their ids), by item number.
inline std::vector<int64_t> prepareItems(ProjectStore& store) {
  std::vector<int64_t> ids;
  store.transaction([&] {
    for (int i = 0; i < kItems; ++i) {
      ItemRecord item;
      item.qid = itemQid(i);
      item.dataset = kDataset;
      item.question = "what happens?";
      item.options = {"a", "b"};
      ids.push_back(store.upsertItem(item));
    }
  });
  return ids;
}

// Makes edit i in `store`: one committed write.
inline void applyEdit(ProjectStore& store, const std::vector<int64_t>& items, int64_t i) {
  const LabelEdit e = labelEdit(i);
  if (!e.keyframes) {
    store.removeLabel(items[e.item], kAuthor);
    return;
  }
  KeyframeLabel label;
  label.itemId = items[e.item];
  label.author = kAuthor;
  label.fps = 30;
  label.grid = grid();
  label.keyframes = *e.keyframes;
  store.putLabel(label);
}

}  // namespace sevila::studio::kill
