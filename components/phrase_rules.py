"""The aftercare rule of a thing no name lists, from the phrases that say it.

"sitting out in the garden", "a full face of glam": the whole question is too
far from every training example, but one of its phrases is near one of a
rule's names ("gardening", "full face of makeup"). Each noun phrase and verb
phrase of the question is compared in MiniLM's space with every name of every
rule; the rule of the nearest name is taken when it is near enough and clearly
ahead of the next rule's. A phrase made only of a name's describing words
names something else ("coffee" is not a "coffee scrub", "my eyebrows" not an
"eyebrow pencil"), so it does not count for that name.

Pure functions over vectors and words (tests/unit/test_phrase_rules.py); the
names' vectors are made when the model is trained (components/message_parts.py).
"""

from __future__ import annotations

from typing import Callable, Dict, FrozenSet, Iterable, List, Optional, Sequence, Tuple

import numpy as np

# Words of a phrase that say nothing about the thing itself.
_SKIP_POS = {"DET", "PRON", "PUNCT", "AUX", "CCONJ", "PART", "SCONJ"}
# Verbs too common to name an activity ("can I go", "is it ok to get").
_LIGHT_VERBS = {"be", "have", "do", "can", "could", "get", "go", "use", "put", "wear", "need", "want", "let",
                # waiting and deciding ("should I hold off", "do I skip it"): not the activity itself
                "hold", "wait", "skip", "cancel", "miss", "stop", "start", "allow", "think", "know", "mean", "book"}
# Closing words the tagger can take for part of a noun group ("Hydro Boost gel ok?").
_CLOSING = {"ok", "okay", "fine", "alright", "safe", "yes", "no", "bad", "yay", "nay", "pls", "please", "x", "xx"}
_MAX_WORDS = 5


def _word(text: str) -> str:
    """A crude lemma, enough to compare a phrase with a name ("eyebrows" ~ "eyebrow")."""
    text = text.lower()
    return text[:-1] if len(text) > 3 and text.endswith("s") and not text.endswith("ss") else text


_NOUNISH = {"NOUN", "PROPN", "ADJ", "NUM", "X"}
_BREAKS = {"PUNCT", "CCONJ", "SCONJ"}
# Words of time end a noun group: "the infrared cabin tonight" is about the cabin.
_TIME_WORDS = {"today", "tonight", "tomorrow", "tmrw", "tmr", "yesterday", "morning", "afternoon", "evening",
               "night", "day", "days", "week", "weeks", "weekend", "month", "hour", "hours", "time", "times",
               "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "am", "pm"}


def candidate_phrases(doc: Iterable) -> List[str]:
    """The noun groups and verb phrases of a spaCy ``doc``, without articles and
    pronouns. Read from the part-of-speech tags alone: Rasa loads spaCy without
    its parser."""
    tokens = list(doc)
    phrases: List[str] = []
    group: List[str] = []
    for index, token in enumerate(tokens):
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        if (token.pos_ in _NOUNISH and token.lower_ not in _TIME_WORDS) or (token.lower_ == "of" and group and following is not None
                                      and following.pos_ in _NOUNISH | {"DET"}):
            group.append(token.text)
        elif token.pos_ == "DET" and group and group[-1].lower() == "of":
            continue  # "a full face of the glam": still one group
        else:
            if group:
                phrases.append(" ".join(group))
            group = []
    if group:
        phrases.append(" ".join(group))
    phrases = [_without_closing(phrase) for phrase in phrases]
    for index, token in enumerate(tokens):
        if token.pos_ != "VERB" or token.lemma_.lower() in _LIGHT_VERBS:
            continue
        words = [token.text]
        for following in tokens[index + 1:]:
            if following.pos_ in _BREAKS or len(words) == _MAX_WORDS:
                break
            if following.pos_ not in _SKIP_POS:
                words.append(following.text)
        phrases.append(" ".join(words))
    # A word of three letters or fewer is too little for MiniLM to place ("pus" is near "pumice").
    return list(dict.fromkeys(p for p in phrases if len(p.strip()) > 3 and p.lower() != "of" and _word(p) not in _GENERIC))


def _without_closing(phrase: str) -> str:
    words = phrase.split()
    while words and words[-1].lower() in _CLOSING:
        words.pop()
    return " ".join(words)


def name_arrays(rules: Iterable, encode: Callable[[str], np.ndarray]) -> Dict[str, np.ndarray]:
    """Every name of every aftercare rule (its key too), its vector by ``encode`` and its rule."""
    names = [(name, rule.key) for rule in rules for name in (rule.key, *rule.names)]
    vectors = [encode(name) for name, _ in names]
    return {"name_vectors": np.stack(vectors) if vectors else np.zeros((0, 384), dtype=np.float32),
            "name_texts": np.array([name for name, _ in names]), "name_rules": np.array([r for _, r in names])}


# Words around a name's head that are not it: "put some slap on" is about the slap.
_PARTICLES = {"on", "off", "up", "in", "out", "back", "down", "some", "my", "the", "a", "an", "your", "it", "at"}
# One word a question about the face always has: alone, it names no activity or product.
_GENERIC = {"face", "skin", "treatment", "microneedling", "needling", "session", "appointment", "appt", "bit",
            "thing", "things", "stuff", "area", "cheek", "cheeks", "forehead", "nose", "chin", "neck"}


def describing_words(name: str) -> FrozenSet[str]:
    """The words of a name that describe its head ("coffee" in "coffee scrub",
    "full" in "full face of makeup", "put" in "put some slap on"): all but the
    head noun, the last word before "of" or else the last that is not a particle."""
    words = [w for w in name.lower().split() if w not in _PARTICLES or w == "of"] or name.lower().split()
    head = words.index("of") - 1 if "of" in words[1:] else len(words) - 1
    return frozenset(_word(w) for i, w in enumerate(words) if i != head and w != "of")


def only_describes(phrase: str, describing: FrozenSet[str]) -> bool:
    """Whether every word of ``phrase`` is one of a name's describing words."""
    words = {_word(w) for w in phrase.split()}
    return bool(describing) and words <= describing


def rule_of_phrases(phrases: Sequence[str], phrase_vectors: np.ndarray, name_vectors: np.ndarray,
                    name_rules: Sequence[str], describing: Sequence[FrozenSet[str]],
                    threshold: float, margin: float) -> Optional[str]:
    """The rule whose name is nearest to one of the phrases, when that name is at
    least ``threshold`` near and ``margin`` ahead of the best name of another rule."""
    if not len(phrases) or not len(name_vectors):
        return None
    best: Dict[str, float] = {}
    similarities = np.asarray(phrase_vectors) @ np.asarray(name_vectors).T  # phrases x names
    for row, phrase in enumerate(phrases):
        for column in np.argsort(-similarities[row])[:20]:
            if only_describes(phrase, describing[column]):
                continue
            rule, similarity = name_rules[column], float(similarities[row, column])
            best[rule] = max(best.get(rule, -1.0), similarity)
    ranked: List[Tuple[str, float]] = sorted(best.items(), key=lambda item: -item[1])
    if not ranked or ranked[0][1] < threshold:
        return None
    if len(ranked) > 1 and ranked[0][1] - ranked[1][1] < margin:
        return None
    return ranked[0][0]
