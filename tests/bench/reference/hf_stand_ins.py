"""Stand-ins for the few Hugging Face `transformers` and `timm` helpers that the SeViLA reference's model
files import, so that those files (LAVIS's eva_vit.py, Qformer.py and modeling_t5.py, unchanged) run on
Debian 12's python3-torch, which has neither package. Every stand-in that touches numbers follows
transformers 4.26-4.28 (the version LAVIS pins): the GELU variants, the extended attention masks
(`(1 - mask) * finfo(dtype).min`, causal for a decoder) and the head masks (None). The rest is
bookkeeping: output dataclasses, configs, no-op docstring decorators.

install() puts the modules into sys.modules; nothing here is downloaded or executed from a checkpoint."""
import dataclasses
import logging as _logging
import math
import sys
import types
from collections import OrderedDict

import torch
from torch import nn


# --- activations --------------------------------------------------------------------------------------
class NewGELUActivation(nn.Module):  # transformers' "gelu_new": the tanh approximation
    def forward(self, x):
        return 0.5 * x * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * torch.pow(x, 3.0))))


ACT2FN = {"gelu": nn.GELU(), "gelu_new": NewGELUActivation(), "relu": nn.ReLU(), "tanh": nn.Tanh(),
          "silu": nn.SiLU(), "gelu_pytorch_tanh": nn.GELU(approximate="tanh")}


# --- outputs ------------------------------------------------------------------------------------------
class ModelOutput(OrderedDict):
    """A dataclass that is also an ordered dict of its non-None fields; integers index that tuple."""

    def __post_init__(self):
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if value is not None:
                self[f.name] = value

    def __getitem__(self, key):
        if isinstance(key, str):
            return dict(self.items())[key]
        return self.to_tuple()[key]

    def __setattr__(self, name, value):
        if name in self.keys() and value is not None:
            super().__setitem__(name, value)
        super().__setattr__(name, value)

    def __setitem__(self, key, value):
        super().__setitem__(key, value)
        super().__setattr__(key, value)

    def to_tuple(self):
        return tuple(self[k] for k in self.keys())


def _output(name, *fields):
    cls = types.new_class(name, (ModelOutput,))
    cls.__annotations__ = {f: object for f in fields}
    for f in fields:
        setattr(cls, f, None)
    return dataclasses.dataclass(cls)


_OUTPUTS = {
    "BaseModelOutput": ("last_hidden_state", "hidden_states", "attentions"),
    "BaseModelOutputWithPastAndCrossAttentions": ("last_hidden_state", "past_key_values", "hidden_states",
                                                  "attentions", "cross_attentions"),
    "BaseModelOutputWithPoolingAndCrossAttentions": ("last_hidden_state", "pooler_output", "hidden_states",
                                                     "past_key_values", "attentions", "cross_attentions"),
    "CausalLMOutputWithCrossAttentions": ("loss", "logits", "past_key_values", "hidden_states", "attentions",
                                          "cross_attentions"),
    "Seq2SeqLMOutput": ("loss", "logits", "past_key_values", "decoder_hidden_states", "decoder_attentions",
                        "cross_attentions", "encoder_last_hidden_state", "encoder_hidden_states",
                        "encoder_attentions"),
    "Seq2SeqModelOutput": ("last_hidden_state", "past_key_values", "decoder_hidden_states", "decoder_attentions",
                           "cross_attentions", "encoder_last_hidden_state", "encoder_hidden_states",
                           "encoder_attentions"),
    "MaskedLMOutput": ("loss", "logits", "hidden_states", "attentions"),
    "MultipleChoiceModelOutput": ("loss", "logits", "hidden_states", "attentions"),
    "NextSentencePredictorOutput": ("loss", "logits", "hidden_states", "attentions"),
    "QuestionAnsweringModelOutput": ("loss", "start_logits", "end_logits", "hidden_states", "attentions"),
    "SequenceClassifierOutput": ("loss", "logits", "hidden_states", "attentions"),
    "TokenClassifierOutput": ("loss", "logits", "hidden_states", "attentions"),
}


# --- configs ------------------------------------------------------------------------------------------
class PretrainedConfig:
    def __init__(self, **kwargs):
        defaults = dict(output_attentions=False, output_hidden_states=False, return_dict=True, torchscript=False,
                        is_decoder=False, is_encoder_decoder=False, add_cross_attention=False,
                        tie_word_embeddings=True, chunk_size_feed_forward=0, pruned_heads={}, use_cache=True,
                        pad_token_id=None, eos_token_id=None, decoder_start_token_id=None)
        defaults.update(kwargs)
        for key, value in defaults.items():
            setattr(self, key, value)

    @property
    def use_return_dict(self):
        return self.return_dict and not self.torchscript


class BertConfig(PretrainedConfig):  # bert-base-uncased's values are the defaults
    def __init__(self, vocab_size=30522, hidden_size=768, num_hidden_layers=12, num_attention_heads=12,
                 intermediate_size=3072, hidden_act="gelu", hidden_dropout_prob=0.1,
                 attention_probs_dropout_prob=0.1, max_position_embeddings=512, type_vocab_size=2,
                 initializer_range=0.02, layer_norm_eps=1e-12, pad_token_id=0,
                 position_embedding_type="absolute", **kwargs):
        super().__init__(pad_token_id=pad_token_id, **kwargs)
        for key, value in list(locals().items()):
            if key not in ("self", "kwargs", "__class__"):
                setattr(self, key, value)


class T5Config(PretrainedConfig):
    def __init__(self, vocab_size=32128, d_model=512, d_kv=64, d_ff=2048, num_layers=6, num_decoder_layers=None,
                 num_heads=8, relative_attention_num_buckets=32, relative_attention_max_distance=128,
                 dropout_rate=0.1, layer_norm_epsilon=1e-6, initializer_factor=1.0, feed_forward_proj="relu",
                 is_encoder_decoder=True, use_cache=True, pad_token_id=0, eos_token_id=1, **kwargs):
        super().__init__(is_encoder_decoder=is_encoder_decoder, use_cache=use_cache, pad_token_id=pad_token_id,
                         eos_token_id=eos_token_id, decoder_start_token_id=pad_token_id, **kwargs)
        self.vocab_size, self.d_model, self.d_kv, self.d_ff = vocab_size, d_model, d_kv, d_ff
        self.num_layers = num_layers
        self.num_decoder_layers = num_decoder_layers if num_decoder_layers is not None else num_layers
        self.num_heads = num_heads
        self.relative_attention_num_buckets = relative_attention_num_buckets
        self.relative_attention_max_distance = relative_attention_max_distance
        self.dropout_rate, self.layer_norm_epsilon = dropout_rate, layer_norm_epsilon
        self.initializer_factor, self.feed_forward_proj = initializer_factor, feed_forward_proj
        parts = feed_forward_proj.split("-")
        self.dense_act_fn = parts[-1]
        self.is_gated_act = parts[0] == "gated"
        if feed_forward_proj == "gated-gelu":
            self.dense_act_fn = "gelu_new"

    @property
    def hidden_size(self):
        return self.d_model


# --- the model base class: masks as in transformers' ModuleUtilsMixin -----------------------------------
class PreTrainedModel(nn.Module):
    config_class = PretrainedConfig
    base_model_prefix = ""
    main_input_name = "input_ids"

    def __init__(self, config, *args, **kwargs):
        super().__init__()
        self.config = config

    def post_init(self):
        self.init_weights()

    def init_weights(self):
        self.apply(self._init_weights)

    def _init_weights(self, module):
        pass

    @property
    def dtype(self):
        return next(self.parameters()).dtype

    @property
    def device(self):
        return next(self.parameters()).device

    def get_head_mask(self, head_mask, num_hidden_layers, is_attention_chunked=False):
        if head_mask is not None:
            raise NotImplementedError("head masks are not used by SeViLA")
        return [None] * num_hidden_layers

    def invert_attention_mask(self, encoder_attention_mask):
        if encoder_attention_mask.dim() == 3:
            extended = encoder_attention_mask[:, None, :, :]
        else:
            extended = encoder_attention_mask[:, None, None, :]
        extended = extended.to(dtype=self.dtype)
        return (1.0 - extended) * torch.finfo(self.dtype).min

    def get_extended_attention_mask(self, attention_mask, input_shape, device=None, dtype=None):
        dtype = dtype or self.dtype
        if attention_mask.dim() == 3:
            extended = attention_mask[:, None, :, :]
        elif self.config.is_decoder:
            batch, length = input_shape
            ids = torch.arange(length, device=attention_mask.device)
            causal = (ids[None, None, :].repeat(batch, length, 1) <= ids[None, :, None]).to(attention_mask.dtype)
            if causal.shape[1] < attention_mask.shape[1]:  # a cached prefix: every query sees all of it
                prefix = attention_mask.shape[1] - causal.shape[1]
                causal = torch.cat([torch.ones((batch, length, prefix), device=causal.device,
                                               dtype=causal.dtype), causal], dim=-1)
            extended = causal[:, None, :, :] * attention_mask[:, None, None, :]
        else:
            extended = attention_mask[:, None, None, :]
        extended = extended.to(dtype=dtype)
        return (1.0 - extended) * torch.finfo(dtype).min


def apply_chunking_to_forward(forward_fn, chunk_size, chunk_dim, *input_tensors):
    if chunk_size > 0:
        raise NotImplementedError("feed-forward chunking is off in SeViLA's configs")
    return forward_fn(*input_tensors)


def _unused(*args, **kwargs):
    raise NotImplementedError("pruning and model parallelism are not part of the timed path")


def _docstring_decorator(*args, **kwargs):
    return lambda fn: fn


# --- timm ---------------------------------------------------------------------------------------------
def _drop_path(x, drop_prob=0.0, training=False):
    if drop_prob == 0.0 or not training:
        return x
    keep = 1 - drop_prob
    mask = x.new_empty((x.shape[0],) + (1,) * (x.ndim - 1)).bernoulli_(keep)
    return x * mask / keep


def _to_2tuple(x):
    return tuple(x) if isinstance(x, (tuple, list)) else (x, x)


def install():
    def module(name, **attrs):
        m = sys.modules.get(name) or types.ModuleType(name)
        m.__path__ = []  # every stand-in can be a package
        for key, value in attrs.items():
            setattr(m, key, value)
        sys.modules[name] = m
        return m

    outputs = {name: _output(name, *fields) for name, fields in _OUTPUTS.items()}
    logging_module = module("transformers.utils.logging", get_logger=_logging.getLogger)
    module("transformers", BertConfig=BertConfig, T5Config=T5Config, PreTrainedModel=PreTrainedModel)
    module("transformers.activations", ACT2FN=ACT2FN)
    module("transformers.file_utils", ModelOutput=ModelOutput)
    module("transformers.modeling_outputs", ModelOutput=ModelOutput, **outputs)
    module("transformers.modeling_utils", PreTrainedModel=PreTrainedModel,
           apply_chunking_to_forward=apply_chunking_to_forward, find_pruneable_heads_and_indices=_unused,
           prune_linear_layer=_unused)
    module("transformers.pytorch_utils", ALL_LAYERNORM_LAYERS=[nn.LayerNorm],
           find_pruneable_heads_and_indices=_unused, prune_linear_layer=_unused)
    module("transformers.utils", logging=logging_module, DUMMY_INPUTS=[[7, 6, 0, 0, 1]],
           DUMMY_MASK=[[1, 1, 1, 1, 1]], add_start_docstrings=_docstring_decorator,
           add_start_docstrings_to_model_forward=_docstring_decorator,
           replace_return_docstrings=_docstring_decorator, is_torch_fx_proxy=lambda x: False)
    module("transformers.utils.model_parallel_utils", assert_device_map=_unused, get_device_map=_unused)
    module("transformers.models")
    module("transformers.models.t5")
    module("transformers.models.t5.configuration_t5", T5Config=T5Config)
    module("transformers.models.bert")
    module("transformers.models.bert.configuration_bert", BertConfig=BertConfig)
    module("timm")
    module("timm.models")
    module("timm.models.layers", drop_path=_drop_path, to_2tuple=_to_2tuple,
           trunc_normal_=nn.init.trunc_normal_)
    module("timm.models.registry", register_model=lambda fn: fn)
    module("lavis")
    module("lavis.common")
    module("lavis.common.dist_utils", download_cached_file=_unused)
