"""Whole conversations through the real server, turn by turn (issue 27).

Each set in tests/conversations/ was written by a different helper who read only
the five articles and a description of the product, never the training data,
the code or another set. dev.yml was used while building from the start;
heldout.yml, heldout_2.yml, heldout_3.yml and heldout_4.yml were each the measure
until their misses were read and mended (as kinds of wording, never by adding their messages); the
newest set not yet looked at is the honest figure (docs/whole-messages.md).
Each set is held at a floor a little under what two trainings reached, so that
none slips; every turn of every set must get a reply. Each test prints its
score and every conversation with a wrong turn.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.integration.conversations import load_set, report, run_set, score

SETS = Path(__file__).resolve().parents[1] / "conversations"
# Floors (turns, whole conversations) a little under what the sets reach; issue 27's
# target is 0.90 and 0.75 on a set nobody has looked at.
FLOORS = {"dev": (0.90, 0.75), "heldout": (0.86, 0.68), "heldout_2": (0.83, 0.62), "heldout_3": (0.80, 0.57),
          "heldout_4": (0.87, 0.68)}


@pytest.fixture(scope="module", params=sorted(FLOORS))
def graded(servers, request):
    conversations = load_set(SETS / f"{request.param}.yml")
    results = run_set(servers["rasa"], conversations)
    print("\n" + report(request.param, conversations, results))
    return request.param, conversations, score(results)


def test_every_turn_gets_a_reply(graded):
    _, _, total = graded
    assert total.silent == 0


def test_turns_and_whole_conversations_are_answered_right(graded):
    name, conversations, total = graded
    assert len(conversations) >= 80 and total.turns >= 250
    turns, whole = FLOORS[name]
    assert total.turn_share >= turns and total.conversation_share >= whole


def test_every_set_has_a_floor():
    """A set added to tests/conversations/ without a floor would never run."""
    assert sorted(path.stem for path in SETS.glob("*.yml")) == sorted(FLOORS)
