#include "command.h"

#include <algorithm>

namespace sevila::cli {

const std::vector<Command>& commands() {
  static const std::vector<Command> all = {
#ifdef SEVILA_WITH_MEDIA
      answerCommand(), runCommand(),      metricsCommand(), compareCommand(),
      refineCommand(), finetuneCommand(), framesCommand(),
#endif
#ifdef SEVILA_WITH_SERVE
      serveCommand(),
#endif
      modelCommand(),
  };
  return all;
}

namespace {
// Levenshtein distance: insertions, deletions and substitutions, each one edit.
size_t editDistance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}
}  // namespace

std::string closestCommand(const std::string& word) {
  std::string best;
  size_t bestDistance = 3;  // more than two edits is another word
  for (const auto& c : commands())
    if (const size_t d = editDistance(word, c.name); d < bestDistance) best = c.name, bestDistance = d;
  return best;
}

}  // namespace sevila::cli
