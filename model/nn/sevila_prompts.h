// The prompt texts of SeViLA's Localizer and Answerer, built exactly as the reference code builds them
// (docs/method.md §3, §4): spaces, parentheses and letters matter, because the networks were
// trained on these strings. Plain strings; tokenization happens elsewhere (t5_tokenizer).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace sevila::nn {

// Which prompt family a dataset item uses: the reference selects it from the qid.
enum class PromptFamily { MultipleChoice, Vlep, QvHighlights };
// "multiple-choice", "vlep", "qvhighlights" (results files store the family by this name).
const char* promptFamilyName(PromptFamily family);
std::optional<PromptFamily> promptFamilyFromName(const std::string& name);

// "Question: {q} Option A: {a0} Option B: {a1} … Considering the information presented in the frame,
// select the correct answer from the options."  (VLEP: its own text, no closing instruction.)
std::string answererPrompt(PromptFamily family, const std::string& question,
                           const std::vector<std::string>& options);
// "Question: {q} Options: ({a0} {a1} … ) Does the information within the frame provide the necessary
// details to accurately answer the given question?"  (VLEP and QVHighlights: their own texts.)
std::string localizerPrompt(PromptFamily family, const std::string& question,
                            const std::vector<std::string>& options);
// The Answerer's target for option `index`: "Option A", "Option B", …
std::string answerTarget(int index);
// "Frame: " before a single frame's query tokens.
std::string singleFramePrefix();
// "Frame j: " before the j-th keyframe (j counts from 1).
std::string keyframePrefix(int j);
// The letter of option `index` ("A" for 0). Throws sevila::Error outside 0..4.
char optionLetter(int index);

}  // namespace sevila::nn
