"""One ResponseSelector for every retrieval intent, read as if there were one per intent.

Two selectors (``faq`` and ``out_of_scope``) meant two TensorFlow models to
load and run: about 9 s of start-up, 150 MB and 3 ms per message for the
second (``make bench``). One selector trained on all retrieval intents also
picked better on the held-out questions (0.976 against 0.952). But a single
selector reports under the key ``default``, and Rasa reads the answer for
``utter_faq`` (and the ``faq/<topic>`` of tests and trackers) under the key
``faq``. The component after it writes one entry per retrieval intent: the
ranking restricted to that intent's responses and renormalised, which is what
a softmax over that intent's responses alone gives. So ``utter_faq`` always
answers with an FAQ and ``utter_out_of_scope`` with an out-of-scope reply.

``UnsureAnswerFallback`` then sends an FAQ with no likely answer to "did you mean".
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.constants import (
    RESPONSE_SELECTOR_DEFAULT_INTENT as DEFAULT,
    RESPONSE_SELECTOR_PREDICTION_KEY as RESPONSE,
    RESPONSE_SELECTOR_PROPERTY_NAME as SELECTOR,
    RESPONSE_SELECTOR_RANKING_KEY as RANKING,
    RESPONSE_SELECTOR_RETRIEVAL_INTENTS as ALL_INTENTS,
)
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME as FALLBACK_INTENT
from rasa.shared.nlu.constants import FULL_RETRIEVAL_INTENT_NAME_KEY, INTENT, INTENT_RANKING_KEY
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.util import intent_response_key_to_template_key

from components.base import StatelessComponent
from knowledge import names


def selector_entry(ranking: List[Dict[str, Any]], previous: Dict[str, Any]) -> Dict[str, Any]:
    """A selector entry whose answer is the top of ``ranking`` (sorted, not empty).

    Rasa answers from the domain by utter_action; the response texts are only
    kept when the top response is ``previous``'s (the selector's own answer).
    """
    top = ranking[0]
    same = previous.get(names.INTENT_RESPONSE_KEY) == top[names.INTENT_RESPONSE_KEY]
    return {
        RESPONSE: {
            "responses": (previous.get("responses") or []) if same else [],
            "confidence": top["confidence"],
            names.INTENT_RESPONSE_KEY: top[names.INTENT_RESPONSE_KEY],
            names.UTTER_ACTION: intent_response_key_to_template_key(top[names.INTENT_RESPONSE_KEY]),
        },
        RANKING: ranking,
    }


def answer_key(message: Message) -> str:
    """The selector's answer for the message's own intent ("out_of_scope/cost"), or ""."""
    entry = (message.get(SELECTOR) or {}).get((message.get(INTENT) or {}).get("name") or "") or {}
    return str((entry.get(RESPONSE) or {}).get(names.INTENT_RESPONSE_KEY) or "")


def put_first(entry: Dict[str, Any], key: str) -> Dict[str, Any]:
    """A selector entry whose answer is ``key`` (a message's first question's,
    components/message_parts.py), with the confidence the selector gave its own answer."""
    ranking = [dict(item) for item in entry.get(RANKING) or []]
    index = next((i for i, item in enumerate(ranking) if item.get(names.INTENT_RESPONSE_KEY) == key), None)
    if not index:  # None: not among this intent's answers; 0: already first
        return entry
    ranking[0]["confidence"], ranking[index]["confidence"] = ranking[index]["confidence"], ranking[0]["confidence"]
    ranking.insert(0, ranking.pop(index))
    return selector_entry(ranking, {})


def set_selector(message: Message, selector: Dict[str, Any]) -> None:
    """Stores a re-ranked selector output, and keeps the intent's
    ``full_retrieval_intent_name`` and the ``default`` entry ("faq/pain": what
    trackers and ``rasa test core --e2e`` read) the same as the answer Rasa will say."""
    intent = message.get(INTENT) or {}
    entry = selector.get(intent.get("name") or "") or {}
    key = (entry.get(RESPONSE) or {}).get(names.INTENT_RESPONSE_KEY)
    if key and DEFAULT in selector:
        selector = {**selector, DEFAULT: put_first(selector[DEFAULT], key)}
    message.set(SELECTOR, selector, add_to_output=True)
    if key and intent.get(FULL_RETRIEVAL_INTENT_NAME_KEY) not in (None, key):
        message.set(INTENT, {**intent, FULL_RETRIEVAL_INTENT_NAME_KEY: key}, add_to_output=True)


def split_by_intent(default: Dict[str, Any], intent: str) -> Optional[Dict[str, Any]]:
    """The ``default`` prediction restricted to ``intent``'s responses (None if it has none)."""
    prefix = intent + "/"
    ranking = [dict(item) for item in default.get(RANKING) or []
               if str(item.get(names.INTENT_RESPONSE_KEY, "")).startswith(prefix)]
    if not ranking:
        return None
    total = sum(item.get("confidence") or 0.0 for item in ranking)
    if total > 0:
        for item in ranking:
            item["confidence"] = (item.get("confidence") or 0.0) / total
    return selector_entry(ranking, default.get(RESPONSE) or {})


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class ResponsesByRetrievalIntent(StatelessComponent):
    """After a ResponseSelector trained on all retrieval intents (no
    ``retrieval_intent``, ``ranking_length: 0`` so that every response is
    ranked): adds each retrieval intent's own entry to the selector output."""

    def process(self, messages: List[Message]) -> List[Message]:
        """Adds one entry per retrieval intent next to ``default``."""
        for message in messages:
            selector = dict(message.get(SELECTOR) or {})
            default = selector.get(DEFAULT)
            if not default:
                continue
            for intent in selector.get(ALL_INTENTS) or []:
                entry = split_by_intent(default, intent)
                if entry:
                    selector[intent] = entry
            message.set(SELECTOR, selector, add_to_output=True)
        return messages


def unsure_answer(intent: Dict[str, Any], selector: Dict[str, Any], retrieval_intent: str,
                  threshold: float) -> bool:
    """True when ``retrieval_intent`` won but its selector's best answer is below ``threshold``."""
    if intent.get("name") != retrieval_intent:
        return False
    response = (selector.get(retrieval_intent) or {}).get(RESPONSE) or {}
    return (response.get("confidence") or 0.0) < threshold


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class UnsureAnswerFallback(StatelessComponent):
    """After ``ResponsesByRetrievalIntent``: when the FAQ intent wins but no FAQ
    answer is likely ("ghfjd trewq": FAQ intent 0.86, best answer 0.14; the
    held-out FAQ questions' answers are all above 0.45), the message becomes
    ``nlu_fallback`` like a low intent confidence would, so the patient gets
    "did you mean...?" with the likeliest topics instead of a guessed answer."""

    def __init__(self, retrieval_intent: str, threshold: float) -> None:
        self._retrieval_intent = retrieval_intent
        self._threshold = float(threshold)

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        """The retrieval intent watched and the answer confidence it needs."""
        return {names.RETRIEVAL_INTENT: names.FAQ, "threshold": 0.3}

    def process(self, messages: List[Message]) -> List[Message]:
        """Turns an unsure FAQ answer into the fallback intent (first in the ranking too)."""
        for message in messages:
            if unsure_answer(message.get(INTENT) or {}, message.get(SELECTOR) or {},
                             self._retrieval_intent, self._threshold):
                fallback = {"name": FALLBACK_INTENT, "confidence": self._threshold}
                message.set(INTENT, fallback, add_to_output=True)
                message.set(INTENT_RANKING_KEY, [fallback, *(message.get(INTENT_RANKING_KEY) or [])],
                            add_to_output=True)
        return messages
