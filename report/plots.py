"""The report's chart: conversations and messages per day (matplotlib, no display needed)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import List

from report.summary import Report


def days_covered(report: Report) -> List[date]:
    """Every day from the first to the last with a message (or the range asked), quiet days included."""
    seen = sorted(report.messages_per_day)
    first = report.since or (seen[0] if seen else None)
    last = (report.until - timedelta(days=1)) if report.until else (seen[-1] if seen else None)
    if first is None or last is None or last < first:
        return seen
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def per_day_chart(report: Report, path: Path) -> None:
    """A bar chart of messages per day with the conversations per day as a line."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    days = days_covered(report)
    positions = list(range(len(days)))  # one slot per day: a single day still reads as a day
    figure, axes = plt.subplots(figsize=(8, 3.2))
    axes.bar(positions, [report.messages_per_day.get(d, 0) for d in days], width=0.6, color="#99c7c1", label="messages")
    axes.plot(positions, [report.conversations_per_day.get(d, 0) for d in days], color="#0f766e", marker="o",
              label="conversations")
    axes.set_xlim(-1, max(len(days), 2))
    step = max(1, len(days) // 12)
    axes.set_xticks(positions[::step], [d.strftime("%d %b") for d in days][::step])
    axes.set_ylabel("per day")
    axes.legend(loc="upper left")
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    plt.close(figure)
