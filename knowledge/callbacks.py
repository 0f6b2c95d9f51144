"""Call-back requests, kept in var/callbacks/ until the clinic's inbox has them.

A request is written to ``pending/`` before anything is sent, so it is never
lost; once the email is accepted it moves to ``sent/``. Every new request
also retries the older pending ones, and ``python -m actions.api.mailer``
retries by hand and says what is still pending. The name and contact live
only here (and in the email), for the clinic.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import time
import uuid
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Callable, Dict, List, Optional

logger = logging.getLogger(__name__)

PHONE = re.compile(r"^\+?[\d\s().-]{7,20}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MAX_NAME = 80
# Said instead of a name or a contact: the patient changed their mind.
STOP = re.compile(r"^\W*(/deny|no|nope|nah|no,? thanks?|no,? thank you|cancel|stop|never ?mind|forget it|"
                  r"don'?t bother|not now|no,? (i'?m|it'?s) (ok|fine|good))\W*$", re.IGNORECASE)
_YES_WORD = (r"(/affirm|y|yes|yeah|yep|yup|sure|ok|okay|please|yes,? please|go ahead|please do|that'?s fine|fine|"
             r"of course|i agree|agreed|you may|yes,? you (can|may)|absolutely|definitely|that'?s ok(ay)?|correct|"
             r"i consent|consent|i do|go for it)")
# One or more yes-words and nothing else: "yes", "yes thats fine", "yep agreed", "ok yes".
YES = re.compile(rf"^\W*{_YES_WORD}(\W+{_YES_WORD})*\W*$", re.IGNORECASE)
NO = re.compile(r"^\W*(/deny|n|no|nope|nah|no,? thanks?|no,? thank you|don'?t|do not|please don'?t|"
                r"i don'?t agree|cancel|stop)\W*$", re.IGNORECASE)


@dataclass(frozen=True)
class CallbackRequest:
    id: str
    created: str  # ISO time, the clinic's clock
    name: str
    contact: str
    conversation: str  # the sender id, so the clinic can find the conversation


@dataclass(frozen=True)
class Delivery:
    sent: int
    pending: int
    error: str = ""


def wants_to_stop(text: str) -> bool:
    """ "no thanks", "cancel"...: said at a question of the call-back."""
    return bool(STOP.match(str(text or "").strip()))


def read_consent(text: str) -> Optional[bool]:
    """True for a yes, False for a no, None when the answer is neither."""
    text = str(text or "").strip()
    if YES.match(text):
        return True
    if NO.match(text):
        return False
    return None


_EMAIL_IN = re.compile(r"[^@\s,;:()<>]+@[^@\s,;:()<>]+\.[A-Za-z]{2,}")
_PHONE_IN = re.compile(r"\+?\d[\d\s().-]{5,18}\d")


def valid_contact(text: str) -> Optional[str]:
    """A phone number (7 to 15 digits) or an email address, tidied, also inside a
    sentence ("you can call me 07700 900456", "x@example.com please"); two of them
    ("x@example.com or 07700 900456, either is fine") both, in the patient's order,
    for the clinic to choose; None otherwise."""
    text = " ".join(str(text or "").split())
    if EMAIL.match(text):
        return text
    if PHONE.match(text) and 7 <= sum(c.isdigit() for c in text) <= 15:
        return text
    found = [m for m in _EMAIL_IN.finditer(text)] + [m for m in _PHONE_IN.finditer(text)
                                                     if 7 <= sum(c.isdigit() for c in m.group()) <= 15]
    found = [m.group().strip().rstrip(".") for m in sorted(found, key=lambda m: m.start())]
    return " or ".join(dict.fromkeys(found)) if 1 <= len(found) <= 2 else None


def valid_name(text: str) -> Optional[str]:
    """A name to ask for: 1-80 characters, no question, at most five words."""
    text = " ".join(str(text or "").split())
    if not text or len(text) > MAX_NAME or "?" in text or len(text.split()) > 5 or "@" in text:
        return None
    if not any(c.isalpha() for c in text):
        return None
    return text


def new_request(name: str, contact: str, conversation: str, now: datetime) -> CallbackRequest:
    return CallbackRequest(id=uuid.uuid4().hex[:12], created=now.isoformat(timespec="seconds"), name=name,
                           contact=contact, conversation=conversation)


def _folder(root: Path, state: str) -> Path:
    folder = root / "callbacks" / state
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def save(request: CallbackRequest, root: Path) -> Path:
    """Writes the request to pending/ (readable by the server's user only)."""
    # Named by when it was saved, to the nanosecond: the oldest request is sent
    # first, even when two come in the same second.
    path = _folder(root, "pending") / f"{time.time_ns():020d}-{request.id}.json"
    path.write_text(json.dumps(asdict(request), indent=1), encoding="utf-8")
    path.chmod(0o600)
    return path


def _draft_path(root: Path, conversation: str) -> Path:
    # Named by a hash: a sender id can be a phone number (messaging apps).
    return _folder(root, "drafts") / (hashlib.sha256(conversation.encode()).hexdigest()[:32] + ".json")


def save_draft(root: Path, conversation: str, contact: str) -> None:
    """Keeps the phone or email given in the form until the consent question is
    answered: the conversation's stored events have it masked (privacy/masking.py)."""
    path = _draft_path(root, conversation)
    path.write_text(json.dumps({"conversation": conversation, "contact": contact}), encoding="utf-8")
    path.chmod(0o600)


def take_draft(root: Path, conversation: str) -> Optional[str]:
    """The contact kept by ``save_draft`` (None if none), and the draft deleted."""
    path = _draft_path(root, conversation)
    try:
        contact = json.loads(path.read_text(encoding="utf-8")).get("contact")
    except (FileNotFoundError, ValueError):
        return None
    path.unlink(missing_ok=True)
    return contact


def forget(root: Path, conversation: str) -> int:
    """Deletes every call-back request and draft of one conversation (deletion on request)."""
    deleted = 0
    for path in (root / "callbacks").glob("*/*.json"):
        try:
            if json.loads(path.read_text(encoding="utf-8")).get("conversation") == conversation:
                path.unlink()
                deleted += 1
        except (FileNotFoundError, ValueError):
            continue
    return deleted


def pending(root: Path) -> List[Path]:
    return sorted(_folder(root, "pending").glob("*.json"))


def email(request: CallbackRequest, messages: Dict[str, str]) -> Dict[str, str]:
    """The email's subject and body for the clinic."""
    return {"subject": messages["callback_email_subject"],
            "body": messages["callback_email_body"].format(**asdict(request))}


def deliver_pending(root: Path, send: Callable[[str, str], None], messages: Dict[str, str]) -> Delivery:
    """Sends every pending request, oldest first; stops at the first failure
    (the server is down: the rest would fail too) and keeps what is unsent."""
    sent = 0
    for path in pending(root):
        request = CallbackRequest(**json.loads(path.read_text(encoding="utf-8")))
        try:
            send(**email(request, messages))
        except Exception as error:  # noqa: BLE001 - any failure leaves the request pending
            left = len(pending(root))
            logger.error("call-back request %s not sent (%d pending in %s): %s", request.id, left,
                         path.parent, error)
            return Delivery(sent=sent, pending=left, error=str(error))
        path.replace(_folder(root, "sent") / path.name)
        sent += 1
    return Delivery(sent=sent, pending=0)
