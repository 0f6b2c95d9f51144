"""Actions that answer FAQ topics and handle unclear questions."""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.knowledge import TOPIC_ENTITY, Knowledge, load_knowledge, topic_buttons
from actions.nlu_ranking import best_faq_topic, candidate_topics, entity_value, last_bot_action


class ActionAnswerTopic(Action):
    """Answers a chosen topic: a button (``/choose_topic{"topic": ...}``) or
    a typed "tell me more about side effects".

    Rasa cannot route a button payload to a retrieval intent's response
    (RasaHQ/rasa#6370), so buttons carry the topic as an entity and this
    action utters the same ``utter_faq/<topic>`` response the selector would.
    """

    def name(self) -> Text:
        return "action_answer_topic"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        knowledge = load_knowledge()
        topic = self._topic(tracker.latest_message, knowledge)
        dispatcher.utter_message(response=f"utter_faq/{topic}" if topic else "utter_capabilities")
        return []

    @staticmethod
    def _topic(parse_data: Dict[str, Any], knowledge: Knowledge) -> Optional[str]:
        topic = entity_value(parse_data, TOPIC_ENTITY)
        if topic in knowledge.topics:
            return topic
        # Typed text with no recognisable topic: trust the FAQ selector if it is sure.
        return best_faq_topic(parse_data, knowledge.topics)


class ActionDidYouMean(Action):
    """Low NLU confidence: offers the likeliest topics as buttons.

    A second unclear message in a row gets the graceful fallback (the topic
    menu and a pointer to the clinic) instead of another guess.
    """

    def name(self) -> Text:
        return "action_did_you_mean"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        knowledge = load_knowledge()
        topics = candidate_topics(tracker.latest_message, knowledge.topics)
        if not topics or last_bot_action(tracker.events) == self.name():
            dispatcher.utter_message(
                text=knowledge.fallback, buttons=topic_buttons(knowledge, list(knowledge.menu_topics))
            )
            return []
        buttons = topic_buttons(knowledge, topics)
        buttons.append({"title": knowledge.something_else, "payload": "/deny"})
        dispatcher.utter_message(text=knowledge.did_you_mean, buttons=buttons)
        return []
