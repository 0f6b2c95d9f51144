"""What the pipeline's own components have in common."""

from __future__ import annotations

from typing import Any, Dict, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY
from rasa.shared.nlu.training_data.message import Message


def override_intent(message: Message, intent_name: str, confidence: float = 1.0) -> None:
    """Makes ``intent_name`` the message's intent, first in its ranking too:
    the FallbackClassifier reads the ranking ("did you mean" when the top two
    are close), so an intent set without it could still end in a fallback."""
    intent = {"name": intent_name, "confidence": confidence}
    # The others share what is left, in their order: a decided intent is never "ambiguous".
    others = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != intent_name]
    total = sum(r.get("confidence") or 0.0 for r in others) or 1.0
    ranking = [{**r, "confidence": (1.0 - confidence) * (r.get("confidence") or 0.0) / total} for r in others]
    message.set(INTENT, intent, add_to_output=True)
    message.set(INTENT_RANKING_KEY, [intent] + ranking, add_to_output=True)


def intent_of(message: Message) -> str:
    """The message's intent name ("" when it has none yet)."""
    return (message.get(INTENT) or {}).get("name") or ""


class StatelessComponent(GraphComponent):
    """A graph component with nothing trained or stored: subclasses need a
    ``process`` and a constructor taking their config.yml settings (with the
    defaults of ``get_default_config``) as keyword arguments, if they have any."""

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> GraphComponent:
        """Rasa's factory."""
        return cls(**config)
