"""Answer feedback, as plain data: the 👍/👎 buttons under an answer, reading a
vote, and finding the question it was about.

The vote travels as a button payload (``/feedback{"vote": "down", "answer":
"faq/pain"}``), so the user event in the tracker store already says which
answer it was about; the action adds the question asked, for the report.
"""

from __future__ import annotations

import json
import re
from typing import Any, Dict, Iterable, List, Optional

from knowledge import names

UP, DOWN = "up", "down"
# Typed rather than pressed: "that didn't help", "not useful", "wrong answer".
NEGATIVE = re.compile(r"n't\b|\b(not|no|didnt|doesnt|wasnt|wrong|useless|unhelpful|bad|rubbish)\b", re.IGNORECASE)


def feedback_buttons(answer: str, messages: Dict[str, str]) -> List[Dict[str, str]]:
    """The two buttons offered under an answer ("faq/pain", "aftercare/makeup")."""
    return [{"title": messages[f"feedback_{vote}"],
             "payload": "/" + names.FEEDBACK + json.dumps({names.VOTE: vote, names.ANSWER: answer},
                                                           separators=(",", ":"))}
            for vote in (UP, DOWN)]


def is_feedback_button(button: Dict[str, Any]) -> bool:
    """True for a button made by ``feedback_buttons`` (channels draw them apart)."""
    return str(button.get("payload", "")).startswith("/" + names.FEEDBACK + "{")


def read_vote(entities: Iterable[Dict[str, Any]], text: str) -> str:
    """The vote of a pressed button, or of typed words ("that didn't help" is down)."""
    for entity in entities:
        if entity.get("entity") == names.VOTE and entity.get("value") in (UP, DOWN):
            return entity["value"]
    return DOWN if NEGATIVE.search(text or "") else UP


def question_and_answer(events: List[Dict[str, Any]]) -> Dict[str, Optional[str]]:
    """The last question before the vote and the answer given to it (the
    retrieval answer's response name, e.g. "utter_faq/pain", when it had one)."""
    found: Dict[str, Optional[str]] = {"question": None, "answer": None}
    users = [i for i, e in enumerate(events) if e.get("event") == "user"]
    for index in reversed(users[:-1]):  # the last user event is the vote itself
        event = events[index]
        if ((event.get("parse_data") or {}).get("intent") or {}).get("name") == names.FEEDBACK:
            continue
        found["question"] = event.get("text")
        for later in events[index + 1:users[-1]]:
            action = (later.get("metadata") or {}).get(names.UTTER_ACTION)
            if later.get("event") == "bot" and action:
                found["answer"] = action.replace("utter_", "", 1)
        break
    return found


def add_feedback(messages: List[Dict[str, Any]], answer: str, texts: Dict[str, str]) -> None:
    """Puts the 👍/👎 buttons under the last message an action is about to send."""
    if messages:
        last = messages[-1]
        last["buttons"] = list(last.get("buttons") or []) + feedback_buttons(answer, texts)
