"""Reply text for messaging apps: one message's limit, and cutting a long answer there."""

from __future__ import annotations

from typing import List


def split_message(text: str, limit: int) -> List[str]:
    """Splits ``text`` into parts of at most ``limit`` characters, at line or
    word boundaries where possible."""
    parts: List[str] = []
    text = text.strip()
    while len(text) > limit:
        cut = text.rfind("\n", 0, limit)
        if cut <= 0:
            cut = text.rfind(" ", 0, limit)
        if cut <= 0:
            cut = limit
        parts.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
    if text:
        parts.append(text)
    return parts


def shorten(title: str, limit: int) -> str:
    """``title`` within ``limit`` characters, with an ellipsis when cut (button titles)."""
    title = " ".join(title.split())
    return title if len(title) <= limit else title[: limit - 1].rstrip() + "…"
