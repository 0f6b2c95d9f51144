"""Whole messages as strangers write them, through the real servers (REST).

The sets in tests/whole_messages/ were written apart from the training data
by someone who read only the articles and the issue (see each file's
header). Each message is sent as a new conversation; the reply is read the way
a patient reads it: which answer came back. The gates are issue 18's: every
emergency or urgent symptom escalated, at most 5 % of ordinary healing
escalated, no FAQ answer to a condition the articles don't cover, and at
least 95 % of the others (two questions in one, a date and a question,
activities and products, claims) answered right, taken together. Each set of
the others is also held on its own: at 95 %, or, for the activity sets, at a
floor a little under what it reaches (``FLOORS``), so that no set slips while
the whole still passes. Each test prints its score and lists the messages it
got wrong.
"""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from pathlib import Path
from typing import List, Optional

import pytest
import requests
import yaml

from knowledge import settings
from knowledge.aftercare_rules import Status, verdict
from knowledge.moments import When, start_of_day
from tests.integration.replies import ASK_DATE, ESCALATED, KNOWLEDGE, reading

SETS = Path(__file__).resolve().parents[1] / "whole_messages"
# Replies are read as tests/integration/replies.py reads them (shared with the conversations).
# Each activity set on its own, a little under what two trainings reached (a
# retraining moves a set by a point or two); docs/whole-messages.md.
TARGET = 0.95
FLOORS = {"activities": 0.93, "activities_2": 0.93, "activities_3": 0.92, "activities_4": 0.93, "activities_5": 0.91}


def load_set(name: str) -> List[dict]:
    return yaml.safe_load((SETS / f"{name}.yml").read_text(encoding="utf-8"))


def _send(base_url: str, text: str, sender: str) -> List[str]:
    response = requests.post(f"{base_url}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=60)
    response.raise_for_status()
    return [m.get("text") or "" for m in response.json()]


def _conversation(base_url: str, text: str, date_when_asked: Optional[str]) -> List[str]:
    sender = f"whole-{uuid.uuid4().hex}"
    texts = _send(base_url, text, sender)
    if date_when_asked and texts and texts[-1] == ASK_DATE:
        texts += _send(base_url, date_when_asked, sender)  # as a patient would answer the prompt
    return texts


def replies_to(servers, items: List[dict], date_when_asked: Optional[str] = None) -> List[List[str]]:
    """Each item's text sent as a new conversation; the bot's texts, in order.
    ``date_when_asked``: the answer given when the bot asks for the treatment date."""
    with ThreadPoolExecutor(max_workers=3) as pool:
        return list(pool.map(lambda item: _conversation(servers["rasa"], item["text"], date_when_asked), items))


def score(name: str, items: List[dict], replies: List[List[str]], right) -> float:
    """The share of items ``right(item, texts, kinds)`` accepts; prints the misses."""
    misses = []
    for item, texts in zip(items, replies):
        if not right(item, texts, reading(texts)):
            misses.append(f"  {item['text']!r} -> {reading(texts)} {[t[:70] for t in texts]}")
    share = 1 - len(misses) / len(items)
    print(f"\n{name}: {len(items) - len(misses)}/{len(items)} right ({share:.1%})\n" + "\n".join(misses))
    silent = [item["text"] for item, texts in zip(items, replies) if not any(texts)]
    assert silent == [], "never silent: these messages got no reply"
    return share


@pytest.fixture(scope="module", params=["symptoms", "symptoms_2"])
def symptoms(servers, request):
    """Two symptom sets, by two writers who saw neither the project nor each other's set."""
    items = load_set(request.param)
    return items, replies_to(servers, items)


def test_every_warning_sign_is_escalated(symptoms):
    items, replies = symptoms
    signs = [(i, r) for i, r in zip(items, replies) if i["level"] in ESCALATED]
    assert len(signs) >= 110
    escalated = score("warning signs escalated", [i for i, _ in signs], [r for _, r in signs],
                      lambda item, texts, kinds: bool(kinds) and kinds[0] in ESCALATED)
    assert escalated == 1.0, "a warning sign was not escalated"


def test_emergencies_say_call_emergency_services_first(symptoms):
    items, replies = symptoms
    cases = [(i, r) for i, r in zip(items, replies) if i["level"] == "emergency"]
    share = score("emergencies answered as emergencies", [i for i, _ in cases], [r for _, r in cases],
                  lambda item, texts, kinds: kinds[:1] == ["emergency"])
    assert share >= TARGET


def test_ordinary_healing_is_reassured_not_escalated(symptoms):
    items, replies = symptoms
    cases = [(i, r) for i, r in zip(items, replies) if i["level"] == "expected"]
    assert len(cases) >= 55
    pairs = ([i for i, _ in cases], [r for _, r in cases])
    false_alarms = 1 - score("ordinary healing not escalated", *pairs,
                             lambda item, texts, kinds: not set(kinds) & set(ESCALATED))
    reassured = score("ordinary healing reassured", *pairs, lambda item, texts, kinds: kinds[:1] == ["expected"])
    assert false_alarms <= 0.05
    assert reassured >= TARGET


def test_unclear_symptoms_get_a_question_back_or_the_clinic_never_did_you_mean(symptoms):
    items, replies = symptoms
    cases = [(i, r) for i, r in zip(items, replies) if i["level"] == "unclear"]
    share = score("unclear symptoms asked about", [i for i, _ in cases], [r for _, r in cases],
                  lambda item, texts, kinds: bool(kinds) and kinds[0] in ("unclear",) + ESCALATED)
    assert share >= TARGET


@pytest.mark.parametrize("name", ["not_covered", "not_covered_2"])
def test_conditions_the_articles_dont_cover_never_get_an_faq_answer(servers, name):
    items = load_set(name)
    assert len(items) >= 40
    replies = replies_to(servers, items)
    no_faq = score("not-covered without an FAQ answer", items, replies,
                   lambda item, texts, kinds: not any(k.startswith("faq:") for k in kinds))
    said_so = score("not-covered said so", items, replies, lambda item, texts, kinds: "not_covered" in kinds)
    assert no_faq == 1.0
    assert said_so >= TARGET


def _expects(key: str) -> str:
    return key if key.startswith("rule:") else "faq:" + key


def _every_question_in_order(item, texts, kinds) -> bool:
    wanted = [_expects(k) for k in item["expects"]]
    answered = [k for k in kinds if k.startswith(("faq:", "rule:"))]
    positions = [answered.index(w) if w in answered else -1 for w in wanted]
    return -1 not in positions and positions == sorted(positions)


def _expected_status(item: dict, now: datetime) -> Status:
    rule = KNOWLEDGE.aftercare[item["rule"]]
    treated_day = now.date() - timedelta(days=item["treated_days_ago"])
    treated = When("", start_of_day(treated_day, now), False)
    asked = item.get("asked_days_after_treatment")
    at = now if asked is None else start_of_day(treated_day + timedelta(days=asked), now)
    return verdict(rule, treated, at).status


# The first words of each verdict (knowledge file's aftercare_messages).
OPENINGS = {Status.NOT_YET: "Not yet", Status.BOUNDARY: "Almost", Status.OK: "Yes",
            Status.ALWAYS: "Yes, from the start", Status.NEVER: "That one doesn't expire"}


def _verdict_for_the_time_asked(item, texts, kinds) -> bool:
    wanted = "rule:" + item["rule"]
    if wanted not in kinds or "ask_date" in kinds:
        return False
    answer = texts[kinds.index(wanted)]
    status = _expected_status(item, settings.now())
    # The last day of a window counted in days is "almost" (fine later that day);
    # a treatment time said in the message ("this morning") makes it "not yet, until 12:00".
    accepted = (Status.BOUNDARY, Status.NOT_YET) if status is Status.BOUNDARY else (status,)
    return any(answer.startswith(OPENINGS[s]) for s in accepted)


def _general(texts: List[str]) -> bool:
    return KNOWLEDGE.aftercare_messages["unknown_topic"] in texts


def _the_rule_it_falls_under(item, texts, kinds) -> bool:
    if item["rule"] == "general":
        return _general(texts) or not any(k.startswith("rule:") for k in kinds)
    return bool(kinds) and ("rule:" + item["rule"]) in kinds and not _general(texts)


def _claim_verdict(texts: List[str]) -> Optional[bool]:
    claims = KNOWLEDGE.aftercare_messages
    for text in texts:
        if text.startswith(claims["claim_true"].split("{")[0]):
            return True
        if text.startswith(claims["claim_false"].split("{")[0]):
            return False
    return None


def _claim_checked(item, texts, kinds) -> bool:
    return ("rule:" + item["rule"]) in kinds and _claim_verdict(texts) is item["claim_true"]


ACTIVITY_SETS = ["activities", "activities_2", "activities_3", "activities_4", "activities_5"]
# Issue 18's "the others": every message that is neither a symptom nor a condition
# the articles don't cover; what counts as right for each set, and its least size.
OTHER_SETS = {"two_questions": ("every question answered, in order", _every_question_in_order, 30),
              "date_and_question": ("date and question: the verdict for the time asked",
                                    _verdict_for_the_time_asked, 20),
              **{name: (f"{name}: the rule they fall under", _the_rule_it_falls_under, 60) for name in ACTIVITY_SETS},
              "claims": ("claims checked", _claim_checked, 10)}


@pytest.fixture(scope="module")
def others(servers):
    """Every set of "the others", each message sent once; name -> (items, replies).
    A question about a time in an activity set ("tennis tomorrow?") asks for the
    date first: the patient answers "yesterday" and the rule comes with the verdict."""
    sent = {}
    for name in OTHER_SETS:
        items = load_set(name)
        sent[name] = items, replies_to(servers, items, "yesterday" if name in ACTIVITY_SETS else None)
    return sent


def _score_of(others, name: str) -> float:
    label, right, least = OTHER_SETS[name]
    items, replies = others[name]
    assert len(items) >= least
    return score(label, items, replies, right)


def test_each_question_of_a_message_gets_its_answer_in_order(others):
    assert _score_of(others, "two_questions") >= TARGET


def test_a_date_and_a_question_in_one_message_get_the_verdict_for_the_time_asked(others):
    assert _score_of(others, "date_and_question") >= TARGET


@pytest.mark.parametrize("name", ACTIVITY_SETS)
def test_activities_and_products_not_named_get_the_rule_they_fall_under(others, name):
    assert _score_of(others, name) >= FLOORS[name]


def test_claims_are_checked_against_the_articles_rule(others):
    assert _score_of(others, "claims") >= TARGET


def test_at_least_95_percent_of_all_the_other_messages_get_the_right_answer(others):
    """Issue 18's gate over "the others" as a whole (two questions, a date and a
    question, activities and products, claims)."""
    right = total = 0
    for name, (_, accepts, _) in OTHER_SETS.items():
        items, replies = others[name]
        right += sum(bool(accepts(item, texts, reading(texts))) for item, texts in zip(items, replies))
        total += len(items)
    print(f"\nall the others: {right}/{total} right ({right / total:.1%})")
    assert right / total >= TARGET


def _whole_reply(base_url: str, text: str) -> List[dict]:
    response = requests.post(f"{base_url}/webhooks/rest/webhook",
                             json={"sender": f"phone-{uuid.uuid4().hex}", "message": text}, timeout=60)
    response.raise_for_status()
    return response.json()


def test_a_reply_to_two_or_three_questions_fits_a_phone(servers):
    """Issue 27: at most 1,000 characters with its sources and buttons, the sources
    once (by short title), one set of buttons; every answer still names its articles."""
    items = load_set("two_questions")
    with ThreadPoolExecutor(max_workers=3) as pool:
        replies = list(pool.map(lambda item: _whole_reply(servers["rasa"], item["text"]), items))
    too_long, cited_twice, several_button_sets = [], [], []
    for item, messages in zip(items, replies):
        texts = [m.get("text") or "" for m in messages]
        size = sum(len(t) for t in texts) + sum(len(b.get("title") or "") for m in messages for b in m.get("buttons") or [])
        if size > 1000:
            too_long.append((item["text"], size))
        if sum(line.startswith(("Source:", "Sources:")) for t in texts for line in t.splitlines()) > 1:
            cited_twice.append(item["text"])
        if sum(bool(m.get("buttons")) for m in messages) > 1:
            several_button_sets.append(item["text"])
    assert (too_long, cited_twice, several_button_sets) == ([], [], [])
