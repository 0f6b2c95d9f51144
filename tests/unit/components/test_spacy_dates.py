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


ROOT = Path(__file__).resolve().parents[3]


def _load():
    """The pipeline's spaCy model (the path config.yml gives), loaded the way Rasa loads it."""
    config = yaml.safe_load((ROOT / "config.yml").read_text())
    path = next(step["model"] for step in config["pipeline"] if step["name"] == "SpacyNLP")
    return SpacyNLP.load_model(str(ROOT / path))


@pytest.fixture(scope="module")
def spacy_model():
    """The model our extractor is given (it switches the shared pipeline's NER off)."""
    return _load()


@pytest.fixture(scope="module")
def reference_model():
    """A model of its own for Rasa's extractor, which needs the whole pipeline."""
    return _load()


def _entities(extractor, model, text):
    (message,) = extractor.process([Message(data={"text": text})], model)
    return [(e["entity"], e["value"], e["start"], e["end"]) for e in message.get("entities", [])]


@pytest.mark.parametrize("text", TEXTS)
def test_same_entities_as_rasas_extractor(spacy_model, reference_model, text):
    assert _entities(SpacyNerExtractor(CONFIG), spacy_model, text) == \
        _entities(SpacyEntityExtractor(CONFIG), reference_model, text)


def test_the_shared_pipeline_no_longer_runs_the_ner_it_does_not_need(spacy_model):
    _entities(SpacyNerExtractor(CONFIG), spacy_model, TEXTS[0])
    assert "ner" not in spacy_model.model.pipe_names
    assert spacy_model.model(TEXTS[0]).ents == ()
    assert _entities(SpacyNerExtractor(CONFIG), spacy_model, TEXTS[0])  # its own NER still runs


def test_finds_the_treatment_dates_the_actions_need(spacy_model):
    assert ("DATE", "3 days ago", 20, 30) in _entities(SpacyNerExtractor(CONFIG), spacy_model, TEXTS[0])
    assert [e[:2] for e in _entities(SpacyNerExtractor(CONFIG), spacy_model, TEXTS[2])] == \
        [("TIME", "this morning"), ("TIME", "tonight")]
    assert _entities(SpacyNerExtractor(CONFIG), spacy_model, "does it hurt.") == []
