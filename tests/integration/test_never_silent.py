"""Never silent: every message a patient sends gets a reply (issue 27).

The whole-message and conversation sets check it on their own messages
(test_whole_messages.py, test_conversations.py); this replays the test
stories' conversations through the real server, one conversation per story,
and the paths where Rasa's own fallback used to revert a message in silence.
"""

from __future__ import annotations

from pathlib import Path
from typing import List

import pytest
import yaml

from tests.integration.conftest import asker, new_sender

STORIES = sorted((Path(__file__).resolve().parents[1] / "stories").glob("*.yml"))


def _conversations() -> List[tuple]:
    found = []
    for path in STORIES:
        for story in yaml.safe_load(path.read_text(encoding="utf-8")).get("stories") or []:
            turns = [str(step["user"]).strip() for step in story["steps"] if "user" in step]
            if turns:
                found.append((f"{path.stem}: {story['story']}", turns))
    return found


CONVERSATIONS = _conversations()


def test_the_stories_are_read():
    assert len(CONVERSATIONS) >= 40 and sum(len(t) for _, t in CONVERSATIONS) >= 100


def test_every_turn_of_every_test_story_gets_a_reply(servers, request):
    silent = []
    for name, turns in CONVERSATIONS:
        ask = asker(servers["rasa"], new_sender(request))
        for turn in turns:
            if not any((m.get("text") or m.get("buttons")) for m in ask(turn)):
                silent.append((name, turn))
    assert silent == []


@pytest.mark.parametrize("turns", [
    # the date form rejected a question; Rasa's fallback had reverted it in silence
    ["can I use my retinol yet", "and a plain moisturiser is OK?"],
    ["when can i wear makeup", "is a gentle cleanser ok before bed"],
    # a payload no rule expects, and a form's question answered by a button of another kind
    ["/affirm", "/deny", "/sources"],
    ["when can i go back to the gym", "/choose_topic{\"topic\":\"pain\"}", "/feedback{\"vote\":\"up\"}"],
])
def test_a_form_that_rejects_a_message_still_answers_it(servers, request, turns):
    ask = asker(servers["rasa"], new_sender(request))
    for turn in turns:
        assert any(m.get("text") for m in ask(turn)), turn
