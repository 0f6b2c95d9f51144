"""Whole messages: each question of a message, and aftercare words the rules don't list.

Two things the classifiers cannot do with one label per message:

* **Several questions in one message** ("how long is recovery and when can I
  wear makeup?"). ``split_questions`` (components/question_split.py) cuts the
  message into its questions; each part is matched by meaning to the nearest
  training examples in MiniLM's space (its intent, FAQ answer and aftercare
  rule) and listed under ``parts`` in the parse data, in the order asked, for
  the actions to answer each. The message's own answer (the one ``utter_faq``
  and the tests read) becomes the first question's.
* **Claims to check** ("I read that makeup is fine the same evening, right?")
  and **a date with a question** ("my appointment is today, can I work out
  tonight?") that name an aftercare rule are aftercare questions, whatever
  the model thought: the aftercare answer gives the rule's verdict.
* **Activities and products the knowledge file doesn't name** ("can I go to
  spin class tomorrow?", "is an acid toner ok?"). An aftercare question whose
  words match none of the rules' names gets the rule of the nearest aftercare
  training examples, when they are near enough and agree; otherwise none, and
  the general advice is given as such.

How a question is worded (asking leave, before the treatment, a date only,
the rules' names) is read by knowledge/aftercare_wording.py. The training
examples' vectors are saved with the model; nothing about a conversation is
kept here.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import RESPONSE_SELECTOR_PROPERTY_NAME as SELECTOR, SPACY_DOCS
from rasa.shared.nlu.constants import (
    ENTITIES,
    ENTITY_ATTRIBUTE_TYPE,
    ENTITY_ATTRIBUTE_VALUE,
    EXTRACTOR,
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RESPONSE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from components.base import override_intent
from components.minilm_encoder import shared_encoder
from components.nearest_examples import EXAMPLES_FILE, best_by_label, by_meaning, saved_arrays, sentence_vector
from components.phrase_rules import candidate_phrases, describing_words, name_arrays, rule_of_phrases
from components.punctuation import as_written, normalised
from components.question_split import split_questions
from components.response_selection import put_first, set_selector
from components.whole_message_readings import answer_by_words
from knowledge import names
from knowledge.aftercare_wording import (
    ASKS_LEAVE,
    NOT_AFTERCARE,
    asks_leave,
    mentions_treatment,
    name_matcher,
    named_rule,
    says_only_when_treated,
    unhyphenated,
)
from knowledge.answers import load_knowledge
from knowledge.claims import read_claim

# The rule label of aftercare examples no rule names ("can I fly tomorrow?"): when
# those are the nearest, the general advice is given, not the next nearest rule.
NO_RULE = "-"
# Intents a part of a message can be answered as.
QUESTION_INTENTS = (names.FAQ, names.OUT_OF_SCOPE, names.ASK_AFTERCARE)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class MessageParts(GraphComponent):
    """Lists the questions of a message and finds aftercare rules by meaning."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        """``model_dir``: the MiniLM folder (null: the packaged one, as the
        featurizer's); ``rule_threshold`` and ``rule_margin``: how near the
        nearest aftercare example must be, and how far ahead of another rule's;
        ``phrase_threshold`` and ``phrase_margin``: the same for a phrase of the
        question and a rule's name (components/phrase_rules.py), chosen on the
        names themselves by scripts/phrase_thresholds.py."""
        return {"featurizer": "minilm", "model_dir": None, "rule_threshold": 0.55, "rule_margin": 0.05,
                "phrase_threshold": 0.65, "phrase_margin": 0.1}

    def __init__(self, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
                 examples: Optional[Dict[str, np.ndarray]] = None) -> None:
        self._config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        self._examples = examples
        self._describing: Optional[List[frozenset]] = None

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> GraphComponent:
        """Rasa's factory for training."""
        return cls(config, model_storage, resource)

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> GraphComponent:
        """Reads the examples saved by ``train``."""
        # None when nothing was trained: messages pass through unchanged.
        return cls(config, model_storage, resource, saved_arrays(model_storage, resource))

    @staticmethod
    def _rule_of_value(entity: Dict[str, Any]) -> Optional[str]:
        return name_matcher()[1].get(unhyphenated(str(entity.get(ENTITY_ATTRIBUTE_VALUE) or "").lower()))

    def train(self, training_data: TrainingData) -> Resource:
        """Keeps every example's sentence vector, intent, FAQ answer and named rule."""
        vectors, intents, answers, rules = [], [], [], []
        for example in training_data.intent_examples:
            vector = sentence_vector(example, self._config["featurizer"])
            if vector is None:
                continue
            vectors.append(vector)
            intents.append(example.get(INTENT) or "")
            answers.append(example.get(INTENT_RESPONSE_KEY) or "")
            if example.get(INTENT) == names.ASK_AFTERCARE:
                rules.append(named_rule(example.get(TEXT) or "") or NO_RULE)
            else:
                rules.append("")
        examples = {"vectors": np.stack(vectors) if vectors else np.zeros((0, 384), dtype=np.float32),
                    "intents": np.array(intents), "answers": np.array(answers), "rules": np.array(rules),
                    **name_arrays(load_knowledge().aftercare.values(),
                                  shared_encoder(self._config["model_dir"]).sentence_vector)}
        with self._model_storage.write_to(self._resource) as folder:
            np.savez(folder / EXAMPLES_FILE, **examples)
        self._examples = examples
        return self._resource

    def _rule_by_phrases(self, message: Message) -> Optional[str]:
        """The rule of the name nearest to one of the question's phrases, if clear."""
        doc = message.get(SPACY_DOCS[TEXT])
        if doc is None or "name_vectors" not in self._examples:
            return None
        phrases = candidate_phrases(doc)
        if not phrases:
            return None
        if self._describing is None:
            self._describing = [describing_words(str(name)) for name in self._examples["name_texts"]]
        encoder = shared_encoder(self._config["model_dir"])
        vectors = np.stack([encoder.sentence_vector(phrase) for phrase in phrases])
        return rule_of_phrases(phrases, vectors, self._examples["name_vectors"], self._examples["name_rules"].tolist(),
                               self._describing, float(self._config["phrase_threshold"]),
                               float(self._config["phrase_margin"]))

    def _similarities(self, text: str) -> np.ndarray:
        vector = shared_encoder(self._config["model_dir"]).sentence_vector(text)
        return self._examples["vectors"] @ vector

    def _label_by_meaning(self, similarities: np.ndarray) -> Optional[str]:
        """The rule of the nearest aftercare examples, ``NO_RULE``, or None when unclear."""
        ranked = best_by_label(similarities, self._examples["rules"])
        return by_meaning(ranked, float(self._config["rule_threshold"]), float(self._config["rule_margin"]))

    def _rule_by_meaning(self, similarities: np.ndarray, message: Optional[Message] = None) -> Optional[str]:
        """The rule of the nearest training examples; failing that (and unless they
        are about things no rule covers), the rule of the nearest name to a phrase."""
        label = self._label_by_meaning(similarities)
        if label is None and message is not None:
            return self._rule_by_phrases(message)
        return None if label == NO_RULE else label

    def _part(self, text: str) -> Dict[str, Any]:
        similarities = self._similarities(normalised(text))  # as the training examples were
        intents = best_by_label(similarities, self._examples["intents"], set(QUESTION_INTENTS))
        intent = intents[0][0] if intents else ""
        if named_rule(text) and asks_leave(text) and not NOT_AFTERCARE.search(text):
            intent = names.ASK_AFTERCARE  # "can i wear makeup?" after a date: the rule, not the FAQ
        part: Dict[str, Any] = {"text": text, "intent": intent}
        if intent == names.ASK_AFTERCARE:
            part["rule"] = named_rule(text) or self._rule_by_meaning(similarities)
        else:
            answers = best_by_label(similarities, self._examples["answers"])
            part["response_key"] = next((key for key, _ in answers if key.startswith(intent + "/")), None)
        return part

    def _parts(self, message: Message) -> List[Dict[str, Any]]:
        pieces = split_questions(as_written(message))
        if len(pieces) < 2:
            return []
        parts = [self._part(piece) for piece in pieces]
        answers = {(p["intent"], p.get("rule") or p.get("response_key")) for p in parts}
        return parts if len(answers) > 1 else []  # the same question twice is one question

    def _first_part_leads(self, message: Message, first: Dict[str, Any]) -> None:
        """The first question's intent and answer become the message's."""
        intent = message.get(INTENT) or {}
        if intent.get(INTENT_NAME_KEY) in QUESTION_INTENTS and intent.get(INTENT_NAME_KEY) != first["intent"]:
            # A new intent (the old one's retrieval answer, "faq/pain", no longer applies).
            override_intent(message, first["intent"])
        key = first.get("response_key")
        selector = dict(message.get(SELECTOR) or {})
        if key and first["intent"] in selector:
            selector[first["intent"]] = put_first(selector[first["intent"]], key)
            set_selector(message, selector)

    def _settle_rule(self, message: Message) -> None:
        """One aftercare rule per question: the rule its names say ("vitamin a
        cream" is a retinoid, not a moisturiser), else the rule by meaning."""
        entities = message.get(ENTITIES) or []
        others = [e for e in entities if e.get(ENTITY_ATTRIBUTE_TYPE) != names.AFTERCARE_TOPIC]
        topics = [e for e in entities if e.get(ENTITY_ATTRIBUTE_TYPE) == names.AFTERCARE_TOPIC]
        named = named_rule(as_written(message))
        if named:
            if len(topics) != 1 or self._rule_of_value(topics[0]) != named:
                entity = {**(topics[0] if topics else {ENTITY_ATTRIBUTE_TYPE: names.AFTERCARE_TOPIC, EXTRACTOR: type(self).__name__,
                                                       "start": 0, "end": 0}), ENTITY_ATTRIBUTE_VALUE: named}
                message.set(ENTITIES, others + [entity], add_to_output=True)
            return
        # Names the lookup table found inside a phrase that is not one ("pick me up").
        entities = others
        vector = sentence_vector(message, self._config["featurizer"])
        rule = self._rule_by_meaning(self._examples["vectors"] @ vector, message) if vector is not None else None
        if rule:
            entities = entities + [{ENTITY_ATTRIBUTE_TYPE: names.AFTERCARE_TOPIC, ENTITY_ATTRIBUTE_VALUE: rule,
                                    EXTRACTOR: type(self).__name__, "start": 0, "end": 0}]
        if entities != (message.get(ENTITIES) or []):
            message.set(ENTITIES, entities, add_to_output=True)

    def _asks_about_a_named_rule(self, text: str) -> bool:
        """A claim about a named rule, or leave asked for something a rule names
        ("can I put some contour on?", "skiing next week, is that a problem?"),
        after the treatment: when a date is said, or nothing says before or during."""
        if not named_rule(text):
            return False
        if read_claim(text) is not None:
            return True
        return asks_leave(text) and (mentions_treatment(text) or not NOT_AFTERCARE.search(text))

    def _asks_about_an_unnamed_rule(self, message: Message, text: str) -> bool:
        """Leave asked for something no rule names ("is the stairmaster ok?"), when
        the nearest training examples are aftercare questions of one rule."""
        if named_rule(text) or not ASKS_LEAVE.search(text):
            return False
        if NOT_AFTERCARE.search(text) and not mentions_treatment(text):
            return False
        vector = sentence_vector(message, self._config["featurizer"])
        if vector is None:
            return False
        similarities = self._examples["vectors"] @ vector
        # Nearest among every intent: "what should I do today?" is nearest to the aftercare plan.
        intents = best_by_label(similarities, self._examples["intents"])
        # Only for a rule: "can I go back to work after?" is near the no-rule examples but is an FAQ.
        return (bool(intents) and intents[0][0] == names.ASK_AFTERCARE
                and self._rule_by_meaning(similarities, message) is not None)

    def process(self, messages: List[Message]) -> List[Message]:
        """Adds ``parts`` to messages that ask several things, and a rule found
        by meaning to aftercare questions that name none."""
        if not self._examples or not len(self._examples["vectors"]):
            return messages
        for message in messages:
            text = as_written(message)
            if not text or text.startswith("/"):
                continue  # button payloads name what they want
            parts = self._parts(message)
            if parts:
                message.set(names.PARTS, parts, add_to_output=True)
                self._first_part_leads(message, parts[0])
            elif answer_by_words(message, text):
                # The clinic's own questions, money, a rule asked before the treatment
                # (components/whole_message_readings.py).
                answer = answer_by_words(message, text)
                override_intent(message, answer["intent"])
                if answer.get("response_key"):
                    self._first_part_leads(message, answer)
            elif says_only_when_treated(text) and not named_rule(text):
                # "I had microneedling 39 days ago" (a number the model took for an age): the
                # date is remembered (a symptom beside it is still triaged: that comes after).
                override_intent(message, names.INFORM_TREATMENT_DATE)
            elif self._asks_about_a_named_rule(text) or self._asks_about_an_unnamed_rule(message, text):
                # "I read that makeup is fine the same evening, right?", "my appointment is
                # today, can I work out tonight?": a question about that rule, whatever the model said.
                override_intent(message, names.ASK_AFTERCARE)
            if (message.get(INTENT) or {}).get(INTENT_NAME_KEY) == names.ASK_AFTERCARE:
                self._settle_rule(message)
        return messages
