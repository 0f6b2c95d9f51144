"""Actions that answer FAQ topics and handle unclear questions."""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.aftercare_actions import ActionAftercareAnswer
from actions.clinic_actions import clinic_contact
from actions.feedback_actions import offer_feedback
from actions.nlu_ranking import best_faq_topic, candidate_topics, entity_value, last_bot_action
from knowledge import follow_ups, names
from knowledge.aftercare_text import find_rule, why_answer
from knowledge.answers import Knowledge, load_knowledge, topic_buttons
from knowledge.render import TRIAGE_RESPONSES
from knowledge.thread import FAQ, LastAnswer


class ActionAnswerTopic(Action):
    """Answers a chosen topic: a button (``/choose_topic{"topic": ...}``) or
    a typed "tell me more about side effects".

    Rasa cannot route a button payload to a retrieval intent's response
    (RasaHQ/rasa#6370), so buttons carry the topic as an entity and this
    action utters the same ``utter_faq/<topic>`` response the selector would.
    """

    def name(self) -> Text:
        return names.ACTION_ANSWER_TOPIC

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        knowledge = load_knowledge()
        topic = self._topic(tracker.latest_message, knowledge)
        dispatcher.utter_message(response=names.faq_response(topic) if topic else names.UTTER_CAPABILITIES)
        if topic:
            offer_feedback(dispatcher, f"faq/{topic}")
            return [SlotSet(names.LAST_ANSWER, LastAnswer(FAQ, topic).value)]
        return []

    @staticmethod
    def _topic(parse_data: Dict[str, Any], knowledge: Knowledge) -> Optional[str]:
        topic = entity_value(parse_data, names.TOPIC)
        if topic in knowledge.topics:
            return topic
        # Typed text with no recognisable topic: trust the FAQ selector if it is sure.
        return best_faq_topic(parse_data, knowledge.topics)


def offer_topics(dispatcher: CollectingDispatcher, knowledge: Knowledge, topics: List[str]) -> None:
    """ "Did you mean...?" with ``topics`` as buttons and "Something else"."""
    buttons = topic_buttons(knowledge, topics)
    buttons.append({"title": knowledge.something_else, "payload": "/deny"})
    dispatcher.utter_message(text=knowledge.did_you_mean, buttons=buttons)


class ActionFollowUp(Action):
    """Answers a follow-up that names no topic ("is that normal?", "why?", "what
    if it's just for radiance?") about the topic of the last answer (the slot
    ``last_answer``; knowledge/follow_ups.py says which answer each kind gets)."""

    def name(self) -> Text:
        return names.ACTION_FOLLOW_UP

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        knowledge = load_knowledge()
        text = tracker.latest_message.get("text") or ""
        kind = follow_ups.kind_of(text)
        current = follow_ups.current_topic(LastAnswer.read(tracker.get_slot(names.LAST_ANSWER)))
        answer = follow_ups.resolve(knowledge.follow_ups, current, kind)
        if answer is None and current is not None:
            answer = current  # "what if it's just for radiance?", "how come?", "and tomorrow?": the same topic again
        if answer is None:
            if current is None:
                # Nothing to follow up on: "how long does it last?" as a first question.
                topic = best_faq_topic(tracker.latest_message, knowledge.topics)
                if topic:
                    dispatcher.utter_message(response=names.faq_response(topic))
                    return [SlotSet(names.LAST_ANSWER, LastAnswer(FAQ, topic).value)]
            related = {key: list(t.follow_ups) for key, t in knowledge.topics.items()}
            offer_topics(dispatcher, knowledge, follow_ups.suggestions(current, related, list(knowledge.menu_topics)))
            return []
        if answer.kind == follow_ups.WARNING:
            response = answer.key or names.UTTER_WARNING_SIGNS
            level = next((lvl for lvl, name in TRIAGE_RESPONSES.items() if name == response), "")
            # The same advice again, with the clinic's phone as the first time.
            dispatcher.utter_message(response=response, **clinic_contact(level))
            return []
        if answer.kind == names.FAQ:
            dispatcher.utter_message(response=names.faq_response(answer.key))
            offer_feedback(dispatcher, f"{names.FAQ}/{answer.key}")
            return [SlotSet(names.LAST_ANSWER, LastAnswer(FAQ, answer.key).value)]
        rule = find_rule(knowledge, answer.key)
        if kind == "why" and rule is not None:
            dispatcher.utter_message(text=why_answer(knowledge, rule))
            return []
        # The rule's own answer, for the remembered treatment date if any (the topic slot
        # may hold another thing this message named: the rule of the thread is the one asked).
        if rule is not None and find_rule(knowledge, tracker.get_slot(names.AFTERCARE_TOPIC)) != rule:
            return ActionAftercareAnswer(follow_up=True).run(dispatcher, _with_topic(tracker, rule.key), domain) + [
                SlotSet(names.AFTERCARE_TOPIC, rule.key)]
        return ActionAftercareAnswer(follow_up=True).run(dispatcher, tracker, domain)


def _with_topic(tracker: Tracker, rule_key: str) -> Tracker:
    """The tracker with the aftercare topic slot set to ``rule_key``."""
    return Tracker(tracker.sender_id, {**tracker.slots, names.AFTERCARE_TOPIC: rule_key}, tracker.latest_message,
                   tracker.events, tracker.is_paused(), tracker.followup_action, tracker.active_loop,
                   tracker.latest_action_name)


class ActionDidYouMean(Action):
    """Low NLU confidence: offers the likeliest topics as buttons.

    A second unclear message in a row gets the graceful fallback (the topic
    menu and a pointer to the clinic) instead of another guess.
    """

    def name(self) -> Text:
        return names.ACTION_DID_YOU_MEAN

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
        offer_topics(dispatcher, knowledge, topics)
        return []
