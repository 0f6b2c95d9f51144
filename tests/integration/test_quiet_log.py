"""Normal traffic leaves no ERROR in the servers' logs: an operator who sees
ERROR on every menu button stops reading the log (issue 26). Rasa fills slot
placeholders in a response's buttons too and read the JSON of
``/choose_topic{"topic":"procedure"}`` as one; knowledge/render.py escapes it."""

from __future__ import annotations

from pathlib import Path
from typing import List


def _payloads(messages: List[dict]) -> List[str]:
    return [b["payload"] for m in messages for b in m.get("buttons") or []]


def _new_lines(path: str, start: int) -> List[str]:
    return Path(path).read_text(errors="replace")[start:].splitlines()


def test_the_menu_did_you_mean_and_follow_up_buttons_log_no_error(servers, ask):
    logs = [servers["rasa_log"], servers["actions_log"]]
    starts = [Path(p).stat().st_size for p in logs]

    menu = ask("/capabilities")  # "what can you do?": the topic menu (a domain response with buttons)
    topics = [p for p in _payloads(menu) if p.startswith('/choose_topic{"topic":')]
    assert topics, menu
    answer = ask(topics[0])  # a menu button: the FAQ answer, with its follow-up buttons
    follow_ups = [p for p in _payloads(answer) if p.startswith('/choose_topic{"topic":')]
    assert follow_ups and all("{{" not in p for p in _payloads(answer)), answer
    assert ask(follow_ups[0])[0]["text"]  # a follow-up button
    suggestions = [p for p in _payloads(ask("/nlu_fallback")) if p.startswith("/choose_topic")]  # did you mean
    assert suggestions
    assert ask(suggestions[0])[0]["text"]

    errors = [line for path, start in zip(logs, starts) for line in _new_lines(path, start) if " ERROR " in line]
    assert errors == []
