"""Shared fixtures: the real domain, a dispatcher and a tracker factory."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Dict, List, Optional

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from knowledge import settings

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def domain() -> Dict[str, Any]:
    """domain.yml as the action server receives it (responses included)."""
    return yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))


@pytest.fixture
def dispatcher() -> CollectingDispatcher:
    """Collects what an action says."""
    return CollectingDispatcher()


@pytest.fixture
def make_tracker() -> Callable[..., Tracker]:
    """Builds a tracker whose latest user message has the given parse data."""

    def _make(
        text: str = "",
        intent: str = "nlu_fallback",
        entities: Optional[List[Dict[str, Any]]] = None,
        parse_data: Optional[Dict[str, Any]] = None,
        events: Optional[List[Dict[str, Any]]] = None,
        slots: Optional[Dict[str, Any]] = None,
    ) -> Tracker:
        latest = {"text": text, "intent": {"name": intent, "confidence": 1.0}, "entities": entities or []}
        latest.update(parse_data or {})
        user_event = {"event": "user", "text": text, "parse_data": latest}
        return Tracker(
            sender_id="test",
            slots=slots or {},
            latest_message=latest,
            events=(events or []) + [user_event],
            paused=False,
            followup_action=None,
            active_loop={},
            latest_action_name="action_listen",
        )

    return _make


@pytest.fixture(scope="session")
def seeds() -> Path:
    """The five source articles (../shared/seeds). Beside a checkout without them the
    checks that need them are skipped, but in CI (CI=true) a missing folder fails."""
    if settings.SEEDS.is_dir():
        return settings.SEEDS
    if settings.in_ci():
        pytest.fail(f"{settings.SEEDS} is missing: CI needs the articles beside the checkout")
    pytest.skip("../shared/seeds is not beside this checkout")
