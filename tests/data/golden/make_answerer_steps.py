#!/usr/bin/python3
"""Golden numbers for three SeViLA Answerer fine-tuning steps (docs/method.md §8.4), tiny-a and tiny-b.

What it computes
----------------
For each golden case (tiny-a, tiny-b) it takes three AdamW steps on the ANSWERER, defined exactly like the
golden README's Localizer "Training steps" (train_steps.safetensors) but for the Answerer role:

- weights: the case's model.safetensors (Hugging Face names) with sevila.pth applied; the Answerer's
  `Qformer.bert.*`, `query_tokens`, `t5_proj.*`, `ln_vision.*` replace the backbone's bridge. Eval mode
  (no dropout). lavis flavour: exact GELU in T5's gated FFN, ln_vision eps 1e-5, Q-Former LayerNorm eps from
  the config (1e-12). The ViT is frozen and its output a constant: outputs.safetensors
  `vision.last_hidden_state` [T,N,W] is used directly (no ViT is run).
- one video: keyframes = outputs `sevila.keyframes` (time order). Encoder input =
  for j = 1..k: embed(inputs `sevila.vid_prefix_ids[j-1]`) ++ t5_proj(Qformer(query_tokens,
  ln_vision(vit[keyframe_j]))); then embed(inputs `sevila.qa_text_ids`). Attention mask all ones.
- target ids = [OPTION_ID, letter_ids[gt], 1] with OPTION_ID = 1566 (a stand-in for "▁Option" in the tiny
  vocabulary), letter_ids = [71, 272, 205, 309, 262], gt = inputs `sevila.ground_truth`. Decoder input =
  target shifted right with start 0 = [0, OPTION_ID, letter]. Loss = mean T5 cross-entropy over the 3
  target tokens.
- trainable: the Answerer's Q-Former parameters that the maths uses (embeddings LayerNorm, self- and
  cross-attention, intermediate_query / output_query; NOT the unused text FFN `intermediate.*` /
  `output.*`), `query_tokens`, `t5_proj.*`, `ln_vision.*`. Everything else frozen.
- optimizer: torch.optim.AdamW with LAVIS's two groups (weight decay for ndim >= 2 and a LAVIS name
  containing none of "bias", "ln", "bn"; zero decay otherwise); parameters without a gradient are
  skipped. Before iteration i (0, 1, 2) every group's lr = min(init_lr, warmup_lr + (init_lr - warmup_lr)
  * i / max(warmup_steps, 1)). ALL hyper-parameters (init_lr, warmup_start_lr, warmup_steps,
  weight_decay, beta1, beta2, eps) come from the metadata of the case's train_steps.safetensors.

Output per case: <out>/<case>/answerer_steps.safetensors (fp32):
  train.ans.step.lr [3], train.ans.step.loss [3],
  train.ans.step1.delta.NAME, train.ans.step3.delta.NAME (parameter after step 1 / 3 minus before, LAVIS
  names, every parameter that received a gradient),
  __metadata__: the hyper-parameters, option_id, letter_ids, target_ids, decoder_input_ids, keyframes,
  ground_truth (all strings).

Validation (the script refuses to write anything when one fails)
-----------------------------------------------------------------
The same plain-torch implementation (Q-Former, T5 written here, no transformers / LAVIS) must first
reproduce, from the same files:
 (a) outputs.safetensors `projection`, `blip2.projection`, `t5.decoder.logits` (backbone alone),
     `t5.encoder.position_buckets` / `t5.decoder.position_buckets`, `sevila.loc.yes_logit`,
     `sevila.ans.step0_logits`, `sevila.ans.letter_logits` (+ the integer step0_token / answer /
     keyframes) within the README tolerance max|ours - ref| <= 1e-4 * max(1, max|ref|);
 (b) the README's Localizer training steps in train_steps.safetensors: lr and loss (1e-4 tolerance as
     above) and the step-1 / step-3 deltas (max|ours - ref| <= 1e-3 * max|ref| over all deltas of that
     step), with the same set of parameter names.

How to run (from the repository root /work/main):
  /usr/bin/python3 tests/data/golden/make_answerer_steps.py /work/shared/golden tests/data/golden
Needs only torch (Debian python3-torch 1.13 is enough) and numpy. Runs in seconds on a CPU.
"""

import json
import math
import os
import pickle
import re
import struct
import sys

import numpy as np
import torch
import torch.nn.functional as F

OPTION_ID = 1566                      # stand-in for "▁Option" in the tiny vocabulary
LETTER_IDS = [71, 272, 205, 309, 262]  # "▁A".."▁E"
EOS = 1
LN_VISION_EPS = 1e-5                  # lavis flavour
FWD_TOL = 1e-4                        # README: max|ours-ref| <= 1e-4 * max(1, max|ref|)
STEP_TOL = 1e-3                       # README: max|ours-ref| <= 1e-3 * max|ref| over all deltas of a step
CASES = ["tiny-a", "tiny-b"]

torch.set_num_threads(1)
torch.set_default_dtype(torch.float32)

# ----------------------------------------------------------------------------------------------------
# safetensors without the safetensors package
# ----------------------------------------------------------------------------------------------------
_DT = {"F32": np.float32, "F64": np.float64, "I64": np.int64, "I32": np.int32, "F16": np.float16,
       "U8": np.uint8, "I8": np.int8, "BOOL": np.bool_}


def read_safetensors(path):
    with open(path, "rb") as f:
        raw = f.read()
    (n,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8:8 + n].decode("utf-8"))
    meta = header.pop("__metadata__", {}) or {}
    base = 8 + n
    out = {}
    for name, e in header.items():
        a, b = e["data_offsets"]
        arr = np.frombuffer(raw[base + a:base + b], dtype=np.dtype(_DT[e["dtype"]]).newbyteorder("<"))
        out[name] = torch.from_numpy(arr.reshape(e["shape"]).copy())
    return out, meta


def write_safetensors(path, tensors, metadata):
    header = {"__metadata__": {k: str(v) for k, v in metadata.items()}}
    blobs = []
    off = 0
    for name in sorted(tensors):
        t = tensors[name].detach().to(torch.float32).contiguous().cpu()
        data = t.numpy().astype("<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(t.shape), "data_offsets": [off, off + len(data)]}
        blobs.append(data)
        off += len(data)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * ((8 - (8 + len(text)) % 8) % 8)  # data starts 8-byte aligned
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for d in blobs:
            f.write(d)


# ----------------------------------------------------------------------------------------------------
# sevila.pth: torch.load(weights_only=True), else a restricted unpickler (tensors and plain containers)
# ----------------------------------------------------------------------------------------------------
class _RestrictedPickle:
    class Unpickler(pickle.Unpickler):
        _ALLOWED = {("torch._utils", "_rebuild_tensor_v2"), ("torch._utils", "_rebuild_parameter"),
                    ("collections", "OrderedDict"), ("torch", "Size")}

        def find_class(self, module, name):
            if (module, name) in self._ALLOWED:
                return super().find_class(module, name)
            raise pickle.UnpicklingError(f"sevila.pth: refusing to unpickle {module}.{name}")

    load = staticmethod(pickle.load)


def load_pth(path):
    try:
        return torch.load(path, map_location="cpu", weights_only=True)
    except Exception:
        # torch 1.13's weights_only unpickler rejects BINFLOAT (floats in the "config" dict); this one
        # accepts tensor rebuilds, storages and plain containers only.
        return torch.load(path, map_location="cpu", pickle_module=_RestrictedPickle)


# ----------------------------------------------------------------------------------------------------
# weights: HF backbone -> LAVIS names for the Answerer bridge, then sevila.pth on top
# ----------------------------------------------------------------------------------------------------
def hf_to_lavis(name):
    if name == "qformer.layernorm.weight" or name == "qformer.layernorm.bias":
        return "Qformer.bert.embeddings.LayerNorm." + name.rsplit(".", 1)[1]
    if name.startswith("qformer.encoder."):
        n = "Qformer.bert." + name[len("qformer."):]
        return n.replace(".attention.attention.", ".attention.self.").replace(
            ".crossattention.attention.", ".crossattention.self.")
    if name.startswith("language_projection."):
        return "t5_proj." + name[len("language_projection."):]
    if name.startswith("vision_model.post_layernorm."):
        return "ln_vision." + name[len("vision_model.post_layernorm."):]
    if name == "query_tokens":
        return name
    if name.startswith("language_model."):
        return name  # T5 keeps HF names here
    return None


def load_case(case_dir):
    cfg = json.load(open(os.path.join(case_dir, "config.json")))
    hf, _ = read_safetensors(os.path.join(case_dir, "model.safetensors"))
    base = {}  # backbone alone, LAVIS names for the bridge
    for k, v in hf.items():
        n = hf_to_lavis(k)
        if n is not None:
            base[n] = v.float()
    ck = load_pth(os.path.join(case_dir, "sevila.pth"))
    sd = ck["model"] if isinstance(ck, dict) and "model" in ck else ck
    full = dict(base)
    for k, v in sd.items():
        full[k] = v.detach().float().clone()
    inputs, _ = read_safetensors(os.path.join(case_dir, "inputs.safetensors"))
    outputs, _ = read_safetensors(os.path.join(case_dir, "outputs.safetensors"))
    return cfg, base, full, inputs, outputs


# ----------------------------------------------------------------------------------------------------
# the network, in plain torch
# ----------------------------------------------------------------------------------------------------
def layer_norm(x, P, pre, eps):
    return F.layer_norm(x, (x.shape[-1],), P[pre + ".weight"], P[pre + ".bias"], eps)


def linear(x, P, pre):
    return F.linear(x, P[pre + ".weight"], P.get(pre + ".bias"))


def bert_attention(h, kv, P, pre, heads, eps):
    """BLIP-2 Q-Former (post-LN BERT) attention block: LN(h + dense(MHA(q=h, kv))). Mask all ones."""
    B, Lq, H = h.shape
    Lk = kv.shape[1]
    d = H // heads
    q = linear(h, P, pre + ".self.query").view(B, Lq, heads, d).transpose(1, 2)
    k = linear(kv, P, pre + ".self.key").view(B, Lk, heads, d).transpose(1, 2)
    v = linear(kv, P, pre + ".self.value").view(B, Lk, heads, d).transpose(1, 2)
    s = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(d)
    a = torch.softmax(s, dim=-1)
    ctx = torch.matmul(a, v).transpose(1, 2).reshape(B, Lq, H)
    return layer_norm(linear(ctx, P, pre + ".output.dense") + h, P, pre + ".output.LayerNorm", eps)


def qformer(P, prefix, query_tokens, image_embeds, qcfg):
    """Q-Former over the queries only. prefix: 'Qformer' or 'Qformer_loc'. image_embeds [B,N,W]."""
    eps = qcfg["layer_norm_eps"]
    heads = qcfg["num_attention_heads"]
    freq = qcfg.get("cross_attention_frequency", 2)
    B = image_embeds.shape[0]
    h = layer_norm(query_tokens.expand(B, -1, -1), P, prefix + ".bert.embeddings.LayerNorm", eps)
    for i in range(qcfg["num_hidden_layers"]):
        L = f"{prefix}.bert.encoder.layer.{i}"
        h = bert_attention(h, h, P, L + ".attention", heads, eps)
        if i % freq == 0:
            h = bert_attention(h, image_embeds, P, L + ".crossattention", heads, eps)
        f = F.gelu(linear(h, P, L + ".intermediate_query.dense"))
        h = layer_norm(linear(f, P, L + ".output_query.dense") + h, P, L + ".output_query.LayerNorm", eps)
    return h


def bridge(P, role, vit, qcfg):
    """ln_vision -> Q-Former -> t5_proj for one role ('' = Answerer, '_loc' = Localizer). vit [B,N,W]."""
    img = layer_norm(vit, P, "ln_vision" + role, LN_VISION_EPS)
    q = qformer(P, "Qformer" + role, P["query_tokens" + role], img, qcfg)
    return linear(q, P, "t5_proj" + role)


def relative_position_bucket(rel, bidirectional, num_buckets, max_distance):
    buckets = torch.zeros_like(rel)
    if bidirectional:
        num_buckets //= 2
        buckets = buckets + (rel > 0).long() * num_buckets
        n = rel.abs()
    else:
        n = -torch.min(rel, torch.zeros_like(rel))
    max_exact = num_buckets // 2
    is_small = n < max_exact
    large = max_exact + (torch.log(n.float() / max_exact) / math.log(max_distance / max_exact)
                         * (num_buckets - max_exact)).long()
    large = torch.min(large, torch.full_like(large, num_buckets - 1))
    return buckets + torch.where(is_small, n, large)


def position_buckets(lq, lk, bidirectional, tcfg):
    rel = torch.arange(lk)[None, :] - torch.arange(lq)[:, None]
    return relative_position_bucket(rel, bidirectional, tcfg["relative_attention_num_buckets"],
                                    tcfg["relative_attention_max_distance"])


def rms_norm(x, w, eps):
    var = x.pow(2).mean(-1, keepdim=True)
    return w * (x * torch.rsqrt(var + eps))


def t5_attention(x, kv, W, pre, heads, dkv, bias):
    """Unscaled T5 attention; bias [1|B, heads, Lq, Lk] (position bias + additive mask)."""
    B, Lq, _ = x.shape
    Lk = kv.shape[1]
    q = F.linear(x, W[pre + ".q.weight"]).view(B, Lq, heads, dkv).transpose(1, 2)
    k = F.linear(kv, W[pre + ".k.weight"]).view(B, Lk, heads, dkv).transpose(1, 2)
    v = F.linear(kv, W[pre + ".v.weight"]).view(B, Lk, heads, dkv).transpose(1, 2)
    s = torch.matmul(q, k.transpose(-1, -2)) + bias
    a = torch.softmax(s, dim=-1)  # fp32 throughout
    ctx = torch.matmul(a, v).transpose(1, 2).reshape(B, Lq, heads * dkv)
    return F.linear(ctx, W[pre + ".o.weight"])


def t5_ffn(x, W, pre):
    g = F.gelu(F.linear(x, W[pre + ".wi_0.weight"]))  # lavis: exact GELU
    return F.linear(g * F.linear(x, W[pre + ".wi_1.weight"]), W[pre + ".wo.weight"])


def additive_mask(mask):
    # (1 - m) * finfo.min, broadcast [B,1,1,Lk]
    return (1.0 - mask[:, None, None, :].float()) * torch.finfo(torch.float32).min


def t5_encoder(W, embeds, mask, tcfg):
    H, dkv, eps = tcfg["num_heads"], tcfg["d_kv"], tcfg["layer_norm_epsilon"]
    L = embeds.shape[1]
    bk = position_buckets(L, L, True, tcfg)
    pos = W["language_model.encoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight"][bk]
    bias = pos.permute(2, 0, 1)[None] + additive_mask(mask)
    h = embeds
    for i in range(tcfg["num_layers"]):
        p = f"language_model.encoder.block.{i}"
        x = rms_norm(h, W[p + ".layer.0.layer_norm.weight"], eps)
        h = h + t5_attention(x, x, W, p + ".layer.0.SelfAttention", H, dkv, bias)
        h = h + t5_ffn(rms_norm(h, W[p + ".layer.1.layer_norm.weight"], eps), W, p + ".layer.1.DenseReluDense")
    return rms_norm(h, W["language_model.encoder.final_layer_norm.weight"], eps)


def t5_decoder(W, dec_ids, enc, enc_mask, tcfg):
    H, dkv, eps = tcfg["num_heads"], tcfg["d_kv"], tcfg["layer_norm_epsilon"]
    B, L = dec_ids.shape
    h = W["language_model.shared.weight"][dec_ids]
    bk = position_buckets(L, L, False, tcfg)
    pos = W["language_model.decoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight"][bk]
    causal = torch.tril(torch.ones(L, L))
    self_bias = pos.permute(2, 0, 1)[None] + (1.0 - causal)[None, None] * torch.finfo(torch.float32).min
    cross_bias = additive_mask(enc_mask)
    n_dec = tcfg.get("num_decoder_layers", tcfg["num_layers"])
    for i in range(n_dec):
        p = f"language_model.decoder.block.{i}"
        x = rms_norm(h, W[p + ".layer.0.layer_norm.weight"], eps)
        h = h + t5_attention(x, x, W, p + ".layer.0.SelfAttention", H, dkv, self_bias)
        x = rms_norm(h, W[p + ".layer.1.layer_norm.weight"], eps)
        h = h + t5_attention(x, enc, W, p + ".layer.1.EncDecAttention", H, dkv, cross_bias)
        h = h + t5_ffn(rms_norm(h, W[p + ".layer.2.layer_norm.weight"], eps), W, p + ".layer.2.DenseReluDense")
    h = rms_norm(h, W["language_model.decoder.final_layer_norm.weight"], eps)
    if tcfg.get("tie_word_embeddings", False):
        h = h * (tcfg["d_model"] ** -0.5)
        return F.linear(h, W["language_model.shared.weight"])
    return F.linear(h, W["language_model.lm_head.weight"])


def embed(W, ids):
    return W["language_model.shared.weight"][ids]


# ----------------------------------------------------------------------------------------------------
# the two SeViLA inputs
# ----------------------------------------------------------------------------------------------------
def answerer_embeds(P, vit, keyframes, vid_prefix_ids, qa_text_ids, qcfg):
    parts = []
    proj = bridge(P, "", vit[keyframes], qcfg)  # [k,Q,D], keyframes in time order
    for j in range(len(keyframes)):
        parts.append(embed(P, vid_prefix_ids[j]))
        parts.append(proj[j])
    parts.append(embed(P, qa_text_ids))
    return torch.cat(parts, 0)[None]  # [1, L, D]


def localizer_embeds(P, vit, frame_prefix_ids, loc_text_ids, qcfg):
    proj = bridge(P, "_loc", vit, qcfg)  # [T,Q,D]
    T = vit.shape[0]
    pre = embed(P, frame_prefix_ids)[None].expand(T, -1, -1)
    txt = embed(P, loc_text_ids)[None].expand(T, -1, -1)
    return torch.cat([pre, proj, txt], 1)  # [T, L, D]


def t5_ce(P, embeds, labels, tcfg):
    """Mean T5 cross-entropy; decoder input = labels shifted right with start 0. Mask all ones."""
    mask = torch.ones(embeds.shape[:2])
    dec_in = torch.cat([torch.zeros_like(labels[:, :1]), labels[:, :-1]], 1)
    logits = t5_decoder(P, dec_in, t5_encoder(P, embeds, mask, tcfg), mask, tcfg)
    return F.cross_entropy(logits.reshape(-1, logits.shape[-1]), labels.reshape(-1))


# ----------------------------------------------------------------------------------------------------
# training steps (LAVIS runner semantics)
# ----------------------------------------------------------------------------------------------------
def lr_at(i, hp):
    init_lr, warm, ws = hp["init_lr"], hp["warmup_start_lr"], hp["warmup_steps"]
    return min(init_lr, warm + (init_lr - warm) * i / max(ws, 1))


def is_trainable(name, role):
    if name.startswith("Qformer" + role + ".bert."):
        # the text FFN (layer.N.intermediate.* / layer.N.output.*) is unused by the maths
        return re.search(r"\.layer\.\d+\.(intermediate|output)\.", name) is None
    return name == "query_tokens" + role or name.startswith("t5_proj" + role + ".") or \
        name.startswith("ln_vision" + role + ".")


def run_steps(P0, role, loss_fn, hp, steps=3):
    """Returns (lrs, losses, delta1, delta3, grad_info). P0: LAVIS-named tensors (not modified)."""
    P = {k: v.clone() for k, v in P0.items()}
    names = [n for n in P if is_trainable(n, role)]
    for n in names:
        P[n].requires_grad_(True)
    before = {n: P[n].detach().clone() for n in names}
    # a first backward decides which parameters receive a gradient (LAVIS skips the others)
    loss = loss_fn(P)
    grads = torch.autograd.grad(loss, [P[n] for n in names], allow_unused=True)
    used = [n for n, g in zip(names, grads) if g is not None]
    grad_info = {n: float(g.abs().max()) for n, g in zip(names, grads) if g is not None}
    unused = [n for n, g in zip(names, grads) if g is None]
    wd, nwd = [], []
    for n in used:
        p = P[n]
        if p.ndim < 2 or "bias" in n or "ln" in n or "bn" in n:
            nwd.append(p)
        else:
            wd.append(p)
    opt = torch.optim.AdamW([{"params": wd, "weight_decay": hp["weight_decay"]},
                             {"params": nwd, "weight_decay": 0.0}],
                            lr=hp["init_lr"], betas=(hp["beta1"], hp["beta2"]), eps=hp["eps"])
    lrs, losses, d1 = [], [], None
    for i in range(steps):
        lr = lr_at(i, hp)
        for g in opt.param_groups:
            g["lr"] = lr
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(P)
        loss.backward()
        opt.step()
        lrs.append(lr)
        losses.append(float(loss.detach()))
        if i == 0:
            d1 = {n: (P[n].detach() - before[n]).clone() for n in used}
    d3 = {n: (P[n].detach() - before[n]).clone() for n in used}
    return lrs, losses, d1, d3, grad_info, unused


# ----------------------------------------------------------------------------------------------------
# validation helpers
# ----------------------------------------------------------------------------------------------------
class Checker:
    def __init__(self, case):
        self.case = case
        self.failures = []

    def fwd(self, name, ours, ref):
        ours, ref = ours.detach().double(), ref.double()
        if ours.shape != ref.shape:
            self.failures.append(f"{name}: shape {tuple(ours.shape)} vs {tuple(ref.shape)}")
            print(f"  [{self.case}] {name}: SHAPE MISMATCH {tuple(ours.shape)} vs {tuple(ref.shape)}")
            return
        err = float((ours - ref).abs().max())
        scale = max(1.0, float(ref.abs().max()))
        ok = err <= FWD_TOL * scale
        print(f"  [{self.case}] {name:34s} max|err| {err:.3e}  scaled {err / scale:.3e}  {'ok' if ok else 'FAIL'}")
        if not ok:
            self.failures.append(name)

    def exact(self, name, ours, ref):
        ok = ours.shape == ref.shape and bool((ours.long() == ref.long()).all())
        print(f"  [{self.case}] {name:34s} {ours.tolist()} vs {ref.tolist()}  {'ok' if ok else 'FAIL'}")
        if not ok:
            self.failures.append(name)

    def deltas(self, label, ours, ref):
        if set(ours) != set(ref):
            miss = sorted(set(ref) - set(ours))
            extra = sorted(set(ours) - set(ref))
            self.failures.append(f"{label}: name sets differ (missing {miss}, extra {extra})")
            print(f"  [{self.case}] {label}: NAME SETS DIFFER missing {miss} extra {extra}")
            return
        scale = max(float(r.abs().max()) for r in ref.values())
        worst, wname = 0.0, ""
        for n in ref:
            e = float((ours[n].double() - ref[n].double()).abs().max())
            if e > worst:
                worst, wname = e, n
        ok = worst <= STEP_TOL * scale
        print(f"  [{self.case}] {label:34s} max|err| {worst:.3e}  scale {scale:.3e}  "
              f"rel {worst / scale:.3e} (worst {wname})  {'ok' if ok else 'FAIL'}")
        if not ok:
            self.failures.append(label)


def hyper_params(meta):
    return {"init_lr": float(meta["init_lr"]), "warmup_start_lr": float(meta["warmup_start_lr"]),
            "warmup_steps": int(meta["warmup_steps"]), "weight_decay": float(meta["weight_decay"]),
            "beta1": float(meta["beta1"]), "beta2": float(meta["beta2"]), "eps": float(meta["eps"]),
            "steps": int(meta.get("steps", 3))}


# ----------------------------------------------------------------------------------------------------
def process_case(src, case):
    print(f"== {case}")
    d = os.path.join(src, case)
    cfg, base, P, inp, out = load_case(d)
    qcfg, tcfg = cfg["qformer_config"], cfg["text_config"]
    ts, ts_meta = read_safetensors(os.path.join(d, "train_steps.safetensors"))
    hp = hyper_params(ts_meta)
    chk = Checker(case)
    vit = out["vision.last_hidden_state"].float()

    # ---- (a) forward checks ---------------------------------------------------------------------
    with torch.no_grad():
        # buckets
        for nm, bi in (("t5.encoder.position_buckets", True), ("t5.decoder.position_buckets", False)):
            ref = out[nm]
            ours = position_buckets(ref.shape[0], ref.shape[1], bi, tcfg)
            ok = bool((ours == ref).all())
            print(f"  [{case}] {nm:34s} exact {'ok' if ok else 'FAIL'}")
            if not ok:
                chk.failures.append(nm)
        # Answerer bridge with sevila.pth; backbone bridge alone
        chk.fwd("projection", bridge(P, "", vit, qcfg), out["projection"])
        chk.fwd("projection_loc", bridge(P, "_loc", vit, qcfg), out["projection_loc"])
        bproj = bridge(base, "", vit, qcfg)
        chk.fwd("blip2.projection", bproj, out["blip2.projection"])
        # backbone T5 on t5.text_ids
        emb = torch.cat([bproj[0:2], embed(base, inp["t5.text_ids"])], 1)
        chk.fwd("t5.inputs_embeds", emb, out["t5.inputs_embeds"])
        enc = t5_encoder(base, emb, inp["t5.attention_mask"], tcfg)
        chk.fwd("t5.encoder.last_hidden_state", enc, out["t5.encoder.last_hidden_state"])
        logits = t5_decoder(base, inp["t5.decoder_input_ids"], enc, inp["t5.attention_mask"], tcfg)
        chk.fwd("t5.decoder.logits", logits, out["t5.decoder.logits"])
        # Localizer scores and keyframes
        le = localizer_embeds(P, vit, inp["sevila.frame_prefix_ids"], inp["sevila.loc_text_ids"], qcfg)
        lm = torch.ones(le.shape[:2])
        first = t5_decoder(P, torch.zeros(le.shape[0], 1, dtype=torch.long),
                           t5_encoder(P, le, lm, tcfg), lm, tcfg)[:, 0]
        chk.fwd("sevila.loc.yes_logit", first[:, 4273], out["sevila.loc.yes_logit"])
        k = out["sevila.keyframes"].numel()
        yes = first[:, 4273]
        order = sorted(range(yes.numel()), key=lambda i: (-float(yes[i]), i))[:k]
        chk.exact("sevila.keyframes", torch.tensor(sorted(order)), out["sevila.keyframes"])
        # Answerer inference (reference keyframes)
        kf = out["sevila.keyframes"].long()
        ae = answerer_embeds(P, vit, kf, inp["sevila.vid_prefix_ids"], inp["sevila.qa_text_ids"], qcfg)
        am = torch.ones(ae.shape[:2])
        aenc = t5_encoder(P, ae, am, tcfg)
        s0 = t5_decoder(P, torch.zeros(1, 1, dtype=torch.long), aenc, am, tcfg)[0, 0]
        chk.fwd("sevila.ans.step0_logits", s0, out["sevila.ans.step0_logits"])
        tok0 = int(s0.argmax())
        chk.exact("sevila.ans.step0_token", torch.tensor([tok0]), out["sevila.ans.step0_token"])
        O = out["sevila.ans.letter_logits"].numel()
        s1 = t5_decoder(P, torch.tensor([[0, tok0]]), aenc, am, tcfg)[0, 1]
        ll = s1[LETTER_IDS[:O]]
        chk.fwd("sevila.ans.letter_logits", ll, out["sevila.ans.letter_logits"])
        chk.exact("sevila.ans.answer", ll.argmax().reshape(1), out["sevila.ans.answer"])

    # ---- (b) Localizer training steps (README "Training steps") ---------------------------------
    labels = inp["train.loc_labels"].long()

    def loc_loss(Pm):
        e = localizer_embeds(Pm, vit, inp["sevila.frame_prefix_ids"], inp["sevila.loc_text_ids"], qcfg)
        return t5_ce(Pm, e, labels, tcfg)

    with torch.no_grad():
        chk.fwd("train.loc_loss", loc_loss(P).reshape(1), out["train.loc_loss"])
    lrs, losses, d1, d3, _, unused_loc = run_steps(P, "_loc", loc_loss, hp)
    chk.fwd("train.step.lr", torch.tensor(lrs), ts["train.step.lr"])
    chk.fwd("train.step.loss", torch.tensor(losses), ts["train.step.loss"])
    pre1, pre3 = "train.step1.delta.", "train.step3.delta."
    chk.deltas("train.step1.delta.*", d1, {n[len(pre1):]: v for n, v in ts.items() if n.startswith(pre1)})
    chk.deltas("train.step3.delta.*", d3, {n[len(pre3):]: v for n, v in ts.items() if n.startswith(pre3)})

    # ---- the Answerer steps ---------------------------------------------------------------------
    gt = int(inp["sevila.ground_truth"].reshape(-1)[0])
    target = torch.tensor([[OPTION_ID, LETTER_IDS[gt], EOS]])
    dec_in = [0, OPTION_ID, LETTER_IDS[gt]]

    def ans_loss(Pm):
        e = answerer_embeds(Pm, vit, kf, inp["sevila.vid_prefix_ids"], inp["sevila.qa_text_ids"], qcfg)
        return t5_ce(Pm, e, target, tcfg)

    alrs, alosses, ad1, ad3, agrad, aunused = run_steps(P, "", ans_loss, hp)
    print(f"  [{case}] answerer lr   {alrs}")
    print(f"  [{case}] answerer loss {alosses}")
    print(f"  [{case}] answerer: {len(ad1)} parameters received a gradient; trainable without one: {aunused}")
    small = {n: g for n, g in agrad.items() if g < 1e-6}
    print(f"  [{case}] answerer: step-0 gradients with max|g| < 1e-6 (mathematically zero): "
          + ", ".join(f"{n} {g:.1e}" for n, g in sorted(small.items())))
    # information only: how far these fp32 numbers are from exact arithmetic (the same steps in float64)
    P64 = {n: v.double() for n, v in P.items()}
    vit64 = vit.double()

    def ans_loss64(Pm):
        e = answerer_embeds(Pm, vit64, kf, inp["sevila.vid_prefix_ids"], inp["sevila.qa_text_ids"], qcfg)
        return t5_ce(Pm, e, target, tcfg)

    _, l64, e1, e3, _, _ = run_steps(P64, "", ans_loss64, hp)
    for lab, ours, exact in (("step1", ad1, e1), ("step3", ad3, e3)):
        scale = max(float(v.abs().max()) for v in ours.values())
        worst = max(float((ours[n].double() - exact[n]).abs().max()) for n in ours)
        note = " (step 1 moves parameters by ~1e-8, i.e. by float32 ulps: fp32 rounding dominates)" \
            if lab == "step1" else ""
        print(f"  [{case}] answerer {lab} deltas, fp32 vs float64: max|diff| / scale = {worst / scale:.2e}{note}")
    print(f"  [{case}] answerer loss, fp32 vs float64: max|diff| = "
          f"{max(abs(a - b) for a, b in zip(alosses, l64)):.2e}")
    tensors = {"train.ans.step.lr": torch.tensor(alrs, dtype=torch.float32),
               "train.ans.step.loss": torch.tensor(alosses, dtype=torch.float32)}
    for n, v in ad1.items():
        tensors["train.ans.step1.delta." + n] = v
    for n, v in ad3.items():
        tensors["train.ans.step3.delta." + n] = v
    meta = {k: ts_meta[k] for k in ("init_lr", "warmup_start_lr", "warmup_steps", "weight_decay",
                                     "beta1", "beta2", "eps", "steps")}
    meta.update({"option_id": str(OPTION_ID), "letter_ids": json.dumps(LETTER_IDS),
                 "ground_truth": str(gt), "keyframes": json.dumps(kf.tolist()),
                 "target_ids": json.dumps(target[0].tolist()), "decoder_input_ids": json.dumps(dec_in),
                 "loss": "mean T5 cross-entropy over the 3 target tokens",
                 "source": "tests/data/golden/make_answerer_steps.py"})
    return chk.failures, tensors, meta


def main():
    if len(sys.argv) != 3:
        print(__doc__)
        print("usage: make_answerer_steps.py GOLDEN_SRC_DIR OUT_DIR")
        return 2
    src, dst = sys.argv[1], sys.argv[2]
    results, failures = {}, []
    for case in CASES:
        f, tensors, meta = process_case(src, case)
        failures += [f"{case}: {x}" for x in f]
        results[case] = (tensors, meta)
    if failures:
        print("VALIDATION FAILED, nothing written:")
        for x in failures:
            print("  " + x)
        return 1
    print("all validations passed")
    for case, (tensors, meta) in results.items():
        path = os.path.join(dst, case, "answerer_steps.safetensors")
        write_safetensors(path, tensors, meta)
        print(f"wrote {path} ({os.path.getsize(path)} bytes, {len(tensors)} tensors)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
