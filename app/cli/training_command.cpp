// sevila refine / sevila finetune: SeViLA's two training stages from the command line (docs/method.md §8).
// refine trains the Localizer from labels merged from three sources (the reverse chain's pseudo-labels,
// human keyframes from a project or keyframes.jsonl, QVHighlights windows); finetune trains the Answerer
// on the frozen Localizer's keyframes. Both write a SeViLA .pth the reference loads, can resume, run
// data-parallel under torchrun or Slurm, and report before/after on a held-out split.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "command.h"
#include "data/dataset_reader.h"
#include "data/keyframe_labels.h"
#include "engine/dataset_run.h"
#include "engine/feature_cache_location.h"
#include "engine/forward_chain.h"
#include "interrupt.h"
#include "model_arguments.h"
#include "nn/device.h"
#include "core/error.h"
#include "nn/sevila_model.h"
#include "core/sha256.h"
#include "progress_line.h"
#include "sevila_version.h"
#include "train/distributed.h"
#include "train/refinement_job.h"
#include "train/training_checkpoint.h"
#include "train/training_run.h"

namespace sevila::cli {
namespace {
namespace fs = std::filesystem;

std::string number(double x) {
  std::ostringstream out;
  out << x;
  return out.str();
}

// The options of refine (the Localizer) or finetune (the Answerer), with the reference recipe's defaults.
const OptionSet& declaredOptions(train::TrainRole role) {
  auto make = [](train::TrainRole r) {
    const bool refine = r == train::TrainRole::Localizer;
    const train::TrainingRunOptions d = train::referenceRecipe(r);
    OptionSet o(
        refine ? "sevila refine --model DIR [--sevila FILE] --out DIR --dataset NAME --annotations FILE "
                 "--videos DIR\n                     [--labels FILE ...] [--eval-annotations FILE] [options]"
               : "sevila finetune --model DIR [--sevila FILE] --out DIR --dataset NAME --annotations FILE "
                 "--videos DIR\n                       [--eval-annotations FILE] [options]",
        refine
            ? "Trains SeViLA's Localizer (Qformer_loc, query_tokens_loc, t5_proj_loc, ln_vision_loc; ViT and "
              "T5\n"
              "frozen) from frame labels merged per (video, question, frame) from three sources:\n"
              "  - the reverse chain: the frozen Answerer answers from each frame alone; \"yes\" where it "
              "is\n"
              "    right (questions of --annotations with a ground truth);\n"
              "  - human keyframes (--labels): on a confirmed question its keyframes are \"yes\", the other\n"
              "    sampled frames \"no\"; they replace that question's pseudo-labels; unsure labels are left "
              "out;\n"
              "  - QVHighlights windows (--dataset qvhighlights): \"yes\" inside a relevant window.\n"
              "Writes DIR/checkpoint_last.pth (a SeViLA checkpoint: use it with --sevila), "
              "DIR/training_state.*,\n"
              "DIR/report.json and DIR/report.md. Ctrl+C finishes the step, saves and exits; --resume "
              "continues.\n"
              "Many processes: run under torchrun or Slurm's srun (docs/cluster.md)."
            : "Fine-tunes SeViLA's Answerer (Qformer, query_tokens, t5_proj, ln_vision) through the forward\n"
              "chain: the frozen Localizer picks k keyframes of n frames and the Answerer learns the target\n"
              "\"Option X\". Writes DIR/checkpoint_last.pth, DIR/training_state.*, DIR/report.json and\n"
              "DIR/report.md. Many processes: run under torchrun or Slurm's srun (docs/cluster.md).");
    o.group("Data")
        .value("--dataset", "NAME", "nextqa, star, how2qa, tvqa, vlep or qvhighlights")
        .value("--annotations", "FILE", "the training split")
        .value("--videos", "DIR", "folder of videos (searched recursively for <video id>.<ext>)")
        .value("--out", "DIR", "the run's folder: checkpoint, state, report")
        .value("--eval-annotations", "FILE",
               "held-out split of the same dataset for the before/after report");
    if (refine)
      o.value("--labels", "FILE",
              "human keyframes: a studio project (.sevila/.sqlite) or keyframes.jsonl;\nrepeatable")
          .value("--author", "NAME", "only this annotator's labels")
          .value("--pseudo-labels", "MODE", "teacher-forced (as the reference), greedy, or none",
                 "teacher-forced")
          .flag("--no-windows", "ignore QVHighlights windows");
    o.group("Training (the reference recipe, nexqa_sr.sh)")
        .value("--epochs", "N", "epochs", std::to_string(d.train.schedule.maxEpochs))
        .value("--batch", "N", "questions per iteration on each process", std::to_string(d.train.batchSize))
        .value("--accum", "N", "gradient accumulation steps", std::to_string(d.train.accumulation))
        .value("--lr", "X", "peak learning rate", number(d.train.schedule.initLr))
        .value("--warmup", "N", "linear warm-up iterations", std::to_string(d.train.schedule.warmupSteps))
        .value("--min-lr", "X", "the cosine's floor", number(d.train.schedule.minLr))
        .value("--weight-decay", "X", "AdamW weight decay", number(d.train.weightDecay))
        .value("--seed", "N", "seed of sampling, dropout and shuffling", std::to_string(d.train.seed))
        .value("--frames", "N", "frames sampled per question", std::to_string(d.frames))
        .value("--keyframes", "K", "keyframes for the Answerer", std::to_string(d.keyframes))
        .value("--sampling", "random|uniform", "a random frame inside each interval, or its middle", "random")
        .flag("--no-dropout", "train without dropout (the reference trains with it)")
        .flag("--resume", "continue the run in --out from its last saved step")
        .value("--cache", "DIR", "vision feature cache (--no-cache: OUT/features)", "the user cache")
        .flag("--no-cache", "cache in OUT/features instead of the user cache")
        .value("--cache-gb", "N",
               "the cache's size cap; the ViT reruns only for frames the cap evicted:\nsize it "
               "to an epoch's frames (ViT-g: 1.4 MB per frame in f32)",
               "4")
        .include(modelOptions());
    return o;
  };
  static const OptionSet refine = make(train::TrainRole::Localizer),
                         finetune = make(train::TrainRole::Answerer);
  return role == train::TrainRole::Localizer ? refine : finetune;
}

std::string nowUtc() {
  char text[32];
  const std::time_t t = std::time(nullptr);
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return text;
}

std::vector<data::DatasetItem> readSplit(const std::string& dataset, const std::string& path) {
  const data::DatasetRead read = data::readDataset(dataset, path);
  if (!read.skipped.empty())
    std::fprintf(stderr, "skipped %zu malformed annotation rows of %s (first: %s)\n", read.skipped.size(),
                 path.c_str(), data::describe(read.skipped.front()).c_str());
  if (read.items.empty()) throw Error(path, "no usable item", "check --dataset and the file's format");
  return read.items;
}

int runTraining(train::TrainRole role, const std::vector<std::string>& words) {
  const bool refine = role == train::TrainRole::Localizer;
  const OptionSet& declared = declaredOptions(role);
  std::vector<std::string> argv = words;
  const auto env = train::distributedEnvFromEnvironment();
  // Under torchrun, "--device cuda" means this process's GPU.
  for (size_t i = 0; env && i + 1 < argv.size(); ++i)
    if (argv[i] == "--device" && argv[i + 1] == "cuda")
      argv[i + 1] = "cuda:" + std::to_string(env->localRank);
  const Arguments args = declared.parse(argv);
  if (args.flag("--help")) {
    std::printf("%s", declared.help().c_str());
    return 0;
  }
  const std::string out = args.require("--out");
  const std::string dataset = args.require("--dataset");
  const std::string videos = args.require("--videos");
  const std::string annotations = args.require("--annotations");
  if (!refine && !args.values("--labels").empty())
    throw Error("--labels", "human keyframes train the Localizer", "use sevila refine");

  train::TrainingRunOptions options = train::referenceRecipe(role);
  options.train.schedule.maxEpochs = args.intValue("--epochs", options.train.schedule.maxEpochs);
  options.train.schedule.initLr = args.doubleValue("--lr", options.train.schedule.initLr);
  options.train.schedule.minLr = args.doubleValue("--min-lr", options.train.schedule.minLr);
  options.train.schedule.warmupSteps =
      args.intValue("--warmup", static_cast<int>(options.train.schedule.warmupSteps));
  options.train.batchSize = args.intValue("--batch", options.train.batchSize);
  options.train.accumulation = args.intValue("--accum", options.train.accumulation);
  options.train.weightDecay = args.doubleValue("--weight-decay", options.train.weightDecay);
  options.train.seed = static_cast<uint64_t>(args.intValue("--seed", static_cast<int>(options.train.seed)));
  options.train.dropout = !args.flag("--no-dropout");
  options.frames = args.intValue("--frames", options.frames);
  options.keyframes = args.intValue("--keyframes", options.keyframes);
  options.sampling = train::parseFrameSampling(args.value("--sampling", declared.defaultOf("--sampling")));
  const std::string pseudo =
      args.value("--pseudo-labels", refine ? declared.defaultOf("--pseudo-labels") : "none");
  if (pseudo != "none") options.pseudo = train::parsePseudoLabelMode(pseudo);
  options.outputDir = out;
  options.resume = args.flag("--resume");
  if (options.frames < 1 || options.keyframes < 1) throw Error("--frames/--keyframes", "must be at least 1");

  // Labels (read and checked before the model loads: a bad file costs nothing).
  train::LabelSources sources;
  sources.items = readSplit(dataset, annotations);
  std::vector<data::DatasetItem> heldOut;
  if (auto eval = args.value("--eval-annotations")) heldOut = readSplit(dataset, *eval);
  std::set<std::pair<std::string, std::string>> heldOutKeys;
  for (const auto& item : heldOut) heldOutKeys.insert({item.dataset, item.qid});
  sources.reverseChain = refine ? pseudo != "none" : true;
  sources.windows = !args.flag("--no-windows");
  std::vector<data::KeyframeLabelRecord> evalLabels;
  nlohmann::json labelFiles = nlohmann::json::array();
  for (const auto& file : args.values("--labels")) {
    auto records = train::readHumanLabels(file, args.value("--author", ""));
    labelFiles.push_back({{"path", file}, {"sha256", sha256File(file)}, {"labels", records.size()}});
    for (auto& r : records)
      (heldOutKeys.count({r.dataset, r.qid}) ? evalLabels : sources.human).push_back(std::move(r));
    sources.humanFile = file;
  }
  auto resolve = [&](const data::DatasetItem& item) { return engine::findVideo(videos, item.video); };
  train::MergedLabels labels = train::mergeLabels(sources, resolve);

  std::unique_ptr<train::ProcessGroup> group;
  if (env) {
    const auto device = nn::parseDevice(args.value("--device", "cpu"));
    group = train::ProcessGroup::create(*env, device, std::chrono::hours(2));
    std::fprintf(stderr, "rank %d of %d (%s, %s)\n", group->rank(), group->size(), group->backend().c_str(),
                 env->source.c_str());
  }
  const bool lead = !group || group->rank() == 0;

  auto model = loadModelFromArguments(args);
  const double cacheGb = args.doubleValue("--cache-gb", std::stod(declared.defaultOf("--cache-gb")));
  if (!(cacheGb > 0)) throw Error("--cache-gb", "must be positive");
  // Training reads every frame again each epoch: it always caches, in the output folder with --no-cache.
  const std::string cacheDir =
      args.flag("--no-cache") ? (fs::path(out) / "features").string() : args.value("--cache", "");
  auto cache = engine::openFeatureCache(cacheDir, static_cast<uint64_t>(cacheGb * double(uint64_t(1) << 30)));
  engine::CancelToken cancel;
  const InterruptCancels interrupts(cancel);

  nlohmann::json provenance;
  provenance["command"] = refine ? "sevila refine" : "sevila finetune";
  provenance["code_version"] = std::string(SEVILA_VERSION) + " (commit " + SEVILA_GIT_COMMIT + ")";
  provenance["date"] = nowUtc();
  provenance["model"] = args.require("--model");
  if (auto s = args.value("--sevila")) {
    provenance["sevila"] = *s;
    provenance["sevila_sha256"] = sha256File(*s);
  }
  provenance["device"] = args.value("--device", "cpu");
  provenance["dtype"] = args.value("--dtype", "f32");
  provenance["dataset"] = dataset;
  provenance["annotations"] = {{"path", annotations}, {"sha256", sha256File(annotations)}};
  provenance["label_files"] = labelFiles;
  provenance["held_out"] = args.value("--eval-annotations", "");
  options.provenance = provenance;

  std::fprintf(stderr, "%zu questions to train on:\n%s", labels.examples.size(),
               labels.counts.summary().c_str());
  train::RefinementJob job;
  job.model = model;
  job.cache = cache;
  job.labels = std::move(labels);
  job.heldOut = std::move(heldOut);
  job.heldOutLabels = std::move(evalLabels);
  job.resolveVideo = resolve;
  job.options = options;
  ProgressLine line(1.0);
  auto progress = [&](const train::RefinementJobProgress& p) {
    if (p.stage == "evaluating-before" || p.stage == "evaluating-after") {
      line.update(std::string(p.stage == "evaluating-before" ? "evaluating before training: "
                                                             : "evaluating after training: ") +
                  std::to_string(p.done) + "/" + std::to_string(p.total));
      return;
    }
    if (p.stage != "training") return;
    const train::TrainingProgress& t = p.training;
    char text[256];
    std::snprintf(text, sizeof text,
                  "epoch %d/%d  iteration %lld/%lld  loss %.4f  lr %.3g  elapsed %s  ETA %s", t.epoch + 1,
                  t.epochs, static_cast<long long>(t.iteration), static_cast<long long>(t.iterations), t.loss,
                  t.lr, clockText(t.elapsedSeconds).c_str(), clockText(t.etaSeconds).c_str());
    line.update(text);
  };
  const train::RefinementJobResult outcome = train::runRefinementJob(job, group.get(), &cancel, progress);
  line.finish();
  const train::TrainingRunResult& result = outcome.training;
  if (!lead) return result.interrupted ? 130 : 0;

  std::printf("labels:\n%s", result.counts.summary().c_str());
  if (!result.history.empty())
    std::printf(
        "trained %d epochs, %zu iterations; loss %.4f -> %.4f; %lld frames encoded by the ViT, %lld from the "
        "cache\n",
        result.epochsCompleted, result.history.size(), result.history.front().loss,
        result.history.back().loss, static_cast<long long>(result.framesEncoded),
        static_cast<long long>(result.framesFromCache));
  std::printf("checkpoint: %s\n", result.checkpoint.c_str());
  if (result.interrupted) {
    std::printf("interrupted: the state after the last finished step is saved; run again with --resume\n");
    return 130;
  }
  std::printf("report: %s\n\n%s", (fs::path(out) / "report.json").string().c_str(), outcome.summary.c_str());
  return 0;
}

int runRefine(const std::vector<std::string>& words) {
  return runTraining(train::TrainRole::Localizer, words);
}
int runFinetune(const std::vector<std::string>& words) {
  return runTraining(train::TrainRole::Answerer, words);
}

}  // namespace

Command refineCommand() {
  return {"refine", "train the Localizer from pseudo-labels, human keyframes, windows", runRefine};
}

Command finetuneCommand() {
  return {"finetune", "fine-tune the Answerer on the Localizer's keyframes", runFinetune};
}

}  // namespace sevila::cli
