"""The rule of a thing no name lists, from its phrases: plain vectors and words,
and the phrases the real spaCy model finds."""

import numpy as np
import pytest

from components.phrase_rules import candidate_phrases, describing_words, name_arrays, only_describes, rule_of_phrases


def _unit(*values):
    vector = np.array(values, dtype=np.float32)
    return vector / np.linalg.norm(vector)


NAMES = ["gardening", "coffee scrub", "full face of makeup", "sauna"]
RULES = ["sun", "exfoliation", "makeup", "exercise"]
NAME_VECTORS = np.stack([_unit(1, 0, 0, 0), _unit(0, 1, 0, 0), _unit(0, 0, 1, 0), _unit(0, 0, 0, 1)])
DESCRIBING = [describing_words(n) for n in NAMES]


def _rule(phrases, vectors, threshold=0.7, margin=0.05):
    return rule_of_phrases(phrases, np.stack(vectors), NAME_VECTORS, RULES, DESCRIBING, threshold, margin)


def test_a_phrase_near_a_name_gets_its_rule():
    assert _rule(["the garden", "midday"], [_unit(0.95, 0.1, 0, 0), _unit(0.2, 0.2, 0.2, 0.2)]) == "sun"


def test_a_phrase_too_far_from_every_name_gets_no_rule():
    assert _rule(["a flight"], [_unit(0.5, 0.5, 0.5, 0.5)]) is None


def test_two_rules_as_near_get_no_rule():
    assert _rule(["hot garden"], [_unit(1, 0, 0, 0.97)]) is None


def test_a_phrase_of_a_names_describing_words_only_names_something_else():
    # "coffee" is not a coffee scrub, however near their vectors are
    assert _rule(["coffee"], [_unit(0, 1, 0, 0)]) is None
    assert _rule(["coffee scrub"], [_unit(0, 1, 0, 0)]) == "exfoliation"


@pytest.mark.parametrize("name, describing", [
    ("coffee scrub", {"coffee"}), ("eyebrow pencil", {"eyebrow"}), ("full face of makeup", {"full", "makeup"}),
    ("sauna", set()), ("put some slap on", {"put"}),  # particles and determiners are not the head
])
def test_the_head_of_a_name_is_its_last_noun_or_the_one_before_of(name, describing):
    assert describing_words(name) == describing


def test_eyebrows_only_describe_an_eyebrow_pencil():
    assert only_describes("eyebrows", describing_words("eyebrow pencil"))
    assert not only_describes("full face", describing_words("full face of makeup"))


@pytest.fixture(scope="module")
def spacy_model():
    """The pipeline's spaCy model (the path config.yml gives), loaded as Rasa loads it: no parser."""
    from pathlib import Path

    import yaml
    from rasa.nlu.utils.spacy_utils import SpacyNLP

    root = Path(__file__).resolve().parents[3]
    config = yaml.safe_load((root / "config.yml").read_text())
    path = next(step["model"] for step in config["pipeline"] if step["name"] == "SpacyNLP")
    return SpacyNLP.load_model(str(root / path))


@pytest.mark.parametrize("text, wanted", [
    ("can I lay out in the garden in my bikini tomorrow?", ["garden", "lay out in garden in"]),
    ("got a work do tonight can i do a full face of glam", ["full face of glam"]),
    ("can i sit in the infrared cabin tonight", ["infrared cabin"]),
    ("Neutrogena Hydro Boost gel ok?", ["Neutrogena Hydro Boost gel"]),  # the closing word is not the thing
])
def test_the_phrases_of_a_question_come_from_the_real_spacy_model(spacy_model, text, wanted):
    phrases = candidate_phrases(spacy_model.model(text))
    assert all(w in phrases for w in wanted), phrases
    assert "I" not in phrases and all("my" not in p.split() for p in phrases)


def test_the_face_alone_is_not_a_phrase_of_an_activity(spacy_model):
    # every question has "my face": alone it would match "beat face" or "put my face on"
    assert "face" not in candidate_phrases(spacy_model.model("can i use my bondi sands on my face"))
    # nor a word of three letters ("pus" is near "pumice" in MiniLM's space)
    assert "pus" not in candidate_phrases(spacy_model.model("no pus and no fever, is that fine?"))


def test_waiting_and_deciding_are_not_phrases_of_the_activity(spacy_model):
    phrases = candidate_phrases(spacy_model.model("can I do a class on the rower or should I hold off?"))
    assert "rower" in phrases and not any(p.lower().startswith("hold") for p in phrases), phrases


def test_every_name_of_every_rule_and_its_key_get_a_vector_and_their_rule():
    from knowledge.answers import load_knowledge

    rules = load_knowledge().aftercare.values()
    arrays = name_arrays(rules, lambda name: _unit(len(name), 1, 0, 0))
    texts, rule_of = arrays["name_texts"].tolist(), dict(zip(arrays["name_texts"].tolist(), arrays["name_rules"]))
    assert len(texts) == len(arrays["name_vectors"]) == sum(1 + len(r.names) for r in rules)
    assert rule_of["sunscreen"] == "sun" and rule_of["picking"] == "picking"
