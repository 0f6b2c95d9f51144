"""Split one patient message into the separate questions it asks, in order.

The splitting rule: a message breaks at "?" followed by more text, at a
sentence end (". ", "! "), a newline or ";", and at "and", "also", "plus",
"n", "&" or "+" (optionally after a comma, optionally followed by "also",
"then" or "so") only when the part before is a question and what follows
starts a new one with a question word (how, what, when, where, why, which,
who) or an auxiliary with a subject ("is it", "can I", "do you", "does the").
A part is a question when it has at least 2 words and ends with "?" or starts
(after a filler like "hi", "so", "and", or after a comma) with one of those
words; any other part (a greeting, "I had it 3 days ago.") joins the question
that follows it, or the one before it at the end, so dates stay with the
question they matter to. A comma alone splits only when a question of at
least 3 words comes before it and a new question after it ("does it hurt,
how long is recovery"; not "how long, roughly, does it last"), and not when
what follows only checks the answer ("how often do I put it on, is morning
and night enough", "…, is that ok?"); "or" never
splits ("can I wait or should I go?" is one choice), and at most 3 parts are
returned, the rest staying in the last one.

Why: every question in a message should get its answer, but "acne scars and
stretch marks" or "can I use retinol and vitamin C" is one question, so a
split needs a question on both sides. Pure Python and cheap; no Rasa import.
"""

from __future__ import annotations

import re
from typing import Dict, List, Optional, Tuple

from knowledge.aftercare_wording import named_rule

MAX_PARTS = 3
MAX_CHARS = 500

WH = {"how", "hw", "hows", "how's", "what", "wat", "wht", "whats", "what's", "when", "wen", "whens",
      "when's", "where", "wher", "wheres", "where's", "why", "whys", "which", "who", "whos", "who's"}
# An auxiliary counts as a question start whatever follows: "is redness normal", "does insurance pay".
AUX_ANY = {"is", "isnt", "isn't", "are", "arent", "aren't", "was", "were", "does", "doesnt", "doesn't"}
# Modals and "has" need a subject after them, so "and will be fine" does not start a question.
AUX_SUBJECT = {"can", "cant", "can't", "cn", "could", "couldnt", "couldn't", "will", "wil", "wont",
               "won't", "would", "wouldnt", "wouldn't", "should", "shud", "shld", "shouldnt",
               "shouldn't", "may", "shall", "has", "hasnt", "hasn't", "am"}
# "do", "did", "have" are main verbs too ("and do my skincare", "and have a facial"): pronouns only.
AUX_PRONOUN = {"do", "dont", "don't", "did", "didnt", "didn't", "have", "havent", "haven't"}
PRONOUNS = {"i", "you", "u", "ya", "we", "they", "people"}
SUBJECTS = PRONOUNS | {"it", "he", "she", "my", "your", "our", "the", "this", "that", "there", "these",
                       "those", "a", "an", "one", "someone", "anyone", "microneedling", "makeup",
                       "sunscreen", "retinol", "skin", "redness", "swelling", "results", "treatment"}
FILLERS = {"hi", "hello", "hey", "ok", "okay", "so", "and", "n", "also", "plus", "then", "but", "um",
           "uh", "oh", "well", "please", "sorry", "thanks", "btw", "yes", "yeah", "hmm", "just"}
CUE_PHRASES = re.compile(r"\b(wondering|curious|want to know|wanna know|like to know|tell me)\b", re.I)

_WORD = re.compile(r"[A-Za-z0-9']+|[&+]")
# Hard boundaries: "?" (kept with the left part), ". "/"! " (kept), newline, ";" and a
# spaced dash ("had it 5 days ago - can i go to the gym and ...?") (dropped).
_HARD = re.compile(r"\?[?!.]*|[.!]+(?=\s)|\n|;|\s[-\u2013\u2014]\s")
# Soft boundaries: the connector word(s) between two questions, dropped from both parts.
_SOFT = re.compile(r"\s*,?\s+(?:and|n|&|\+|plus|also)(?:\s+(?:also|then|so))?\s+|\s*,\s*(?:also|plus)\s+|\s*,\s+", re.I)
# A comma alone splits only after a clause of 3 words or more that is a
# question: "does it hurt, how long is recovery", not "how long, roughly, does it last".
MIN_WORDS_BEFORE_COMMA = 3
# "how often do I put it on, is morning and night enough": after a comma alone, a
# short yes/no check of the answer to come is part of the question before it.
_CHECK_AFTER_COMMA = re.compile(
    r"^(?:is|are|would|will)(?:\s+(?:it|that|this|be|once|twice|daily|a|an|per|every|day|week|morning|"
    r"mornings|night|nights|evening|evenings|and|\d+|times?|x))+\s+(?:enough|ok|okay|fine|alright|all right|"
    r"too much|too many|too often|better|correct)\W*$", re.I)
_LEADING_CONNECTOR = re.compile(r"^(?:(?:and|n|&|\+|plus|also|then|so)[\s,]+)+", re.I)
# "can i wear makeup tonight and go to spin tomorrow?": a second thing asked with the same
# "can i", left unsaid. The part after "and" is asked with the first part's lead.
_LEAVE_LEAD = re.compile(r"^\W*(?:(?:ok|so|and|also|hi|hey)\W+)*((?:can|could|should|may|might) (?:i|we)|"
                         r"(?:is it|would it be) (?:ok|okay|fine|alright|safe) (?:to|if i))\b", re.I)
ELLIPTICAL_VERBS = {"go", "do", "use", "put", "wear", "wash", "exfoliate", "work", "swim", "run", "have", "get",
                    "apply", "start", "hit", "play", "pop", "pick", "sit", "sunbathe", "drink", "fly", "dye", "shave",
                    "wax", "cleanse", "moisturise", "moisturize", "scrub", "lie", "train", "lift", "cycle", "ride"}

Span = Tuple[int, int]


def _words(text: str) -> List[str]:
    return [w.lower() for w in _WORD.findall(text)]


def _starts_question(words: List[str]) -> bool:
    """A question word with something after it, or an auxiliary followed by a fitting subject."""
    if len(words) < 2:
        return False
    first, second = words[0], words[1]
    if first in WH or first in AUX_ANY:
        return True
    if first in AUX_SUBJECT:
        return second in SUBJECTS
    return first in AUX_PRONOUN and second in PRONOUNS


def _is_question(text: str) -> bool:
    """At least 2 words and a "?" at the end, a cue phrase, or a clause that starts a question."""
    if len(_words(text)) < 2:
        return False
    if text.rstrip().endswith("?") or CUE_PHRASES.search(text):
        return True
    for clause in text.split(","):
        words = _words(clause)
        while words and words[0] in FILLERS:
            words = words[1:]
        if _starts_question(words):
            return True
    return False


def _hard_segments(text: str) -> List[Span]:
    """Spans between sentence ends, "?", newlines and ";"."""
    spans, start = [], 0
    for match in _HARD.finditer(text):
        end = match.end() if match.group()[0] in "?.!" else match.start()
        spans.append((start, end))
        start = match.end()
    spans.append((start, len(text)))
    return spans


def _two_rules(before: str, after: str) -> bool:
    """Each side names an aftercare rule, and not the same one ("makeup" and "the gym",
    not "exercise and swim"): two questions, not one about two things of a kind."""
    first, second = named_rule(before), named_rule(after)
    return bool(first and second and first != second)


def _soft_split(text: str, span: Span, leads: Dict[int, str]) -> List[Span]:
    """Cuts a span at "and"/"also"/"plus"... where a question stands on both sides, or
    where a verb after "and" is asked with the question's own "can i" (kept in ``leads``)."""
    parts, start = [], span[0]
    for match in _SOFT.finditer(text, span[0], span[1]):
        after = _words(text[match.end():span[1]])
        before = text[start:match.start()]
        if match.group().strip() == "," and (len(_words(before.split(",")[-1])) < MIN_WORDS_BEFORE_COMMA
                                            or _CHECK_AFTER_COMMA.match(text[match.end():span[1]].strip())):
            continue
        lead = _LEAVE_LEAD.match(re.split(r"[,.;!?]", before)[-1])
        elliptical = bool(lead) and match.group().strip().lower() == "and" and len(after) >= 2 \
            and after[0] in ELLIPTICAL_VERBS and _two_rules(before, text[match.end():span[1]])
        if (_starts_question(after) and _is_question(before)) or elliptical:
            parts.append((start, match.start()))
            start = match.end()
            if elliptical:
                leads[start] = lead.group(1) + " "
    parts.append((start, span[1]))
    return parts


def _clean(text: str, span: Span, first: bool, leads: Dict[int, str]) -> str:
    part = leads.get(span[0], "") + text[span[0]:span[1]].strip().rstrip(",;").strip()
    if not first:
        stripped = _LEADING_CONNECTOR.sub("", part)
        part = stripped if len(_words(stripped)) >= 2 else part
    return part


def split_questions(text: str) -> List[str]:
    """The questions in `text` in order; [text] when it is too long, [] when it is blank."""
    if len(text) > MAX_CHARS:
        return [text]
    if not text.strip():
        return []
    leads: Dict[int, str] = {}
    spans = [s for hard in _hard_segments(text) for s in _soft_split(text, hard, leads)
             if text[s[0]:s[1]].strip()]
    merged: List[Span] = []
    pending: Optional[int] = None  # start of context waiting for its question
    for start, end in spans:
        if _is_question(leads.get(start, "") + text[start:end]):
            merged.append((start if pending is None else pending, end))
            pending = None
        elif pending is None:
            pending = start
    if not merged:
        return [text.strip()]
    if pending is not None:  # trailing context joins the last question
        merged[-1] = (merged[-1][0], len(text))
    if len(merged) > MAX_PARTS:
        merged = merged[:MAX_PARTS - 1] + [(merged[MAX_PARTS - 1][0], merged[-1][1])]
    return [_clean(text, span, i == 0, leads) for i, span in enumerate(merged)]
