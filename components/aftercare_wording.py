"""How an aftercare question is worded, as plain text rules (no model).

Whether a message asks leave ("can I", "is it ok to", "..., fine?"), whether
it is asked about before or during the treatment instead, whether it asks
anything at all or only says when the treatment was, and which aftercare
rule a word names. Read by components/message_parts.py and
components/safety_overrides.py; tested in tests/unit/test_message_parts.py.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Dict, Tuple

from actions.knowledge import load_knowledge
from actions.treatment_dates import split_treatment_and_target

# Asking leave: "can I", "is it ok to", "am I allowed", "would it be bad to",
# "how soon until", and a closing "..., ok?", "fine?", "bad idea?", "yes or no".
ASKS_LEAVE = re.compile(
    r"\b(can|could|may|should|shall)\s+(i|we|you)\b|\b(is it|it's|its)\s+(ok|okay|fine|safe|alright)\s+to\b"
    r"|\b(am i|are we)\s+(allowed|alright|all right|ok|okay|fine|safe|good)\b|\bwhen\s+can\b"
    r"|\b(ok|okay|fine|alright|safe)\s+to\b"
    r"|\b(would|will|is)\s+(it|that)\s+(be\s+)?(bad|ok|okay|fine|alright|safe|wise|a problem|an issue)\b"
    r"|\bhow\s+(long|soon)\s+(until|till|til|before)\b"
    r"|\b(ok|okay|fine|alright|allowed|safe|bad idea|good idea|a problem|an issue|yes or no|or not|y/n)"
    r"(\s+[\w']+){0,3}\s*[?!.]*\s*$",  # "..., ok?", "ok tomorrow?", "fine 3 days after?"
    re.IGNORECASE)
# A named rule asked about before or during the treatment ("can I wear makeup to
# my appointment?", "can you add a serum?") or whether something is normal: an
# FAQ, not the aftercare rule, unless a treatment date says otherwise.
NOT_AFTERCARE = re.compile(
    r"\b(before|beforehand|prior|ahead of|to (my|the) (appointment|session|treatment)|come with|during"
    r"|add|adding|combine\w*|with (it|microneedling|the treatment)|normal|do they|will they|does the)\b",
    re.IGNORECASE)
# A question, not a statement: "?", or a question word first ("how long...", "is it...").
QUESTION = re.compile(r"\?|^\W*(how|what|when|where|which|who|why|can|could|may|is|are|am|do|does|did|should"
                      r"|will|would|shall|any|anything|ok|okay)\b", re.IGNORECASE)

def mentions_treatment(text: str) -> bool:
    """Whether the message says when the treatment was or will be."""
    try:
        said = split_treatment_and_target(text, [], datetime.now())
    except ValueError:
        return False
    return bool(said.treatment or said.future_treatment)


def says_only_when_treated(text: str) -> bool:
    """A statement of when the treatment was or will be, asking nothing."""
    return not QUESTION.search(text) and not ASKS_LEAVE.search(text) and mentions_treatment(text)


def name_matcher() -> Tuple["re.Pattern[str]", Dict[str, str]]:
    """A regex of every aftercare rule's names (longest first) and name -> rule key."""
    rule_of = {}
    for rule in load_knowledge().aftercare.values():
        for name in (rule.key, *rule.names):
            rule_of[name.lower()] = rule.key
    names = sorted(rule_of, key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(map(re.escape, names)) + r")\b", re.IGNORECASE), rule_of
