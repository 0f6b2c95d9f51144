"""Pure helpers that read Rasa's parse data and event lists (no Rasa imports).

Kept apart from the actions so they can be tested with plain dictionaries.
"""

from __future__ import annotations

import re
from typing import Any, Dict, Iterable, List, Optional

from knowledge import names

# A retrieval candidate below this confidence is noise, not a suggestion.
MIN_SUGGESTION_CONFIDENCE = 0.05


def ranked_intents(parse_data: Dict[str, Any]) -> List[str]:
    """Intent names from best to worst, without the fallback pseudo-intent."""
    return [
        item.get("name")
        for item in parse_data.get(names.INTENT_RANKING) or []
        if item.get("name") and item.get("name") != names.NLU_FALLBACK
    ]


def candidate_topics(parse_data: Dict[str, Any], known: Iterable[str], limit: int = 3) -> List[str]:
    """FAQ topics worth suggesting for a message NLU was unsure about.

    Topics come from the FAQ ResponseSelector's ranking, and only when ``faq``
    is one of the two most likely intents: for "asdf" or an out-of-scope
    question, suggesting FAQ topics would only confuse.
    """
    if names.FAQ not in ranked_intents(parse_data)[:2]:
        return []
    selector = (parse_data.get(names.RESPONSE_SELECTOR) or {}).get(names.FAQ) or {}
    known = set(known)
    topics: List[str] = []
    for item in selector.get("ranking") or []:
        key = str(item.get(names.INTENT_RESPONSE_KEY, ""))
        topic = key.split("/", 1)[1] if key.startswith(names.FAQ + "/") else None
        if topic in known and topic not in topics and item.get("confidence", 0) >= MIN_SUGGESTION_CONFIDENCE:
            topics.append(topic)
        if len(topics) == limit:
            break
    return topics


def last_bot_action(events: List[Dict[str, Any]]) -> Optional[str]:
    """The last action run before the latest user message (not action_listen)."""
    seen_user = False
    for event in reversed(events):
        if event.get("event") == "user":
            if seen_user:
                return None
            seen_user = True
        elif seen_user and event.get("event") == "action" and event.get("name") != names.ACTION_LISTEN:
            return event.get("name")
    return None


def entity_value(parse_data: Dict[str, Any], entity: str) -> Optional[str]:
    """The first value of ``entity`` in the parse data, if any."""
    for item in parse_data.get("entities") or []:
        if item.get("entity") == entity and item.get("value") is not None:
            return str(item["value"])
    return None


# The FAQ selector must be at least this sure to answer without a topic entity.
MIN_ANSWER_CONFIDENCE = 0.6


def best_faq_topic(parse_data: Dict[str, Any], known: Iterable[str]) -> Optional[str]:
    """The FAQ selector's top topic when it is confident, else None."""
    selector = (parse_data.get(names.RESPONSE_SELECTOR) or {}).get(names.FAQ) or {}
    response = selector.get("response") or {}
    key = str(response.get(names.INTENT_RESPONSE_KEY) or "")
    topic = key.split("/", 1)[1] if key.startswith(names.FAQ + "/") else None
    if topic in set(known) and (response.get("confidence") or 0) >= MIN_ANSWER_CONFIDENCE:
        return topic
    return None


# Besides the time itself, a follow-up about a later day has only words like these.
_FOLLOW_UP_WORDS = frozenset("""
    and or so ok okay then what what's whats about how how's hows in on by at after from until till
    the a an is it that this still also fine again yet one two three four five six seven eight nine ten
    hour hours day days week weeks month months today tonight tomorrow weekend next
    monday tuesday wednesday thursday friday saturday sunday
""".split())


def is_time_follow_up(text: str, time_phrases: Iterable[str]) -> bool:
    """True for "and in a week?" or "what about tomorrow": a time and linking
    words only, so the question is about the aftercare topic asked before.
    False for "can I drink alcohol after?", a topic the rules don't have."""
    rest = text.lower()
    for phrase in sorted((p.lower() for p in time_phrases if p), key=len, reverse=True):
        rest = rest.replace(phrase, " ")
    words = re.findall(r"[a-z']+", rest)
    return bool(words) and all(word in _FOLLOW_UP_WORDS for word in words)
