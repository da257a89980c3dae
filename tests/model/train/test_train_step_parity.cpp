// Parity of training steps with the reference (tests/data/golden/README.md, "Training steps"):
//  - three Localizer-refinement steps of LAVIS's runner on tiny-a and tiny-b (train_steps.safetensors):
//    learning rates, losses and parameter deltas after steps 1 and 3;
//  - three Answerer fine-tuning steps (answerer_steps.safetensors, made by make_answerer_steps.py with
//    Debian's python3-torch): the same on the Answerer's bridge with the target "Option X" + EOS.
// Tolerance for deltas: max |ours - ref| <= 1e-3 * max |ref| over all deltas of that step, except for
// elements that differ by one float32 rounding of p + delta (a step-1 update at lr 1e-8 is a few ulps).
#include <cmath>
#include <cstdio>
#include <map>
#include <string>

#include <torch/torch.h>

#include "minitest.h"
#include "nn/answerer_loss.h"
#include "nn/safetensors.h"
#include "nn/sevila_model.h"
#include "train/parameter_groups.h"
#include "train/trainer.h"

using namespace sevila;

namespace {

struct Reference {
  std::map<std::string, std::string> meta;
  std::map<std::string, at::Tensor> tensors;
};

Reference readReference(const std::string& path) {
  auto file = nn::SafetensorsFile::open(path);
  Reference r;
  r.meta = file->metadata();
  for (const auto& name : file->names()) r.tensors[name] = file->tensor(name);
  return r;
}

std::vector<int64_t> idsOf(const at::Tensor& t) {
  const auto c = t.to(at::kLong).contiguous();
  return std::vector<int64_t>(c.data_ptr<int64_t>(), c.data_ptr<int64_t>() + c.numel());
}

std::map<std::string, at::Tensor> trainableByLavisName(nn::Blip2ModelImpl& net) {
  std::map<std::string, at::Tensor> out;
  for (const auto& p : net.named_parameters(true))
    if (p.value().requires_grad()) out[train::lavisName(p.key())] = p.value().detach().clone();
  return out;
}

// Runs three iterations and compares with the reference under `prefix` ("train." or "train.ans.").
void checkSteps(const std::string& caseName, train::TrainRole role, const std::string& file,
                const std::string& prefix, double tolerance) {
  const std::string dir = std::string(SEVILA_TEST_DATA) + "/golden/" + caseName;
  const Reference ref = readReference(dir + "/" + file);
  auto model = nn::SevilaModel::load(dir, dir + "/sevila.pth");
  const auto inputs = nn::loadSafetensors(dir + "/inputs.safetensors");
  at::Tensor image;
  {
    torch::NoGradGuard noGrad;
    image = model->network().encodeFrames(inputs.at("pixel_values"));  // (T, N, W): a constant
  }
  train::TrainOptions o;
  o.role = role;
  o.dropout = false;  // the reference's steps run in eval mode
  o.schedule.initLr = std::stod(ref.meta.at("init_lr"));
  o.schedule.warmupLr = std::stod(ref.meta.at("warmup_start_lr"));
  o.schedule.warmupSteps = std::stoll(ref.meta.at("warmup_steps"));
  o.weightDecay = std::stod(ref.meta.at("weight_decay"));
  o.beta1 = std::stod(ref.meta.at("beta1"));
  o.beta2 = std::stod(ref.meta.at("beta2"));
  o.eps = std::stod(ref.meta.at("eps"));
  train::Trainer trainer(model, o);

  train::TrainingSample s;
  if (role == train::TrainRole::Localizer) {
    s.imageTokens = image;
    s.prefixes = {idsOf(inputs.at("sevila.frame_prefix_ids"))};
    s.text = idsOf(inputs.at("sevila.loc_text_ids"));
    s.targets = inputs.at("train.loc_labels").to(at::kLong);
  } else {
    const auto outputs = nn::loadSafetensors(dir + "/outputs.safetensors");
    const auto keyframes = idsOf(outputs.at("sevila.keyframes"));
    s.imageTokens = image.index_select(0, torch::tensor(keyframes, torch::dtype(at::kLong)));
    const auto prefixes = inputs.at("sevila.vid_prefix_ids");
    for (size_t j = 0; j < keyframes.size(); ++j)
      s.prefixes.push_back(idsOf(prefixes[static_cast<int64_t>(j)]));
    s.text = idsOf(inputs.at("sevila.qa_text_ids"));
    const int gt = static_cast<int>(inputs.at("sevila.ground_truth").item<int64_t>());
    const std::vector<int64_t> targets = {static_cast<int64_t>(std::stoll(ref.meta.at("option_id"))),
                                          model->options().letterIds[static_cast<size_t>(gt)], 1};
    s.targets = torch::tensor(targets, torch::dtype(at::kLong));  // "Option X" + EOS
  }

  const auto start = trainableByLavisName(trainer.network());
  const auto lr = ref.tensors.at(prefix + "step.lr");
  const auto loss = ref.tensors.at(prefix + "step.loss");
  for (int64_t i = 0; i < 3; ++i) {
    const auto record = trainer.iterate({s}, 0, i, i);
    // The reference stores its lr as float32.
    CHECK_NEAR(record.lr, lr[i].item<double>(), 1e-7 * std::abs(lr[i].item<double>()));
    CHECK_NEAR(record.loss, loss[i].item<double>(), 1e-4 * std::max(1.0, std::abs(loss[i].item<double>())));
    std::printf("  %s %s step %lld: lr %.6g (ref %.6g), loss %.7f (ref %.7f)\n", caseName.c_str(),
                train::trainRoleName(role), static_cast<long long>(i + 1), record.lr, lr[i].item<double>(),
                record.loss, loss[i].item<double>());
    if (i != 0 && i != 2) continue;
    const std::string step = prefix + "step" + std::to_string(i + 1) + ".delta.";
    const auto now = trainableByLavisName(trainer.network());
    double scale = 0, worst = 0;
    int compared = 0;
    int64_t roundingOnly = 0;
    std::string worstName;
    for (const auto& [name, t] : ref.tensors)
      if (name.rfind(step, 0) == 0) scale = std::max(scale, t.abs().max().item<double>());
    for (const auto& [name, t] : ref.tensors) {
      if (name.rfind(step, 0) != 0) continue;
      const std::string param = name.substr(step.size());
      REQUIRE(now.count(param) == 1);
      const auto delta = now.at(param) - start.at(param);
      const auto err = (delta - t).abs();
      // Above the tolerance only by one float32 rounding of p + delta (at lr 1e-8 a step moves a
      // parameter by a few ulps, so float noise in the gradient can flip one rounding): allowed, counted.
      const auto ulp = start.at(param).abs() * std::ldexp(1.0, -23) + 1e-45;
      const auto over = err > tolerance * scale;
      roundingOnly += (over & (err <= ulp * 1.0001)).sum().item<int64_t>();
      CHECK((~over | (err <= ulp * 1.0001)).all().item<bool>());
      const double e = err.max().item<double>();
      if (e > worst) {
        worst = e;
        worstName = param;
      }
      ++compared;
    }
    CHECK(compared > 0);
    std::printf(
        "  %s %s step %lld: %d deltas, worst %.3g = %.2g of scale %.3g (%s); %lld elements off by one "
        "float32 rounding of p + delta\n",
        caseName.c_str(), train::trainRoleName(role), static_cast<long long>(i + 1), compared, worst,
        worst / scale, scale, worstName.c_str(), static_cast<long long>(roundingOnly));
    CHECK(roundingOnly <= 4);
  }
}

}  // namespace

// The golden README's tolerance for the reference's Localizer steps.
TEST(localizer_steps_tiny_a) {
  checkSteps("tiny-a", train::TrainRole::Localizer, "train_steps.safetensors", "train.", 1e-3);
}
TEST(localizer_steps_tiny_b) {
  checkSteps("tiny-b", train::TrainRole::Localizer, "train_steps.safetensors", "train.", 1e-3);
}
// Our own PyTorch reference of the Answerer's steps: two valid fp32 formulations of the same steps
// already differ by 1.4e-3 (and fp64 by 1.6e-3) of tiny-b's step-3 scale (tests/data/golden/README.md),
// so 1e-3 cannot separate right from wrong there; 5e-3 still catches a wrong group, lr or target.
TEST(answerer_steps_tiny_a) {
  checkSteps("tiny-a", train::TrainRole::Answerer, "answerer_steps.safetensors", "train.ans.", 1e-3);
}
TEST(answerer_steps_tiny_b) {
  checkSteps("tiny-b", train::TrainRole::Answerer, "answerer_steps.safetensors", "train.ans.", 5e-3);
}

// LAVIS's decay rule, on the names it applies to.
TEST(lavis_decay_groups) {
  CHECK(train::lavisDecays("query_tokens_loc", 3));
  CHECK(train::lavisDecays("t5_proj_loc.weight", 2));
  CHECK(!train::lavisDecays("t5_proj_loc.bias", 1));
  CHECK(!train::lavisDecays("ln_vision_loc.weight", 1));
  CHECK(!train::lavisDecays("Qformer_loc.bert.encoder.layer.0.attention.self.query.bias", 1));
  CHECK(train::lavisDecays("Qformer_loc.bert.encoder.layer.0.attention.self.query.weight", 2));
  const std::string dir = std::string(SEVILA_TEST_DATA) + "/golden/tiny-a";
  auto model = nn::SevilaModel::load(dir, dir + "/sevila.pth");
  train::TrainOptions o;
  train::Trainer trainer(model, o);
  const auto groups = train::lavisParameterGroups(trainer.network());
  size_t localizer = 0;
  for (const auto& p : trainer.network().named_parameters(true))
    localizer += p.key().rfind("localizer.", 0) == 0;
  CHECK_EQ(groups.size(), localizer);  // exactly the Localizer's bridge trains
  bool queryDecays = false;
  for (const auto& p : groups.decay) queryDecays |= p.lavisName == "query_tokens_loc";
  CHECK(queryDecays);
  for (const auto& p : groups.noDecay)
    CHECK(p.tensor.dim() < 2 || p.lavisName.find("bias") != std::string::npos);
}

// A model trained from scratch (trainEverything): every weight is in the optimizer and the ViT learns from
// the pixels in the step; the default leaves the ViT and T5 as they were.
TEST(train_everything_moves_the_vit) {
  const std::string dir = std::string(SEVILA_TEST_DATA) + "/golden/tiny-a";
  const auto inputs = nn::loadSafetensors(dir + "/inputs.safetensors");
  for (const bool everything : {false, true}) {
    auto model = nn::SevilaModel::load(dir, dir + "/sevila.pth");
    train::TrainOptions o;
    o.dropout = false;
    o.trainEverything = everything;
    o.schedule.initLr = 1e-3;
    o.schedule.warmupSteps = 1;
    train::Trainer trainer(model, o);
    size_t all = 0;
    for (const auto& p : trainer.network().named_parameters(true)) all += p.value().defined();
    CHECK_EQ(train::lavisParameterGroups(trainer.network()).size() == all, everything);
    train::TrainingSample s;
    if (everything) {
      s.pixels = inputs.at("pixel_values");
    } else {
      torch::NoGradGuard noGrad;
      s.imageTokens = model->network().encodeFrames(inputs.at("pixel_values"));
    }
    s.prefixes = {idsOf(inputs.at("sevila.frame_prefix_ids"))};
    s.text = idsOf(inputs.at("sevila.loc_text_ids"));
    s.targets = inputs.at("train.loc_labels").to(at::kLong);
    auto vit = trainer.network().vision_model->named_parameters(true);
    auto t5 = trainer.network().language_model->named_parameters(true);
    const at::Tensor vitBefore = vit.begin()->value().detach().clone();
    const at::Tensor t5Before = t5.begin()->value().detach().clone();
    const auto record = trainer.iterate({s}, 0, 0, 0);
    CHECK(std::isfinite(record.loss) && record.optimizerStep);
    CHECK_EQ(!vit.begin()->value().equal(vitBefore), everything);
    CHECK_EQ(!t5.begin()->value().equal(t5Before), everything);
  }
  // Pixels without trainEverything are refused: the ViT would train behind the user's back.
  auto model = nn::SevilaModel::load(dir, dir + "/sevila.pth");
  train::Trainer trainer(model, train::TrainOptions{});
  train::TrainingSample s;
  s.pixels = inputs.at("pixel_values");
  s.prefixes = {idsOf(inputs.at("sevila.frame_prefix_ids"))};
  s.text = idsOf(inputs.at("sevila.loc_text_ids"));
  s.targets = inputs.at("train.loc_labels").to(at::kLong);
  CHECK_THROWS_WITH(trainer.iterate({s}, 0, 0, 0), "only with trainEverything");
}

// bf16 on the CPU (bf16 matrices under f32 arithmetic): the Localizer's bridge learns in f32, as the
// reference's Q-Former, while the frozen ViT and T5 stay in bf16; a step moves it and nothing else.
TEST(bf16_on_the_cpu_trains_the_bridge_in_f32) {
  const std::string dir = std::string(SEVILA_TEST_DATA) + "/golden/tiny-a";
  const auto inputs = nn::loadSafetensors(dir + "/inputs.safetensors");
  auto model = nn::SevilaModel::load(dir, dir + "/sevila.pth", {}, nn::Flavour::Lavis, c10::Device(c10::kCPU),
                                     c10::kBFloat16);
  CHECK(model->network()
            .localizer->qformer->named_parameters()["encoder.layer.0.attention.attention.query.weight"]
            .scalar_type() == c10::kBFloat16);
  train::TrainOptions o;
  o.dropout = false;
  o.schedule.initLr = 1e-3;
  o.schedule.warmupSteps = 1;
  train::Trainer trainer(model, o);
  auto& net = trainer.network();
  for (const auto& p : net.localizer->named_parameters(true)) CHECK(p.value().scalar_type() == c10::kFloat);
  CHECK(net.language_model->shared->weight.scalar_type() == c10::kBFloat16);
  CHECK(net.qformer->named_parameters()["encoder.layer.0.attention.attention.query.weight"].scalar_type() ==
        c10::kBFloat16);  // the Answerer's bridge is frozen here
  train::TrainingSample s;
  {
    torch::NoGradGuard noGrad;
    s.imageTokens = net.encodeFrames(inputs.at("pixel_values"));
  }
  s.prefixes = {idsOf(inputs.at("sevila.frame_prefix_ids"))};
  s.text = idsOf(inputs.at("sevila.loc_text_ids"));
  s.targets = inputs.at("train.loc_labels").to(at::kLong);
  const at::Tensor queryBefore = net.localizer->query_tokens.detach().clone();
  const at::Tensor t5Before = net.language_model->shared->weight.detach().clone();
  const auto record = trainer.iterate({s}, 0, 0, 0);
  std::printf("  bf16-on-CPU Localizer step: loss %.5f\n", record.loss);
  CHECK(std::isfinite(record.loss) && record.optimizerStep);
  CHECK(!net.localizer->query_tokens.equal(queryBefore));
  CHECK(net.language_model->shared->weight.equal(t5Before));
}

// Both roles in one step (the demo model): each role's loss is the mean over its own samples' targets,
// exactly what a trainer of that role alone reports; the step's loss is their sum. A sample of the other
// role is refused unless every weight trains (each role's trainer freezes the other's bridge).
TEST(both_roles_in_one_step) {
  const std::string dir = std::string(SEVILA_TEST_DATA) + "/golden/tiny-a";
  const auto inputs = nn::loadSafetensors(dir + "/inputs.safetensors");
  const auto outputs = nn::loadSafetensors(dir + "/outputs.safetensors");
  const auto keyframes = idsOf(outputs.at("sevila.keyframes"));
  auto samples = [&](const nn::SevilaModel& model) {
    train::TrainingSample loc;
    loc.pixels = inputs.at("pixel_values");
    loc.prefixes = {idsOf(inputs.at("sevila.frame_prefix_ids"))};
    loc.text = idsOf(inputs.at("sevila.loc_text_ids"));
    loc.targets = inputs.at("train.loc_labels").to(at::kLong);
    train::TrainingSample ans;
    ans.role = train::TrainRole::Answerer;
    ans.pixels = inputs.at("pixel_values").index_select(0, torch::tensor(keyframes, torch::dtype(at::kLong)));
    for (size_t j = 0; j < keyframes.size(); ++j)
      ans.prefixes.push_back(idsOf(inputs.at("sevila.vid_prefix_ids")[static_cast<int64_t>(j)]));
    ans.text = idsOf(inputs.at("sevila.qa_text_ids"));
    const int gt = static_cast<int>(inputs.at("sevila.ground_truth").item<int64_t>());
    ans.targets = torch::tensor(std::vector<int64_t>{nn::optionTokenId(model.tokenizer()),
                                                     model.options().letterIds[static_cast<size_t>(gt)], 1},
                                torch::dtype(at::kLong));
    return std::vector<train::TrainingSample>{loc, ans};
  };
  auto trainer = [&](train::TrainRole role, bool everything) {
    train::TrainOptions o;
    o.role = role;
    o.dropout = false;
    o.trainEverything = everything;
    return std::make_unique<train::Trainer>(
        nn::SevilaModel::load(dir, dir + "/sevila.pth",
                              std::string(SEVILA_TEST_DATA) + "/golden/tokenizer/tiny_t5.model"),
        o);
  };
  auto joint = trainer(train::TrainRole::Localizer, true);
  const auto both = samples(joint->model());
  const auto record = joint->iterate(both, 0, 0, 0);
  const auto alone = [&](train::TrainRole role) {
    auto t = trainer(role, true);
    auto s = samples(t->model())[role == train::TrainRole::Localizer ? 0 : 1];
    s.role.reset();
    return t->iterate({s}, 0, 0, 0).loss;
  };
  const double loc = alone(train::TrainRole::Localizer), ans = alone(train::TrainRole::Answerer);
  std::printf("  joint step: localizer %.6f (alone %.6f), answerer %.6f (alone %.6f)\n", record.roleLoss[0],
              loc, record.roleLoss[1], ans);
  CHECK(loc > 0.01 && ans > 0.01);
  CHECK_NEAR(record.roleLoss[0], loc, 1e-5 * loc);
  CHECK_NEAR(record.roleLoss[1], ans, 1e-5 * ans);
  CHECK_NEAR(record.loss, loc + ans, 1e-5 * (loc + ans));
  CHECK_EQ(record.samples, int64_t(2));

  auto frozen = trainer(train::TrainRole::Localizer, false);
  auto mixed = samples(frozen->model());
  torch::NoGradGuard noGrad;
  for (auto& s : mixed) {
    s.imageTokens = frozen->network().encodeFrames(s.pixels);
    s.pixels = at::Tensor();
  }
  CHECK_THROWS_WITH(frozen->iterate(mixed, 0, 0, 0), "answerer sample in a localizer trainer");
}

MINITEST_MAIN
