#include "data/annotator_agreement.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "core/error.h"

namespace sevila::data {

namespace {

// One item's frames compared: A's yes/no per compared position against B's yes/no of the same frame.
void compareItem(const KeyframeLabelRecord& a, const KeyframeLabelRecord& b, AuthorPairAgreement& pair) {
  std::vector<int64_t> predicted, reference;
  const std::set<int> aYes(a.keyframes.begin(), a.keyframes.end());
  if (a.grid.frameIndices == b.grid.frameIndices) {
    const std::set<int> bYes(b.keyframes.begin(), b.keyframes.end());
    for (int i = 0; i < a.grid.size(); ++i) {
      predicted.push_back(aYes.count(i));
      reference.push_back(bYes.count(i));
    }
  } else {
    const std::set<int64_t> bFrames(b.grid.frameIndices.begin(), b.grid.frameIndices.end());
    std::set<int64_t> bYesFrames;
    for (int p : b.keyframes)
      if (p >= 0 && p < b.grid.size()) bYesFrames.insert(b.grid.frameIndices[p]);
    for (int i = 0; i < a.grid.size(); ++i) {
      const int64_t frame = a.grid.frameIndices[i];
      if (!bFrames.count(frame)) continue;
      predicted.push_back(aYes.count(i));
      reference.push_back(bYesFrames.count(frame));
    }
  }
  if (predicted.empty()) return;
  pair.frames.add(predicted, reference);
  ++pair.items;
}

}  // namespace

std::vector<AuthorPairAgreement> pairwiseAgreement(const std::vector<KeyframeLabelRecord>& labels) {
  // (dataset, qid) -> author -> label.
  std::map<std::pair<std::string, std::string>, std::map<std::string, const KeyframeLabelRecord*>> byItem;
  std::set<std::string> authors;
  for (const KeyframeLabelRecord& r : labels) {
    if (!byItem[{r.dataset, r.qid}].emplace(r.author, &r).second)
      throw Error("annotator agreement",
                  "two labels for (" + r.dataset + ", " + r.qid + ", " + r.author + ")");
    authors.insert(r.author);
  }
  const std::vector<std::string> sorted(authors.begin(), authors.end());
  std::vector<AuthorPairAgreement> out;
  for (size_t i = 0; i < sorted.size(); ++i)
    for (size_t j = i + 1; j < sorted.size(); ++j) {
      AuthorPairAgreement pair;
      pair.authorA = sorted[i];
      pair.authorB = sorted[j];
      for (const auto& [item, byAuthor] : byItem) {
        const auto a = byAuthor.find(pair.authorA), b = byAuthor.find(pair.authorB);
        if (a != byAuthor.end() && b != byAuthor.end()) compareItem(*a->second, *b->second, pair);
      }
      out.push_back(std::move(pair));
    }
  return out;
}

}  // namespace sevila::data
