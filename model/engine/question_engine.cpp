#include "engine/question_engine.h"

#include "engine/forward_chain.h"

namespace sevila::engine {

std::vector<ChainResult> QuestionEngine::runGroup(const std::string& videoPath,
                                                  const std::vector<Question>& questions,
                                                  const ChainOptions& options, const CancelToken* cancel,
                                                  const ProgressFn& progress) {
  std::vector<ChainResult> results;
  const double n = static_cast<double>(questions.size());
  for (const Question& q : questions) {
    const double done = static_cast<double>(results.size());
    results.push_back(run(videoPath, q, options, cancel, [&](double f, const std::string& stage) {
      if (progress) progress((done + f) / n, stage);
    }));
  }
  return results;
}

}  // namespace sevila::engine
