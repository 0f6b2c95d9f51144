"""No phone number, email or card number in any log line, at any level.

Masking is done where log records are made (``logging.setLogRecordFactory``),
not in one handler: Rasa, Sanic and coloredlogs each add handlers of their
own, at different moments of start-up, and a record must be masked whichever
of them writes it. Installed by the tracker store when the Rasa server starts
(privacy/tracker_store.py), before any message is handled.
"""

from __future__ import annotations

import logging
from typing import Any

from privacy.masking import mask_text, mask_value

_installed = False


def _masked_args(args: Any) -> Any:
    if isinstance(args, dict):
        return mask_value(args)
    if isinstance(args, tuple):
        return tuple(mask_text(a) if isinstance(a, str) else a for a in args)
    return args


def install_log_masking() -> None:
    """Makes every new log record's message and arguments masked (once per process)."""
    global _installed
    if _installed:
        return
    make_record = logging.getLogRecordFactory()

    def masked_record(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = make_record(*args, **kwargs)
        if isinstance(record.msg, str):
            record.msg = mask_text(record.msg)
        if record.args:
            record.args = _masked_args(record.args)
        return record

    logging.setLogRecordFactory(masked_record)
    _installed = True
