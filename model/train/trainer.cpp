#include "train/trainer.h"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <mutex>

#include <ATen/autocast_mode.h>
#include <torch/torch.h>
#include <torch/version.h>

#include "nn/answerer_loss.h"
#include "core/error.h"
#include "nn/localizer_loss.h"
#include "nn/sevila_model.h"
#include "train/distributed.h"
#include "train/parameter_groups.h"

namespace sevila::train {
namespace {

// bf16 autocast around a CUDA forward (the reference trains under AMP), nothing on CPU.
class CudaAutocast {
public:
  explicit CudaAutocast(bool on) : m_on(on) {
    if (!m_on) return;
#if defined(TORCH_VERSION_MAJOR) && \
    (TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 4))
    at::autocast::set_autocast_dtype(at::kCUDA, at::kBFloat16);
    at::autocast::set_autocast_enabled(at::kCUDA, true);
#else
    at::autocast::set_autocast_gpu_dtype(at::kBFloat16);
    at::autocast::set_enabled(true);
#endif
  }
  ~CudaAutocast() {
    if (!m_on) return;
#if defined(TORCH_VERSION_MAJOR) && \
    (TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 4))
    at::autocast::set_autocast_enabled(at::kCUDA, false);
#else
    at::autocast::set_enabled(false);
#endif
    at::autocast::clear_cache();
  }
  CudaAutocast(const CudaAutocast&) = delete;
  CudaAutocast& operator=(const CudaAutocast&) = delete;

private:
  bool m_on;
};

int64_t targetTokens(const TrainingSample& s) {
  return (s.targets != -100).sum().item<int64_t>();
}

}  // namespace

const char* trainRoleName(TrainRole role) {
  return role == TrainRole::Localizer ? "localizer" : "answerer";
}

struct Trainer::Impl {
  ParameterGroups groups;
  std::vector<at::Tensor> parameters;  // decay group first, then no-decay: the optimizer's order
  std::unique_ptr<torch::optim::AdamW> adamw;
};

Trainer::Trainer(std::shared_ptr<const nn::SevilaModel> model, TrainOptions options, ProcessGroup* group)
    : m_model(std::move(model)), m_options(options), m_group(group), d(std::make_unique<Impl>()) {
  if (m_options.batchSize < 1) throw Error("training", "the batch size must be at least 1");
  if (m_options.accumulation < 1)
    throw Error("training", "gradient accumulation must be at least 1 iteration");
  if (m_options.schedule.maxEpochs < 1) throw Error("training", "at least one epoch");
  nn::Blip2ModelImpl& net = network();
  if (m_options.role == TrainRole::Localizer && !net.hasLocalizer())
    throw Error("training", "the model has no Localizer to train");
  if (m_options.trainEverything) {
    for (auto& p : net.parameters()) p.set_requires_grad(true);
    if (m_options.dropout) net.train();
  } else {
    if (m_options.role == TrainRole::Localizer)
      nn::freezeAllButLocalizer(net);
    else
      nn::freezeAllButAnswerer(net);
    if (m_options.dropout) net.train();
    net.vision_model->eval();  // pinned to eval, as the reference
  }
  {  // bf16 weights under f32 arithmetic (a CPU's bf16): what learns is widened, as the reference's is
    torch::NoGradGuard noGrad;
    for (auto& p : net.parameters())
      if (p.requires_grad() && p.scalar_type() != net.dtype()) p.set_data(p.to(net.dtype()));
  }
  torch::manual_seed(m_options.seed + static_cast<uint64_t>(rank()));

  d->groups = lavisParameterGroups(net);
  if (d->groups.size() == 0) throw Error("training", "no parameter requires a gradient");
  std::vector<at::Tensor> decay, noDecay;
  for (const auto& p : d->groups.decay) decay.push_back(p.tensor);
  for (const auto& p : d->groups.noDecay) noDecay.push_back(p.tensor);
  auto groupOptions = [&](double weightDecay) {
    return std::make_unique<torch::optim::AdamWOptions>(torch::optim::AdamWOptions(m_options.schedule.initLr)
                                                            .betas({m_options.beta1, m_options.beta2})
                                                            .eps(m_options.eps)
                                                            .weight_decay(weightDecay));
  };
  std::vector<torch::optim::OptimizerParamGroup> groups;
  if (!decay.empty()) groups.emplace_back(decay, groupOptions(m_options.weightDecay));
  if (!noDecay.empty()) groups.emplace_back(noDecay, groupOptions(0.0));
  d->parameters = decay;
  d->parameters.insert(d->parameters.end(), noDecay.begin(), noDecay.end());
  d->adamw = std::make_unique<torch::optim::AdamW>(std::move(groups),
                                                   torch::optim::AdamWOptions(m_options.schedule.initLr));
}

Trainer::~Trainer() = default;

nn::Blip2ModelImpl& Trainer::network() const {
  return m_model->network();
}
int Trainer::rank() const {
  return m_group ? m_group->rank() : 0;
}
int Trainer::worldSize() const {
  return m_group ? m_group->size() : 1;
}

void Trainer::finish() {
  network().eval();
  for (auto& p : network().parameters()) p.set_requires_grad(false);
}

StepRecord Trainer::iterate(const std::vector<TrainingSample>& samples, int epoch, int64_t iteration,
                            int64_t step) {
  StepRecord record;
  record.step = step;
  record.epoch = epoch;
  record.iteration = iteration;
  record.lr = m_options.schedule.at(epoch, iteration);
  for (auto& group : d->adamw->param_groups())
    static_cast<torch::optim::AdamWOptions&>(group.options()).lr(record.lr);

  // The all-rank batch's loss is the mean over all its target tokens: each sample's mean loss weighs
  // by its share of those tokens, and the ranks' gradients are summed. Samples of two roles (joint
  // training) make two such means, summed.
  const auto roleOf = [&](const TrainingSample& s) {
    const TrainRole role = s.role.value_or(m_options.role);
    if (role != m_options.role && !m_options.trainEverything)
      throw Error("training", std::string("a ") + trainRoleName(role) + " sample in a " +
                                  trainRoleName(m_options.role) + " trainer: only with trainEverything");
    return static_cast<int>(role);
  };
  double counts[3] = {0, 0, static_cast<double>(samples.size())};
  for (const auto& s : samples) counts[roleOf(s)] += static_cast<double>(targetTokens(s));
  if (m_group)
    for (double& c : counts) c = m_group->allReduceSum(c);
  record.samples = static_cast<int64_t>(counts[2]);
  if (counts[0] + counts[1] <= 0) throw Error("training", "an iteration without any target token");

  nn::Blip2ModelImpl& net = network();
  const bool autocast = m_options.bf16Autocast && net.device().is_cuda();
  double lossSum[2] = {0, 0};
  bool finite = true;
  for (const auto& s : samples) {
    const int role = roleOf(s);
    const double weight = static_cast<double>(targetTokens(s)) / counts[role];
    at::Tensor loss;
    {
      CudaAutocast amp(autocast);
      at::Tensor image = s.imageTokens;
      if (s.pixels.defined()) {
        if (!m_options.trainEverything)
          throw Error("training", "pixels in a sample train the ViT: only with trainEverything");
        image = net.encodeFrames(s.pixels);
      }
      if (role == static_cast<int>(TrainRole::Localizer)) {
        if (s.prefixes.size() != 1)
          throw Error("training", "a Localizer sample has exactly one frame prefix");
        loss = nn::localizerLoss(*m_model, image, s.prefixes[0], s.text, s.targets).loss;
      } else {
        std::vector<int64_t> targets(s.targets.data_ptr<int64_t>(),
                                     s.targets.data_ptr<int64_t>() + s.targets.numel());
        loss = nn::answererLoss(*m_model, image, s.prefixes, s.text, targets).loss;
      }
    }
    const double value = loss.item<double>();
    if (!std::isfinite(value)) {
      finite = false;
      break;
    }
    (loss * weight).backward();
    lossSum[role] += value * weight;
  }
  // Every rank learns that one of them saw a bad loss, so that all stop at the same step.
  double bad = finite ? 0.0 : 1.0;
  if (m_group) bad = m_group->allReduceSum(bad);
  if (bad > 0) {
    d->adamw->zero_grad();
    throw NonFiniteLoss("the loss is not finite at step " + std::to_string(step + 1) + " (epoch " +
                        std::to_string(epoch) + ", iteration " + std::to_string(iteration) + ")");
  }
  if (m_group) {
    std::vector<at::Tensor> grads;
    for (auto& p : d->parameters) {
      if (!p.grad().defined()) p.mutable_grad() = torch::zeros_like(p);
      grads.push_back(p.grad());
    }
    m_group->allReduceSum(grads);
    for (double& l : lossSum) l = m_group->allReduceSum(l);
  }
  record.roleLoss[0] = lossSum[0];
  record.roleLoss[1] = lossSum[1];
  record.loss = lossSum[0] + lossSum[1];
  if ((iteration + 1) % m_options.accumulation == 0) {
    d->adamw->step();
    for (auto& p : d->parameters) p.mutable_grad() = at::Tensor();  // zero_grad(set_to_none=True)
    record.optimizerStep = true;
  }
  return record;
}

void Trainer::saveState(const std::string& path) const {
  torch::serialize::OutputArchive archive;
  d->adamw->save(archive);
  archive.write("cpu_rng_state", at::detail::getDefaultCPUGenerator().get_state());
  const std::string temporary = path + ".tmp";
  try {
    archive.save_to(temporary);
  } catch (const c10::Error& e) {
    std::filesystem::remove(temporary);
    throw Error(path, std::string("cannot write the optimizer state: ") + e.what_without_backtrace());
  }
  std::error_code ec;
  std::filesystem::rename(temporary, path, ec);
  if (ec) {
    std::filesystem::remove(temporary);
    throw Error(path, "cannot replace the optimizer state: " + ec.message());
  }
}

void Trainer::loadState(const std::string& path) {
  try {
    torch::serialize::InputArchive archive;
    archive.load_from(path);
    d->adamw->load(archive);
    at::Tensor rng;
    archive.read("cpu_rng_state", rng);
    at::Generator generator = at::detail::getDefaultCPUGenerator();  // a handle on the default generator
    std::lock_guard<std::mutex> lock(generator.mutex());
    generator.set_state(rng);
  } catch (const c10::Error& e) {
    throw Error(path, std::string("cannot read the optimizer state: ") + e.what_without_backtrace(),
                "start again without --resume, or restore the file");
  }
}

}  // namespace sevila::train
