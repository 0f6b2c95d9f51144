"""Keeping patients' conversations only as long as needed, and deleting them on request.

    python -m privacy.retention purge [--days N] [--database PATH]   # `make purge`
    python -m privacy.retention forget SENDER_ID [--database PATH]
    python -m privacy.retention schedule [--every-hours 6]            # started by `make run`, the cluster

A conversation whose last message is older than the retention period
(``RETENTION_DAYS`` in the environment, else ``retention_days`` in clinic.yml,
else 30 days) is deleted from the tracker store (SQLite or PostgreSQL by
``TRACKER_STORE_URL``) with everything in it (feedback votes are events too),
and call-back requests older than the period are deleted from var/callbacks/.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import List, Optional

from sqlalchemy import create_engine, text

from knowledge.clinic import retention_days
from knowledge.settings import var_dir
from stores.tracker_db import tracker_store_url

logger = logging.getLogger(__name__)

@dataclass(frozen=True)
class Purged:
    conversations: int
    events: int
    callbacks: int


def _execute(url: str, statement: str, **params) -> int:
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            tables = engine.dialect.has_table(connection, "events")
            return connection.execute(text(statement), params).rowcount if tables else 0
    finally:
        engine.dispose()


def purge_conversations(url: str, before: datetime) -> Purged:
    """Deletes every conversation whose last event is before ``before``."""
    stale = ("SELECT sender_id FROM events GROUP BY sender_id HAVING MAX(timestamp) < :cutoff")
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            if not engine.dialect.has_table(connection, "events"):
                return Purged(0, 0, 0)
            senders = [row[0] for row in connection.execute(text(stale), {"cutoff": before.timestamp()})]
            events = 0
            for sender in senders:
                events += connection.execute(text("DELETE FROM events WHERE sender_id = :sender"),
                                             {"sender": sender}).rowcount
    finally:
        engine.dispose()
    return Purged(len(senders), events, 0)


def forget_conversation(url: str, sender_id: str) -> int:
    """Deletes every stored event of one conversation; returns how many."""
    return _execute(url, "DELETE FROM events WHERE sender_id = :sender", sender=sender_id)


def purge_callbacks(var_dir: Path, before: datetime) -> int:
    """Deletes call-back requests (sent or pending) saved before ``before``."""
    deleted = 0
    for path in (var_dir / "callbacks").glob("*/*.json"):
        if path.stat().st_mtime < before.timestamp():
            path.unlink()
            deleted += 1
    return deleted


def purge(database: Optional[str] = None, days: Optional[int] = None, now: Optional[datetime] = None) -> Purged:
    """Everything older than the retention period, from the store and var/."""

    before = (now or datetime.now(timezone.utc)) - timedelta(days=days or retention_days())
    url = tracker_store_url(database)
    result = purge_conversations(url, before) if url else Purged(0, 0, 0)
    callbacks = purge_callbacks(var_dir(), before)
    logger.info("retention: %d conversations (%d events) and %d call-back requests older than %s deleted",
                result.conversations, result.events, callbacks, before.isoformat(timespec="seconds"))
    return Purged(result.conversations, result.events, callbacks)


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m privacy.retention", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    purge_command = commands.add_parser("purge", help="delete what is older than the retention period")
    purge_command.add_argument("--days", type=int, help="instead of RETENTION_DAYS / clinic.yml")
    forget_command = commands.add_parser("forget", help="delete one conversation now")
    forget_command.add_argument("sender_id")
    schedule = commands.add_parser("schedule", help="purge now and then every few hours, until stopped")
    schedule.add_argument("--every-hours", type=float, default=6.0)
    for command in (purge_command, forget_command, schedule):
        command.add_argument("--database", help="an SQLite tracker store (default var/conversations.db, "
                                                "or TRACKER_STORE_URL when set)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s - %(message)s")
    try:
        if args.command == "forget":
            url = tracker_store_url(args.database)
            deleted = forget_conversation(url, args.sender_id) if url else 0
            print(f"{deleted} events of {args.sender_id} deleted")
        elif args.command == "purge":
            result = purge(args.database, args.days)
            print(f"{result.conversations} conversations ({result.events} events) and {result.callbacks} "
                  f"call-back requests deleted")
        else:
            while True:
                try:
                    purge(args.database)
                except Exception:  # noqa: BLE001 - the store may be restarting: try again next time
                    logger.exception("retention: purge failed, retrying in %.1f hours", args.every_hours)
                time.sleep(args.every_hours * 3600)
    except ValueError as error:
        print(f"privacy.retention: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
