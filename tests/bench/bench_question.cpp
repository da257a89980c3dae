// One whole SeViLA question, timed from decoded frames in memory to keyframes and answer (Figure 2's
// forward chain): T frames (224x224 RGB bytes, as the frame sampler hands them over) -> CLIP
// normalisation on the device -> EVA ViT -> the Localizer over all T frames -> top-k keyframes -> the
// Answerer (two decoder steps). Random weights, no files. Three figures:
//   cold     a question on a new video (the ViT runs);
//   second   another question on the same video (its ViT output kept, as the feature cache keeps it);
//   batch    a `sevila run`-like batch: V videos with Q questions each (NExT-QA has about 5 per video),
//            in questions per second, one question at a time and with each video's questions together
//            (sevila run --group, nn/question_group.h); then a seen video's Q questions, alone and together.
// Prints the median of --reps repetitions, a per-stage breakdown (stages synchronised, so the sum is a
// little above the whole) and the peak RSS; on CUDA read the device peak with nvidia-smi. Not a test.
//   bench_question [--real] [--device cpu|cuda] [--dtype f32|bf16] [--frames T] [--keyframes K]
//                  [--options O] [--videos V] [--per-video Q] [--reps R] [--threads N] [--tf32] [--graphs]
//                  [--warmup W] [--once] [--vit-batch B] [--loc-rows R] [--projected-cross]
//                  [--pass-graphs | --pass-graphs-too]
// --videos 0 skips the batch; --once times one cold question alone (a memory check: the peak RSS of the
// whole model answering); --warmup sets the untimed questions first (default 2, 0 at real size on a CPU,
// where one question takes minutes and has no kernels to load); --vit-batch B encodes B frames per ViT call
// (sevila's --batch; default: all frames in one call); --loc-rows R scores R frames per Localizer pass
// (SevilaOptions::localizerRows; default 0, automatic: all, or 16 with bf16 weights on a CPU);
// --projected-cross computes the decoder's cross-attention as the reference does, forming K and V
// (without it, decoder steps move the projections to the query side: T5AttentionImpl::attendFewQueries);
// --pass-graphs answers through the product's CUDA graphs (SevilaOptions::passGraphs, nn/pass_graphs.h);
// --pass-graphs-too times the eager questions first, then the same questions through the graphs, in one
// process on the same weights (a fair comparison, and one model build less on a lent GPU).
// --graphs (CUDA builds): also times the Localizer's and the Answerer's passes replayed from CUDA graphs
// captured once (the experiment that measured the lever; the product's graphs are --pass-graphs), and checks
// that the replayed logits equal the eager ones.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include <ATen/Context.h>
#include <torch/cuda.h>
#include <torch/torch.h>
#include <torch/version.h>

#include "nn/answerer.h"
#include "core/freed_memory.h"
#include "nn/blip2_model.h"
#include "nn/config.h"
#include "nn/device.h"
#include "nn/localizer.h"
#include "nn/pass_graphs.h"
#include "nn/question_group.h"
#include "nn/sevila_model.h"
#include "nn/t5_attention.h"
#include "tiny_bench_config.h"
#include "peak_rss.h"

#ifdef SEVILA_BENCH_CUDA_GRAPHS
#include <ATen/cuda/CUDAGraph.h>
#include <c10/cuda/CUDAGuard.h>
#include <c10/cuda/CUDAStream.h>
#endif

using namespace sevila;

namespace {

using Clock = std::chrono::steady_clock;

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

// Token ids of typical lengths (hf_gpu_ref.py uses the same): "Frame: " 4, the Localizer's prompt 60,
// "Frame j: " 5 each, question + options + instruction 70; EOS (1) ends each prompt.
std::vector<int64_t> randomIds(int n, int64_t vocab, bool eos) {
  const auto t = torch::randint(3, vocab, {n}, torch::dtype(torch::kLong));
  std::vector<int64_t> ids(t.data_ptr<int64_t>(), t.data_ptr<int64_t>() + n);
  if (eos) ids.back() = 1;
  return ids;
}

struct Prompt {
  std::vector<int64_t> framePrefix, locText, qaText;
  std::vector<std::vector<int64_t>> keyframePrefixes;
};

Prompt randomPrompt(int64_t vocab, int keyframes) {
  Prompt p;
  p.framePrefix = randomIds(4, vocab, false);
  p.locText = randomIds(60, vocab, true);
  p.qaText = randomIds(70, vocab, true);
  for (int j = 0; j < keyframes; ++j) p.keyframePrefixes.push_back(randomIds(5, vocab, false));
  return p;
}

class QuestionBench {
public:
  QuestionBench(std::shared_ptr<const nn::SevilaModel> model, c10::Device device, int options, int vitBatch)
      : m_model(std::move(model)), m_device(device), m_options(options), m_vitBatch(vitBatch) {
    const auto& c = m_model->network().config();
    const double mean[3] = {0.48145466, 0.4578275, 0.40821073},
                 stdev[3] = {0.26862954, 0.26130258, 0.27577711};
    m_mean = torch::tensor({mean[0], mean[1], mean[2]}, torch::kFloat).view({1, 3, 1, 1}).to(device);
    m_scale = (1.0 / (255.0 * torch::tensor({stdev[0], stdev[1], stdev[2]}, torch::kFloat)))
                  .view({1, 3, 1, 1})
                  .to(device);
    m_size = c.vision.image_size;
  }

  void sync() const {
    if (m_device.is_cuda()) torch::cuda::synchronize(m_device.index());
  }

  // Decoded frames: (T, S, S, 3) bytes in host memory (pinned for an asynchronous copy on CUDA).
  at::Tensor decodedFrames(int frames) const {
    auto bytes = torch::randint(0, 256, {frames, m_size, m_size, 3}, torch::dtype(torch::kUInt8));
    return m_device.is_cuda() ? bytes.pin_memory() : bytes;
  }

  // Bytes -> CLIP-normalised pixels on the device -> ViT output (T, N, W).
  at::Tensor vision(const at::Tensor& bytes) const {
    const auto onDevice = bytes.to(m_device, /*non_blocking=*/true);
    const auto pixels = (onDevice.permute({0, 3, 1, 2}).to(torch::kFloat) - m_mean * 255.0) * m_scale;
    if (m_vitBatch <= 0 || m_vitBatch >= pixels.size(0)) return m_model->network().encodeFrames(pixels);
    std::vector<at::Tensor> parts;
    for (int64_t i = 0; i < pixels.size(0); i += m_vitBatch)
      parts.push_back(m_model->network().encodeFrames(
          pixels.narrow(0, i, std::min<int64_t>(m_vitBatch, pixels.size(0) - i))));
    return torch::cat(parts, 0);  // (T, N, W)
  }

  std::vector<int64_t> localize(const at::Tensor& imageTokens, const Prompt& p) const {
    return nn::localize(*m_model, imageTokens, p.framePrefix, p.locText, m_model->options()).keyframes;
  }

  int answer(const at::Tensor& imageTokens, const std::vector<int64_t>& keyframes, const Prompt& p) const {
    std::vector<std::vector<int64_t>> prefixes(
        p.keyframePrefixes.begin(), p.keyframePrefixes.begin() + static_cast<long>(keyframes.size()));
    return nn::answer(*m_model, imageTokens, keyframes, prefixes, p.qaText, m_options, m_model->options())
        .answer;
  }

  // The whole question; `imageTokens` given = its video's ViT output is already known.
  int question(const at::Tensor& bytes, const Prompt& p, at::Tensor* imageTokens = nullptr) const {
    const at::Tensor image = imageTokens && imageTokens->defined() ? *imageTokens : vision(bytes);
    if (imageTokens) *imageTokens = image;
    return answer(image, localize(image, p), p);
  }

  // A video's questions together (nn/question_group.h): one ViT pass, one Localizer pass over all their
  // rows, one Answerer pass; `imageTokens` as in question().
  void questionGroup(const at::Tensor& bytes, const std::vector<Prompt>& prompts,
                     at::Tensor* imageTokens = nullptr) const {
    const at::Tensor image = imageTokens && imageTokens->defined() ? *imageTokens : vision(bytes);
    if (imageTokens) *imageTokens = image;
    std::vector<nn::LocalizerPromptIds> loc;
    for (const auto& p : prompts) loc.push_back(nn::LocalizerPromptIds{p.framePrefix, p.locText});
    const auto scores = nn::localizeGroup(*m_model, image, loc, m_model->options());
    std::vector<nn::AnswererQuestion> asked;
    for (size_t q = 0; q < prompts.size(); ++q) {
      nn::AnswererQuestion a;
      a.keyframes = scores[q].keyframes;
      a.prompt =
          nn::AnswererPromptIds{prompts[q].keyframePrefixes, prompts[q].framePrefix, prompts[q].qaText};
      a.numOptions = m_options;
      asked.push_back(std::move(a));
    }
    nn::answerGroup(*m_model, image, asked, m_model->options());
  }

private:
  std::shared_ptr<const nn::SevilaModel> m_model;
  c10::Device m_device;
  int m_options;
  int m_vitBatch;  // frames per ViT call; 0: all
  at::Tensor m_mean, m_scale;
  int64_t m_size = 224;
};

double timeMs(const std::function<void()>& body, const std::function<void()>& sync) {
  sync();
  const auto start = Clock::now();
  body();
  sync();
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

#ifdef SEVILA_BENCH_CUDA_GRAPHS
// One fixed-shape pass captured as a CUDA graph: inputs are copied into static buffers, the graph
// replays every kernel with one launch, outputs are static buffers overwritten by each replay.
class GraphPass {
public:
  using Fn = std::function<std::vector<at::Tensor>(const std::vector<at::Tensor>&)>;
  GraphPass(const Fn& fn, const std::vector<at::Tensor>& examples) {
    for (const auto& e : examples) m_inputs.push_back(e.clone());
    torch::cuda::synchronize();
    auto stream = c10::cuda::getStreamFromPool();
    {
      c10::cuda::CUDAStreamGuard guard(stream);
      for (int i = 0; i < 2; ++i) fn(m_inputs);  // warm-up on the capture stream (handles, workspaces)
      stream.synchronize();
      m_graph.capture_begin();
      m_outputs = fn(m_inputs);
      m_graph.capture_end();
    }
    torch::cuda::synchronize();
  }
  const std::vector<at::Tensor>& run(const std::vector<at::Tensor>& inputs) {
    for (size_t i = 0; i < inputs.size(); ++i) m_inputs[i].copy_(inputs[i]);
    m_graph.replay();
    return m_outputs;
  }

private:
  at::cuda::CUDAGraph m_graph;
  std::vector<at::Tensor> m_inputs, m_outputs;
};

double maxDiff(const at::Tensor& a, const at::Tensor& b) {
  return (a.to(torch::kCPU, torch::kDouble) - b.to(torch::kCPU, torch::kDouble)).abs().max().item<double>();
}

// The Localizer (bridge + encoder + first decoder step) and the Answerer (bridge + encoder + two decoder
// steps) as graphs for one prompt shape; prints replay times next to the eager ones.
void benchGraphs(const nn::SevilaModel& model, const QuestionBench& bench, const at::Tensor& bytes,
                 const Prompt& p, int options, int reps, const std::function<void()>& sync) {
  auto& net = model.network();
  auto& t5 = net.language_model;
  const auto device = net.device();
  const auto ids = [&](const std::vector<int64_t>& v) {
    return t5->embed(torch::tensor(v, torch::dtype(torch::kLong)).to(device));
  };
  const at::Tensor image = bench.vision(bytes);  // (T, N, W)
  const int64_t frames = image.size(0);
  const int k = static_cast<int>(p.keyframePrefixes.size());
  const at::Tensor prefix = ids(p.framePrefix), locText = ids(p.locText), qaText = ids(p.qaText);
  std::vector<at::Tensor> kfPrefixes;
  for (const auto& v : p.keyframePrefixes) kfPrefixes.push_back(ids(v));
  const at::Tensor kfPrefix = torch::stack(kfPrefixes);  // (k, 5, D): every "Frame j: " has 5 ids here
  const int64_t yes = model.options().yesId;
  std::vector<int64_t> letterIdsV(model.options().letterIds.begin(),
                                  model.options().letterIds.begin() + options);
  const at::Tensor letterIds = torch::tensor(letterIdsV, torch::dtype(torch::kLong)).to(device);

  const GraphPass::Fn localizer = [&](const std::vector<at::Tensor>& in) {
    const auto tokens = net.visualTokens(in[0], nn::Role::Localizer);  // (T, Q, D)
    const auto embeds = torch::cat(
        {in[1].unsqueeze(0).expand({frames, -1, -1}), tokens, in[2].unsqueeze(0).expand({frames, -1, -1})},
        1);
    const auto mask =
        torch::ones({embeds.size(0), embeds.size(1)}, torch::dtype(torch::kLong).device(device));
    return std::vector<at::Tensor>{t5->firstStepLogits(t5->encode(embeds, mask), mask).to(torch::kFloat)};
  };
  const GraphPass::Fn answerer = [&](const std::vector<at::Tensor>& in) {
    const auto tokens = net.visualTokens(in[0], nn::Role::Answerer);  // (k, Q, D)
    const auto embeds =
        torch::cat({torch::cat({in[1], tokens}, 1).reshape({1, -1, tokens.size(2)}), in[2].unsqueeze(0)},
                   1);  // (1, k(5+Q)+L, D)
    const auto mask = torch::ones({1, embeds.size(1)}, torch::dtype(torch::kLong).device(device));
    const auto encoded = t5->encode(embeds, mask);
    const auto step0 = t5->firstStepLogits(encoded, mask);
    const auto start = torch::zeros({1, 1}, torch::dtype(torch::kLong).device(device));
    const auto step1 =
        t5->decode(torch::cat({start, step0.argmax(1).unsqueeze(1)}, 1), encoded, mask).select(1, 1);
    return std::vector<at::Tensor>{step1.index_select(1, letterIds).to(torch::kFloat)};
  };

  std::vector<at::Tensor> locIn{image, prefix, locText};
  const auto eagerLoc = localizer(locIn)[0].clone();
  auto start = Clock::now();
  GraphPass locGraph(localizer, locIn);
  const double locCapture = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  const auto kf = std::get<0>(std::get<1>(torch::topk(eagerLoc.select(1, yes), k)).sort());
  std::vector<at::Tensor> ansIn{image.index_select(0, kf), kfPrefix, qaText};
  const auto eagerAns = answerer(ansIn)[0].clone();
  start = Clock::now();
  GraphPass ansGraph(answerer, ansIn);
  const double ansCapture = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  std::printf("  CUDA graphs: captured the Localizer in %.0f ms, the Answerer in %.0f ms\n", locCapture,
              ansCapture);
  std::printf("    replay == eager: Localizer logits max|d| %.3e, Answerer letter logits max|d| %.3e\n",
              maxDiff(locGraph.run(locIn)[0], eagerLoc), maxDiff(ansGraph.run(ansIn)[0], eagerAns));

  std::vector<double> locEager, locReplay, ansEager, ansReplay, second;
  for (int r = 0; r < reps; ++r) {
    locEager.push_back(timeMs([&] { localizer(locIn); }, sync));
    locReplay.push_back(timeMs([&] { locGraph.run(locIn); }, sync));
    ansEager.push_back(timeMs([&] { answerer(ansIn); }, sync));
    ansReplay.push_back(timeMs([&] { ansGraph.run(ansIn); }, sync));
    // A second question from graphs: Localizer, top-k on the host (as the product does), Answerer.
    second.push_back(timeMs(
        [&] {
          const auto logits = locGraph.run(locIn)[0].select(1, yes).to(torch::kCPU);
          const auto top = std::get<0>(std::get<1>(torch::topk(logits, k)).sort()).to(device);
          ansGraph.run({image.index_select(0, top), kfPrefix, qaText})[0].to(torch::kCPU);
        },
        sync));
  }
  std::printf("    Localizer pass  eager %7.2f ms, graph %7.2f ms\n", median(locEager), median(locReplay));
  std::printf("    Answerer pass   eager %7.2f ms, graph %7.2f ms\n", median(ansEager), median(ansReplay));
  std::printf("    second question from graphs %.2f ms; cold with the eager ViT about %.2f ms\n",
              median(second), median(second) + timeMs([&] { bench.vision(bytes); }, sync));
}
#endif

}  // namespace

int main(int argc, char** argv) {
  sevila::keepFreedMemoryForReuse();  // as the sevila CLI and the studio do
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  bool real = false, tf32 = false, graphs = false, once = false;
  int vitBatch = 0, locRows = 0;
  bool passGraphs = false, passGraphsToo = false;
  int warmup = -1;
  std::string deviceText = "cpu", dtypeText = "f32";
  int frames = 32, keyframes = 4, options = 5, videos = 4, perVideo = 5, reps = 0, threads = 0;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "%s needs a value\n", a.c_str());
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--real")
      real = true;
    else if (a == "--tf32")
      tf32 = true;
    else if (a == "--graphs")
      graphs = true;
    else if (a == "--device")
      deviceText = next();
    else if (a == "--dtype")
      dtypeText = next();
    else if (a == "--frames")
      frames = std::stoi(next());
    else if (a == "--keyframes")
      keyframes = std::stoi(next());
    else if (a == "--options")
      options = std::stoi(next());
    else if (a == "--videos")
      videos = std::stoi(next());
    else if (a == "--per-video")
      perVideo = std::stoi(next());
    else if (a == "--reps")
      reps = std::stoi(next());
    else if (a == "--threads")
      threads = std::stoi(next());
    else if (a == "--warmup")
      warmup = std::stoi(next());
    else if (a == "--once")
      once = true;
    else if (a == "--vit-batch")
      vitBatch = std::stoi(next());
    else if (a == "--loc-rows")
      locRows = std::stoi(next());
    else if (a == "--pass-graphs")
      passGraphs = true;
    else if (a == "--pass-graphs-too")
      passGraphsToo = true;
    else if (a == "--projected-cross")
      nn::useFewQueryCrossAttention(false);
    else {
      std::fprintf(
          stderr,
          "usage: bench_question [--real] [--device cpu|cuda] [--dtype f32|bf16] [--frames T] "
          "[--keyframes K] [--options O] [--videos V] [--per-video Q] [--reps R] [--threads N] [--tf32] "
          "[--graphs] [--warmup W] [--once] [--vit-batch B] [--loc-rows R] [--projected-cross] "
          "[--pass-graphs | --pass-graphs-too]\n");
      return 2;
    }
  }
  if (frames < 1 || keyframes < 1 || keyframes > frames || options < 2 || options > 5 || videos < 0 ||
      perVideo < 1) {
    std::fprintf(stderr,
                 "bench_question: need 1 <= keyframes <= frames, 2..5 options, videos and per-video >= 1\n");
    return 2;
  }
  try {
    const int usedThreads = nn::configureThreads(threads);
    const auto device = nn::parseDevice(deviceText);
    const auto dtype = nn::parseDtype(dtypeText);
    nn::Blip2ModelImpl::requireSupported(device, dtype);
    if (!reps) reps = device.is_cuda() ? 10 : (real ? 1 : 5);
    if (device.is_cuda()) {  // f32 means f32 unless --tf32 asks for TensorFloat-32 products
      at::globalContext().setAllowTF32CuBLAS(tf32);
      at::globalContext().setAllowTF32CuDNN(tf32);
    }
    const nn::Blip2Config config = real ? nn::flanT5XlConfig() : tinyBenchConfig();
    std::printf(
        "bench_question: %s size, %s %s%s, %d frames -> %d keyframes, %d options, %d intra-op threads, "
        "LibTorch %s\n",
        real ? "real (Flan-T5-XL BLIP-2)" : "tiny", device.str().c_str(), nn::dtypeName(dtype).c_str(),
        device.is_cuda() && dtype == torch::kFloat ? (tf32 ? " (TF32 on)" : " (TF32 off)") : "", frames,
        keyframes, options, usedThreads, TORCH_VERSION);
    torch::NoGradGuard noGrad;
    torch::manual_seed(0);
    auto start = Clock::now();
    auto network = nn::Blip2ModelImpl::random(config, device, dtype);
    network->attachLocalizer();
    network->eval();
    nn::SevilaOptions sevilaOptions = nn::sevilaDefaults();
    sevilaOptions.frames = frames;
    sevilaOptions.keyframes = keyframes;
    sevilaOptions.localizerRows = locRows;
    // One model per way of answering, all on the same network: eager, pass graphs, or both in turn.
    const auto makeModel = [&](bool withGraphs) {
      nn::SevilaOptions o = sevilaOptions;
      o.passGraphs = withGraphs;
      return std::make_shared<nn::SevilaModel>(network, std::nullopt, o);
    };
    std::vector<std::shared_ptr<nn::SevilaModel>> models;
    if (!passGraphs || passGraphsToo) models.push_back(makeModel(false));
    if (passGraphs || passGraphsToo) models.push_back(makeModel(true));
    std::printf("  built with random weights in %.1f s (%s); Localizer: %lld frame(s) per pass\n",
                std::chrono::duration<double>(Clock::now() - start).count(), network->precisionName().c_str(),
                static_cast<long long>(nn::localizerRowsPerPass(*network, sevilaOptions, frames)));

    const int64_t vocab = config.text.vocab_size;
    const Prompt prompt = randomPrompt(vocab, keyframes);
    std::vector<Prompt> prompts;  // the batch's questions, the same for every model
    for (int q = 0; q < perVideo; ++q) prompts.push_back(randomPrompt(vocab, keyframes));
    if (warmup < 0) warmup = real && !device.is_cuda() ? 0 : 2;

    for (const auto& m : models) {
      QuestionBench bench(m, device, options, vitBatch);
      const auto sync = [&] { bench.sync(); };
      const at::Tensor bytes = bench.decodedFrames(frames);
      if (const nn::PassGraphs* g = m->passGraphs())
        std::printf("  passes: %s (prompts padded to buckets of 32)\n",
                    g->replaying() ? "replayed from CUDA graphs" : "padded, eager");
      else if (models.size() > 1)
        std::printf("  passes: eager\n");

      // Warm-up: kernels, allocator, cuBLAS handles (and the graphs' captures).
      for (int i = 0; i < warmup; ++i) bench.question(bytes, prompt);
      sync();
      if (once) {
        std::printf("  one cold question       %9.2f ms\n",
                    timeMs([&] { bench.question(bytes, prompt); }, sync));
        continue;
      }

      std::vector<double> cold, second, vit, loc, ans;
      for (int r = 0; r < reps; ++r) {
        at::Tensor image;
        cold.push_back(timeMs([&] { bench.question(bytes, prompt, &image); }, sync));
        second.push_back(timeMs([&] { bench.question(bytes, prompt, &image); }, sync));
        if (reps > 1 && !device.is_cuda())  // minutes each: show them as they come
          std::printf("  question %d: cold %.0f ms, second %.0f ms\n", r + 1, cold.back(), second.back());
        std::fflush(stdout);
        // The breakdown, each stage synchronised.
        at::Tensor features;
        std::vector<int64_t> kf;
        vit.push_back(timeMs([&] { features = bench.vision(bytes); }, sync));
        loc.push_back(timeMs([&] { kf = bench.localize(features, prompt); }, sync));
        ans.push_back(timeMs([&] { bench.answer(features, kf, prompt); }, sync));
      }
      std::printf("  cold question           %9.2f ms (median of %d)\n", median(cold), reps);
      std::printf("  second question, same video %5.2f ms\n", median(second));
      std::printf("    frames -> ViT output    %8.2f ms (%.3f ms/frame)\n", median(vit),
                  median(vit) / frames);
      std::printf("    Localizer, %2d frames   %8.2f ms\n", frames, median(loc));
      std::printf("    Answerer, %d keyframes  %8.2f ms\n", keyframes, median(ans));

      // A dataset run: V videos, Q questions each; one ViT pass per video.
      std::vector<at::Tensor> clips;
      for (int v = 0; v < videos; ++v) clips.push_back(bench.decodedFrames(frames));
      const double batchMs = timeMs(
          [&] {
            for (const auto& clip : clips) {
              at::Tensor image;
              for (const auto& p : prompts) bench.question(clip, p, &image);
            }
          },
          sync);
      const int questions = videos * perVideo;
      if (questions > 0)
        std::printf("  batch: %d videos x %d questions in %.1f ms: %.3g questions/s\n", videos, perVideo,
                    batchMs, 1000.0 * questions / batchMs);
      // The same batch with each video's questions together (sevila run --group).
      if (questions > 0 && perVideo > 1) {
        const double groupMs = timeMs(
            [&] {
              for (const auto& clip : clips) bench.questionGroup(clip, prompts);
            },
            sync);
        std::printf("  batch, each video's questions together: %.1f ms: %.3g questions/s\n", groupMs,
                    1000.0 * questions / groupMs);
        // After the ViT: a video's questions alone against together, per question.
        at::Tensor image = bench.vision(clips.front());
        std::vector<double> alone, together;
        for (int r = 0; r < std::max(reps, 1); ++r) {
          alone.push_back(timeMs(
                              [&] {
                                for (const auto& p : prompts) bench.question(clips.front(), p, &image);
                              },
                              sync) /
                          perVideo);
          together.push_back(timeMs([&] { bench.questionGroup(clips.front(), prompts, &image); }, sync) /
                             perVideo);
        }
        std::printf("  %d questions of a seen video: %.2f ms each alone, %.2f ms each together\n", perVideo,
                    median(alone), median(together));
      }
      if (const nn::PassGraphs* g = m->passGraphs(); g && g->replaying())
        std::printf("  pass graphs: %lld captured%s%s\n", static_cast<long long>(g->graphsCaptured()),
                    g->failure().empty() ? "" : "; a capture failed, eager since: ", g->failure().c_str());
    }
    if (once) {
      std::printf("  peak RSS %.0f MiB\n", benchutil::peakRssMiB());
      return 0;
    }

    if (graphs) {
#ifdef SEVILA_BENCH_CUDA_GRAPHS
      if (!device.is_cuda()) throw std::runtime_error("--graphs needs --device cuda");
      QuestionBench bench(models.front(), device, options, vitBatch);
      benchGraphs(*models.front(), bench, bench.decodedFrames(frames), prompt, options, reps,
                  [&] { bench.sync(); });
#else
      throw std::runtime_error("--graphs needs a build against a CUDA LibTorch");
#endif
    }
    std::printf("  peak RSS %.0f MiB\n", benchutil::peakRssMiB());
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_question: %s\n", e.what());
    return 1;
  }
}
