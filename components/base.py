"""What the pipeline's own components have in common."""

from __future__ import annotations

from typing import Any, Dict, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage


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
