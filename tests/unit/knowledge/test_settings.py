"""One place for settings and one clock (knowledge/settings.py)."""

from __future__ import annotations

import ast
import re
from datetime import datetime, timezone
from pathlib import Path

import pytest

from knowledge import settings
from knowledge.aftercare_text import timed_answer
from knowledge.answers import load_knowledge
from knowledge.treatment_dates import split_treatment_and_target

ROOT = Path(__file__).resolve().parents[3]
CODE = [p for package in ("actions", "bench", "channels", "components", "deploy", "knowledge", "privacy", "report",
                          "stores") for p in (ROOT / package).rglob("*.py")]


def _environment_reads(path: Path):
    """Names read with os.environ.get("X"), os.environ["X"] or os.getenv("X")."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        target = None
        if isinstance(node, ast.Call) and getattr(node.func, "attr", "") in ("get", "getenv") and node.args:
            owner = ast.unparse(node.func.value) if isinstance(node.func, ast.Attribute) else ""
            if owner in ("os.environ", "os"):
                target = node.args[0]
        elif isinstance(node, ast.Subscript) and ast.unparse(node.value) == "os.environ":
            target = node.slice
        if isinstance(target, ast.Constant):
            yield target.value


def test_only_the_settings_module_reads_the_environment():
    readers = {str(p.relative_to(ROOT)): sorted(set(_environment_reads(p))) for p in CODE}
    assert {path: found for path, found in readers.items() if found and path != "knowledge/settings.py"} == {}


def test_every_variable_the_project_names_is_listed_with_its_default():
    listed = {v.name for v in settings.VARIABLES}
    named = set()
    for path in [ROOT / "Makefile", ROOT / "scripts" / "run.sh", ROOT / "credentials.yml", ROOT / "endpoints.yml",
                 ROOT / "deploy" / "endpoints.cluster.yml", ROOT / "scripts" / "telegram_webhook.py",
                 ROOT / "scripts" / "audit.py"]:
        text = path.read_text(encoding="utf-8")
        named |= set(re.findall(r"\$\{([A-Z][A-Z0-9_]+)", text)) | set(re.findall(r'environ(?:\.get)?\(?\[?"([A-Z_]+)"', text))
        if path.name == "Makefile":
            named |= set(re.findall(r"^([A-Z][A-Z0-9_]+) +\?=", text, re.M))
    assert sorted(named - listed) == []
    assert all(v.default and v.meaning and v.where for v in settings.VARIABLES)


def test_the_docs_table_lists_every_variable():
    table = (ROOT / "docs" / "environment.md").read_text(encoding="utf-8")
    assert [v.name for v in settings.VARIABLES if f"`{v.name}`" not in table] == []


def test_an_unlisted_variable_is_refused():
    with pytest.raises(KeyError):
        settings.env("NOT_A_SETTING")


def _clinic(tmp_path, zone: str) -> Path:
    path = tmp_path / "clinic.yml"
    path.write_text(f'name: "Test Clinic"\ntimezone: "{zone}"\n', encoding="utf-8")
    return path


class _FrozenUtc(datetime):
    """23:30 in New York on 3 December is 04:30 UTC on 4 December."""

    @classmethod
    def now(cls, tz=None):
        moment = datetime(2026, 12, 4, 4, 30, tzinfo=timezone.utc)
        return moment.astimezone(tz) if tz else moment.replace(tzinfo=None)


def test_now_is_the_clinics_local_time_when_only_clinic_yml_sets_the_timezone(monkeypatch, tmp_path):
    monkeypatch.setenv("TZ", "UTC")
    monkeypatch.delenv("ASSISTANT_TIMEZONE", raising=False)
    monkeypatch.setenv("CLINIC_FILE", str(_clinic(tmp_path, "America/New_York")))
    monkeypatch.setattr(settings, "datetime", _FrozenUtc)
    now = settings.now()
    assert (now.date().isoformat(), now.hour, now.minute) == ("2026-12-03", 23, 30)


def test_the_aftercare_verdict_counts_days_on_the_clinics_calendar(monkeypatch, tmp_path):
    """ "yesterday", said at 23:30 in New York, is 2 December (the machine, in UTC, is
    already on 4 December): the 3-day wait ends on Sat 5 Dec, not Sun 6 Dec."""
    monkeypatch.setenv("TZ", "UTC")
    monkeypatch.delenv("ASSISTANT_TIMEZONE", raising=False)
    monkeypatch.setenv("CLINIC_FILE", str(_clinic(tmp_path, "America/New_York")))
    monkeypatch.setattr(settings, "datetime", _FrozenUtc)
    now = settings.now()
    treated = split_treatment_and_target("I had it yesterday", [], now).treatment
    assert treated.day.isoformat() == "2026-12-02"
    knowledge = load_knowledge()
    answer = timed_answer(knowledge, knowledge.aftercare["exercise"], treated, now, now)
    assert answer.startswith("Not yet") and "Sat 5 Dec" in answer


def test_assistant_timezone_wins_over_clinic_yml(monkeypatch, tmp_path):
    monkeypatch.setenv("CLINIC_FILE", str(_clinic(tmp_path, "America/New_York")))
    monkeypatch.setenv("ASSISTANT_TIMEZONE", "Asia/Tokyo")
    assert settings.timezone_name() == "Asia/Tokyo"
