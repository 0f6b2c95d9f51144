"""Keyboard mash is told from words, typos and other languages (the real MiniLM vocabulary, no Rasa model)."""

import pytest
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.constants import RESPONSE_SELECTOR_PROPERTY_NAME as SELECTOR
from rasa.shared.nlu.constants import INTENT, INTENT_RESPONSE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from components.keyboard_mash import (
    KeyboardMashOutOfScope,
    is_keyboard_mash,
    other_languages_words,
    vocabulary_words,
)
from components.minilm_encoder import shared_encoder

TAUGHT = {"microneedling", "dermaroller", "hiya"}


@pytest.fixture(scope="module")
def tokenizer():
    return shared_encoder().tokenizer


@pytest.fixture(scope="module")
def known(tokenizer):
    return set(TAUGHT) | vocabulary_words(tokenizer) | other_languages_words()


@pytest.mark.parametrize("text", [
    "ghfjd trewq", "plmokn ijbuhv", "asdfghjkl", "qwertyuiop", "mnbvcxz", "jjjjjjj", "lkjhg fdsa!!",
])
def test_a_mash_of_letters_is_recognised(text, known, tokenizer):
    assert is_keyboard_mash(text, known, tokenizer, 2.0)


@pytest.mark.parametrize("text", [
    "does it hurt",  # English
    "micronedling",  # a typo keeps long pieces
    "dermarollr recovry",  # typos again
    "microneedling?",  # a taught word
    "hiya",  # text-speak the training data has
    "hoe lang duurt het herstel",  # Dutch: its common words are known
    "¿cuánto dura la recuperación?",  # accents: a language
    "微针疼吗",  # another script
    "123 456",  # no letters
    "",
])
def test_words_typos_and_languages_are_not_a_mash(text, known, tokenizer):
    assert not is_keyboard_mash(text, known, tokenizer, 2.0)


def _message(text, intent, selector=None, confidence=0.9):
    message = Message(data={TEXT: text})
    message.set(INTENT, {"name": intent, "confidence": confidence})
    message.set("intent_ranking", [{"name": intent, "confidence": confidence},
                                   {"name": "out_of_scope", "confidence": 0.1}])
    if selector:
        message.set(SELECTOR, selector)
    return message


def _trained(tmp_path):
    storage = LocalModelStorage(tmp_path)
    component = KeyboardMashOutOfScope.create({}, storage, Resource("mash"), None)
    examples = [Message(data={TEXT: "hiya", INTENT: "greet"}),
                Message(data={TEXT: "qwertyuiop", INTENT: "out_of_scope",
                              INTENT_RESPONSE_KEY: "out_of_scope/other"})]
    resource = component.train(TrainingData(examples))
    return KeyboardMashOutOfScope.load({}, storage, resource, None)


def _out_of_scope_selector():
    ranking = [{"intent_response_key": "out_of_scope/cost", "confidence": 0.7},
               {"intent_response_key": "out_of_scope/other", "confidence": 0.3}]
    return {"out_of_scope": {"response": {"intent_response_key": "out_of_scope/cost", "confidence": 0.7,
                                          "responses": [], "utter_action": "utter_out_of_scope/cost"},
                             "ranking": ranking}}


def test_a_mash_taken_for_another_language_gets_the_out_of_scope_answer(tmp_path):
    component = _trained(tmp_path)
    message = component.process([_message("ghfjd trewq", "other_language", _out_of_scope_selector())])[0]
    assert message.get(INTENT)["name"] == "out_of_scope"
    assert message.get("intent_ranking")[0]["name"] == "out_of_scope"
    answer = message.get(SELECTOR)["out_of_scope"]["response"]
    assert answer["intent_response_key"] == "out_of_scope/other"


def test_the_mash_examples_words_are_not_taken_for_words(tmp_path):
    # "qwertyuiop" is taught as a mash: it must stay one after training.
    message = _trained(tmp_path).process([_message("qwertyuiop", "faq")])[0]
    assert message.get(INTENT)["name"] == "out_of_scope"


def test_text_speak_keeps_its_chit_chat_intent(tmp_path):
    message = _trained(tmp_path).process([_message("thnx", "thank")])[0]
    assert message.get(INTENT)["name"] == "thank"


def test_a_mash_the_model_half_took_for_a_goodbye_is_still_a_mash(tmp_path):
    message = _trained(tmp_path).process([_message("ghfjd trewq", "goodbye", confidence=0.21)])[0]
    assert message.get(INTENT)["name"] == "out_of_scope"


def test_a_question_is_left_alone(tmp_path):
    message = _trained(tmp_path).process([_message("does it hurt", "faq")])[0]
    assert message.get(INTENT)["name"] == "faq"
