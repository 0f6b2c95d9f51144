"""The thread of a conversation, as a policy: a new message read against what
the last answer was about (knowledge/thread.py decides; this reads the tracker).

Rules route a message by its intent alone, which loses the thread: "yes
please" after "would you like a call-back?" got the topic menu, "can I wait
until Monday?" after an urgent answer got the downtime answer, "what if it's
just for radiance?" after the sessions answer got another topic. This policy
reads the slots ``last_answer`` and ``awaiting`` (set by the actions) and the
latest message, and when the thread decides, predicts that action above
RulePolicy; then ``action_listen``. Nothing about a conversation is kept here.
It acts only on live conversations, as the action-server-down policy does.
"""

from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional, Text

from rasa.core.constants import POLICY_PRIORITY
from rasa.core.policies.policy import Policy, PolicyPrediction
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered
from rasa.shared.core.generator import TrackerWithCachedStates
from rasa.shared.core.trackers import DialogueStateTracker

from knowledge import names
from knowledge.thread import LastAnswer, next_step

logger = logging.getLogger(__name__)
# Actions after which the turn is over, whoever predicted them.
ANSWERED = (names.ACTION_TRIAGE, names.ACTION_FOLLOW_UP, names.ACTION_ANSWER_QUESTION, names.ACTION_NOT_COVERED,
            names.UTTER_CALLBACK_DECLINED, names.ACTION_DEFAULT_FALLBACK)


def offered_in_last_reply(tracker: DialogueStateTracker) -> Optional[str]:
    """What the assistant offered (slot ``awaiting``) in its reply to the previous message."""
    events = list(tracker.events)
    users = [i for i, e in enumerate(events) if isinstance(e, UserUttered)]
    if len(users) < 2:
        return None
    for event in events[users[-2] + 1:users[-1]]:
        if isinstance(event, SlotSet) and event.key == names.AWAITING and event.value:
            return str(event.value)
    return None


def _selected(parse_data: Dict[str, Any], intent: str) -> tuple:
    selector = ((parse_data.get(names.RESPONSE_SELECTOR) or {}).get(intent) or {}).get("response") or {}
    return str(selector.get(names.INTENT_RESPONSE_KEY) or ""), float(selector.get("confidence") or 0.0)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True)
class ConversationThreadPolicy(Policy):
    """Predicts the answer a message gets in the thread of the conversation."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        """Above RulePolicy (6), below the action-server-down policy (8)."""
        return {POLICY_PRIORITY: 7}

    def train(self, training_trackers: List[TrackerWithCachedStates], domain: Domain, **kwargs: Any) -> Resource:
        """Nothing to learn: the thread is read from the slots and the words."""
        return self._resource

    def step(self, tracker: DialogueStateTracker) -> Optional[str]:
        """The thread's action for the latest message, or None."""
        message = tracker.latest_message
        if message is None:
            return None
        intent = (message.intent or {}).get("name") or ""
        answer_key, confidence = _selected(message.parse_data, intent if intent in names.RETRIEVAL_INTENTS else names.FAQ)
        return next_step(LastAnswer.read(tracker.get_slot(names.LAST_ANSWER)), offered_in_last_reply(tracker), intent,
                         answer_key, confidence, message.text or "")

    def predict_action_probabilities(
        self,
        tracker: DialogueStateTracker,
        domain: Domain,
        rule_only_data: Optional[Dict[Text, Any]] = None,
        **kwargs: Any,
    ) -> PolicyPrediction:
        """The thread's action right after the message, then listen."""
        probabilities = self._default_predictions(domain)
        if tracker.get_latest_input_channel() is None or tracker.active_loop_name:
            return self._prediction(probabilities)  # stories replayed by `rasa test`; a form's own turn
        try:
            events = list(tracker.events)
            actions = [e.action_name for e in events[self._after_latest_message(events):] if isinstance(e, ActionExecuted)]
            step = self.step(tracker) if not actions or actions == [ACTION_LISTEN_NAME] else None
        except Exception:  # noqa: BLE001 - a fault here must not silence the reply: the rules answer
            logger.exception("the thread could not be read; the rules decide")
            return self._prediction(probabilities)
        if step is not None:
            probabilities[domain.index_for_action(step)] = 1.0
        elif actions and actions[-1] in ANSWERED:
            # The thread's answer (or the fallback, which does not revert the message) was
            # the turn's reply: listen. (The slots it set may say nothing more about it.)
            probabilities[domain.index_for_action(ACTION_LISTEN_NAME)] = 1.0
        return self._prediction(probabilities)

    @staticmethod
    def _after_latest_message(events: List[Any]) -> int:
        for index in range(len(events) - 1, -1, -1):
            if isinstance(events[index], UserUttered):
                return index + 1
        return len(events)
