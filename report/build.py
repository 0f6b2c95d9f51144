"""``make report``: what patients asked, for the clinic, from the tracker store.

    python -m report.build [--since 2026-11-01] [--until 2026-11-30] [--database var/conversations.db]

Writes ``results/report/index.html`` (figures, a chart, the questions it could
not answer, the 👎 answers) and ``results/report/unanswered.yml`` (those
questions as Rasa NLU YAML, to label and add to data/nlu/). Reads
``TRACKER_STORE_URL`` (PostgreSQL) like ``make run``, else the SQLite file.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime, time, timedelta
from html import escape
from pathlib import Path
from string import Template
from typing import List, Optional, Sequence, Tuple

from knowledge import settings
from report.plots import per_day_chart
from report.queries import by_conversation, database_url, read_events
from report.summary import Report, summarise, unanswered_by_kind

TEMPLATE = Path(__file__).with_name("template.html")
CHART = "per_day.png"
UNANSWERED_FILE = "unanswered.yml"
TOP_TOPICS = 20


def _rows(cells: Sequence[Tuple]) -> str:
    if not cells:
        return '<tr><td colspan="3" class="none">none</td></tr>'
    return "\n".join("<tr>" + "".join(f"<td>{escape(str(c))}</td>" for c in row) + "</tr>" for row in cells)


def render_html(report: Report, title: str) -> str:
    """The report page; every stored text is escaped (patients typed it)."""
    period = f"{report.since or 'the first message'} to {(report.until - timedelta(days=1)) if report.until else 'now'}"
    total = sum(report.topics.values()) or 1
    topics = [(t, n, f"{100 * n / total:.0f} %") for t, n in report.topics.most_common(TOP_TOPICS)]
    unanswered = "\n".join(f"<h3>{escape(kind)} ({sum(n for _, n in rows)})</h3>\n<table><tr><th>question</th>"
                           f"<th>times</th></tr>\n{_rows(rows)}</table>"
                           for kind, rows in unanswered_by_kind(report).items()) or '<p class="none">none</p>'
    down = [(answer, question, n) for (answer, question), n in report.thumbs_down.most_common()]
    return Template(TEMPLATE.read_text(encoding="utf-8")).substitute(
        title=escape(title), period=escape(period), conversations=report.conversations,
        messages=report.messages, chart=CHART, topics=_rows(topics), unanswered=unanswered,
        votes_up=report.votes.get("up", 0), votes_down=report.votes.get("down", 0), thumbs_down=_rows(down),
        warning_signs=_rows(sorted(report.warning_signs.items())),
        callbacks=_rows(sorted(report.callbacks.items())), unanswered_file=UNANSWERED_FILE)


def _yaml_line(text: str) -> str:
    # One example per line; Rasa reads "[x](y)" as an entity, so brackets are kept out.
    return " ".join(text.replace("[", "(").replace("]", ")").split())


def render_unanswered(report: Report) -> str:
    """The unanswered questions as Rasa NLU YAML: one block per kind, most asked first."""
    lines = ['version: "3.1"', "",
             "# Questions the assistant did not answer (make report). Move each example under the",
             "# intent it belongs to in data/nlu/ (faq/<topic>, ask_aftercare, out_of_scope/<key>...),",
             "# or add the answer to knowledge/microneedling.yml first; then make train.", "nlu:"]
    for kind, rows in unanswered_by_kind(report).items():
        lines += [f"- intent: unlabelled_{kind.replace(' ', '_')}", "  examples: |"]
        lines += [f"    - {_yaml_line(text)}" for text, _ in rows]
    return "\n".join(lines) + "\n"


def build(out: Path, since: Optional[date], until: Optional[date], database: Optional[str]) -> Report:
    """Reads the store, writes the page, the chart and the YAML into ``out``."""
    from knowledge.clinic import load_clinic

    clinic = load_clinic()
    zone = clinic.zone
    start = datetime.combine(since, time(), zone) if since else None
    end = datetime.combine(until + timedelta(days=1), time(), zone) if until else None
    events = read_events(database_url(database), start, end)
    report = summarise(by_conversation(events), zone, since, until + timedelta(days=1) if until else None)
    out.mkdir(parents=True, exist_ok=True)
    per_day_chart(report, out / CHART)
    (out / "index.html").write_text(render_html(report, clinic.name or "The assistant"), encoding="utf-8")
    (out / UNANSWERED_FILE).write_text(render_unanswered(report), encoding="utf-8")
    return report


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="make report", description=__doc__.split("\n\n")[0])
    parser.add_argument("--since", type=date.fromisoformat, help="first day (YYYY-MM-DD), in the clinic's timezone")
    parser.add_argument("--until", type=date.fromisoformat, help="last day included (YYYY-MM-DD)")
    parser.add_argument("--days", type=int, help="the last N days, today included (instead of --since)")
    parser.add_argument("--database", help="an SQLite tracker store (default var/conversations.db, "
                                           "or TRACKER_STORE_URL when set)")
    parser.add_argument("--out", type=Path, default=Path("results") / "report")
    args = parser.parse_args(argv)
    since = args.since
    if args.days:
        since = (args.until or settings.now().date()) - timedelta(days=args.days - 1)
    if since and args.until and args.until < since:
        parser.error("--until is before --since")
    try:
        report = build(args.out, since, args.until, args.database)
    except FileNotFoundError as error:
        print(f"make report: {error}", file=sys.stderr)
        return 1
    print(f"{report.conversations} conversations, {report.messages} messages, "
          f"{sum(report.unanswered.values())} unanswered, {report.votes.get('down', 0)} thumbs down: "
          f"{args.out / 'index.html'}, {args.out / UNANSWERED_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
