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
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.training_data.message import Message

from components.base import StatelessComponent

SELECTOR = "response_selector"
DEFAULT = "default"
ALL_INTENTS = "all_retrieval_intents"


def split_by_intent(default: Dict[str, Any], intent: str) -> Optional[Dict[str, Any]]:
    """The ``default`` prediction restricted to ``intent``'s responses (None if it has none)."""
    prefix = intent + "/"
    ranking = [dict(item) for item in default.get("ranking") or []
               if str(item.get("intent_response_key", "")).startswith(prefix)]
    if not ranking:
        return None
    total = sum(item.get("confidence") or 0.0 for item in ranking)
    if total > 0:
        for item in ranking:
            item["confidence"] = (item.get("confidence") or 0.0) / total
    top = ranking[0]
    overall = default.get("response") or {}
    return {
        "response": {
            # Rasa answers from the domain by utter_action; the texts are only
            # known here when the top response is also the overall one.
            "responses": overall.get("responses") or [] if overall.get("intent_response_key") ==
            top["intent_response_key"] else [],
            "confidence": top["confidence"],
            "intent_response_key": top["intent_response_key"],
            "utter_action": f"utter_{top['intent_response_key']}",
        },
        "ranking": ranking,
    }


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
