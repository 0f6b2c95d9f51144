"""Where the conversations are: the tracker store's database, as `make run` configures it."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from knowledge.settings import tracker_store_env_url

DEFAULT_DATABASE = Path("var") / "conversations.db"


def tracker_store_url(database: Optional[str] = None) -> Optional[str]:
    """``TRACKER_STORE_URL`` (PostgreSQL) unless an SQLite file is given, else the SQLite file
    (default var/conversations.db); None when that file does not exist yet."""
    url = tracker_store_env_url()
    if url and not database:
        return url
    path = Path(database) if database else DEFAULT_DATABASE
    return f"sqlite:///{path.resolve()}" if path.is_file() else None
