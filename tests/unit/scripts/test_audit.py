"""The dependency audit's judgement of a pip-audit report (scripts/audit.py)."""

import importlib.util
from pathlib import Path

SPEC = importlib.util.spec_from_file_location("audit", Path(__file__).parents[3] / "scripts" / "audit.py")
audit = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(audit)

REPORT = {"dependencies": [
    {"name": "aiohttp", "version": "3.9.5", "vulns": [
        {"id": "GHSA-aaaa", "aliases": ["CVE-2024-0001"], "fix_versions": ["3.9.6"]},
        {"id": "PYSEC-2024-2", "aliases": [], "fix_versions": []}]},
    {"name": "rasa", "version": "3.6.21", "vulns": []},
    {"name": "tensorflow", "skip_reason": "Dependency not found on PyPI and could not be audited"},
]}


def test_a_finding_is_accepted_only_when_listed_by_id_or_alias():
    result = audit.classify(REPORT, {"CVE-2024-0001": "aiohttp: not exposed"})
    assert len(result["accepted"]) == 1 and "GHSA-aaaa" in result["accepted"][0]
    assert len(result["new"]) == 1 and "PYSEC-2024-2" in result["new"][0]


def test_unreachable_service_is_reported_as_not_audited_not_as_clean():
    result = audit.classify(REPORT, {})
    assert result["unaudited"] == ["tensorflow"]
    assert len(result["new"]) == 2


def test_the_known_findings_file_parses_and_every_entry_is_justified():
    assert all(why for why in audit.known_findings().values())
