"""Writes the Rasa training data derived from the knowledge file.

The responses (FAQ answers with sources and follow-up buttons, warning-sign
advice, topic menu) and a lookup table of aftercare topic words.

Run as ``python -m actions.render_responses data/generated/knowledge.yml``
(the Makefile does this before training, validating and testing). The output
is git-ignored: the knowledge file stays the one place the answers live.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Dict

import yaml

from actions.knowledge import Knowledge, answer_text, load_knowledge, source_line, topic_buttons

HEADER = (
    "# GENERATED from knowledge/microneedling.yml by actions/render_responses.py.\n"
    "# Do not edit: change the knowledge file and run `make responses`.\n"
)


def render(knowledge: Knowledge) -> Dict[str, Any]:
    """The responses and the topic lookup as a Rasa training-data mapping."""
    responses: Dict[str, Any] = {}
    for topic in knowledge.topics.values():
        responses[f"utter_faq/{topic.key}"] = [
            {
                "text": answer_text(topic),
                "buttons": topic_buttons(knowledge, list(topic.follow_ups)),
            }
        ]
    responses["utter_warning_signs"] = [
        {"text": knowledge.warning_signs + "\n" + source_line(knowledge.warning_sources)}
    ]
    # Said when no date is given at the prompt, and when the action server is down.
    general = knowledge.aftercare_messages["general_intro"] + "\n" + answer_text(knowledge.topics["aftercare"])
    responses["utter_aftercare_general"] = [{"text": general}]
    menu = topic_buttons(knowledge, list(knowledge.menu_topics))
    responses["utter_capabilities"] = [{"text": knowledge.capabilities, "buttons": menu}]
    names = sorted({name for rule in knowledge.aftercare.values() for name in (rule.key, *rule.names)})
    lookup = {"lookup": "aftercare_topic", "examples": "".join(f"- {n}\n" for n in names)}
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
        print("usage: python -m actions.render_responses OUTPUT.yml", file=sys.stderr)
        return 2
    write(Path(sys.argv[1]), load_knowledge())
    return 0


if __name__ == "__main__":
    sys.exit(main())
