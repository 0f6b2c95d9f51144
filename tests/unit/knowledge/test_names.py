"""knowledge/names.py says each name once: each must be what domain.yml, the
rules and the pipeline call it, or Rasa would never route to it."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from knowledge import names
from knowledge.answers import load_knowledge
from knowledge.render import render

ROOT = Path(__file__).resolve().parents[3]
DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
RESPONSES = set(DOMAIN["responses"]) | set(render(load_knowledge())["responses"])
RASA_OWN = {names.NLU_FALLBACK, names.ACTION_LISTEN, names.ACTION_DEFAULT_FALLBACK, names.REQUESTED_SLOT}
# Said by the ActionServerDownPolicy from its own config (config.yml), not a domain response.
POLICY_OWN = {names.UTTER_ACTION_SERVER_DOWN}
PARSE_KEYS = {names.PARTS, names.TEXT_AS_WRITTEN, names.TRIAGE, names.CONDITIONS, names.INTENT_RANKING,
              names.RESPONSE_SELECTOR, names.INTENT_RESPONSE_KEY, names.UTTER_ACTION, names.RETRIEVAL_INTENT}


def constants():
    return sorted((key, value) for key, value in vars(names).items() if key.isupper() and isinstance(value, str))


@pytest.mark.parametrize("key, value", constants())
def test_every_name_is_the_domains(key, value):
    if value in RASA_OWN | POLICY_OWN | PARSE_KEYS:
        return
    known = (set(DOMAIN["intents"]) | set(DOMAIN["entities"]) | set(DOMAIN["slots"]) | set(DOMAIN["forms"])
             | set(DOMAIN["actions"]) | {r.split("/")[0] for r in RESPONSES} | RESPONSES)
    assert value in known, f"names.{key} = {value!r} is not in domain.yml"


def test_every_custom_action_of_the_domain_has_its_name():
    values = {value for _, value in constants()}
    assert sorted(a for a in DOMAIN["actions"] if a not in values) == []


def test_a_retrieval_response_is_named_as_rasa_names_it():
    assert names.faq_response("pain") == "utter_faq/pain" and "utter_faq/pain" in RESPONSES
    assert names.retrieval_response(names.OUT_OF_SCOPE, "cost") == "utter_out_of_scope/cost"
