"""Reading the assistant's replies as a patient reads them: which kind of answer came back.

Shared by the whole-message and whole-conversation tests. Each bot message is
read as one kind: a triage level, ``faq:<topic>``, ``rule:<key>`` (with the
verdict it opens with), ``not_covered``, the clinic's ``contact`` / ``booking``
/ ``price`` / ``location``, a step of the call-back, ``ask_date``, chit-chat...,
or ``other``. The texts come from the knowledge file, clinic.yml's sentences and
domain.yml, so a change of wording there changes nothing here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Optional, Tuple

import yaml

from knowledge import names
from knowledge.answers import load_knowledge
from knowledge.not_covered import load_not_covered
from knowledge.render import render
from knowledge.settings import ROOT

KNOWLEDGE = load_knowledge()
RESPONSES = {name: variants[0]["text"] for name, variants in render(KNOWLEDGE)["responses"].items()}
DOMAIN = {name: variants[0]["text"] for name, variants in
          yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))["responses"].items()
          if variants and "text" in variants[0]}
LEVELS = {names.UTTER_SYMPTOM_EMERGENCY: "emergency", names.UTTER_WARNING_SIGNS: "urgent",
          names.UTTER_SYMPTOM_EXPECTED: "expected", names.UTTER_SYMPTOM_UNCLEAR: "unclear",
          names.UTTER_SYMPTOM_EMERGENCY_AGAIN: "emergency", names.UTTER_WARNING_SIGNS_AGAIN: "urgent"}
ESCALATED = ("emergency", "urgent")
NOT_COVERED_OPENING = load_not_covered().template.split("{label}")[0].strip()
AFTERCARE = KNOWLEDGE.aftercare_messages
CLINIC = KNOWLEDGE.clinic_messages
ASK_DATE = AFTERCARE["ask_date"]
# The first words of each verdict (the knowledge file's aftercare_messages).
VERDICTS = (("Yes, from the start", "always"), ("That one doesn't expire", "never"), ("Not yet", "not_yet"),
            ("Almost", "almost"), ("Yes", "yes"))


def _head(template: str) -> str:
    """The fixed words a filled template starts with."""
    return template.split("{")[0].strip()


def said(text: str, template: str) -> bool:
    """Whether ``text`` is the response ``template``, whatever the clinic's phone
    filled into its ``{clinic_contact}`` (clinic.yml)."""
    head, placeholder, tail = template.partition("{" + names.CLINIC_CONTACT + "}")
    return text.startswith(head) and text.endswith(tail) if placeholder else text == template


# Texts that open a kind of answer, checked in this order (the first that fits wins).
OPENINGS: List[Tuple[str, str]] = [
    (_head(AFTERCARE["unknown_topic"]), "rule:general"),
    (_head(AFTERCARE["general_intro"]), "rule:general"),
    (_head(AFTERCARE["plan_header"]), "plan"),
    (_head(AFTERCARE["plan_done"]), "plan"),
    (_head(AFTERCARE["noted"]), "date_noted"),
    (_head(AFTERCARE["future"]), "prepare"),
    (_head(AFTERCARE["bad_date"]), "ask_date"),
    (ASK_DATE, "ask_date"),
    (_head(CLINIC["lead_booking"]), "booking"),
    (_head(CLINIC["booking"]), "booking"),
    (_head(CLINIC["lead_cost"]), "price"),
    (_head(CLINIC["cost"]), "price"),
    (_head(CLINIC["human"]), "contact"),
    (_head(CLINIC["offer_callback"]), "callback_offer"),
    (_head(CLINIC["ask_callback_name"]), "callback_name"),
    (_head(CLINIC["ask_callback_contact"]), "callback_contact"),
    (_head(CLINIC["bad_name"]), "callback_name"),
    (_head(CLINIC["bad_contact"]), "callback_contact"),
    (_head(CLINIC["ask_callback_consent"]), "callback_consent"),
    (_head(CLINIC["bad_consent"]), "callback_consent"),
    (_head(CLINIC["callback_sent"]), "callback_done"),
    (_head(CLINIC["callback_saved"]), "callback_done"),
    (_head(CLINIC["callback_declined"]), "callback_declined"),
    (_head(CLINIC["feedback_thanks"]), "feedback_thanks"),
    (_head(CLINIC["feedback_sorry"]), "feedback_sorry"),
    (_head(CLINIC["greeting"]), "greet"),
    (_head(CLINIC["privacy_notice"]), "privacy_notice"),
    (_head(CLINIC["hours"]), "location"),
    (_head(CLINIC["open_now"]), "open_status"),
    (_head(CLINIC["closed_now"]), "open_status"),
    (DOMAIN["utter_greet"], "greet"),
    (DOMAIN["utter_thank"], "thanks"),
    (DOMAIN["utter_goodbye"], "goodbye"),
    (DOMAIN["utter_bot_challenge"], "bot_identity"),
    (DOMAIN["utter_other_language"], "english_only"),
    (DOMAIN["utter_ask_forget"], "delete_confirm"),
    (DOMAIN["utter_forgotten"], "deleted"),
    (DOMAIN["utter_forget_cancelled"], "delete_cancelled"),
    (DOMAIN["utter_contact_clinic"], "contact"),
    (DOMAIN["utter_anything_else"], "anything_else"),
    (DOMAIN["utter_rephrase"], "rephrase"),
    (KNOWLEDGE.capabilities, "capabilities"),
    (KNOWLEDGE.reply_messages["sources_intro"], "sources"),
    (KNOWLEDGE.did_you_mean, "did_you_mean"),
    (KNOWLEDGE.fallback, "fallback"),
    (KNOWLEDGE.empty_message, "empty"),
    (KNOWLEDGE.too_long, "too_long"),
] + [(_head(text), f"out_of_scope:{name.split('/')[1]}") for name, text in DOMAIN.items()
     if name.startswith("utter_out_of_scope/")]
# A location answer opens with the clinic's address ("Lumen Skin Clinic is at ..."):
LOCATION_MARK = " is at "
# An answer in a reply to several questions may keep only its first sentences.
FAQ_TEXTS = [(topic.answer[:60], key) for key, topic in KNOWLEDGE.topics.items()]


def kind_of(text: str) -> str:
    """What one bot message is."""
    text = text or ""
    level = next((lvl for name, lvl in LEVELS.items() if said(text, RESPONSES[name])), None)
    if level:
        return level
    faq = next((key for answer, key in FAQ_TEXTS if text.startswith(answer)), None)
    if faq:
        return "faq:" + faq
    if text.startswith(NOT_COVERED_OPENING):
        return "not_covered"
    for opening, kind in OPENINGS:
        if opening and text.startswith(opening):
            return kind
    if LOCATION_MARK in text.split(".")[0]:
        return "location"
    lowered = text.lower()
    rule = next((r.key for r in KNOWLEDGE.aftercare.values() if r.rule.lower() in lowered), None)
    if rule:
        return "rule:" + rule
    return "other"


def reading(texts: List[str]) -> List[str]:
    """The kind of each message of a reply."""
    return [kind_of(text) for text in texts]


def verdict_of(text: str) -> Optional[str]:
    """ "not_yet", "yes", "almost", "always", "never", or None for a rule without a verdict."""
    return next((verdict for opening, verdict in VERDICTS if text.startswith(opening)), None)


def texts_of(messages: List[Dict]) -> List[str]:
    """The texts of a reply, one per bot message (a buttons-only message counts as "")."""
    return [m.get("text") or "" for m in messages]


def load_yaml(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))
