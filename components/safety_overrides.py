"""Before any FAQ answer: symptoms, and health conditions the articles don't cover.

After the classifiers, two tables decide whatever the model predicted:

* a message describing how the patient's skin or body is after treatment
  (knowledge/triage.py, vocabulary in knowledge/triage.yml) becomes
  ``report_symptom``, with the triage found in its words under ``triage``;
  the action re-reads it with the remembered treatment day;
* otherwise, a message naming a condition or situation the articles don't
  cover (beside a symptom, the triage answer says this too) (pregnancy, blood thinners, isotretinoin...; knowledge/not_covered.py,
  knowledge/not_covered.yml) becomes ``ask_not_covered``, never the answer
  of a nearby FAQ topic.

Both are word tables, not learnt: a warning sign must be caught however the
model ranks the message, and the tables are reviewed like the answers are.
"""

from __future__ import annotations

import re
from typing import Any, Dict, List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import ENTITIES, INTENT
from rasa.shared.nlu.training_data.message import Message

from components.base import StatelessComponent, override_intent
from components.message_parts import MessageParts
from components.punctuation import as_written
from knowledge import names
from knowledge.aftercare_wording import NOT_AFTERCARE, STATE_NAMES, asks_leave, mentions_treatment, named_rule
from knowledge.claims import read_claim
from knowledge.clinic_questions import clinic_question
from knowledge.not_covered import find_conditions, load_not_covered
from knowledge.triage import load_triage_rules, triage

# Ordinary healing, or a vague feeling, beside an aftercare question: the
# question is answered (a warning sign always wins).
MILD = ("expected", "unclear")
# Doing something to the skin: "ok to peel them?" asks leave, whatever state it names.
ACTS_ON_SKIN = re.compile(r"\b(pick\w*|peel\w*|scratch\w*|pop(s|ped|ping)?|squeez\w*|scrap(e|es|ed|ing)|pull\w*"
                          r"|rub(s|bed|bing)?|tweez\w*)\b", re.IGNORECASE)
THANKS = re.compile(r"^\W*(thanks?|thank you|thx|ty|cheers|ta)\b", re.IGNORECASE)
AFTERCARE_INTENTS = (names.ASK_AFTERCARE, names.ASK_AFTERCARE_PLAN)
# The component that adds an aftercare topic found by meaning.
GUESSED_BY = MessageParts.__name__


def read_message(text: str) -> Dict[str, Any]:
    """What the tables find in one message: "triage" and/or "conditions" (absent when nothing)."""
    found: Dict[str, Any] = {}
    result = triage(text, load_triage_rules())
    if result is not None:
        found[names.TRIAGE] = {"level": result.level, "signs": list(result.signs), "day": result.day}
    conditions = find_conditions(text, load_not_covered())
    if conditions:
        found[names.CONDITIONS] = [c.key for c in conditions]
    return found


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class SafetyOverride(StatelessComponent):
    """Sets ``report_symptom`` or ``ask_not_covered`` when the tables say so."""

    @staticmethod
    def _asks_aftercare(message: Message) -> bool:
        """An aftercare question about a named rule, asking leave ("can I pick
        the bits off?"), not a description that mentions flakes or sunscreen."""
        if (message.get(INTENT) or {}).get("name") not in AFTERCARE_INTENTS:
            return False
        named = [str(e.get("value") or "").lower() for e in message.get(ENTITIES) or []
                 if e.get("entity") == names.AFTERCARE_TOPIC]
        text = as_written(message)
        if not named or (all(value in STATE_NAMES for value in named) and not ACTS_ON_SKIN.search(text)):
            return False  # "flaking on my nose, is that ok?": whether the state is normal
        return asks_leave(text) or read_claim(text) is not None

    def _answered_by_its_rule(self, message: Message, conditions: List[str]) -> bool:
        """A situation asked about as aftercare, after a session ("a salicylic peel
        9 days after my microneedling, too close?"): its aftercare rule answers."""
        if not self._asks_aftercare(message):
            return False
        text = as_written(message)
        if NOT_AFTERCARE.search(text) and not mentions_treatment(text):
            return False  # "had a peel recently, how long before needling?": not covered
        rules = {c.key: c.aftercare_rule for c in load_not_covered().conditions}
        rule = named_rule(text)
        return rule is not None and all(rules.get(key) == rule for key in conditions)

    @staticmethod
    def _drop_guessed_topics(message: Message) -> None:
        """An aftercare topic found by meaning (no words of the message name it) was a
        guess for an aftercare question; the message is something else."""
        entities = message.get(ENTITIES) or []
        kept = [e for e in entities if not (e.get("entity") == names.AFTERCARE_TOPIC and e.get("extractor") == GUESSED_BY
                                            and e.get("start") == e.get("end"))]
        if len(kept) != len(entities):
            message.set(ENTITIES, kept, add_to_output=True)

    def process(self, messages: List[Message]) -> List[Message]:
        """Overrides the intent of symptom reports and not-covered conditions."""
        for message in messages:
            text = as_written(message)
            if text.startswith("/"):
                continue  # button payloads say what they want
            found = read_message(text)
            if names.TRIAGE in found and found[names.TRIAGE]["level"] in MILD and self._asks_aftercare(message):
                del found[names.TRIAGE]  # "it's peeling, can I pick the bits off?": the aftercare rule answers
            if names.TRIAGE in found and found[names.TRIAGE]["level"] == "unclear" and THANKS.match(text):
                del found[names.TRIAGE]  # "thank you, feeling a bit less scared now": thanks
            if names.TRIAGE in found and found[names.TRIAGE]["level"] in MILD and clinic_question(text):
                del found[names.TRIAGE]  # "the girl who did it was really rough, who do I tell?": the clinic
            if names.CONDITIONS in found and names.TRIAGE not in found and self._answered_by_its_rule(message, found[names.CONDITIONS]):
                del found[names.CONDITIONS]
            # A symptom comes first even beside a condition ("pus spots, will they
            # needle over them?"): the triage answer adds the not-covered one.
            if found:
                override_intent(message, names.REPORT_SYMPTOM if names.TRIAGE in found else names.ASK_NOT_COVERED)
                self._drop_guessed_topics(message)
            for key, value in found.items():
                message.set(key, value, add_to_output=True)
        return messages
