"""Whole conversations through the real server, turn by turn (issue 27).

tests/conversations/heldout.yml was written by a helper who read only the five
articles and a description of the product, never the training data or the
code; it is the measure. dev.yml, by another such writer, was used while
building (its misses were read and mended as kinds of wording, never by
adding its messages), so it is held at a floor a little under what it reaches.
Every turn of every set must get a reply. Each test prints its score and
every conversation with a wrong turn.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.integration.conversations import load_set, report, run_set, score

SETS = Path(__file__).resolve().parents[1] / "conversations"
# Issue 27's gates on the held-out set; the development set's floor.
HELD_OUT_TURNS, HELD_OUT_CONVERSATIONS = 0.90, 0.75
DEV_TURNS, DEV_CONVERSATIONS = 0.90, 0.70


@pytest.fixture(scope="module", params=["heldout", "dev"])
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
    turns, whole = (HELD_OUT_TURNS, HELD_OUT_CONVERSATIONS) if name == "heldout" else (DEV_TURNS, DEV_CONVERSATIONS)
    assert total.turn_share >= turns and total.conversation_share >= whole
