"""Drives many patient conversations at once over Rasa's REST webhook.

Used by the load and scale-out tests (tests/integration) and by ``make bench``.
Each conversation gives its own treatment date, so an answer that reached the
wrong conversation shows: its aftercare plan would name another day.
"""

from __future__ import annotations

import asyncio
import functools
import time
import uuid
from dataclasses import dataclass, field
from typing import Callable, List, Optional, Sequence, Tuple

import aiohttp

from knowledge.answers import answer_text, load_knowledge


@dataclass
class Step:
    """One message of a scripted conversation and what its reply must contain."""

    text: str
    expect: str = ""  # a substring of the joined reply texts; "" = any non-empty reply


@functools.lru_cache(maxsize=None)
def _answer(topic: str) -> str:
    return answer_text(load_knowledge().topics[topic])


def patient_script(days_ago: int) -> List[Step]:
    """Four messages a patient might send: two FAQs, a treatment date and a question about it.

    ``days_ago`` (2 or more) makes the conversation recognisable in its replies.
    """
    return [
        Step("Does microneedling hurt?", _answer("pain")),
        Step(f"I had microneedling {days_ago} days ago", f"treated {days_ago} days ago"),
        Step("what should I do today?", f"Today is day {days_ago} "),
        Step("How many sessions will I need?", _answer("sessions")),
    ]


def days_for(index: int) -> int:
    """A treatment date per conversation: 2 to 61 days back, distinct for 60 in a row."""
    return 2 + index % 60


@dataclass
class Exchange:
    """What happened to one message."""

    sender: str
    text: str
    status: int  # HTTP status; 0 = no HTTP answer (connection error, timeout)
    latency: float  # seconds
    reply: str = ""
    error: str = ""
    expected: str = ""
    served_by: str = ""  # the load balancer's X-Upstream header, if any
    recipients: Tuple[str, ...] = ()  # recipient_id of each reply message

    @property
    def ok(self) -> bool:
        """Answered with 200, a non-empty reply addressed to this sender, containing what the script expects."""
        return (self.status == 200 and bool(self.reply.strip()) and self.expected in self.reply
                and all(recipient == self.sender for recipient in self.recipients))


@dataclass
class LoadResult:
    """Every exchange of a run, with its wall time."""

    exchanges: List[Exchange] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def failures(self) -> List[Exchange]:
        """Exchanges without the expected answer."""
        return [e for e in self.exchanges if not e.ok]

    @property
    def server_errors(self) -> List[Exchange]:
        """Exchanges answered with a 5xx or not answered at all."""
        return [e for e in self.exchanges if e.status >= 500 or e.status == 0]

    @property
    def rate(self) -> float:
        """Messages answered per second of wall time."""
        return len(self.exchanges) / self.seconds if self.seconds else 0.0

    def latencies(self) -> List[float]:
        """Latencies in seconds, sorted."""
        return sorted(e.latency for e in self.exchanges)


def percentile(sorted_values: Sequence[float], fraction: float) -> float:
    """Nearest-rank percentile of already sorted values (fraction in 0..1)."""
    if not sorted_values:
        return float("nan")
    rank = max(1, min(len(sorted_values), round(fraction * len(sorted_values) + 0.5)))
    return sorted_values[rank - 1]


def reply_text(messages: object) -> str:
    """The texts of Rasa's REST reply (a list of message objects), one per line."""
    if not isinstance(messages, list):
        return ""
    return "\n".join(str(m.get("text", "")) for m in messages if isinstance(m, dict))


async def send(session: aiohttp.ClientSession, url: str, sender: str, step: Step,
               timeout: float = 60) -> Exchange:
    """Posts one message and records status, latency and reply."""
    start = time.perf_counter()
    try:
        async with session.post(url, json={"sender": sender, "message": step.text},
                                timeout=aiohttp.ClientTimeout(total=timeout)) as response:
            if response.status != 200:
                return Exchange(sender, step.text, response.status, time.perf_counter() - start,
                                expected=step.expect, error=(await response.text())[:200],
                                served_by=response.headers.get("X-Upstream", ""))
            body = await response.json(content_type=None)
            return Exchange(sender, step.text, 200, time.perf_counter() - start, reply_text(body),
                            expected=step.expect, served_by=response.headers.get("X-Upstream", ""),
                            recipients=tuple(str(m.get("recipient_id")) for m in body if isinstance(m, dict))
                            if isinstance(body, list) else ())
    except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as error:
        return Exchange(sender, step.text, 0, time.perf_counter() - start, error=repr(error)[:200],
                        expected=step.expect)


async def _run(urls: Sequence[str], conversations: int, concurrency: int,
               script: Callable[[int], List[Step]], prefix: str,
               on_message: Optional[Callable[[int], None]], pause: float) -> LoadResult:
    result = LoadResult()
    queue: asyncio.Queue = asyncio.Queue()
    for index in range(conversations):
        queue.put_nowait(index)
    sent = 0

    async def worker(session: aiohttp.ClientSession, slot: int) -> None:
        nonlocal sent
        # Paced patients start spread over one pause, as people do, not all in the same instant.
        await asyncio.sleep(pause * slot / concurrency)
        while True:
            try:
                index = queue.get_nowait()
            except asyncio.QueueEmpty:
                return
            sender = f"{prefix}-{index}"
            steps = script(index)
            for number, step in enumerate(steps):
                # With several servers, each message of a conversation goes to the next one.
                url = urls[(index + number) % len(urls)]
                result.exchanges.append(await send(session, url, sender, step))
                sent += 1
                if on_message:
                    on_message(sent)
                if pause and number < len(steps) - 1:
                    await asyncio.sleep(pause)  # reading the reply and typing the next message

    connector = aiohttp.TCPConnector(limit=concurrency)
    start = time.perf_counter()
    async with aiohttp.ClientSession(connector=connector) as session:
        await asyncio.gather(*(worker(session, slot) for slot in range(concurrency)))
    result.seconds = time.perf_counter() - start
    return result


def run_load(urls: Sequence[str], conversations: int, concurrency: int,
             script: Callable[[int], List[Step]] = lambda i: patient_script(days_for(i)),
             prefix: str = "", on_message: Optional[Callable[[int], None]] = None,
             pause: float = 0.0) -> LoadResult:
    """Runs ``conversations`` scripted conversations, ``concurrency`` at a time, and waits for all.

    With ``pause`` 0 each conversation sends its next message as soon as the reply
    arrives (the server's capacity); otherwise it waits ``pause`` seconds between
    its messages, like a patient reading and typing.

    ``urls`` are REST webhook URLs; a conversation's messages alternate between them.
    ``on_message(n)`` is called after the n-th message (e.g. to break something mid-run).
    """
    prefix = prefix or f"load-{uuid.uuid4().hex[:8]}"
    return asyncio.run(_run(list(urls), conversations, concurrency, script, prefix, on_message, pause))


def rss_bytes(pid: int) -> int:
    """Resident memory of a process (Linux /proc)."""
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    raise ValueError(f"no VmRSS for process {pid}")
