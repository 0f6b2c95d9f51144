"""Follow-ups that name no topic of their own, answered about the current topic.

The rule (docs/how-a-message-is-answered.md, "Follow-ups"): a message such as "what about
afterwards?", "how long does that last?", "is that normal?" or "why?" is about
the conversation's *current topic*, the topic of the last names.FAQ or aftercare
answer in this session. The knowledge file's ``follow_ups`` table says which
answer each kind of follow-up gets for each topic; a kind the table has no
entry for (or a follow-up with no current topic) gets "did you mean" with the
current topic first.

Pure functions: the current topic is the slot ``last_answer`` the actions
set (knowledge/thread.py), not something kept on a component.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Dict, List, Optional

from knowledge import names, thread
from knowledge.answers import FOLLOW_UP_RULE as RULE
from knowledge.thread import LastAnswer

AFTERCARE = "aftercare"
WARNING = "warning"
TRIAGE_RESPONSE = {"emergency": names.UTTER_SYMPTOM_EMERGENCY, "urgent": names.UTTER_WARNING_SIGNS,
                   "unclear": names.UTTER_SYMPTOM_UNCLEAR}
PLAN = "plan"  # the aftercare slot's value for the day-by-day plan

# The kinds of follow-up, tried in this order (the first that matches wins:
# "why is it still red afterwards" is a "why").
KINDS = {
    "why": re.compile(r"\b(why|how come|what for|reason)\b"),
    "lasts": re.compile(r"\b(how long|for how many|till when|until when|go(es)? away|settle|fade|wear off|last|stay)"),
    "normal": re.compile(r"\b(normal|expected|usual|common|worry|worried|concerned|bad sign)\b"
                         r"|\b(is|are) (that|this|it|they|those) (ok|okay|fine|alright|bad)\b"),
    "afterwards": re.compile(r"\b(after|afterwards|afterward|post|later|following days?)\b"),
}


@dataclass(frozen=True)
class Topic:
    """What an answer was about: ``kind`` is faq, aftercare or warning; ``key``
    the names.FAQ topic or aftercare rule, or the response of the warning advice given."""

    kind: str
    key: str = ""


def kind_of(text: str) -> Optional[str]:
    """The kind of follow-up ("why", "lasts", "normal", "afterwards"), or None."""
    text = text.lower()
    return next((kind for kind, pattern in KINDS.items() if pattern.search(text)), None)


def current_topic(last: Optional[LastAnswer]) -> Optional[Topic]:
    """The topic a follow-up is about: the last answer, as the actions kept it
    in the slot ``last_answer`` (knowledge/thread.py). A greeting or thanks in
    between changes nothing (they set no slot); a new session starts with none."""
    if last is None:
        return None
    if last.kind == thread.FAQ and last.key:
        return Topic(names.FAQ, last.key)
    if last.kind == thread.AFTERCARE and last.key:
        return Topic(AFTERCARE, last.key)
    if last.kind == thread.PLAN:
        return Topic(names.FAQ, AFTERCARE)  # the plan is followed up like the aftercare FAQ
    if last.kind == thread.WARNING:
        return Topic(WARNING, TRIAGE_RESPONSE.get(last.key, names.UTTER_WARNING_SIGNS))
    if last.kind == thread.HEALING:
        return Topic(names.FAQ, "side_effects")
    return None


def resolve(table: Dict[str, Dict[str, str]], topic: Optional[Topic], kind: Optional[str]) -> Optional[Topic]:
    """What answers a follow-up of ``kind`` on ``topic``, or None ("did you mean").

    ``table`` is the knowledge file's ``follow_ups``: topic key (or ``rule``
    for any aftercare rule) -> kind -> names.FAQ topic key (or ``rule``: the rule's
    own answer). A warning sign is always answered with the warning advice
    again: a follow-up must never turn it into reassurance.
    """
    if topic is None:
        return None
    if topic.kind == WARNING:
        return topic
    if kind is None:
        return None
    row = table.get(RULE if topic.kind == AFTERCARE else topic.key) or {}
    answer = row.get(kind)
    if answer is None:
        return None
    if answer == RULE:
        return topic if topic.kind == AFTERCARE else None
    return Topic(names.FAQ, answer)


def suggestions(topic: Optional[Topic], related: Dict[str, List[str]], fallback: List[str]) -> List[str]:
    """names.FAQ topics for "did you mean": the current topic first, then its
    related topics (the knowledge's follow-up buttons), else ``fallback``."""
    if topic is None or topic.kind != names.FAQ or topic.key not in related:
        return list(fallback)
    return [topic.key] + [k for k in related[topic.key] if k != topic.key]
