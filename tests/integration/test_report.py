"""`make report` on what the real servers stored (SQLite; PostgreSQL in test_scale_out.py):
run as the clinic runs it, on a conversation whose every route is certain."""

from __future__ import annotations

import subprocess
import sys

from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLReader

from deploy.servers import ROOT
from knowledge.answers import load_knowledge, topic_payload
from knowledge.feedback import feedback_buttons
from tests.integration.conftest import asker, make_report, new_sender

MESSAGES = load_knowledge().clinic_messages


def test_the_report_shows_the_unanswered_question_the_thumbs_down_and_the_warning_sign(servers, request,
                                                                                        tmp_path):
    ask = asker(servers["rasa"], new_sender(request))
    ask(topic_payload("pain"))  # an FAQ answer, by its button
    ask(feedback_buttons("faq/pain", MESSAGES)[1]["payload"])  # 👎
    ask("ghfjd trewq")  # a keyboard mash: out of scope, whatever the model says
    ask("my lips are swelling and i can't breathe")  # a warning sign, by the word tables

    summary = make_report(tmp_path, "--database", servers["database"], "--days", "2")
    assert "conversations" in summary
    page = (tmp_path / "index.html").read_text()
    assert "ghfjd trewq" in page
    assert "faq/pain" in page and "Answers marked 👎" in page
    assert "emergency" in page
    assert (tmp_path / "per_day.png").stat().st_size > 1000
    examples = RasaYAMLReader().reads((tmp_path / "unanswered.yml").read_text()).training_examples
    labelled = {e.get("text"): e.get("intent") for e in examples}
    assert labelled["ghfjd trewq"] == "unlabelled_outside_what_it_knows"


def test_a_missing_store_is_a_clear_error(tmp_path):
    done = subprocess.run([sys.executable, "-m", "report.build", "--database", str(tmp_path / "none.db"),
                           "--out", str(tmp_path)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and "no tracker store at" in done.stderr
