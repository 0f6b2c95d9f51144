"""Health conditions and situations the source articles don't cover.

Why: a patient who says "I'm pregnant" or "I'm on Accutane" must not get the
nearest FAQ answer (pain, recovery, candidates), which would read as a yes.
This module finds such conditions in a message with the regexes in
``knowledge/not_covered.yml`` and builds the one honest answer: the articles
don't cover it, what they do say, ask your provider, and the sources.

Pure Python (no Rasa imports) so it can be tested on its own; nothing is read
at import time, the table is loaded and validated on first use and cached.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Pattern, Tuple

import yaml

from knowledge.answers import Source, load_knowledge, source_line
from knowledge.settings import KNOWLEDGE_FILE, NOT_COVERED_FILE


class NotCoveredError(ValueError):
    """``not_covered.yml`` is inconsistent (unknown source, empty patterns, ...)."""


@dataclass(frozen=True)
class Condition:
    """A condition the articles don't cover; ``label`` is said in the answer."""

    key: str
    label: str
    # The aftercare rule that answers it when asked about after a session ("a
    # salicylic peel 9 days after my microneedling, too soon?" is exfoliating).
    aftercare_rule: Optional[str] = None


@dataclass(frozen=True)
class Extra:
    """A sentence said only for one condition, because the articles say
    something specific about it; it brings its own sources."""

    text: str
    sources: Tuple[Source, ...]


@dataclass(frozen=True)
class NotCovered:
    """The parsed table: conditions in file order with their compiled
    patterns, the shared answer template and its sources."""

    conditions: Tuple[Condition, ...]
    patterns: Dict[str, Tuple[Pattern[str], ...]]
    template: str
    sources: Tuple[Source, ...]
    extras: Dict[str, Extra]
    source_order: Tuple[str, ...]  # all article keys, to cite in a stable order
    # Conditions that are also treatments of their own (Botox, peels): named
    # only when the message ties them to microneedling or the patient
    # ("botox the same day", "I had a peel"), not "how long does filler last?".
    needs_context: Tuple[str, ...] = ()
    context: Tuple[Pattern[str], ...] = ()


def _clean(text: object) -> str:
    return " ".join(str(text).split())


def _sources(keys: object, known: Dict[str, Source], where: str) -> Tuple[Source, ...]:
    """Resolves article keys; an unknown key would cite an article we don't have."""
    if not isinstance(keys, list) or not keys:
        raise NotCoveredError(f"{where}: lists no sources")
    unknown = [k for k in keys if k not in known]
    if unknown:
        raise NotCoveredError(f"{where}: unknown sources {unknown} (known: {sorted(known)})")
    return tuple(known[k] for k in keys)


def _compile(key: str, patterns: object) -> Tuple[Pattern[str], ...]:
    """Compiles one condition's patterns; a condition without any would never
    be found, so that is an error, as is a regex that doesn't compile."""
    if not isinstance(patterns, list) or not patterns:
        raise NotCoveredError(f"condition {key}: needs at least one pattern")
    compiled = []
    for pattern in patterns:
        if not isinstance(pattern, str) or not pattern.strip():
            raise NotCoveredError(f"condition {key}: empty pattern")
        try:
            compiled.append(re.compile(pattern, re.IGNORECASE))
        except re.error as err:
            raise NotCoveredError(f"condition {key}: bad pattern {pattern!r}: {err}") from err
    return tuple(compiled)


def parse_not_covered(raw: dict, known: Dict[str, Source]) -> NotCovered:
    """Builds and checks a :class:`NotCovered` from the parsed YAML mapping;
    ``known`` are the articles listed in the knowledge file."""
    if not isinstance(raw, dict):
        raise NotCoveredError("not_covered: expected a mapping")
    template = _clean(raw.get("answer") or "")
    if "{label}" not in template:
        raise NotCoveredError("answer: the template needs a {label} placeholder")
    try:
        template.format(label="x")
    except (KeyError, IndexError, ValueError) as err:
        raise NotCoveredError(f"answer: only {{label}} may be filled in ({err!r})") from err
    sources = _sources(raw.get("sources"), known, "answer")
    conditions_raw = raw.get("conditions")
    if not isinstance(conditions_raw, dict) or not conditions_raw:
        raise NotCoveredError("conditions: none listed")
    conditions, patterns, extras, needs_context = [], {}, {}, []
    for key, value in conditions_raw.items():
        value = value or {}
        label = _clean(value.get("label") or "")
        if not label:
            raise NotCoveredError(f"condition {key}: needs a label")
        conditions.append(Condition(key=str(key), label=label, aftercare_rule=value.get("aftercare_rule")))
        patterns[str(key)] = _compile(str(key), value.get("patterns"))
        if value.get("needs_context"):
            needs_context.append(str(key))
        extra = value.get("extra")
        if extra is not None:
            if not isinstance(extra, dict) or not _clean(extra.get("text") or ""):
                raise NotCoveredError(f"condition {key}: extra needs a text")
            extras[str(key)] = Extra(
                text=_clean(extra["text"]),
                sources=_sources(extra.get("sources"), known, f"condition {key} extra"),
            )
    return NotCovered(
        conditions=tuple(conditions),
        patterns=patterns,
        template=template,
        sources=sources,
        extras=extras,
        source_order=tuple(known),
        needs_context=tuple(needs_context),
        context=_compile("context", raw.get("context")) if needs_context else (),
    )


@functools.lru_cache(maxsize=None)
def load_not_covered(path: Path = NOT_COVERED_FILE, knowledge_path: Path = KNOWLEDGE_FILE) -> NotCovered:
    """Reads and validates the table once per process (cached). Source keys
    are checked against the ``sources`` of the knowledge file."""
    knowledge = load_knowledge(knowledge_path)
    with open(path, encoding="utf-8") as handle:
        table = parse_not_covered(yaml.safe_load(handle), knowledge.sources)
    unknown = [c.aftercare_rule for c in table.conditions if c.aftercare_rule and c.aftercare_rule not in knowledge.aftercare]
    if unknown:
        raise NotCoveredError(f"conditions: unknown aftercare rules {unknown}")
    return table


def find_conditions(text: str, table: NotCovered) -> List[Condition]:
    """The conditions named in ``text``, in order of appearance, each once.

    Curly apostrophes are straightened first so "I’m expecting" matches the
    same patterns as "I'm expecting".
    """
    text = (text or "").replace("\u2019", "'").replace("\u2018", "'")
    in_context = any(p.search(text) for p in table.context)
    found = []
    for index, condition in enumerate(table.conditions):
        if condition.key in table.needs_context and not in_context:
            continue
        starts = [m.start() for p in table.patterns[condition.key] for m in [p.search(text)] if m]
        if starts:
            found.append((min(starts), index, condition))
    return [condition for _, _, condition in sorted(found, key=lambda item: item[:2])]


def join_labels(labels: List[str]) -> str:
    """"a", "a and b", "a, b and c": how the labels are said in a sentence."""
    if len(labels) <= 1:
        return "".join(labels)
    return ", ".join(labels[:-1]) + " and " + labels[-1]


def answer(conditions: List[Condition], table: NotCovered) -> str:
    """The answer for the conditions found: the shared template with their
    labels, any condition-specific sentences, then the "Sources:" line.

    Sources are the template's plus those of the extras said, each once, in
    the knowledge file's order so the line reads the same every time.
    """
    if not conditions:
        raise ValueError("answer() needs at least one condition")
    unique: List[Condition] = list(dict.fromkeys(conditions))
    parts = [table.template.format(label=join_labels([c.label for c in unique]))]
    cited = {s.key: s for s in table.sources}
    for condition in unique:
        extra: Optional[Extra] = table.extras.get(condition.key)
        if extra and extra.text not in parts:
            parts.append(extra.text)
            cited.update({s.key: s for s in extra.sources})
    ordered = tuple(cited[k] for k in table.source_order if k in cited)
    # One newline, not a blank line: Rasa splits button-less text on blank lines.
    return " ".join(parts) + "\n" + source_line(ordered)
