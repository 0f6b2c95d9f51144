"""The policy that replaces silence when a custom action fails (real Rasa objects)."""

import pytest
import yaml
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActiveLoop, BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from components.action_server_down import ActionServerDownPolicy
from knowledge.answers import load_knowledge
from knowledge.render import render

ROOT = __import__("pathlib").Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def domain():
    """domain.yml plus the responses generated from the knowledge file, and the
    retrieval actions Rasa adds for the retrieval intents of the training data."""
    generated = Domain.from_dict({"responses": render(load_knowledge())["responses"],
                                  "actions": ["utter_faq", "utter_out_of_scope"]})
    return Domain.load(str(ROOT / "domain.yml")).merge(generated)


@pytest.fixture(scope="module")
def policy(tmp_path_factory):
    config = yaml.safe_load((ROOT / "config.yml").read_text())
    (settings,) = [p for p in config["policies"] if p["name"].endswith("ActionServerDownPolicy")]
    settings = {**ActionServerDownPolicy.get_default_config(), **settings}
    storage = LocalModelStorage(tmp_path_factory.mktemp("storage"))
    return ActionServerDownPolicy.create(settings, storage, Resource("down"), ExecutionContext(GraphSchema({})))


def _predict(policy, domain, *events, channel="rest", intent="greet"):
    user = UserUttered("hi", intent={"name": intent, "confidence": 1.0}, input_channel=channel)
    tracker = DialogueStateTracker.from_events("u", [ActionExecuted("action_listen"), user, *events])
    prediction = policy.predict_action_probabilities(tracker, domain)
    if max(prediction.probabilities) == 0:
        return None
    return domain.action_names_or_texts[prediction.max_confidence_index]


def test_silent_aftercare_action_gets_the_general_advice(policy, domain):
    assert _predict(policy, domain, ActionExecuted("action_aftercare_answer")) == "utter_aftercare_general"
    assert _predict(policy, domain, ActionExecuted("treatment_date_form")) == "utter_aftercare_general"


@pytest.mark.parametrize("intent, response", [("faq", "utter_faq"), ("out_of_scope", "utter_out_of_scope")])
def test_a_silent_question_action_gets_rasas_own_answer_for_the_messages_intent(policy, domain, intent, response):
    # the selector needs no action server: an FAQ still gets its answer, an out-of-scope one its reply
    assert _predict(policy, domain, ActionExecuted("action_answer_question"), intent=intent) == response


def test_a_silent_triage_still_gives_the_warning_advice(policy, domain):
    assert _predict(policy, domain, ActionExecuted("action_triage"), intent="report_symptom") == "utter_warning_signs"


def test_silent_button_action_asks_to_type_the_question(policy, domain):
    assert _predict(policy, domain, ActionExecuted("action_answer_topic")) == "utter_rephrase"


def test_after_the_fallback_it_listens(policy, domain):
    events = [ActionExecuted("action_answer_topic"), ActionExecuted("utter_rephrase"), BotUttered("type it")]
    assert _predict(policy, domain, *events) == "action_listen"


def test_actions_that_worked_are_left_to_the_other_policies(policy, domain):
    assert _predict(policy, domain, ActionExecuted("action_aftercare_answer"), BotUttered("Yes")) is None
    assert _predict(policy, domain, ActionExecuted("treatment_date_form"), ActiveLoop("treatment_date_form")) is None
    assert _predict(policy, domain, ActionExecuted("utter_greet"), BotUttered("Hi")) is None


def test_replayed_stories_are_left_alone(policy, domain):
    """`rasa test` replays stories without running custom actions or channels."""
    assert _predict(policy, domain, ActionExecuted("action_aftercare_answer"), channel=None) is None
