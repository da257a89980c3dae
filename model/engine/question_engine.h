// What answering needs from an engine, wherever the model runs: in this process (SevilaEngine,
// forward_chain.h) or on a `sevila serve` across the network (serve/remote_engine.h). The studio's
// run and dataset controllers hold one of these, so every action works the same on either backend.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine/cancel_token.h"
#include "engine/chain_result.h"

namespace sevila::engine {

struct Question;
struct ChainOptions;

class QuestionEngine {
public:
  virtual ~QuestionEngine() = default;

  // The forward chain on one video (a local path; a remote engine maps it to the server's folders).
  virtual ChainResult run(const std::string& videoPath, const Question& question, const ChainOptions& options,
                          const CancelToken* cancel, const ProgressFn& progress) = 0;
  // Several questions on one video, results in their order. The default answers them one at a time; an
  // in-process engine shares the vision, Localizer and Answerer passes (SevilaEngine::runGroup).
  virtual std::vector<ChainResult> runGroup(const std::string& videoPath,
                                            const std::vector<Question>& questions,
                                            const ChainOptions& options, const CancelToken* cancel,
                                            const ProgressFn& progress);
  // The paper's baselines for a finished run, added to it.
  virtual void addBaselines(ChainResult& result, const Question& question, const ChainOptions& options,
                            const CancelToken* cancel, const ProgressFn& progress) = 0;
  // The Answerer on chosen frames (absolute indices): "what if" with human keyframes.
  virtual OptionScores answerWithFrames(const std::string& videoPath, std::vector<int64_t> frameIndices,
                                        const Question& question, const ChainOptions& options,
                                        const CancelToken* cancel) = 0;
};

}  // namespace sevila::engine
