// The bodies `sevila serve` accepts (model/serve/api_request.h) and the base64 inside uploads
// (core/base64.h): any bytes through every parser. A parser may refuse only with ApiError (a 400 with
// its field); what it accepts must hold the promised ranges; base64 it decodes must be canonical.
#include "core/base64.h"
#include "fuzz_input.h"
#include "serve/api_request.h"

namespace {

template <typename Parse>
void parseOrRefuse(Parse&& parse) {
  try {
    parse();
  } catch (const sevila::serve::ApiError& e) {
    if (e.status < 400 || e.status > 499 || e.message.empty()) __builtin_trap();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace sevila::serve;
  const std::string body(reinterpret_cast<const char*>(data), size);
  if (const auto decoded = sevila::decodeBase64(body))
    if (sevila::encodeBase64(*decoded) != body) __builtin_trap();  // only canonical text decodes
  parseOrRefuse([&] {
    const AnswerRequest r = parseAnswerRequest(body);
    if (r.video.empty() == r.framesId.empty()) __builtin_trap();  // exactly one of the two
    if (r.frames < 1 || r.frames > 256 || r.keyframes < 1 || r.keyframes > r.frames) __builtin_trap();
    if (r.options.size() < 2 || r.options.size() > 5) __builtin_trap();
    if (r.answer && (*r.answer < 0 || *r.answer >= static_cast<int>(r.options.size()))) __builtin_trap();
  });
  parseOrRefuse([&] {
    const FramesUpload u = parseFramesUpload(body);
    if (u.pictures.empty() || u.pictures.size() > 1024) __builtin_trap();
    for (size_t i = 1; i < u.pictures.size(); ++i)
      if (!(u.pictures[i].second > u.pictures[i - 1].second)) __builtin_trap();
  });
  parseOrRefuse([&] {
    const JobRequest j = parseJobRequest(body);
    if (j.keyframes > j.frames) __builtin_trap();
  });
  parseOrRefuse([&] {
    const RefineRequest r = parseRefineRequest(body);
    if (r.items.empty() || (r.answerer && (!r.labels.empty() || r.reverseChain))) __builtin_trap();
    if (r.answerer)
      for (const auto& item : r.items)
        if (!item.answer) __builtin_trap();
  });
  parseOrRefuse([&] { (void)parseVersionRequest(body); });
  return 0;
}
