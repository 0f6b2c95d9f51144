"""The current time in the clinic's timezone (``ASSISTANT_TIMEZONE``, IANA name).

Without the variable, the machine's local timezone is used. Kept in one place
so tests can replace it.
"""

import os
from datetime import datetime
from zoneinfo import ZoneInfo


def now() -> datetime:
    """Timezone-aware current time."""
    name = os.environ.get("ASSISTANT_TIMEZONE")
    return datetime.now(ZoneInfo(name)) if name else datetime.now().astimezone()
