"""👍/👎 under an answer: the vote kept in the conversation (slot ``feedback``:
vote, answer, question) for the clinic's report; 👎 offers the clinic's contact."""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.clinic_actions import say_clinic_lines
from actions.nlu_ranking import entity_value
from knowledge import names
from knowledge.answers import load_knowledge
from knowledge.feedback import DOWN, add_feedback, question_and_answer, read_vote


def offer_feedback(dispatcher: CollectingDispatcher, answer: str) -> None:
    """The 👍/👎 buttons under the last message the action says (its answer)."""
    add_feedback(dispatcher.messages, answer, load_knowledge().clinic_messages)


class ActionFeedback(Action):
    """Keeps the vote; thanks for 👍; for 👎, says sorry and how to reach the clinic."""

    def name(self) -> Text:
        return names.ACTION_FEEDBACK

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        messages = load_knowledge().clinic_messages
        entities = tracker.latest_message.get("entities") or []
        vote = read_vote(entities, tracker.latest_message.get("text") or "")
        before = question_and_answer(tracker.events)
        record = {"vote": vote, "answer": entity_value(tracker.latest_message, names.ANSWER) or before["answer"],
                  "question": before["question"]}
        if vote == DOWN:
            dispatcher.utter_message(text=messages["feedback_sorry"])
            say_clinic_lines(dispatcher, "human")
        else:
            dispatcher.utter_message(text=messages["feedback_thanks"])
        return [SlotSet(names.FEEDBACK_SLOT, record)]
