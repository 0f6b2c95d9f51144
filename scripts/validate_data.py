"""Rasa's data checks, as `rasa data validate --fail-on-warnings`, but knowing
which responses the custom actions say.

Rasa's validator warns about every response no story or rule names, and
`--fail-on-warnings` turns that into a failure. The FAQ and out-of-scope
answers (``utter_faq/<topic>``, ``utter_out_of_scope/<kind>``) and the
triage answers are said by ``action_answer_question`` and ``action_triage``
(the message's several questions, the symptom's level), the plain greeting by
``action_greet``, so no rule names them. This runs the same checks (rasa/cli/utils.py ``validate_files``, Rasa
3.6.21) with those responses counted as used; every other warning still fails.

Usage: python scripts/validate_data.py  (from the project root)
"""

from __future__ import annotations

import sys
from typing import Set, Text

import rasa.cli.utils as rasa_cli
from rasa.shared.importers.importer import TrainingDataImporter
from rasa.validator import Validator

from knowledge import names
from knowledge.render import TRIAGE_RESPONSES
from scripts.rasa_warnings import ignore as ignore_rasa_own_warnings

# utter_greet is action_greet's answer for a clinic without a name, utter_forgotten action_forget_me's;
# utter_contact_clinic, utter_feedback and utter_forget_failed are said instead of their actions when the
# action server is down (config.yml); utter_callback_declined by the thread policy (a typed no to the offer).
SAID_BY_ACTIONS = ({f"utter_{intent}" for intent in names.RETRIEVAL_INTENTS} | set(TRIAGE_RESPONSES.values())
                   | {names.UTTER_GREET, names.UTTER_CONTACT_CLINIC, names.UTTER_FEEDBACK, names.UTTER_FORGOTTEN,
                      names.UTTER_FORGET_FAILED, names.UTTER_CALLBACK_DECLINED})


class ActionAwareValidator(Validator):
    """Rasa's validator; responses said by the custom actions count as used."""

    def _gather_utterance_actions(self) -> Set[Text]:
        return super()._gather_utterance_actions() - SAID_BY_ACTIONS


def main() -> int:
    ignore_rasa_own_warnings()
    importer = TrainingDataImporter.load_from_config("config.yml", "domain.yml", ["data"])
    validator = ActionAwareValidator.from_importer(importer)
    results = [
        rasa_cli._validate_domain(validator),
        rasa_cli._validate_nlu(validator, True),
        rasa_cli._validate_story_structure(validator, None, True),
    ]
    if not all(results):
        print("Project validation completed with errors.", file=sys.stderr)
        return 1
    print("Project validation passed (as --fail-on-warnings).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
