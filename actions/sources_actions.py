"""The "Sources" button under a reply to several questions: the full titles
of the articles its answers came from, and where they disagree (the reply
names them once, by short title: knowledge/reply.py)."""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from knowledge import names
from knowledge.aftercare_text import find_rule
from knowledge.answers import load_knowledge


class ActionSources(Action):
    """Lists, for the last reply of several answers, each answer's articles by full title."""

    def name(self) -> Text:
        return names.ACTION_SOURCES

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        knowledge = load_knowledge()
        messages, lines = knowledge.reply_messages, []
        for item in tracker.get_slot(names.LAST_SOURCES) or []:
            kind, _, key = str(item).partition("/")
            answer = knowledge.topics.get(key) if kind == names.FAQ else find_rule(knowledge, key)
            if answer is None:
                continue
            line = messages["sources_item"].format(label=answer.label,
                                                   titles="; ".join(f'"{s.title}"' for s in answer.sources))
            if answer.sources_vary:
                line += " " + messages["sources_item_vary"].format(note=answer.sources_vary)
            lines.append(line)
        intro = messages["sources_intro"] if lines else messages["no_sources"]
        dispatcher.utter_message(text="\n".join([intro] + lines))
        return []
