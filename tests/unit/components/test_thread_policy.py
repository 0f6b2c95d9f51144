"""The thread policy with real Rasa objects: a tracker whose slots say what the
last answer was about, and the action it predicts for the next message."""

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from components.thread_policy import ConversationThreadPolicy
from knowledge.answers import load_knowledge
from knowledge.render import render

ROOT = __import__("pathlib").Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def domain():
    generated = Domain.from_dict({"responses": render(load_knowledge())["responses"],
                                  "actions": ["utter_faq", "utter_out_of_scope"]})
    return Domain.load(str(ROOT / "domain.yml")).merge(generated)


@pytest.fixture(scope="module")
def policy(tmp_path_factory):
    storage = LocalModelStorage(tmp_path_factory.mktemp("storage"))
    return ConversationThreadPolicy.create(ConversationThreadPolicy.get_default_config(), storage,
                                           Resource("thread"), ExecutionContext(GraphSchema({})))


def _user(text, intent, channel="rest"):
    return UserUttered(text, intent={"name": intent, "confidence": 0.9}, input_channel=channel,
                       parse_data={"intent": {"name": intent, "confidence": 0.9}, "entities": [], "text": text})


def _predict(policy, domain, earlier, text, intent, *after, channel="rest"):
    events = [ActionExecuted("action_listen"), *earlier, ActionExecuted("action_listen"), _user(text, intent, channel),
              *after]
    tracker = DialogueStateTracker.from_events("u", events, slots=domain.slots)
    prediction = policy.predict_action_probabilities(tracker, domain)
    if max(prediction.probabilities) == 0:
        return None
    return domain.action_names_or_texts[prediction.max_confidence_index]


URGENT = [_user("there's pus", "report_symptom"), ActionExecuted("action_triage"),
          SlotSet("last_answer", "warning/urgent"), BotUttered("contact your clinic today")]
OFFER = [_user("can I talk to someone", "ask_human"), ActionExecuted("action_contact_clinic"),
         BotUttered("call us"), SlotSet("awaiting", "callback_offer")]


def test_after_a_warning_waiting_gets_the_warning_again(policy, domain):
    assert _predict(policy, domain, URGENT, "can I wait until Monday?", "faq") == "action_triage"


def test_then_it_listens(policy, domain):
    assert _predict(policy, domain, URGENT, "can I wait until Monday?", "faq", ActionExecuted("action_triage"),
                    BotUttered("Please still contact your clinic today")) == "action_listen"


def test_a_typed_yes_to_the_offer_starts_the_call_back(policy, domain):
    assert _predict(policy, domain, OFFER, "yes please", "affirm") == "callback_form"
    assert _predict(policy, domain, OFFER, "no thanks", "deny") == "utter_callback_declined"


def test_an_offer_two_turns_back_is_not_answered(policy, domain):
    later = OFFER + [_user("thanks", "thank"), ActionExecuted("utter_thank"), BotUttered("welcome")]
    assert _predict(policy, domain, later, "yes please", "affirm") is None


def test_with_nothing_to_lean_on_the_rules_decide(policy, domain):
    assert _predict(policy, domain, [], "yes please", "affirm") is None
    assert _predict(policy, domain, [], "and how long does that last?", "faq") is None


def test_replayed_stories_are_left_alone(policy, domain):
    assert _predict(policy, domain, URGENT, "can I wait until Monday?", "faq", channel=None) is None


def test_after_its_answer_or_the_fallback_it_listens_whatever_the_slots_now_say(policy, domain):
    """The follow-up moved the thread on (a new last_answer): the turn is still over."""
    after = [ActionExecuted("action_follow_up"), BotUttered("the recovery answer"), SlotSet("last_answer", "faq/recovery")]
    assert _predict(policy, domain, [], "how long will the pinkness last?", "faq", *after) == "action_listen"
    fallback = [ActionExecuted("action_default_fallback"), BotUttered("Did you mean...?")]
    assert _predict(policy, domain, [], "hmm", "nlu_fallback", *fallback) == "action_listen"
