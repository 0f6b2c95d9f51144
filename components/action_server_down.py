"""No silence when the action server is down.

Rasa 3.6 logs a failed custom action (e.g. the action server is unreachable),
records it as executed with no events, and then waits for the user: the
user gets no reply at all. This policy notices exactly that state (the last
event is a watched custom action that returned nothing and said nothing) and
predicts a fallback response for it, then ``action_listen``. It acts only on
live conversations (messages that came through a channel).

Configured in config.yml: ``fallbacks`` maps a custom action to the response
to say instead; ``default`` covers the other watched actions.
"""

from __future__ import annotations

import itertools
from typing import Any, Dict, List, Optional, Text

from rasa.core.constants import POLICY_PRIORITY
from rasa.core.policies.policy import Policy, PolicyPrediction
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted
from rasa.shared.core.generator import TrackerWithCachedStates
from rasa.shared.core.trackers import DialogueStateTracker

from knowledge import names


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True)
class ActionServerDownPolicy(Policy):
    """Says a fallback response when a custom action failed silently."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        """Above RulePolicy (6) and the thread (7): its prediction must win in the failure state."""
        return {POLICY_PRIORITY: 8, "fallbacks": {}, "watched": [], "default": names.UTTER_ACTION_SERVER_DOWN}

    def train(self, training_trackers: List[TrackerWithCachedStates], domain: Domain, **kwargs: Any) -> Resource:
        """Nothing to learn: the policy reacts to a state, not to stories."""
        return self._resource

    def _fallback_for(self, action: Optional[str], intent: Optional[str] = None) -> Optional[str]:
        fallbacks: Dict[str, Any] = self.config.get("fallbacks") or {}
        if action in fallbacks:
            fallback = fallbacks[action]
            # A mapping: the response for the message's intent (an FAQ gets
            # utter_faq, an out-of-scope question utter_out_of_scope).
            return fallback.get(intent) or next(iter(fallback.values())) if isinstance(fallback, dict) else fallback
        if action in (self.config.get("watched") or []):
            return self.config["default"]
        return None

    def predict_action_probabilities(
        self,
        tracker: DialogueStateTracker,
        domain: Domain,
        rule_only_data: Optional[Dict[Text, Any]] = None,
        **kwargs: Any,
    ) -> PolicyPrediction:
        """The fallback response right after a silent failure, then listen."""
        probabilities = self._default_predictions(domain)
        if tracker.get_latest_input_channel() is None:
            # Not a live conversation: stories replayed by `rasa test` run no
            # custom actions, which would look like failures.
            return self._prediction(probabilities)
        last = tracker.events[-1] if tracker.events else None
        if isinstance(last, ActionExecuted):
            fallback = self._fallback_for(last.action_name, tracker.latest_message.intent.get("name"))
            if fallback:  # the watched action returned no events at all: it failed
                probabilities[domain.index_for_action(fallback)] = 1.0
                return self._prediction(probabilities)
        # Read back from the end only: this runs before every bot action.
        recent = list(itertools.islice((e.action_name for e in reversed(tracker.events)
                                        if isinstance(e, ActionExecuted)), 2))
        if len(recent) == 2 and recent[0] == self._fallback_for(recent[1], tracker.latest_message.intent.get("name")):
            probabilities[domain.index_for_action(ACTION_LISTEN_NAME)] = 1.0
        return self._prediction(probabilities)
