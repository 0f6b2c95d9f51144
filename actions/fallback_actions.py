"""Never silent: Rasa's own fallback, overridden.

Rasa's ``action_default_fallback`` reverts the patient's message and says a
response this domain does not have: when a form rejected a message ("and a
plain moisturiser is OK?" at the date prompt) or no policy was sure of the
next action, the patient got no reply at all. This one ends a form the
message did not answer and answers the message itself, by its intent: a
question gets its answer, a symptom its triage, anything else "did you mean".
The message is kept (nothing is reverted), so the thread goes on from it.
"""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.aftercare_actions import ActionAftercareAnswer
from actions.clinic_actions import ActionContactClinic
from actions.question_actions import ActionAnswerQuestion
from actions.sources_actions import ActionSources
from actions.topic_actions import ActionDidYouMean, ActionFollowUp
from actions.triage_actions import ActionNotCovered, ActionTriage
from knowledge import names

# The action that answers each intent when the usual route failed.
ANSWERS = {
    names.FAQ: ActionAnswerQuestion, names.OUT_OF_SCOPE: ActionAnswerQuestion,
    names.ASK_AFTERCARE: ActionAftercareAnswer, names.ASK_AFTERCARE_PLAN: ActionAftercareAnswer,
    names.REPORT_SYMPTOM: ActionTriage, names.ASK_NOT_COVERED: ActionNotCovered,
    names.ASK_HUMAN: ActionContactClinic, names.FOLLOW_UP: ActionFollowUp, names.SOURCES: ActionSources,
}


class ActionDefaultFallback(Action):
    """Ends a form the message did not answer, then answers the message."""

    def name(self) -> Text:
        return names.ACTION_DEFAULT_FALLBACK

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        events: List[EventType] = []
        if tracker.active_loop.get("name"):
            events += [ActiveLoop(None), SlotSet(names.REQUESTED_SLOT, None)]
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        answer = ANSWERS.get(intent, ActionDidYouMean)()
        said = answer.run(dispatcher, tracker, domain)
        said = await said if hasattr(said, "__await__") else said
        if not dispatcher.messages:
            ActionDidYouMean().run(dispatcher, tracker, domain)  # whatever happened, a reply
        return events + list(said or [])
