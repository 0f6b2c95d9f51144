"""Whole conversations through the real server, graded turn by turn.

A set (tests/conversations/*.yml) is a list of conversations; each turn has the
patient's message and the kinds of answer that are right for it (``expect``,
the first answer of the reply), optionally the verdict of an aftercare answer
(``verdict``) and what the same reply must say after it (``also``). The kinds
are those of tests/integration/replies.py. A conversation is right when every
turn is. A turn with no reply at all is wrong and counted as silent.

    python -m tests.integration.conversations http://127.0.0.1:5005 tests/conversations/dev.yml

prints the score and every miss (what was said, what was read).
"""

from __future__ import annotations

import sys
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import List, Optional

import requests

from tests.integration.replies import kind_of, load_yaml, texts_of, verdict_of

# Said before the answer itself, when something follows: "Got it: treated ...",
# the privacy notice after the greeting, "it is open now" before the contact.
LEADS = ("date_noted", "privacy_notice", "open_status", "callback_offer")
# What a kind of the sets accepts among the kinds the reader gives.
ALSO_ACCEPTED = {"location": ("location", "open_status"), "contact": ("contact",), "greet": ("greet",)}


@dataclass
class Turn:
    user: str
    expect: List[str]
    verdict: Optional[str] = None
    also: List[str] = field(default_factory=list)


@dataclass
class Graded:
    turn: Turn
    texts: List[str]
    kinds: List[str]
    right: bool
    silent: bool


def _verdict(value) -> Optional[str]:
    # YAML reads an unquoted yes as True.
    return "yes" if value is True else None if value is None else str(value)


def load_set(path: Path) -> List[dict]:
    conversations = load_yaml(path)
    for conversation in conversations:
        conversation["turns"] = [Turn(user=str(t["user"]), expect=list(t["expect"]), verdict=_verdict(t.get("verdict")),
                                      also=list(t.get("also") or [])) for t in conversation["turns"]]
    return conversations


def main_answer(kinds: List[str]) -> int:
    """The index of the reply's own answer: the first message that is not a lead-in."""
    for index, kind in enumerate(kinds):
        if kind not in LEADS and kind != "":
            return index
    return 0


def grade(turn: Turn, texts: List[str]) -> Graded:
    shown = [(t, kind_of(t)) for t in texts if t]
    kinds = [k for _, k in shown]
    if not shown:
        return Graded(turn, texts, kinds, right=False, silent=True)
    first = main_answer(kinds)
    accepted = {a for wanted in turn.expect for a in ALSO_ACCEPTED.get(wanted, (wanted,))}
    right = kinds[first] in accepted
    if right and turn.verdict and kinds[first].startswith("rule:"):
        said = verdict_of(shown[first][0])
        right = said == turn.verdict or (turn.verdict == "not_yet" and said == "almost")
    if right and turn.also:
        rest, position = kinds[first + 1:], 0
        for wanted in turn.also:
            if wanted not in rest[position:]:
                right = False
                break
            position = rest.index(wanted, position) + 1
    return Graded(turn, texts, kinds, right=right, silent=False)


def talk(base_url: str, conversation: dict, timeout: float = 60) -> List[Graded]:
    """Sends each turn of one conversation, as one new patient."""
    sender = f"conversation-{conversation.get('id', '')}-{uuid.uuid4().hex}"
    graded = []
    for turn in conversation["turns"]:
        response = requests.post(f"{base_url}/webhooks/rest/webhook", json={"sender": sender, "message": turn.user},
                                 timeout=timeout)
        response.raise_for_status()
        graded.append(grade(turn, texts_of(response.json())))
    return graded


def run_set(base_url: str, conversations: List[dict], workers: int = 3) -> List[List[Graded]]:
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(lambda c: talk(base_url, c), conversations))


@dataclass
class Score:
    turns: int
    turns_right: int
    conversations: int
    conversations_right: int
    silent: int

    @property
    def turn_share(self) -> float:
        return self.turns_right / self.turns

    @property
    def conversation_share(self) -> float:
        return self.conversations_right / self.conversations


def score(results: List[List[Graded]]) -> Score:
    turns = [g for conversation in results for g in conversation]
    return Score(turns=len(turns), turns_right=sum(g.right for g in turns), conversations=len(results),
                 conversations_right=sum(all(g.right for g in c) for c in results),
                 silent=sum(g.silent for g in turns))


def report(name: str, conversations: List[dict], results: List[List[Graded]]) -> str:
    """The score and each conversation with a wrong turn, turn by turn."""
    total = score(results)
    lines = [f"{name}: {total.turns_right}/{total.turns} turns right ({total.turn_share:.1%}), "
             f"{total.conversations_right}/{total.conversations} conversations ({total.conversation_share:.1%}), "
             f"{total.silent} turns without a reply"]
    for conversation, graded in zip(conversations, results):
        if all(g.right for g in graded):
            continue
        lines.append(f"  {conversation.get('id')}: {conversation.get('about', '')}")
        for g in graded:
            mark = "  ok " if g.right else ("  SILENT" if g.silent else "  MISS")
            verdict = f" {g.turn.verdict}" if g.turn.verdict else ""
            lines.append(f"   {mark} {g.turn.user!r} want {g.turn.expect}{verdict}{' + ' + str(g.turn.also) if g.turn.also else ''}"
                         f" got {g.kinds} {[t[:60] for t in g.texts if t][:3] if not g.right else ''}")
    return "\n".join(lines)


def main(argv: List[str]) -> int:
    base_url, *paths = argv
    for path in paths:
        conversations = load_set(Path(path))
        print(report(path, conversations, run_set(base_url, conversations)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
