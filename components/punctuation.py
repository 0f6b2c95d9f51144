"""One way to end a sentence, for the text the classifiers see.

Most FAQ training examples end in "?" and most others don't, so the models
learnt "?" as a sign of an FAQ: "see ya?" or "is this a real human?" went to
an FAQ answer. Every message, in training and at run time, now has its "?"
and "!" turned into "." and ends with "."; that takes the shortcut away and
helps spaCy's NER ("can I go to the gym tomorrow." gets its DATE, "...tomorrow?"
did not). Replacing one character with one and appending at the end keeps
every character offset, so annotated entities stay where they are.
"""

from __future__ import annotations

import re
from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from components.base import StatelessComponent
from knowledge import names

# Only the closing marks: an opening "¿" or "¡" is a sign of Spanish, which the
# other_language intent needs.
_MARKS = re.compile(r"[?!]")
# The message as the user wrote it, for the components that read question
# marks (components/message_parts.py) or whole sentences (safety_overrides.py).


def as_written(message: Message) -> str:
    """The user's own text (before the "?" became ".")."""
    return message.get(names.TEXT_AS_WRITTEN) or message.get(TEXT) or ""


# A question asked for someone else ("my friend wants to know if it hurts", "asking for my
# mum: ..."): the classifiers see the question alone. Blanked with spaces, so offsets stay.
_ASKED_FOR = re.compile(
    r"^\W*(?:(?:i'?m |just )?asking for (?:a|my) \w+\s*[,:.-]?\s*"
    r"|(?:(?:my|a|our) (?:\w+ ){0,2}?(?:friend|mate|pal|sister|brother|mum|mom|mother|dad|father|wife|husband|partner"
    r"|daughter|son|girlfriend|boyfriend|bf|gf|colleague|cousin|aunt|auntie|niece|nephew|flatmate|roommate|client)"
    r"|she|he|they)(?: also| just)? (?:(?:wants|wanted|would like) (?:to know|me to ask)|is asking|asked|is wondering"
    r"|was wondering|wonders)(?: if| whether)?\s+)", re.IGNORECASE)


def normalised(text: str) -> str:
    """ "does it hurt?" -> "does it hurt.", "see ya" -> "see ya."; offsets unchanged."""
    if not text.strip():
        return text
    frame = _ASKED_FOR.match(text)
    if frame and len(text[frame.end():].split()) >= 2:
        text = " " * frame.end() + text[frame.end():]
    text = _MARKS.sub(".", text)
    return text if text.rstrip().endswith(".") else text + "."


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=False)
class PunctuationNormaliser(StatelessComponent):
    """First in the pipeline: the same text clean-up for training examples and user messages."""

    @staticmethod
    def _normalise(message: Message) -> None:
        text = message.get(TEXT)
        if text and not text.startswith("/"):  # button payloads stay as they are
            message.set(names.TEXT_AS_WRITTEN, text)
            message.set(TEXT, normalised(text))

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """Normalises the training examples."""
        for example in training_data.training_examples:
            self._normalise(example)
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        """Normalises the user's messages."""
        for message in messages:
            self._normalise(message)
        return messages
