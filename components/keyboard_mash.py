"""Keyboard mash ("ghfjd trewq") gets the out-of-scope answer, whatever DIET ranked.

DIET has no sign that tells a mash of letters from a language it was not
taught: one training read "ghfjd trewq" as another language ("I can only
answer in English"), the next as out of scope, the next as an FAQ. A mash is
recognisable without learning: none of its words is a word (not in MiniLM's
English vocabulary, not a common word of eight other languages, not a word of
the training examples), and the vocabulary can only cut it into tiny pieces
(typos of real words keep long pieces: "micronedling" is micro + ##ned + ##ling).
Short text-speak ("thx", "heyyy") looks the same, so the intents where it
lives keep their prediction.
"""

from __future__ import annotations

import importlib
import re
from functools import lru_cache
from typing import Any, Dict, FrozenSet, Iterable, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import RESPONSE_SELECTOR_PROPERTY_NAME as SELECTOR
from rasa.shared.nlu.constants import INTENT, INTENT_RESPONSE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from components.base import override_intent
from components.minilm_encoder import shared_encoder
from components.punctuation import as_written
from components.response_selection import put_first, set_selector
from components.wordpiece import CONTINUATION, WordPieceTokenizer, basic_words
from knowledge import names

WORDS_FILE = "words.txt"
# spaCy's stop-word lists: a Spanish "que" or a Dutch "hoe" is a word, not a mash.
OTHER_LANGUAGES = ("es", "fr", "de", "it", "pt", "nl", "pl", "tr")
LATIN_LETTERS = re.compile(r"[a-z]+")


@lru_cache(maxsize=1)
def other_languages_words() -> FrozenSet[str]:
    """The stop words spaCy lists for ``OTHER_LANGUAGES``."""
    words: set = set()
    for code in OTHER_LANGUAGES:
        words |= importlib.import_module(f"spacy.lang.{code}.stop_words").STOP_WORDS
    return frozenset(words)


def vocabulary_words(tokenizer: WordPieceTokenizer) -> FrozenSet[str]:
    """The whole words (not "##" continuations) of a WordPiece vocabulary."""
    return frozenset(piece for piece in tokenizer.vocab if not piece.startswith(CONTINUATION))


def is_keyboard_mash(text: str, known: Iterable[str], tokenizer: WordPieceTokenizer,
                     max_letters_per_piece: float) -> bool:
    """True when every word of ``text`` is unknown Latin letters that the
    vocabulary cuts into pieces of ``max_letters_per_piece`` letters or fewer on average."""
    words = [word for word, _, _ in basic_words(text) if word.isalpha()]
    if not words or any(not LATIN_LETTERS.fullmatch(word) for word in words):
        return False  # no letters, or accents and other scripts: a language, for DIET to say which
    known = known if isinstance(known, (set, frozenset)) else set(known)
    if any(word in known for word in words):
        return False
    pieces = [p for p in tokenizer.tokenize(" ".join(words)) if p.text.lstrip("#").isalpha()]
    return sum(len(word) for word in words) / max(len(pieces), 1) <= max_letters_per_piece


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class KeyboardMashOutOfScope(GraphComponent):
    """Makes a keyboard mash ``out_of_scope`` with the answer ``out_of_scope/other``."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        """``answer``: the response key a mash gets (its examples' words are not
        "known": they are mash on purpose); ``keep``: intents whose short
        text-speak looks like a mash, when the model is at least ``keep_confidence`` sure (a mash
        itself can come out as a goodbye at 0.2); ``max_letters_per_piece``: measured on the
        training and held-out files (mash 1.0-2.0, text-speak 1.5-2.0, typos of real words 3 and more)."""
        return {"answer": "out_of_scope/other", "keep": [names.GREET, names.GOODBYE, names.THANK, names.AFFIRM, names.DENY],
                "keep_confidence": 0.6, "max_letters_per_piece": 2.0, "model_dir": None}

    def __init__(self, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
                 taught: Optional[FrozenSet[str]] = None) -> None:
        self._config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        self._taught = taught or frozenset()
        self._known: Optional[FrozenSet[str]] = None
        self._tokenizer: Optional[WordPieceTokenizer] = None

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> GraphComponent:
        """Rasa's factory for training."""
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        """Keeps the words of every training example but the mash ones."""
        words = set()
        for example in training_data.training_examples:
            if example.get(INTENT_RESPONSE_KEY) == self._config["answer"] or not example.get(TEXT):
                continue
            words.update(word for word, _, _ in basic_words(example.get(TEXT)))
        self._taught = frozenset(words)
        with self._model_storage.write_to(self._resource) as folder:
            (folder / WORDS_FILE).write_text("\n".join(sorted(words)), encoding="utf-8")
        return self._resource

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> GraphComponent:
        """Reads the words saved by ``train``."""
        try:
            with model_storage.read_from(resource) as folder:
                taught = frozenset((folder / WORDS_FILE).read_text(encoding="utf-8").split())
        except (ValueError, FileNotFoundError):
            taught = frozenset()  # not trained: nothing is taken for a mash
        return cls(config, model_storage, resource, taught)

    def _is_mash(self, text: str) -> bool:
        if not self._taught:
            return False
        if self._tokenizer is None:
            self._tokenizer = shared_encoder(self._config.get("model_dir")).tokenizer
            self._known = self._taught | vocabulary_words(self._tokenizer) | other_languages_words()
        return is_keyboard_mash(text, self._known or frozenset(), self._tokenizer,
                                float(self._config["max_letters_per_piece"]))

    def _kept(self, intent: Dict[str, Any]) -> bool:
        return (intent.get("name") in self._config["keep"]
                and (intent.get("confidence") or 0.0) >= float(self._config["keep_confidence"]))

    def process(self, messages: List[Message]) -> List[Message]:
        """Overrides the intent and the answer of a mash."""
        intent_name, _, _ = str(self._config["answer"]).partition("/")
        for message in messages:
            text = as_written(message)
            if self._kept(message.get(INTENT) or {}) or not self._is_mash(text):
                continue
            override_intent(message, intent_name)
            selector = dict(message.get(SELECTOR) or {})
            if intent_name in selector:
                selector[intent_name] = put_first(selector[intent_name], self._config["answer"])
            set_selector(message, selector)
        return messages
