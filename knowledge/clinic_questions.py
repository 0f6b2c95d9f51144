"""Questions about the clinic itself, read by their words: how to reach a
person (a phone number, an email, a complaint), where and when it is open, and
booking. Whatever the model guessed, and whatever date the message names ("I'm
unhappy with how my session went last week, who do I tell?" is not a
treatment date), these get the clinic's own details. Pure; the Rasa side is
components/message_parts.py.
"""

from __future__ import annotations

import re
from typing import Optional

CONTACT, LOCATION, BOOKING = "contact", "location", "booking"

# Asking for a booking ("can I book a session for next monday?"): the date in it is the
# booking's, not the treatment's, whatever the model took it for.
ASKS_TO_BOOK = re.compile(
    r"\b(book(ing)?\s+(me\s+)?(in|a|an|another|my|the|for|one|online|that|it|this|through|via|with)|reschedul\w*"
    r"|(make|change|move|cancel)\s+(an|my|the|a)\s+(appointment|appt|session|booking|consultation)"
    r"|get\s+(an|a)\s+(appointment|appt|booking|consultation)"
    r"|book\w*\s+(then|link)|booking link|link to book|(to|and|need to|have to|should i) book|book first"
    r"|book in advance|just turn up|walk[- ]?in|what'?s the link|the booking page"
    r"|(get|grab|nab|snag|bag) (me )?((a|an|another)( \w+)? (slot|appointment|appt|booking|consultation)|(the|a)( \w+)? slot))\b",
    re.IGNORECASE)
# A way to reach a person: a phone number or an email, "how do I contact them", a complaint.
ASKS_FOR_CONTACT = re.compile(
    r"\b((phone|telephone|contact|mobile|landline)\s+(number|no\b|details)"
    r"|(what'?s|whats|what is|which|their|your|the clinic'?s?|the) (phone|e-?mail|email address|number)(?! of)"
    r"|number (to|i can|do i|should i) (ring|call|phone|text)|(give|send) me (the|their|your) (number|e-?mail)"
    r"|e-?mail (them|you|the clinic|address)"
    r"|how (do|can|should|would) i (contact|reach|get hold of|get in touch with|call|ring|phone|email|message|ask) "
    r"(them|you|the clinic|someone|somebody|a person)"
    r"|(best|easiest|quickest|right) way to (contact|reach|get hold of|get in touch with|ask|message) (them|the clinic|you)"
    r"|(best|right|correct|which|what) (e-?mail|e-?mail address|number|phone number|address) (to|for|should|do|can) "
    r"(i )?(use|reach|contact|e-?mail|send|write|ring|call|text|get)"
    r"|who(m)? (do|should|can|would) i (tell|speak to|talk to|contact|complain to|ring|call|ask|check with)"
    r"|raise (it|this|a concern|a complaint|an issue) with|feedback (about|on) (my|the) (visit|appointment|session)"
    r"|(felt|feeling|was) (rushed|ignored|unhappy|let down)"
    r"|(give me|what are|send me) (their|your|the clinic'?s?|the) (details|contact details|number)"
    r"|complain\w*|complaint|(unhappy|not happy|disappointed) with|(was|were) (really |so |very )?(rude|rough)"
    r"|(speak|talk) (to|with) (someone|somebody|a (real )?(person|human|nurse|doctor|practitioner))"
    r"|someone (i can|to) (ring|call|speak to|talk to))\b", re.IGNORECASE)
# "ok, email?", "number?": the word alone, at most two words before it.
SHORT_ASK_FOR_CONTACT = re.compile(r"^\W*(\w+\W+){0,2}(e-?mail|number|phone( number)?)\W*$", re.IGNORECASE)
# Where it is and when it is open.
ASKS_WHERE_OR_WHEN_OPEN = re.compile(
    r"\b(are (you|they|it|the clinic) open|open (on|at|today|tomorrow|this|at the weekend|late)|opening (hours|times)"
    r"|(what time|when) (do|does) (you|they|it|the clinic) (open|close|shut)|(close|shut) on|(your|their) hours"
    r"|clinic'?s? hours|what hours|where are you|where'?s the clinic"
    r"|where is the clinic|(your|the|clinic'?s?|what'?s the|whats the) address|how do i get (there|to you)"
    r"|directions to|where do i go( to get it done)?|where can i (get|have) it done|(monday|mon) to (friday|fri|saturday|sat)"
    r"|open (on )?(saturdays?|sundays?|weekends?|evenings?)|(can|could) i (come|pop) (in )?(on )?(a |the )?"
    r"(saturdays?|sundays?|weekends?|evenings?)"
    r"|(do|are|does) (you|they|the clinic) (do |work |open )?(on )?(saturdays?|sundays?|weekends?|evenings?|late))\b",
    re.IGNORECASE)


def clinic_question(text: str) -> Optional[str]:
    """ "contact", "location" or "booking" for a question about the clinic itself, else None."""
    if ASKS_TO_BOOK.search(text) and not ASKS_FOR_CONTACT.search(text.split("book")[0]):
        return BOOKING  # "can i ring up to book?": the booking details (they give the phone too)
    if ASKS_FOR_CONTACT.search(text) or SHORT_ASK_FOR_CONTACT.match(text):
        return CONTACT
    if ASKS_WHERE_OR_WHEN_OPEN.search(text):
        return LOCATION
    if ASKS_TO_BOOK.search(text):
        return BOOKING
    return None


# Money: "how much is it", "price", "cost", "fees", "£". "How much does it sting", "what does it feel
# like" and "my feet" are not.
ASKS_ABOUT_MONEY = re.compile(
    r"(£|\$|€|\b(price\w*|pric(e|ing)|cost\w*|expensive|cheap\w*|afford\w*|pay(ing|ment\w*|s)?|fees?|charges?|quote\w*|"
    r"deposit|finance|package\w*|offers?|deals|(any|a good|special) deals?|discount\w*|how much\W*$"
    r"|how much (extra|more|is|are|for|would|will|do you charge|does it cost|"
    r"does a|do they cost|per)|pounds|dollars|quid)\b)", re.IGNORECASE)


def asks_about_money(text: str) -> bool:
    return bool(ASKS_ABOUT_MONEY.search(text))
