#include "question_prompts.h"

#include "data/dataset_item.h"
#include "engine/forward_chain.h"
#include "nn/answerer.h"
#include "nn/answerer_loss.h"
#include "nn/localizer.h"
#include "nn/sevila_model.h"

namespace sevila::demo {

QuestionPrompts questionPrompts(const nn::SevilaModel& model, const data::DatasetItem& item, int keyframes) {
  const auto& tokenizer = model.tokenizer();
  const auto& sevila = model.options();
  const engine::Question q = engine::questionFor(item);  // the item's prompt family and texts
  QuestionPrompts p;
  const auto loc = nn::localizerPromptIds(tokenizer, q.family, q.question, q.options, sevila.maxTextTokens);
  p.localizerPrefix = loc.framePrefix;
  p.localizerText = loc.text;
  const auto qa =
      nn::answererPromptIds(tokenizer, q.family, q.question, q.options, keyframes, sevila.maxTextTokens);
  p.answererPrefixes = qa.keyframePrefixes;
  p.answererText = qa.text;
  p.options = static_cast<int>(q.options.size());
  if (q.answer)
    p.answererTarget = nn::answererTargets(*q.answer, p.options, nn::optionTokenId(tokenizer), sevila);
  return p;
}

}  // namespace sevila::demo
