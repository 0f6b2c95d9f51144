"""A safety net after the classifiers: warning signs always win.

A message that mentions pus, fever, spreading or worsening redness, severe
pain or swelling (patterns in knowledge/microneedling.yml) is classified as
``report_warning_sign`` with full confidence, so it gets the "contact your
provider" advice even when the model would have picked an FAQ answer.
"""

from __future__ import annotations

from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from actions.knowledge import load_knowledge, warning_sign_matcher
from components.base import StatelessComponent

WARNING_INTENT = "report_warning_sign"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class WarningSignOverride(StatelessComponent):
    """Overrides the predicted intent when a warning sign is mentioned."""

    def __init__(self) -> None:
        # Created when the model is loaded: the patterns are read from the knowledge file then.
        self._matcher = warning_sign_matcher(load_knowledge())

    def process(self, messages: List[Message]) -> List[Message]:
        """Sets the warning intent on messages that mention a warning sign."""
        for message in messages:
            text = message.get(TEXT) or ""
            if text.startswith("/") or not self._matcher.search(text):
                continue  # button payloads and ordinary questions stay as they are
            intent = {"name": WARNING_INTENT, "confidence": 1.0}
            ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != WARNING_INTENT]
            message.set(INTENT, intent, add_to_output=True)
            message.set(INTENT_RANKING_KEY, [intent] + ranking, add_to_output=True)
        return messages
