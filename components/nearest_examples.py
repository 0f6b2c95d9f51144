"""The answer also voted by the nearest training examples in MiniLM's space.

The ResponseSelector learns from this project's examples only and picks badly
on long run-ons ("i dont get the logic, you hurt the skin on purpose and it
repairs itself...") where its features are diluted; the MiniLM sentence
vector of a run-on still lies near the examples of its topic. After
``ResponsesByRetrievalIntent``, this component blends each retrieval intent's
ranking with a vote of the training examples: for every response, the cosine
similarity of its nearest example, turned into probabilities by a softmax
with a temperature. docs/nlu.md has what the blend measured against the
selector alone on both held-out files and over seeds.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Text, Tuple

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import (
    RESPONSE_SELECTOR_DEFAULT_INTENT as DEFAULT,
    RESPONSE_SELECTOR_PREDICTION_KEY as RESPONSE,
    RESPONSE_SELECTOR_PROPERTY_NAME as SELECTOR,
    RESPONSE_SELECTOR_RANKING_KEY as RANKING,
)
from rasa.shared.nlu.constants import INTENT_RESPONSE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from components.response_selection import selector_entry, set_selector
from knowledge import names

EXAMPLES_FILE = "examples.npz"


def sentence_vector(message: Message, featurizer: str) -> Optional[np.ndarray]:
    """The message's L2-normalised sentence vector from the featurizer ``featurizer`` (its alias)."""
    _, sentence = message.get_dense_features(TEXT, [featurizer])
    if sentence is None:
        return None
    vector = np.asarray(sentence.features, dtype=np.float32).reshape(-1)
    return vector / max(float(np.linalg.norm(vector)), 1e-12)


def saved_arrays(model_storage: ModelStorage, resource: Resource) -> Optional[Dict[str, np.ndarray]]:
    """The arrays a component saved with ``np.savez`` in ``EXAMPLES_FILE``, or None (not trained)."""
    try:
        with model_storage.read_from(resource) as folder:
            saved = np.load(folder / EXAMPLES_FILE)
            return {name: saved[name] for name in saved.files}
    except (ValueError, FileNotFoundError):
        return None


def examples_by_key(keys: List[str]) -> Dict[str, np.ndarray]:
    """The rows of each response key's examples."""
    rows: Dict[str, List[int]] = {}
    for row, key in enumerate(keys):
        rows.setdefault(key, []).append(row)
    return {key: np.array(found) for key, found in rows.items()}


def nearest_vote(similarities: np.ndarray, rows: Dict[str, np.ndarray], candidates: List[str],
                 temperature: float) -> Dict[str, float]:
    """Probabilities over ``candidates``: a softmax of each one's best
    similarity among the examples labelled with it (``rows``)."""
    best = np.array([similarities[rows[c]].max() if c in rows else -1.0 for c in candidates])
    weights = np.exp((best - best.max()) / temperature)
    return dict(zip(candidates, (weights / weights.sum()).tolist()))


def blend(entry: Dict[str, Any], vote: Dict[str, float], weight: float) -> Dict[str, Any]:
    """A retrieval intent's selector entry with its ranking blended with ``vote``
    (``weight`` for the vote); the top response is the new best."""
    ranking = [{**item, "confidence": (1 - weight) * (item.get("confidence") or 0.0)
                + weight * vote.get(item[names.INTENT_RESPONSE_KEY], 0.0)}
               for item in entry.get(RANKING) or []]
    if not ranking:
        return entry
    ranking.sort(key=lambda item: -item["confidence"])
    return selector_entry(ranking, entry.get(RESPONSE) or {})


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class NearestExamplesBlend(GraphComponent):
    """Blends each retrieval intent's answer ranking with the nearest training examples' vote."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        """``featurizer``: the alias of the MiniLM featurizer whose sentence
        vectors are compared; ``weight`` of the vote; softmax ``temperature``."""
        return {"featurizer": "minilm", "weight": 0.4, "temperature": 0.05}

    def __init__(self, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
                 vectors: Optional[np.ndarray] = None, keys: Optional[List[str]] = None) -> None:
        self._config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        self._vectors = vectors if vectors is not None else np.zeros((0, 0), dtype=np.float32)
        self._keys = keys or []
        self._rows = examples_by_key(self._keys)

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> GraphComponent:
        """Rasa's factory for training."""
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        """Keeps the sentence vector and response key of every retrieval-intent example."""
        vectors, keys = [], []
        for example in training_data.training_examples:
            key = example.get(INTENT_RESPONSE_KEY)
            vector = sentence_vector(example, self._config["featurizer"]) if key else None
            if vector is not None:
                vectors.append(vector)
                keys.append(key)
        self._vectors = np.stack(vectors) if vectors else np.zeros((0, 0), dtype=np.float32)
        self._keys = keys
        self._rows = examples_by_key(keys)
        with self._model_storage.write_to(self._resource) as folder:
            np.savez(folder / EXAMPLES_FILE, vectors=self._vectors, keys=np.array(keys))
        return self._resource

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> GraphComponent:
        """Reads the examples' vectors saved by ``train``."""
        saved = saved_arrays(model_storage, resource)
        if saved is None:
            return cls(config, model_storage, resource)  # nothing trained: the selector's ranking stands
        return cls(config, model_storage, resource, saved["vectors"], [str(k) for k in saved["keys"]])

    def process(self, messages: List[Message]) -> List[Message]:
        """Re-ranks each retrieval intent's responses (the ``default`` entry stays as the selector said)."""
        if not self._keys:
            return messages
        for message in messages:
            selector = dict(message.get(SELECTOR) or {})
            vector = sentence_vector(message, self._config["featurizer"])
            if not selector or vector is None:
                continue
            similarities = self._vectors @ vector
            for intent, entry in list(selector.items()):
                if intent == DEFAULT or not isinstance(entry, dict) or not entry.get(RANKING):
                    continue
                candidates = [item[names.INTENT_RESPONSE_KEY] for item in entry[RANKING]]
                vote = nearest_vote(similarities, self._rows, candidates, float(self._config["temperature"]))
                selector[intent] = blend(entry, vote, float(self._config["weight"]))
            set_selector(message, selector)
        return messages


def best_by_label(similarities: np.ndarray, labels: np.ndarray, allowed: Optional[set] = None) -> List[Tuple[str, float]]:
    """Each label's best similarity, best first (labels in ``allowed`` only, if given)."""
    best: Dict[str, float] = {}
    for label, similarity in zip(labels.tolist(), similarities.tolist()):
        if not label or (allowed is not None and label not in allowed):
            continue
        if similarity > best.get(label, -2.0):
            best[label] = similarity
    return sorted(best.items(), key=lambda item: -item[1])


def by_meaning(ranked: List[Tuple[str, float]], threshold: float, margin: float) -> Optional[str]:
    """The top label if it is near enough and clearly ahead of the next."""
    if not ranked or ranked[0][1] < threshold:
        return None
    if len(ranked) > 1 and ranked[0][1] - ranked[1][1] < margin:
        return None
    return ranked[0][0]
