"""spaCy's DATE/TIME entities from its NER alone (components/spacy_dates.py), with the real model."""

from pathlib import Path

import pytest
import yaml
from rasa.nlu.extractors.spacy_entity_extractor import SpacyEntityExtractor
from rasa.nlu.utils.spacy_utils import SpacyNLP
from rasa.shared.nlu.training_data.message import Message

from components.spacy_dates import SpacyNerExtractor

CONFIG = {"dimensions": ["DATE", "TIME"]}
TEXTS = [
    "I had microneedling 3 days ago.",
    "I had it yesterday, can I wear makeup.",
    "had it done this morning. can I wash my face tonight.",
    "can I go to the gym tomorrow.",
    "my treatment was on March 3rd.",
    "I'm getting it next Friday, how do I prepare.",
    "does it hurt.",
]


ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def spacy_model():
    """The pipeline's spaCy model (the path config.yml gives), loaded the way Rasa loads it."""
    config = yaml.safe_load((ROOT / "config.yml").read_text())
    path = next(step["model"] for step in config["pipeline"] if step["name"] == "SpacyNLP")
    return SpacyNLP.load_model(str(ROOT / path))


def _entities(extractor, model, text):
    (message,) = extractor.process([Message(data={"text": text})], model)
    return [(e["entity"], e["value"], e["start"], e["end"]) for e in message.get("entities", [])]


@pytest.mark.parametrize("text", TEXTS)
def test_same_entities_as_rasas_extractor(spacy_model, text):
    assert _entities(SpacyNerExtractor(CONFIG), spacy_model, text) == \
        _entities(SpacyEntityExtractor(CONFIG), spacy_model, text)


def test_finds_the_treatment_dates_the_actions_need(spacy_model):
    assert ("DATE", "3 days ago", 20, 30) in _entities(SpacyNerExtractor(CONFIG), spacy_model, TEXTS[0])
    assert [e[:2] for e in _entities(SpacyNerExtractor(CONFIG), spacy_model, TEXTS[2])] == \
        [("TIME", "this morning"), ("TIME", "tonight")]
    assert _entities(SpacyNerExtractor(CONFIG), spacy_model, "does it hurt.") == []
