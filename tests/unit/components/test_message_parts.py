"""Whole messages, the plain-data parts: each label's nearest example, a rule
chosen by meaning only when it is clear, and the first question's answer put first."""

import numpy as np
import pytest

from components.nearest_examples import best_by_label, by_meaning
from components.response_selection import put_first
from knowledge.aftercare_wording import name_matcher


def test_each_label_is_scored_by_its_nearest_example_best_first():
    labels = np.array(["exercise", "sun", "exercise", ""])
    ranked = best_by_label(np.array([0.2, 0.6, 0.7, 0.99]), labels)
    assert ranked == [("exercise", pytest.approx(0.7)), ("sun", pytest.approx(0.6))]  # unlabelled rows ignored


def test_only_allowed_labels_are_ranked():
    labels = np.array(["faq", "greet", "ask_aftercare"])
    assert [k for k, _ in best_by_label(np.array([0.5, 0.9, 0.4]), labels, {"faq", "ask_aftercare"})] == [
        "faq", "ask_aftercare"]


@pytest.mark.parametrize("ranked, expected", [
    ([("exercise", 0.72), ("sun", 0.50)], "exercise"),
    ([("exercise", 0.40), ("sun", 0.30)], None),       # nothing near enough: the general advice
    ([("exercise", 0.70), ("sun", 0.69)], None),       # two rules as near: no guess
    ([("exercise", 0.70)], "exercise"),
    ([], None),
], ids=["clear", "too far", "too close to call", "only one", "nothing"])
def test_a_rule_by_meaning_needs_to_be_near_and_clearly_ahead(ranked, expected):
    assert by_meaning(ranked, threshold=0.55, margin=0.03) == expected  # thresholds as given


def _entry(ranking):
    return {"response": {"intent_response_key": ranking[0][0], "confidence": ranking[0][1]},
            "ranking": [{"intent_response_key": k, "confidence": c} for k, c in ranking]}


def test_the_first_questions_answer_becomes_the_messages_answer():
    entry = _entry([("faq/safety", 0.6), ("faq/what_is", 0.3), ("faq/pain", 0.1)])
    result = put_first(entry, "faq/what_is")
    assert result["response"]["intent_response_key"] == "faq/what_is"
    assert result["response"]["utter_action"] == "utter_faq/what_is"
    assert result["response"]["confidence"] == pytest.approx(0.6)  # as sure as the selector was of its answer
    assert [(r["intent_response_key"], r["confidence"]) for r in result["ranking"]] == [
        ("faq/what_is", 0.6), ("faq/safety", 0.3), ("faq/pain", 0.1)]


@pytest.mark.parametrize("key", ["faq/safety", "faq/unknown"], ids=["already first", "not an answer of this intent"])
def test_the_ranking_is_left_alone_when_there_is_nothing_to_move(key):
    entry = _entry([("faq/safety", 0.6), ("faq/what_is", 0.4)])
    assert put_first(entry, key) is entry


@pytest.mark.parametrize("text, rule", [
    ("can i wear foundation tonight", "makeup"),
    ("is the sauna ok after", "exercise"),
    ("when can I use retinol again", "actives"),
    ("how long is recovery", None),
])
def test_the_rules_own_names_are_found_in_a_part(text, rule):
    pattern, rule_of = name_matcher()
    found = pattern.search(text)
    assert (rule_of[found.group(1).lower()] if found else None) == rule


@pytest.mark.parametrize("text, rule", [
    ("can I put on a cream contour stick and setting spray tonight", "makeup"),  # not the first name, "cream"
    ("is my vitamin a cream ok", "actives"),
    ("can I scrub my face with a face scrub", "exfoliation"),
    ("can i wash with my hydrating cleanser tonight", "cleansing"),      # the thing, not what it does
    ("hydrating gentle cleanser in the morning, ok?", "cleansing"),
    ("my retinol serum, when can I go back to it", "actives"),           # the stricter of one product's names
    ("is an exfoliating cleanser ok", "exfoliation"),
    ("can I drive home or should my husband pick me up", None),          # not a name: aftercare_not_names
    ("can I pick at the flakes", "picking"),
    ("Embryolisse Lait-Creme ok post needling?", "moisturising"),         # a hyphen where the name has a space
    ("a pick-me-up coffee before my appointment?", None),
    ("my face looks like ive been sunbathing all afternoon lol", None),  # how it looks, not the sun rule
    ("im pink like ive spent the day at the beach, meant to happen?", None),
    ("can i go to the beach tomorrow", "sun"),
], ids=["longest", "one long name", "same rule", "hydrating cleanser", "a word between", "retinol serum",
        "exfoliating cleanser", "pick me up", "pick at", "hyphen for a space", "hyphenated not-name",
        "looks like sunbathing", "pink like the beach", "the beach"])
def test_the_names_in_a_message_decide_its_rule(text, rule):
    from knowledge.aftercare_wording import named_rule

    assert named_rule(text) == rule


def test_the_longest_name_decides_the_rule_of_an_aftercare_question():
    from rasa.shared.nlu.training_data.message import Message

    from components.message_parts import MessageParts

    parts = MessageParts({}, None, None, examples={"vectors": np.zeros((0, 384), dtype=np.float32)})
    message = Message(data={"text": "can I use my tinted moisturiser tomorrow",
                            "intent": {"name": "ask_aftercare", "confidence": 0.9},
                            "entities": [{"entity": "aftercare_topic", "value": "moisturiser", "start": 22, "end": 33},
                                         {"entity": "DATE", "value": "tomorrow", "start": 34, "end": 42}]})
    parts._settle_rule(message)
    topics = [e["value"] for e in message.get("entities") if e["entity"] == "aftercare_topic"]
    assert topics == ["makeup"]  # tinted moisturiser is makeup, not a moisturiser
    assert any(e["entity"] == "DATE" for e in message.get("entities"))


@pytest.mark.parametrize("text, routed", [
    ("I read that makeup is fine the same evening, right?", True),
    ("my appointment is today, can I work out tonight after it", True),
    ("had it 2 days ago, can I use my retinol", True),
    ("can I put a bit of bronzer on for a party", True),   # leave asked, nothing says before
    ("snowboarding next week, is that a problem?", True),
    ("can I wear makeup to my appointment", False),        # before the treatment: the FAQ
    ("should I stop retinol before my session", False),
    ("can you add hyaluronic acid to the treatment", False),
    ("is some flaking normal", False),                     # no leave asked: the model decides
    ("I had it yesterday, how long does it last", False),  # no rule named
    ("zumba wednesday? had it done monday evening", True),  # a thing and a time, asked
    ("blusher on sat for a party? had it done fri lunchtime", True),
    ("will standing out in the sun for an hour of photos be bad", True),
    ("is a thick layer of aquaphor before bed ok", True),     # before bed, not before the treatment
    ("what foundation is best? I had it done today", False),  # a question word: not leave asked
    ("what about eyeliner", True),                            # the same question for another thing
    ("how many times a day should I put my hydrating serum on", True),  # how the rule applies
    ("do i need sun cream if i go to the beach", True),       # what the rule asks of them
    ("do i need to take off my foundation first", True),
    ("do i need to stop my retinol before my appointment", False),  # before the treatment
    ("spin class fine?? lol thanks x", True),                 # a sign-off after the closing word
    ("my makeup artist is booked for the day after, will she be able to do my face?", True),
    ("a festival on saturday, out in the sun all day, anything i need to do?", True),
    ("why no makeup?", True),                                 # the rule, with its reason
    ("does that include my electric face brush too?", True),  # whether the thing falls under the rule
    ("why is makeup bad for your skin", False),               # a general question
], ids=["a claim", "a date and a question", "a past date and a question", "leave for a product",
        "a closing is that a problem", "to the appointment", "before", "added to the treatment",
        "is it normal", "no rule", "a thing and a time", "on a day, for a party", "be bad", "before bed",
        "which one is best", "what about", "how often",
        "do I need", "do I need to", "do I need before", "signed off",
        "will she be able to", "anything I need to do", "why no", "does that include", "why is"])
def test_a_claim_or_leave_asked_about_a_named_rule_after_treatment_is_an_aftercare_question(text, routed):
    from components.message_parts import MessageParts

    parts = MessageParts({}, None, None, examples={"vectors": np.zeros((0, 384), dtype=np.float32)})
    assert parts._asks_about_a_named_rule(text) is routed


def _parts_with_examples(monkeypatch, examples):
    """MessageParts over a few examples embedded by the real MiniLM; a message's
    vector is its text's (as the featurizer would give it)."""
    from components import message_parts
    from components.minilm_encoder import shared_encoder

    encoder = shared_encoder()
    monkeypatch.setattr(message_parts, "sentence_vector", lambda message, _: encoder.sentence_vector(message.get("text")))
    texts, intents, rules = zip(*examples)
    arrays = {"vectors": np.stack([encoder.sentence_vector(t) for t in texts]), "intents": np.array(intents),
              "answers": np.array([""] * len(texts)), "rules": np.array(rules)}
    return message_parts.MessageParts({}, None, None, examples=arrays)


EXAMPLES = [("can I go running the day after", "ask_aftercare", "exercise"),
            ("is half an hour on the treadmill ok the day after", "ask_aftercare", "exercise"),
            ("is a spin class ok two days after microneedling", "ask_aftercare", "exercise"),
            ("can I sunbathe at the weekend", "ask_aftercare", "sun"),
            ("how many sessions will I need", "faq", ""),
            ("how much does a session cost", "out_of_scope", "")]


@pytest.mark.parametrize("text, routed", [
    ("is an hour on the walking machine ok tomorrow?", True),  # nearest: exercise questions
    ("is three treatments enough, or not?", False),              # nearest: an FAQ
    ("is an hour on the walking machine normal?", False),     # no leave asked
], ids=["unnamed workout", "nearest is an faq", "no leave asked"])
def test_leave_asked_for_something_no_rule_names_is_aftercare_when_the_nearest_examples_are(
        monkeypatch, text, routed):
    from rasa.shared.nlu.training_data.message import Message

    parts = _parts_with_examples(monkeypatch, EXAMPLES)
    assert parts._asks_about_an_unnamed_rule(Message(data={"text": text}), text) is routed


def test_a_question_nearest_to_aftercare_examples_no_rule_names_gets_no_rule(monkeypatch):
    from components.message_parts import NO_RULE

    examples = EXAMPLES + [("can I have a glass of wine tonight", "ask_aftercare", NO_RULE),
                           ("is it ok to fly two days after microneedling", "ask_aftercare", NO_RULE)]
    parts = _parts_with_examples(monkeypatch, examples)
    from components.minilm_encoder import shared_encoder

    similarities = parts._examples["vectors"] @ shared_encoder().sentence_vector("am I ok to drink beer tomorrow?")
    assert parts._rule_by_meaning(similarities) is None  # the general advice, not the nearest rule
    similarities = parts._examples["vectors"] @ shared_encoder().sentence_vector("can I go jogging tomorrow?")
    assert parts._rule_by_meaning(similarities) == "exercise"


@pytest.mark.parametrize("text, only_a_date", [
    ("I had microneedling 39 days ago", True),   # "39" is not an age here
    ("my appointment is on friday", True),
    ("I had it 2 days ago, can I wear makeup", False),
    ("had it yesterday, is that ok?", False),
    ("how long does it last", False),
], ids=["past date", "future date", "date and a question", "question mark", "no date"])
def test_a_statement_of_when_the_treatment_was_is_a_date_to_remember(text, only_a_date):
    from knowledge.aftercare_wording import says_only_when_treated

    assert says_only_when_treated(text) is only_a_date


@pytest.mark.parametrize("text, books", [
    ("can I book a session for next monday?", True),
    ("book me in for friday please", True),
    ("I need to reschedule to tuesday", True),
    ("can I change my appointment to the 3rd", True),
    ("I booked it for friday", False),          # a treatment already booked: its date
    ("had it done monday", False),
    ("reading a book on monday in the garden", False),
])
def test_a_booking_asked_for_is_told_apart_from_a_treatment_date(text, books):
    from knowledge.clinic_questions import ASKS_TO_BOOK

    assert bool(ASKS_TO_BOOK.search(text)) is books
