"""How an aftercare question is worded, as plain text rules (no model).

Whether a message asks leave ("can I", "is it ok to", "..., fine?"), whether
it is asked about before or during the treatment instead, whether it asks
anything at all or only says when the treatment was, and which aftercare
rule a word names. Read by components/message_parts.py and
components/safety_overrides.py; tested in tests/unit/test_message_parts.py.
"""

from __future__ import annotations

import functools
import re
from typing import Dict, List, Optional, Tuple

from knowledge import settings
from knowledge.answers import load_knowledge
from knowledge.treatment_dates import split_treatment_and_target

_CLOSING = r"(ok|okay|fine|alright|allowed|safe|bad idea|good idea|a problem|an issue|yes or no|yay or nay|or nah|or not|y/n)"
_NOT_A_STATE = "".join(f"(?<!{word} )" for word in (
    "otherwise", "else", "all", "feel", "feels", "look", "looks", "seem", "seems", "is", "its", "im", "am", "was", "be"))
# Asking leave: "can I", "is it ok to", "am I allowed", "would it be bad to",
# "how soon until", and a closing "..., ok?", "fine?", "bad idea?", "yes or no".
ASKS_LEAVE = re.compile(
    r"\b(can|could|may|should|shall)\s+(i|we|you)\b|\b(is it|it's|its)\s+(ok|okay|fine|safe|alright)\s+to\b"
    r"|\b(am i|are we)\s+(allowed|alright|all right|ok|okay|fine|safe|good)\b|\bwhen\s+can\b"
    r"|\b(ok|okay|fine|alright|safe)\s+to\b"
    r"|\b(would|will|is)\s+(it|that)\s+(be\s+)?(bad|ok|okay|fine|alright|safe|wise|a problem|an issue)\b"
    r"|\bhow\s+(long|soon)\s+(until|till|til|before)\b"
    r"|\b(will|would)\s+i\s+be\s+(ok|okay|fine|alright|all right|safe)\b"
    r"|\b(do|will)\s+i\s+(need|have)\s+to\b|\bdo\s+i\s+need\b"  # "do I need a hat?"
    r"|\banything\s+(i|we)\s+(need|should|have)\s+to\s+(do|know|watch|avoid)\b"
    r"|\b(will|would|am)\s+(i|she|he|they|we)\s+be\s+able\s+to\b|\b(can|could)\s+(she|he|they)\b"  # a makeup artist
    r"|\btoo\s+(soon|close|early)\b|,\s*yes\s*\?+\s*$|\bbe\s+(bad|ok|okay|fine|alright|safe)\s*[?!.]*\s*$"
    r"|\b" + _CLOSING + r"(\s+[\w']+){0,3}\s*\?+[!.]*\s*$"  # "..., ok?", "ok tomorrow?", "fine 3 days after?"
    # without a question mark, not after words that say how things are ("..., otherwise fine")
    r"|" + _NOT_A_STATE + r"\b" + _CLOSING + r"(\s+[\w']+){0,3}\s*[!.]*\s*$",
    re.IGNORECASE)
# Names of the picking rule that are a state of the skin, not something done to it:
# "slight flaking on my nose, is that ok?" asks whether the state is normal.
STATE_NAMES = frozenset({"flakes", "flaking", "flaking skin", "flaky skin", "scab", "scabs", "peeling skin"})
# A named rule asked about before or during the treatment ("can I wear makeup to
# my appointment?", "can you add a serum?") or whether something is normal: an
# FAQ, not the aftercare rule, unless a treatment date says otherwise.
NOT_AFTERCARE = re.compile(
    r"\b(before\s+(my\s+|the\s+|a\s+|your\s+)?(appointment|appt|session|treatment|procedure|micro\w*|needling|it|hand"
    r"|i\s+go|going\s+in|having)|beforehand|prior|ahead of|to (my|the) (appointment|session|treatment)|come with"
    r"|(turn|show) up with|arrive with|during"
    r"|add|adding|combine\w*|with (it|microneedling|the treatment)|(is|it'?s|that'?s) (it |that |this )?normal"
    r"|normal to|do they|will they|does the)\b",
    re.IGNORECASE)
# A question, not a statement: "?", or a question word first ("how long...", "is it...").
QUESTION = re.compile(r"\?|^\W*(how|what|when|where|which|who|why|can|could|may|is|are|am|do|does|did|should"
                      r"|will|would|shall|any|anything|ok|okay)\b", re.IGNORECASE)

# A short question that is only a thing and a time ("zumba wednesday?", "blusher on
# sat for a party?") asks leave for it; one that starts with a question word
# ("what foundation is best?") asks something else.
_QUESTION_CLAUSE = re.compile(r"[^.?!]*\?")
_WH_START = re.compile(r"^\W*(how|what|whats|why|which|who|where|does|do|did)\b", re.IGNORECASE)
# "what about eyeliner?": the same question for another thing; "how often should I put
# the gel on?": how the rule applies.
_ABOUT_A_THING = re.compile(r"^\W*(and\s+)?(what|how)\s+about\b|\bhow\s+(often|many\s+times)\b"
                            # "and a scrub?", "and my AHA serum": a short "and ..." names the next thing asked about
                            r"|^\W*(and|also|plus)\s+(?=(\S+\s+){0,6}\S+\W*$)"
                            # "does yoga even count?": whether the thing falls under its rule
                            r"|\b(does|do|would|will) (\S+\s+){1,4}?(even |still |also )?(count|include|apply|cover)\b"
                            # "why no makeup?", "how come i can't go to the gym": the rule and its reason
                            r"|^\W*(why|how come)\W+(no|not|never|can'?t|cant|shouldn'?t|should i|must i|do i (have|need) to)\b",
                            re.IGNORECASE)


# Sign-offs after the question ("ok? x", "fine?? lol thanks") hide its closing words.
_SIGN_OFF = re.compile(r"(\s*\b(x+|lol|lmao|haha+|thx|thanks|thank you|ty|pls|please|cheers|hun|babe)\b"
                       r"|\s*[:;]-?[)(D]|\s*[^\w\s?!.,'])+\W*$", re.IGNORECASE)


def asks_leave(text: str) -> bool:
    """Whether the message asks leave: its wording (``ASKS_LEAVE``), "what about" or
    "how often" a thing a rule names, or a question that names one and starts with
    no question word."""
    text = _SIGN_OFF.sub("", text) or text
    if ASKS_LEAVE.search(text) or (_ABOUT_A_THING.search(text) and named_rule(text)):
        return True
    return any(named_rule(clause) and not _WH_START.match(clause) for clause in _QUESTION_CLAUSE.findall(text))


def mentions_treatment(text: str) -> bool:
    """Whether the message says when the treatment was or will be."""
    try:
        said = split_treatment_and_target(text, [], settings.now())
    except ValueError:
        return False
    return bool(said.treatment or said.future_treatment)


def says_only_when_treated(text: str) -> bool:
    """A statement of when the treatment was or will be, asking nothing."""
    return not QUESTION.search(text) and not ASKS_LEAVE.search(text) and mentions_treatment(text)


_WORD_HYPHEN = re.compile(r"(?<=[^\W\d_])-(?=[^\W\d_])")


def unhyphenated(text: str) -> str:
    """``text`` with a hyphen between two letters read as a space ("Lait-Creme" is
    "lait creme", "peel-off" "peel off"); the same length, so spans still fit."""
    return _WORD_HYPHEN.sub(" ", text)


@functools.lru_cache(maxsize=1)
def name_matcher() -> Tuple["re.Pattern[str]", Dict[str, str]]:
    """A regex of every aftercare rule's names (longest first) and name -> rule
    key, both unhyphenated: match it against ``unhyphenated(text)``."""
    rule_of = {}
    for rule in load_knowledge().aftercare.values():
        for name in (rule.key, *rule.names):
            rule_of[unhyphenated(name.lower())] = rule.key
    names = sorted(rule_of, key=len, reverse=True)
    # "retinol24", "spf50": a name with a product's number after it is still the name.
    return re.compile(r"\b(" + "|".join(map(re.escape, names)) + r")(?:\d+%?)?\b", re.IGNORECASE), rule_of


# How the skin looks, in activity words ("my face looks like I've been sunbathing all
# afternoon", "pink like I spent the day at the beach"): a description, not the activity.
LOOKS_LIKE = re.compile(r"\b(like|as if|as though)\s+(i'?ve|i have|i'd|i had|i)\s+(been|spent|sat|fallen|fell|lay|laid"
                        r"|lain|slept|had)\b(\s+[\w']+){0,6}", re.IGNORECASE)


@functools.lru_cache(maxsize=1)
def _not_names() -> Optional["re.Pattern[str]"]:
    phrases = sorted({unhyphenated(p.lower()) for p in load_knowledge().aftercare_not_names}, key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(map(re.escape, phrases)) + r")\b", re.IGNORECASE) if phrases else None


# Between two names of one product or activity ("hydrating gentle cleanser",
# "retinol night serum"): at most two plain words, no punctuation, and none of
# the words that join two things ("makeup and a cleanser", "serum then spf").
_SAME_PHRASE = re.compile(r"^\s+(?!(?:and|or|then|with|before|after|on|to|for|but|under|over|plus|vs)\b)"
                          r"(?:[\w'+%-]+\s+(?!(?:and|or|then|with|before|after|on|to|for|but|under|over|plus|vs)\b)){0,2}$",
                          re.IGNORECASE)


def _strictness(rule_key: str) -> float:
    wait = load_knowledge().aftercare[rule_key].wait_hours
    return float("inf") if wait is None else float(wait)


# One message is asked about by several checks (leave asked, a date only, the
# rule to settle, the safety override): its names are read once.
@functools.lru_cache(maxsize=256)
def named_rule(text: str) -> Optional[str]:
    """The aftercare rule a message names, or None.

    Names inside a phrase the knowledge file says is not one ("pick me up") are
    ignored. Names next to each other describe one thing: the stricter rule
    wins ("retinol serum" is a retinoid, "exfoliating cleanser" an exfoliant),
    and between equals the last word, the thing itself ("hydrating cleanser"
    is a cleanser). Of the things named, the longest name decides ("a cream
    contour stick and setting spray" is makeup), as a longer name is the more
    specific one.
    """
    pattern, rule_of = name_matcher()
    text = unhyphenated(text)
    excluded = _not_names()
    spans = [m.span() for m in excluded.finditer(text)] if excluded else []
    spans += [m.span() for m in LOOKS_LIKE.finditer(text)]
    found = [m for m in pattern.finditer(text)
             if not any(start <= m.start() and m.end() <= end and end - start > len(m.group(1)) for start, end in spans)]
    if not found:
        return None
    phrases: List[List["re.Match[str]"]] = [[found[0]]]
    for match in found[1:]:
        between = text[phrases[-1][-1].end():match.start()]
        if _SAME_PHRASE.match(between):
            phrases[-1].append(match)
        else:
            phrases.append([match])
    heads = []
    for phrase in phrases:
        # max() keeps the first of equals: reversed, the last word of the phrase
        head = max(reversed(phrase), key=lambda m: _strictness(rule_of[m.group(1).lower()]))
        heads.append((max(len(m.group(1)) for m in phrase), head))
    longest = max(heads, key=lambda item: item[0])[1]
    return rule_of[longest.group(1).lower()]
