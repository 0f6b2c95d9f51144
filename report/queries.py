"""Reading conversations from Rasa's SQL tracker store (SQLite or PostgreSQL).

Rasa's ``SQLTrackerStore`` keeps one row per event in the table ``events``
(sender_id, type_name, timestamp, data: the event as JSON). The report reads
them read-only, ordered as they happened, within a time range.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Iterator, List, Optional, Tuple

from sqlalchemy import create_engine, text

from stores.tracker_db import DEFAULT_DATABASE, tracker_store_url

Event = Tuple[str, dict]  # (sender_id, the event as Rasa stored it)


def database_url(database: Optional[str] = None) -> str:
    """The tracker store's URL (stores/tracker_db.py); a clear error when there is none yet."""
    url = tracker_store_url(database)
    if url is None:
        raise FileNotFoundError(f"no tracker store at {database or DEFAULT_DATABASE}: start the assistant once "
                                f"(make run), or pass --database PATH or set TRACKER_STORE_URL")
    return url


def _timestamp(moment: Optional[datetime]) -> Optional[float]:
    if moment is None:
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)).timestamp()


def read_events(url: str, since: Optional[datetime] = None, until: Optional[datetime] = None) -> List[Event]:
    """Every stored event from ``since`` (included) to ``until`` (excluded), in order."""
    query = "SELECT sender_id, data FROM events WHERE 1 = 1"
    params = {}
    if since is not None:
        query += " AND timestamp >= :since"
        params["since"] = _timestamp(since)
    if until is not None:
        query += " AND timestamp < :until"
        params["until"] = _timestamp(until)
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(text(query + " ORDER BY id"), params).fetchall()
    finally:
        engine.dispose()
    return [(sender, json.loads(data)) for sender, data in rows]


def by_conversation(events: List[Event]) -> Iterator[Tuple[str, List[dict]]]:
    """The events grouped by conversation, each in order."""
    grouped: dict = {}
    for sender, event in events:
        grouped.setdefault(sender, []).append(event)
    yield from grouped.items()
