"""The assistant's knowledge, read from ``knowledge/microneedling.yml``.

This module is the only reader of the knowledge file. It validates the file
(every source and follow-up must exist) and renders the pieces Rasa and the
actions need: answer texts with their "Source:" line and follow-up buttons.
It has no Rasa imports so it can be tested on its own.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import yaml

from knowledge import names
from knowledge.settings import KNOWLEDGE_FILE

# In the follow-up table: any aftercare rule, and that rule's own answer.
FOLLOW_UP_RULE = "rule"

# Button payloads bypass NLU: the topic reaches action_answer_topic as an entity.


class KnowledgeError(ValueError):
    """The knowledge file is inconsistent (unknown source, topic, ...)."""


@dataclass(frozen=True)
class Source:
    """One source article: its file in ../shared/seeds and its title."""

    key: str
    file: str
    title: str
    short: str = ""  # a few words, for a reply that cites several articles at once


@dataclass(frozen=True)
class Topic:
    """One FAQ topic: the answer text and where it comes from."""

    key: str
    label: str
    answer: str
    sources: Tuple[Source, ...]
    follow_ups: Tuple[str, ...] = ()
    sources_vary: Optional[str] = None


@dataclass(frozen=True)
class AftercareRule:
    """One aftercare rule: how long to wait after the treatment, and why.

    ``wait_hours`` is 0 for advice that applies from the start and None for
    a rule that never expires (don't pick).
    """

    key: str
    label: str
    short: str
    names: Tuple[str, ...]
    wait_hours: Optional[int]
    rule: str
    why: str
    sources: Tuple[Source, ...]
    instead: Optional[str] = None
    afterwards: Optional[str] = None  # advice that outlasts the waiting time (sunscreen)
    sources_vary: Optional[str] = None


@dataclass(frozen=True)
class Knowledge:
    """All topics, sources and aftercare rules (symptoms: knowledge/triage.yml)."""

    sources: Dict[str, Source]
    topics: Dict[str, Topic]
    menu_topics: Tuple[str, ...]
    capabilities: str
    did_you_mean: str
    something_else: str
    empty_message: str
    too_long: str
    fallback: str
    general_safety_source: str
    aftercare: Dict[str, AftercareRule]
    aftercare_messages: Dict[str, str]
    # sentences with the clinic's details (knowledge/clinic_text.py)
    clinic_messages: Dict[str, str]
    # topic key (or FOLLOW_UP_RULE) -> kind of follow-up -> FAQ topic key (or FOLLOW_UP_RULE)
    follow_ups: Dict[str, Dict[str, str]]
    # phrases holding an aftercare name that don't mean its rule ("pick me up")
    aftercare_not_names: Tuple[str, ...] = ()
    # a reply to several questions: its sources line and buttons (knowledge/reply.py)
    reply_messages: Dict[str, str] = field(default_factory=dict)


def _clean(text: str) -> str:
    return " ".join(str(text).split())


def _resolve_sources(keys: List[str], sources: Dict[str, Source], where: str) -> Tuple[Source, ...]:
    if not keys:
        raise KnowledgeError(f"{where}: lists no sources")
    unknown = [k for k in keys if k not in sources]
    if unknown:
        raise KnowledgeError(f"{where}: unknown sources {unknown}")
    return tuple(sources[k] for k in keys)


CLINIC_MESSAGES = ("way_phone", "way_email", "way_booking_url", "lead_booking", "lead_cost", "booking", "cost",
                   "human", "location", "hours",
                   "open_now", "closed_now", "warning", "urgent_care", "no_details", "greeting", "closed_day",
                   "offer_callback", "callback_yes", "callback_no", "ask_callback_name", "ask_callback_contact",
                   "bad_name", "bad_contact", "bad_consent", "consent_yes", "consent_no", "ask_callback_consent",
                   "callback_sent", "callback_saved",
                   "callback_declined", "callback_email_subject", "callback_email_body",
                   "feedback_up", "feedback_down", "feedback_thanks", "feedback_sorry", "privacy_notice", "privacy_link",
                   "whatsapp_choose", "whatsapp_choose_body", "whatsapp_text_only")


def _clinic_messages(raw: dict) -> Dict[str, str]:
    missing = [key for key in CLINIC_MESSAGES if not raw.get(key)]
    if missing:
        raise KnowledgeError(f"clinic_messages: missing {missing}")
    return {key: _clean(raw[key]) for key in CLINIC_MESSAGES}


def parse_knowledge(raw: dict) -> Knowledge:
    """Builds and checks a :class:`Knowledge` from the parsed YAML mapping."""
    sources = {
        key: Source(key=key, file=value["file"], title=_clean(value["title"]),
                    short=_clean(value.get("short") or value["title"]))
        for key, value in raw["sources"].items()
    }
    topics: Dict[str, Topic] = {}
    for key, value in raw["topics"].items():
        topics[key] = Topic(
            key=key,
            label=_clean(value["label"]),
            answer=_clean(value["answer"]),
            sources=_resolve_sources(value.get("sources", []), sources, f"topic {key}"),
            follow_ups=tuple(value.get("follow_ups", [])),
            sources_vary=_clean(value["sources_vary"]) if value.get("sources_vary") else None,
        )
    for topic in topics.values():
        unknown = [k for k in topic.follow_ups if k not in topics]
        if unknown:
            raise KnowledgeError(f"topic {topic.key}: unknown follow-ups {unknown}")
        if not 1 <= len(topic.follow_ups) <= 3:
            raise KnowledgeError(f"topic {topic.key}: needs 1 to 3 follow-ups")
    menu = raw["menu"]
    unknown = [k for k in menu["topics"] if k not in topics]
    if unknown:
        raise KnowledgeError(f"menu: unknown topics {unknown}")
    aftercare = {
        key: AftercareRule(
            key=key,
            label=_clean(value["label"]),
            short=_clean(value["short"]),
            names=tuple(str(n).lower() for n in value["names"]),
            wait_hours=value["wait_hours"],
            rule=_clean(value["rule"]),
            why=_clean(value["why"]),
            sources=_resolve_sources(value.get("sources", []), sources, f"aftercare {key}"),
            instead=_clean(value["instead"]) if value.get("instead") else None,
            afterwards=_clean(value["afterwards"]) if value.get("afterwards") else None,
            sources_vary=_clean(value["sources_vary"]) if value.get("sources_vary") else None,
        )
        for key, value in raw["aftercare"].items()
    }
    follow_ups = {str(key): {str(k): str(v) for k, v in (row or {}).items()}
                  for key, row in (raw.get("follow_ups") or {}).items()}
    for key, row in follow_ups.items():
        if key != FOLLOW_UP_RULE and key not in topics:
            raise KnowledgeError(f"follow_ups: unknown topic {key}")
        unknown = [v for v in row.values() if v != FOLLOW_UP_RULE and v not in topics]
        if unknown or (key != FOLLOW_UP_RULE and FOLLOW_UP_RULE in row.values()):
            raise KnowledgeError(f"follow_ups {key}: unknown answers {unknown or [FOLLOW_UP_RULE]}")
    return Knowledge(
        sources=sources,
        topics=topics,
        menu_topics=tuple(menu["topics"]),
        capabilities=_clean(menu["capabilities"]),
        did_you_mean=_clean(menu["did_you_mean"]),
        something_else=_clean(menu["something_else"]),
        empty_message=_clean(menu["empty_message"]),
        too_long=_clean(menu["too_long"]),
        fallback=_clean(menu["fallback"]),
        general_safety_source=_clean(menu["general_safety_source"]),
        aftercare=aftercare,
        aftercare_messages={k: _clean(v) for k, v in raw["aftercare_messages"].items()},
        clinic_messages=_clinic_messages(raw.get("clinic_messages") or {}),
        follow_ups=follow_ups,
        aftercare_not_names=tuple(str(n).lower() for n in raw.get("aftercare_not_names") or []),
        reply_messages=_reply_messages(raw.get("reply") or {}),
    )


REPLY_MESSAGES = ("sources", "sources_vary", "sources_button", "more", "sources_intro", "sources_item",
                  "sources_item_vary", "no_sources")


def _reply_messages(raw: dict) -> Dict[str, str]:
    missing = [key for key in REPLY_MESSAGES if not raw.get(key)]
    if missing:
        raise KnowledgeError(f"reply: missing {missing}")
    return {key: _clean(raw[key]) for key in REPLY_MESSAGES}


@functools.lru_cache(maxsize=None)
def load_knowledge(path: Path = KNOWLEDGE_FILE) -> Knowledge:
    """Reads the knowledge file once per process (cached)."""
    with open(path, encoding="utf-8") as handle:
        return parse_knowledge(yaml.safe_load(handle))


def source_line(sources: Tuple[Source, ...]) -> str:
    """The "Source:" line shown under an answer."""
    label = "Source" if len(sources) == 1 else "Sources"
    return f"{label}: " + "; ".join(f'"{s.title}"' for s in sources)


def answer_text(topic: Topic) -> str:
    """The full answer: text, a "sources vary" note if any, the sources."""
    parts = [topic.answer]
    if topic.sources_vary:
        parts.append(f"(Sources vary: {topic.sources_vary})")
    parts.append(source_line(topic.sources))
    # One newline, not a blank line: Rasa splits button-less text on blank lines.
    return "\n".join(parts)


def topic_payload(topic_key: str) -> str:
    """A button payload that answers ``topic_key`` without going through NLU."""
    return f"/{names.CHOOSE_TOPIC}" + json.dumps({names.TOPIC: topic_key}, separators=(",", ":"))


def topic_buttons(knowledge: Knowledge, keys: List[str]) -> List[Dict[str, str]]:
    """Buttons for the given topic keys, labelled as in the knowledge file."""
    return [{"title": knowledge.topics[k].label, "payload": topic_payload(k)} for k in keys]
