"""The SeViLA reference's whole question on a CPU, timed the way bench_question times the project's:
32 frames -> ViT -> Localizer over all 32 (one batch) -> top 4 keyframes in time order -> Answerer with two
greedy decoder steps; f32, random weights, real (Flan-T5-XL BLIP-2) sizes.

The networks are the reference's own files, unchanged, from a checkout of github.com/Yui010206/SeViLA:
lavis/models/eva_vit.py, lavis/models/blip2_models/Qformer.py and modeling_t5.py. hf_stand_ins.py supplies
the handful of transformers/timm helpers they import. The calls follow SeViLA.generate (sevila.py, the
'qa_vid' path); transformers' generate() loop is replaced by the steps it takes: one encoder pass, then
decoder steps on the cache, the Localizer reading the first step's "yes" logit and the Answerer the second
step's option logits. Token ids are random with the lengths bench_question uses ("Frame: " 4, Localizer
prompt 60, "Frame j: " 5 each, question and options 70).

Usage (Debian 12: apt install python3-torch):
  python3 reference_question.py --sevila PATH/TO/SeViLA [--threads 2] [--frames 32] [--keyframes 4] [--reps 1] [--tiny]"""
import argparse
import importlib.util
import os
import resource
import statistics
import sys
import time
from functools import partial

import torch
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hf_stand_ins  # noqa: E402

YES_ID = 4273
ANSWER_IDS = [71, 272, 205, 309, 262]  # A B C D E


def load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


class Reference:
    def __init__(self, repo, tiny):
        hf_stand_ins.install()
        models = os.path.join(repo, "lavis", "models")
        eva = load("lavis.models.eva_vit", os.path.join(models, "eva_vit.py"))
        qformer = load("lavis.models.blip2_models.Qformer", os.path.join(models, "blip2_models", "Qformer.py"))
        t5 = load("lavis.models.blip2_models.modeling_t5", os.path.join(models, "blip2_models", "modeling_t5.py"))
        width = 88 if tiny else 1408
        # create_eva_vit_g's arguments (it also downloads EVA's weights, which a timing does not need)
        self.vit = eva.VisionTransformer(
            img_size=224, patch_size=14, use_mean_pooling=False, embed_dim=width, depth=2 if tiny else 39,
            num_heads=width // 88, mlp_ratio=4.3637, qkv_bias=True, drop_path_rate=0,
            norm_layer=partial(nn.LayerNorm, eps=1e-6), use_checkpoint=False)
        self.ln_vision, self.ln_vision_loc = nn.LayerNorm(width), nn.LayerNorm(width)
        self.qformer, self.query = self.q_former(qformer, width, tiny)
        self.qformer_loc, self.query_loc = self.q_former(qformer, width, tiny)
        config = t5.T5Config(vocab_size=32128, d_model=64 if tiny else 2048, d_kv=16 if tiny else 64,
                             d_ff=128 if tiny else 5120, num_layers=2 if tiny else 24, num_heads=4 if tiny else 32,
                             feed_forward_proj="gated-gelu", tie_word_embeddings=False)
        config.dense_act_fn = "gelu"  # as SeViLA.__init__ sets it
        self.t5 = t5.T5ForConditionalGeneration(config)
        hidden = self.qformer.config.hidden_size
        self.proj, self.proj_loc = nn.Linear(hidden, config.d_model), nn.Linear(hidden, config.d_model)
        for m in (self.vit, self.ln_vision, self.ln_vision_loc, self.qformer, self.qformer_loc, self.t5,
                  self.proj, self.proj_loc):
            m.eval()

    @staticmethod
    def q_former(qformer, width, tiny):  # Blip2Base.init_Qformer, then SeViLA's removal of the text parts
        config = qformer.BertConfig(num_hidden_layers=2 if tiny else 12)
        config.encoder_width, config.add_cross_attention = width, True
        config.cross_attention_freq, config.query_length = 2, 32
        model = qformer.BertLMHeadModel(config)
        model.cls = None
        model.bert.embeddings.word_embeddings = None
        model.bert.embeddings.position_embeddings = None
        for layer in model.bert.encoder.layer:
            layer.output = layer.intermediate = None
        query = torch.zeros(1, 32, config.hidden_size).normal_(0.0, config.initializer_range)
        return model, query

    def embed(self, ids):
        return self.t5.encoder.embed_tokens(ids)

    def queries(self, qformer, query, proj, image):
        atts = torch.ones(image.shape[:-1], dtype=torch.long)
        out = qformer.bert(query_embeds=query.expand(image.shape[0], -1, -1), encoder_hidden_states=image,
                           encoder_attention_mask=atts, return_dict=True)
        return proj(out.last_hidden_state)

    def steps(self, embeds, count):
        """Greedy decoding as generate() does it; returns each step's logits over the vocabulary."""
        mask = torch.ones(embeds.shape[:-1], dtype=torch.long)
        encoded = self.t5.encoder(inputs_embeds=embeds, attention_mask=mask, return_dict=True)
        tokens = torch.zeros(embeds.shape[0], 1, dtype=torch.long)  # decoder_start_token_id
        past, scores = None, []
        for _ in range(count):
            out = self.t5(encoder_outputs=encoded, attention_mask=mask, decoder_input_ids=tokens,
                          past_key_values=past, use_cache=True, return_dict=True)
            logits = out.logits[:, -1, :]
            scores.append(logits)
            past, tokens = out.past_key_values, logits.argmax(-1, keepdim=True)
        return scores

    def vision(self, frames):
        return self.vit(frames)

    def localize(self, image, prompt, keyframes):
        frames = image.shape[0]
        tokens = self.queries(self.qformer_loc, self.query_loc, self.proj_loc, self.ln_vision_loc(image))
        prefix = self.embed(prompt["frame"].repeat(frames, 1))
        text = self.embed(prompt["loc"].repeat(frames, 1))
        yes = self.steps(torch.cat([prefix, tokens, text], 1), 1)[0][:, YES_ID]
        return sorted(torch.topk(yes, keyframes).indices.tolist())

    def answer(self, image, keyframes, prompt):
        chosen = self.ln_vision(image)[keyframes]
        tokens = self.queries(self.qformer, self.query, self.proj, chosen)  # (k, 32, d)
        prefixes = self.embed(prompt["frames"])  # (k, 5, d)
        video = torch.cat([prefixes, tokens], 1).reshape(1, -1, tokens.shape[-1])
        embeds = torch.cat([video, self.embed(prompt["qa"])], 1)
        return int(self.steps(embeds, 2)[1][:, ANSWER_IDS].argmax(-1))


def random_prompt(keyframes, vocab=32128):
    ids = lambda *shape: torch.randint(3, vocab, shape)
    with_eos = lambda t: torch.cat([t[..., :-1], torch.ones_like(t[..., -1:])], -1)
    return {"frame": ids(1, 4), "loc": with_eos(ids(1, 60)), "frames": ids(keyframes, 5), "qa": with_eos(ids(1, 70))}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sevila", required=True, help="a checkout of github.com/Yui010206/SeViLA")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--frames", type=int, default=32)
    ap.add_argument("--keyframes", type=int, default=4)
    ap.add_argument("--reps", type=int, default=1, help="cold questions (each followed by a second one)")
    ap.add_argument("--tiny", action="store_true", help="small layer counts and widths, to check the wiring")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    print(f"reference_question: {'tiny' if a.tiny else 'real (Flan-T5-XL BLIP-2)'} size, cpu f32, {a.frames} "
          f"frames -> {a.keyframes} keyframes, {torch.get_num_threads()} threads, torch {torch.__version__}",
          flush=True)
    start = time.perf_counter()
    ref = Reference(a.sevila, a.tiny)
    print(f"  built with random weights in {time.perf_counter() - start:.1f} s", flush=True)
    frames = torch.randn(a.frames, 3, 224, 224)
    prompt = random_prompt(a.keyframes)

    def timed(fn):
        t = time.perf_counter()
        result = fn()
        return result, (time.perf_counter() - t) * 1e3

    cold, second, vit, loc, ans = [], [], [], [], []
    with torch.no_grad():
        for _ in range(a.reps):  # each repetition: a cold question (stages timed), then a second one
            image, vit_ms = timed(lambda: ref.vision(frames))
            keyframes, loc_ms = timed(lambda: ref.localize(image, prompt, a.keyframes))
            choice, ans_ms = timed(lambda: ref.answer(image, keyframes, prompt))
            (again, choice_again), second_ms = timed(
                lambda: (lambda k: (k, ref.answer(image, k, prompt)))(ref.localize(image, prompt, a.keyframes)))
            assert again == keyframes and choice_again == choice, "the second question must repeat the first"
            cold.append(vit_ms + loc_ms + ans_ms)
            second.append(second_ms)
            vit.append(vit_ms), loc.append(loc_ms), ans.append(ans_ms)
            print(f"  question {len(cold)}: cold {cold[-1]:.0f} ms, second {second_ms:.0f} ms "
                  f"(keyframes {keyframes}, option {choice})", flush=True)
    print(f"  cold question           {statistics.median(cold):9.2f} ms (median of {a.reps})")
    print(f"  second question, same video {statistics.median(second):5.2f} ms")
    print(f"    frames -> ViT output    {statistics.median(vit):8.2f} ms ({statistics.median(vit) / a.frames:.3f} ms/frame)")
    print(f"    Localizer, {a.frames:2d} frames   {statistics.median(loc):8.2f} ms")
    print(f"    Answerer, {a.keyframes} keyframes  {statistics.median(ans):8.2f} ms")
    print(f"  peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
