"""Writes the Rasa training data derived from the knowledge file.

The responses (FAQ answers with sources and follow-up buttons, the symptom
triage answers of knowledge/triage.yml, topic menu) and a lookup table of aftercare topic words.

Run as ``python -m knowledge.render data/generated/knowledge.yml``
(the Makefile does this before training, validating and testing). The output
is git-ignored: the knowledge file stays the one place the answers live.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Dict, List, Optional

import yaml

from knowledge import names
from knowledge.answers import Knowledge, answer_text, load_knowledge, source_line, topic_buttons
from knowledge.triage import Answer, TriageRules, load_triage_rules

# The response for each triage level; "utter_warning_signs" is the urgent
# advice (actions/triage_actions.py says which one applies).
TRIAGE_RESPONSES = {
    "emergency": names.UTTER_SYMPTOM_EMERGENCY,
    "urgent": names.UTTER_WARNING_SIGNS,
    "expected": names.UTTER_SYMPTOM_EXPECTED,
    "unclear": names.UTTER_SYMPTOM_UNCLEAR,
    "emergency_again": names.UTTER_SYMPTOM_EMERGENCY_AGAIN,
    "urgent_again": names.UTTER_WARNING_SIGNS_AGAIN,
}

HEADER = (
    "# GENERATED from knowledge/microneedling.yml and knowledge/triage.yml by knowledge/render.py.\n"
    "# Do not edit: change the knowledge file and run `make responses`.\n"
)


# In the emergency and urgent answers, where the clinic's phone goes (clinic.yml, filled
# in by action_triage; the slot of that name is empty when Rasa says it without the actions).
ESCALATED_LEVELS = ("emergency", "urgent", "emergency_again", "urgent_again")


def triage_text(knowledge: Knowledge, answer: Answer, level: str = "") -> str:
    """A triage answer with its sources: the articles', then "general safety
    practice" where the advice (emergency services) comes from no article."""
    articles = tuple(knowledge.sources[key] for key in answer.sources if key in knowledge.sources)
    lines = [answer.text + ("{" + names.CLINIC_CONTACT + "}" if level in ESCALATED_LEVELS else "")]
    if articles:
        lines.append(source_line(articles))
    if any(key not in knowledge.sources for key in answer.sources):
        lines.append(knowledge.general_safety_source)
    return "\n".join(lines)


def escaped_buttons(buttons: List[Dict[str, str]]) -> List[Dict[str, str]]:
    """Buttons for a domain response. Rasa fills a response's "{slot}" placeholders in
    its button payloads too, and reads the JSON of ``/choose_topic{"topic":"pain"}``
    as one (an ERROR in the log at every answer); doubled braces come out of that
    filling as the plain payload (rasa/core/nlg/interpolator.py)."""
    return [{**button, "payload": button["payload"].replace("{", "{{").replace("}", "}}")} for button in buttons]


def render(knowledge: Knowledge, triage: Optional[TriageRules] = None) -> Dict[str, Any]:
    """The responses and the topic lookup as a Rasa training-data mapping."""
    responses: Dict[str, Any] = {}
    for topic in knowledge.topics.values():
        responses[names.faq_response(topic.key)] = [
            {
                "text": answer_text(topic),
                "buttons": escaped_buttons(topic_buttons(knowledge, list(topic.follow_ups))),
            }
        ]
    for level, answer in (triage or load_triage_rules()).answers.items():
        responses[TRIAGE_RESPONSES[level]] = [{"text": triage_text(knowledge, answer, level)}]
    # Said when no date is given at the prompt, and when the action server is down.
    general = knowledge.aftercare_messages["general_intro"] + "\n" + answer_text(knowledge.topics["aftercare"])
    responses[names.UTTER_AFTERCARE_GENERAL] = [{"text": general}]
    responses[names.UTTER_CALLBACK_DECLINED] = [{"text": knowledge.clinic_messages["callback_declined"]}]
    menu = escaped_buttons(topic_buttons(knowledge, list(knowledge.menu_topics)))
    responses[names.UTTER_CAPABILITIES] = [{"text": knowledge.capabilities, "buttons": menu}]
    rule_names = sorted({name for rule in knowledge.aftercare.values() for name in (rule.key, *rule.names)})
    lookup = {"lookup": names.AFTERCARE_TOPIC, "examples": "".join(f"- {n}\n" for n in rule_names)}
    return {"version": "3.1", "nlu": [lookup], "responses": responses}


def write(path: Path, knowledge: Knowledge) -> None:
    """Writes the rendered responses to ``path`` (only if they changed)."""
    text = HEADER + yaml.safe_dump(render(knowledge), sort_keys=False, allow_unicode=True, width=1000)
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return  # keeps the mtime, so make does not retrain for nothing
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def main() -> int:
    """Command-line entry point."""
    if len(sys.argv) != 2:
        print("usage: python -m knowledge.render OUTPUT.yml", file=sys.stderr)
        return 2
    write(Path(sys.argv[1]), load_knowledge())
    return 0


if __name__ == "__main__":
    sys.exit(main())
