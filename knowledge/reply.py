"""One reply to a message that asks two or three things, sized for a phone.

Each answer alone carries its own "Source:" line and follow-up buttons; three
in a row came to 1,100-1,750 characters, several screens on a phone. A reply
of several answers says its sources once, by short title, and offers one set
of buttons: the first answer's follow-ups, and "Sources" for the full titles
(action_sources). When the answers themselves are still too long, each keeps
its first sentences and the rest is one tap away ("More: <topic>"). Every
answer stays traceable: its articles are named in the reply.

Pure: parts in, texts and buttons out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence, Tuple

from knowledge.answers import Source

# Characters of a whole reply: its texts, its sources line and its buttons' titles.
MAX_REPLY = 1000
MAX_BUTTONS = 3
# Room kept for the 👍/👎 under the answer (knowledge/feedback.py).
FEEDBACK_ROOM = 4
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(])")


@dataclass(frozen=True)
class Part:
    """One answer of the reply, without its sources line."""

    text: str
    sources: Tuple[Source, ...] = ()
    key: str = ""  # what it answers: "faq/pain", "rule/makeup" (the "Sources" button lists their articles)
    sources_vary: bool = False
    follow_ups: Tuple[Dict[str, str], ...] = ()  # buttons offered after this answer
    more: Optional[Dict[str, str]] = None  # a button for the whole answer, when it is cut


@dataclass(frozen=True)
class Reply:
    texts: List[str]
    buttons: List[Dict[str, str]]

    @property
    def size(self) -> int:
        return sum(len(t) for t in self.texts) + sum(len(b["title"]) for b in self.buttons)


def sources_line(sources: Sequence[Source], template: str) -> str:
    """ "Sources: Ultimate Guide; Overview and Aftercare Tips" (each article once)."""
    seen: Dict[str, Source] = {}
    for source in sources:
        seen.setdefault(source.key, source)
    return template.format(titles="; ".join(s.short or s.title for s in seen.values())) if seen else ""


def _first_sentences(text: str, room: int) -> str:
    """As many whole sentences as fit in ``room`` (at least the first)."""
    sentences = _SENTENCE_END.split(text)
    kept = sentences[0]
    for sentence in sentences[1:]:
        if len(kept) + 1 + len(sentence) > room:
            break
        kept += " " + sentence
    return kept


def _buttons(parts: Sequence[Part], sources_button: Optional[Dict[str, str]], cut: bool) -> List[Dict[str, str]]:
    buttons: List[Dict[str, str]] = []
    if cut:
        buttons += [p.more for p in parts if p.more]
    else:
        for part in parts:
            buttons += [b for b in part.follow_ups if b not in buttons]
    buttons = buttons[:MAX_BUTTONS]
    return buttons + ([sources_button] if sources_button else [])


def compose(parts: Sequence[Part], messages: Dict[str, str], sources_button: Optional[Dict[str, str]] = None) -> Reply:
    """The reply: each part's text, then one sources line (on the last text), then
    one set of buttons; parts cut to their first sentences if it would pass MAX_REPLY.
    ``messages``: the knowledge file's ``reply`` sentences (``sources``, ``sources_vary``)."""
    cited = [s for p in parts for s in p.sources]
    line = sources_line(cited, messages["sources"])
    vary = messages["sources_vary"] if any(p.sources_vary for p in parts) else ""
    button = sources_button if cited else None

    def build(texts: List[str], cut: bool) -> Reply:
        tail = "\n".join(x for x in (vary, line) if x)
        if tail and texts:
            texts = texts[:-1] + [texts[-1] + "\n" + tail]
        return Reply(texts, _buttons(parts, button, cut))

    whole = build([p.text for p in parts], cut=False)
    if whole.size + FEEDBACK_ROOM <= MAX_REPLY or len(parts) < 2:
        return whole
    fixed = build(["" for _ in parts], cut=True).size + len(parts) + FEEDBACK_ROOM
    room = max(80, (MAX_REPLY - fixed) // len(parts))
    return build([_first_sentences(p.text, room) for p in parts], cut=True)
