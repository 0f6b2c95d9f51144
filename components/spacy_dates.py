"""spaCy's DATE/TIME entities from its NER alone.

Rasa's SpacyEntityExtractor runs the whole spaCy pipeline a second time on the
original text (SpacyNLP's run lowercases it, which is bad for NER). In
en_core_web_sm the NER has its own token-to-vector layer, so running only the
NER on the tokenised text gives the same entities (checked on every training
and held-out example) in less than half the time. And since this extractor is
the only reader of spaCy's entities, it switches the NER off in the shared
pipeline SpacyNLP runs on every message (most of that run's time, for
entities no one read; docs/nlu.md):
``nlp.get_pipe`` still hands it the disabled NER.
"""

from __future__ import annotations

from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.extractors.spacy_entity_extractor import SpacyEntityExtractor
from rasa.nlu.utils.spacy_utils import SpacyModel
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

NER = "ner"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False,
                          model_from="SpacyNLP")
class SpacyNerExtractor(SpacyEntityExtractor):
    """SpacyEntityExtractor (same ``dimensions`` setting) that runs only spaCy's NER."""

    def process(self, messages: List[Message], model: SpacyModel) -> List[Message]:
        """Adds the entities of the configured dimensions to each message."""
        nlp = model.model
        ner = nlp.get_pipe(NER)
        if NER in nlp.pipe_names:
            nlp.disable_pipe(NER)
        for message in messages:
            doc = ner(nlp.make_doc(message.get(TEXT) or ""))
            found = self.filter_irrelevant_entities(
                self.add_extractor_name(self._extract_entities(doc)), self._config["dimensions"])
            message.set(ENTITIES, message.get(ENTITIES, []) + found, add_to_output=True)
        return messages
