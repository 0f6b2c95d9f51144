"""What the words of a whole message decide about its answer, whatever the
model guessed: the clinic's own questions (its phone, a complaint, its hours,
booking), money, and a named rule asked about before the treatment.

Read by components/message_parts.py for a message that asks one thing; the
word tables are the core's (knowledge/clinic_questions.py,
knowledge/aftercare_wording.py).
"""

from __future__ import annotations

from typing import Any, Dict, Optional

from rasa.shared.nlu.training_data.message import Message

from components.base import intent_of
from components.response_selection import answer_key
from knowledge import names
from knowledge.aftercare_wording import NOT_AFTERCARE, mentions_treatment
from knowledge.clinic_questions import BOOKING, CONTACT, LOCATION, asks_about_money, clinic_question

COST = "out_of_scope/cost"
CLINIC_ANSWERS = {CONTACT: {"intent": names.ASK_HUMAN},
                  LOCATION: {"intent": names.OUT_OF_SCOPE, "response_key": "out_of_scope/location"},
                  BOOKING: {"intent": names.OUT_OF_SCOPE, "response_key": "out_of_scope/booking"}}


def answer_by_words(message: Message, text: str) -> Optional[Dict[str, Any]]:
    """The intent (and retrieval answer) the words decide, or None (the model's stands).

    * "what's their phone?", "who do I tell?" (a complaint), "are you open on
      Saturday?", "can I book for next monday?": the clinic's details, whatever
      date is in it;
    * "how much extra is that?": money, the prices answer; "how much does it
      sting?": not money, the FAQ;
    * "should i turn up with makeup on?": before the treatment, the FAQ.
    """
    kind = clinic_question(text)
    if kind == BOOKING and asks_about_money(text):
        return {"intent": names.OUT_OF_SCOPE, "response_key": COST}  # "a discount if I book a course?"
    if kind:
        return CLINIC_ANSWERS[kind]
    intent = intent_of(message)
    if intent in (names.FAQ, names.FOLLOW_UP) and asks_about_money(text):  # "how much extra would that cost?"
        return {"intent": names.OUT_OF_SCOPE, "response_key": COST}
    if answer_key(message) == COST and not asks_about_money(text):
        return {"intent": names.FAQ}
    if intent == names.ASK_AFTERCARE and NOT_AFTERCARE.search(text) and not mentions_treatment(text):
        return {"intent": names.FAQ}
    return None
