"""The thread of a conversation: what the last answer was about, and what a
new message does with it.

The actions keep what they last answered in the slot ``last_answer`` as
"<kind>/<key>" ("faq/pain", "aftercare/makeup", "warning/urgent", "healing",
"not_covered"); answers about the clinic itself (its phone, hours, booking)
leave it as it was, so "what's their number?" does not end a warning's thread.
An offer the assistant makes (a call-back) is kept in ``awaiting`` for the
next message. components/thread_policy.py reads both, with the words of the
new message read here:

* after an emergency or urgent answer, a message about the same problem
  (better, worse, waiting, work, the appointment, a remedy, "it", "them") gets
  that advice again; only a clearly new question changes the subject;
* a message that leans on the last answer ("and how long does that last?",
  "what if it's just for radiance?", "does that count my face brush too?",
  "so when am I allowed?") is answered about its topic;
* a typed yes or no answers the assistant's own question.

Pure functions; the word tables are in knowledge/thread_words.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from knowledge import names, thread_words as words
from knowledge.aftercare_wording import named_rule
from knowledge.claims import read_claim
from knowledge.clinic_questions import asks_about_money, clinic_question

FAQ, AFTERCARE, WARNING, HEALING, NOT_COVERED, PLAN = "faq", "aftercare", "warning", "healing", "not_covered", "plan"
CALLBACK_OFFER = "callback_offer"


@dataclass(frozen=True)
class LastAnswer:
    """What an answer was about: ``kind`` (faq, aftercare, warning, healing,
    not_covered, plan) and ``key`` (the FAQ topic, the rule, the level)."""

    kind: str
    key: str = ""

    @property
    def value(self) -> str:
        """The slot's value."""
        return f"{self.kind}/{self.key}" if self.key else self.kind

    @staticmethod
    def read(value: object) -> Optional["LastAnswer"]:
        if not value or not isinstance(value, str):
            return None
        kind, _, key = value.partition("/")
        return LastAnswer(kind, key)


def _clean(text: str) -> str:
    return " ".join(str(text or "").lower().replace("\u2019", "'").split())


def continues_a_warning(text: str) -> bool:
    """Whether a message after a warning talks about the same problem:
    getting better or worse, waiting, work or the appointment, a remedy, going
    in, or the problem itself ("them", "it looks...")."""
    return bool(words.CONTINUES_A_WARNING.search(_clean(text)))


def starts_a_new_question(text: str) -> bool:
    """ "also, ...", "another question", "different question", "btw": the patient says so."""
    return bool(words.NEW_QUESTION.search(_clean(text)))


def leans_on_the_last_answer(text: str) -> bool:
    """A short message that refers back ("that", "then", "what if", "and ...?",
    "so when?") instead of naming what it is about."""
    text = _clean(text)
    if len(text.split()) > words.MAX_LEANING_WORDS:
        return False
    return bool(words.LEANS_BACK.search(text))


def keeps_the_day(text: str) -> bool:
    """ "and it's outdoors in the sun all day", "what about the gym?": asked about the
    same day as the last question (a message that names no day of its own)."""
    return bool(words.SAME_DAY_AGAIN.match(_clean(text)))


def reads_as_yes(text: str) -> bool:
    text = _clean(text)
    return bool(words.YES.match(text)) and not reads_as_no(text) and not words.SIGN_OFF.search(text)


def reads_as_no(text: str) -> bool:
    return bool(words.NO.match(_clean(text)))


def explains_a_word(text: str) -> bool:
    """ "what's that when it's at home?", "what does that mean?": the last answer, again."""
    return bool(words.WHAT_IS_THAT.search(_clean(text)))


def asks_when_then(text: str) -> bool:
    """ "so when am I allowed?", "when then?": the rule's verdict again."""
    return bool(re.search(words.WHEN_THEN, _clean(text)))


# Intents that never continue a warning's thread or lean on the last answer:
# chit-chat, the clinic itself, the conversation's data.
_OWN_BUSINESS = (names.GREET, names.GOODBYE, names.THANK, names.BOT_CHALLENGE, names.CAPABILITIES, names.ASK_HUMAN,
                 names.REQUEST_CALLBACK, names.FEEDBACK, names.FORGET_ME, names.OTHER_LANGUAGE, names.CHOOSE_TOPIC)
_CHIT_CHAT = (names.GREET, names.GOODBYE, names.THANK, names.BOT_CHALLENGE, names.FEEDBACK, names.FORGET_ME)
# Words of a message the model could not place that is read as leaning on the last answer.
SHORT = 4
# Above this, the FAQ selector has found the message's own topic ("and is it gonna
# sting?" after the duration answer is the pain question, whatever "and" leans on).
SURE_OF_ITS_OWN_TOPIC = 0.85
# "it" is most often the treatment itself, so it does not refer back.
_BACK_REFERENCE = re.compile(r"\b(that|this|those|them|these)\b|\bif (i|you) (don'?t|do not|dont|skip|ignore)\b")


def names_its_own_topic(confidence: float, text: str) -> bool:
    """Whether a message that may lean on the last answer asks a question of its own:
    the FAQ selector is sure of its topic (``confidence``) and nothing points back."""
    return confidence >= SURE_OF_ITS_OWN_TOPIC and not _BACK_REFERENCE.search(_clean(text)) \
        and not explains_a_word(text) and not asks_when_then(text)


def next_step(last: Optional[LastAnswer], offered: Optional[str], intent: str, answer_key: str, confidence: float,
              text: str) -> Optional[str]:
    """What the thread says to do with a new message, or None (the rules decide).

    ``last``: the slot ``last_answer``; ``offered``: what the assistant offered in
    its last reply (``CALLBACK_OFFER``); ``intent``, ``answer_key`` ("faq/pain")
    and ``confidence`` (the selector's): what NLU made of ``text``. Returns
    "callback_form", "callback_declined", "hold_warning", "follow_up", "not_covered" or, for a
    message the model took for a follow-up that asks its own question, "answer_question".
    """
    if offered == CALLBACK_OFFER:
        if (intent == names.REQUEST_CALLBACK or words.WANTS_A_CALL.search(_clean(text))) \
                and not reads_as_no(text) or reads_as_yes(text) \
                or intent == names.AFFIRM and not reads_as_no(text) and not words.SIGN_OFF.search(_clean(text)):
            return names.CALLBACK_FORM
        if intent == names.DENY or reads_as_no(text):
            return names.UTTER_CALLBACK_DECLINED
    if last is not None and last.kind == WARNING:
        if clinic_question(text) or intent in _CHIT_CHAT and not continues_a_warning(text):
            return None  # the clinic's phone or hours, thanks: the warning thread stays open
        if intent in _OWN_BUSINESS and not continues_a_warning(text):
            return None
        questions = (names.FAQ, names.ASK_NOT_COVERED, names.OUT_OF_SCOPE)
        if intent in questions and (starts_a_new_question(text) or not continues_a_warning(text)):
            return None  # a clearly new question: "also, is it normal to need 3 sessions?"
        return names.ACTION_TRIAGE
    if last is not None and last.kind == NOT_COVERED \
            and (words.NOT_COVERED_AGAIN.search(_clean(text)) or words.WHY_ALONE.match(_clean(text))) \
            and intent not in _OWN_BUSINESS and intent != names.REPORT_SYMPTOM and not named_rule(text) \
            and not clinic_question(text) and not asks_about_money(text):
        return names.ACTION_NOT_COVERED  # "what about once I finish the course?": the same condition
    if last is not None and last.kind in (FAQ, AFTERCARE, HEALING, PLAN) and intent not in _OWN_BUSINESS \
            and intent not in (names.REPORT_SYMPTOM, names.ASK_NOT_COVERED, names.INFORM_TREATMENT_DATE,
                               names.ASK_AFTERCARE_PLAN) and not clinic_question(text) and not asks_about_money(text):
        if intent == names.FOLLOW_UP and names_its_own_topic(confidence, text):
            return names.ACTION_ANSWER_QUESTION  # "ok how long am i in the chair for then": its own question
        named = named_rule(text)
        if last.kind == AFTERCARE and words.WHY_ALONE.match(_clean(text)):
            return names.ACTION_FOLLOW_UP  # "why not?? i'll shower straight after": the reason of that rule
        if named and not (last.kind == AFTERCARE and named == last.key):
            return None  # "and the gym tomorrow?": its own rule
        if explains_a_word(text) or asks_when_then(text) \
                or last.kind == AFTERCARE and words.WHEN_FOR_THAT_RULE.search(_clean(text)):
            return names.ACTION_FOLLOW_UP
        if last.kind == AFTERCARE and read_claim(text) is not None:
            return names.ACTION_FOLLOW_UP  # "my mate said a week is enough?": about that rule
        if last.kind == HEALING and words.HOW_LONG.search(_clean(text)):
            return names.ACTION_FOLLOW_UP  # "how long will the pinkness last?": the healing's time
        if intent == names.NLU_FALLBACK and len(_clean(text).split()) <= SHORT:
            return names.ACTION_FOLLOW_UP  # "what factor?", "how come?": too short to stand alone
        if leans_on_the_last_answer(text):
            return None if intent == names.FAQ and names_its_own_topic(confidence, text) else names.ACTION_FOLLOW_UP
    return None
