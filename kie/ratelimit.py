"""A sliding-window limiter for generate requests, shared by threads, processes and replicas.

The provider allows about 20 generates per 10 s per account and does not queue the rest (429). Every
sender of one account takes a slot from one ledger before it sends; the ledger keeps the send times
(and a "blocked until" after a 429) where all of them see it: a SQLite file on one server, the PostgreSQL
database behind several replicas (`kie.store.ledger.SqlSlotLedger`; its tables are the store's, made by the
store's migrations).

    limiter = RateLimiter(SqlSlotLedger.sqlite(data_dir / "ratelimit.sqlite3", account), parse_rate("20/10"))
    if limiter.acquire(timeout=60):
        try:
            client.generate(request)
        except RateLimited as exc:
            limiter.backoff(exc.retry_after)
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, TypeVar

from kie.errors import RateLimited

RATE_ENV = "STUDIO_GENERATE_RATE"
MAX_BACKOFF = 120.0  # a Retry-After longer than this is more likely a mistake than a plan
_RATE = re.compile(r"^\s*(\d+)\s*/\s*(\d+(?:\.\d+)?)\s*s?\s*$", re.I)

T = TypeVar("T")


@dataclass(frozen=True)
class Rate:
    """At most `count` requests in any window of `seconds`."""

    count: int
    seconds: float

    def __str__(self) -> str:
        return f"{self.count}/{self.seconds:g}"

    def widened(self, margin: float) -> Rate:
        """The same count over a window longer by `margin` seconds (room for network jitter)."""
        return Rate(self.count, self.seconds + margin)


DEFAULT_RATE = Rate(20, 10.0)


def parse_rate(text: str | None, default: Rate = DEFAULT_RATE) -> Rate:
    """`"20/10"` (20 requests per 10 seconds; `"20/10s"` too) as a `Rate`; empty gives `default`.

    Raises ValueError with a message that says what to write.
    """
    if text is None or not text.strip():
        return default
    match = _RATE.match(text)
    if not match:
        raise ValueError(f"{RATE_ENV} must look like 20/10 (requests per seconds); got {text.strip()[:40]!r}.")
    count, seconds = int(match.group(1)), float(match.group(2))
    if count < 1:
        raise ValueError(f"{RATE_ENV}: the number of requests must be at least 1; got {count}.")
    if seconds <= 0:
        raise ValueError(f"{RATE_ENV}: the window must be longer than 0 seconds; got {match.group(2)}.")
    return Rate(count, seconds)


class SlotLedger(Protocol):
    """Where the senders of one account record their sends; every method is atomic across processes."""

    def take(self, now: float, rate: Rate) -> float:
        """0.0 when a slot was free (and is now recorded at `now`), else the seconds to wait before asking again."""
        ...

    def block_until(self, until: float) -> None:
        """Refuse every slot before `until` (after a 429); never shortens an existing block."""
        ...


def decide(sent: list[float], blocked_until: float, now: float, rate: Rate) -> float:
    """The ledger's rule as a pure function: 0.0 to go now, else seconds to wait. `sent` is sorted, in the window."""
    if blocked_until > now:
        return blocked_until - now
    if len(sent) < rate.count:
        return 0.0
    # the slot frees when the send that makes the window full leaves it
    return max(sent[len(sent) - rate.count] + rate.seconds - now, 1e-3)


class RateLimiter:
    """Paces one account's generate requests through a shared `SlotLedger`.

    `margin` widens the window a little: the provider counts arrivals, and two requests sent a
    window apart can arrive closer together than that.
    """

    def __init__(self, ledger: SlotLedger, rate: Rate = DEFAULT_RATE, *, margin: float = 0.5,
                 clock: Callable[[], float] = time.time, sleep: Callable[[float], None] = time.sleep):
        self.ledger = ledger
        self.rate = rate
        self.margin = margin
        self.clock = clock
        self.sleep = sleep

    def try_acquire(self) -> float:
        """Take a slot if one is free now: 0.0, else the seconds until asking again makes sense."""
        return self.ledger.take(self.clock(), self.rate.widened(self.margin))

    def acquire(self, timeout: float | None = None) -> bool:
        """Wait for a slot (at most `timeout` seconds; None waits as long as it takes). True when taken."""
        deadline = None if timeout is None else self.clock() + timeout
        while True:
            wait = self.try_acquire()
            if wait == 0.0:
                return True
            if deadline is not None:
                left = deadline - self.clock()
                if left <= 0:
                    return False
                wait = min(wait, left)
            self.sleep(wait)

    def backoff(self, retry_after: float | None = None) -> float:
        """After a 429: no sender of this account takes a slot for `retry_after` seconds (a window if unknown).

        Returns the seconds of the block.
        """
        seconds = self.rate.seconds if retry_after is None else min(max(retry_after, 0.0), MAX_BACKOFF)
        self.ledger.block_until(self.clock() + seconds)
        return seconds

    def call(self, send: Callable[[], T], *, timeout: float | None = None, attempts: int = 3) -> T:
        """`send()` once a slot is free; on `RateLimited`, back off for everyone and try again (up to `attempts`).

        Raises TimeoutError when no slot came within `timeout` seconds; the last `RateLimited` when
        every attempt was refused. The provider does not queue a refused request, so resending it is safe.
        """
        deadline = None if timeout is None else self.clock() + timeout
        for attempt in range(1, attempts + 1):
            left = None if deadline is None else max(0.0, deadline - self.clock())
            if not self.acquire(left):
                raise TimeoutError(f"no generate slot within {timeout:g} s at {self.rate}")
            try:
                return send()
            except RateLimited as exc:
                self.backoff(exc.retry_after)
                if attempt == attempts:
                    raise
        raise AssertionError("unreachable")
