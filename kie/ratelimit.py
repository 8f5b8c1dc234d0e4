"""A sliding-window limiter for generate requests, shared by threads, processes and (later) replicas.

The provider allows about 20 generates per 10 s per account and does not queue the rest (429). Every
sender of one account takes a slot from one ledger before it sends; the ledger keeps the send times
(and a "blocked until" after a 429) where all of them see it: a SQLite file here, PostgreSQL later.

    limiter = RateLimiter(SqliteSlotLedger(data_dir / "ratelimit.sqlite3", account), parse_rate("20/10"))
    if limiter.acquire(timeout=60):
        try:
            client.generate(request)
        except RateLimited as exc:
            limiter.backoff(exc.retry_after)
"""

from __future__ import annotations

import os
import re
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
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


# Portable SQL (SQLite >= 3.24 and PostgreSQL; swap `?` for `%s` there). A take runs in one
# transaction that first locks the account's row: BEGIN IMMEDIATE in SQLite, SELECT ... FOR UPDATE there.
SCHEMA = (
    "CREATE TABLE IF NOT EXISTS rate_accounts (account TEXT PRIMARY KEY, blocked_until REAL NOT NULL DEFAULT 0)",
    "CREATE TABLE IF NOT EXISTS rate_slots (account TEXT NOT NULL, sent_at REAL NOT NULL)",
    "CREATE INDEX IF NOT EXISTS rate_slots_by_account ON rate_slots (account, sent_at)",
)
SQL_ENSURE_ACCOUNT = "INSERT INTO rate_accounts (account) VALUES (?) ON CONFLICT (account) DO NOTHING"
SQL_LOCK_ACCOUNT = "SELECT blocked_until FROM rate_accounts WHERE account = ?"  # + FOR UPDATE in PostgreSQL
SQL_PRUNE = "DELETE FROM rate_slots WHERE account = ? AND sent_at <= ?"
SQL_WINDOW = "SELECT sent_at FROM rate_slots WHERE account = ? AND sent_at > ? ORDER BY sent_at"
SQL_RECORD = "INSERT INTO rate_slots (account, sent_at) VALUES (?, ?)"
SQL_BLOCK = "UPDATE rate_accounts SET blocked_until = ? WHERE account = ? AND blocked_until < ?"


def decide(sent: list[float], blocked_until: float, now: float, rate: Rate) -> float:
    """The ledger's rule as a pure function: 0.0 to go now, else seconds to wait. `sent` is sorted, in the window."""
    if blocked_until > now:
        return blocked_until - now
    if len(sent) < rate.count:
        return 0.0
    # the slot frees when the send that makes the window full leaves it
    return max(sent[len(sent) - rate.count] + rate.seconds - now, 1e-3)


class SqliteSlotLedger:
    """A `SlotLedger` in a SQLite file: one row per send, per account; safe across threads and processes."""

    def __init__(self, path: str | Path, account: str, *, busy_timeout: float = 30.0):
        self.path = Path(path)
        self.account = account
        self.busy_timeout = busy_timeout
        self._local = threading.local()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._set_up()

    def _set_up(self) -> None:
        # Switching to WAL can fail at once with "database is locked" while another process sets up the
        # same file (the busy timeout does not cover it), so retry for a while.
        deadline = time.monotonic() + self.busy_timeout
        while True:
            try:
                db = self._db()
                if db.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                    db.execute("PRAGMA journal_mode=WAL")
                for statement in SCHEMA:
                    db.execute(statement)
                db.execute(SQL_ENSURE_ACCOUNT, (self.account,))
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def _db(self) -> sqlite3.Connection:
        # one connection per thread and per process: a connection must not cross a fork
        pid, db = getattr(self._local, "conn", (None, None))
        if db is None or pid != os.getpid():
            db = sqlite3.connect(self.path, timeout=self.busy_timeout, isolation_level=None, check_same_thread=False)
            db.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout * 1000)}")
            self._local.conn = (os.getpid(), db)
        return db

    def take(self, now: float, rate: Rate) -> float:
        """See `SlotLedger.take`; one BEGIN IMMEDIATE transaction, so no two senders see the same free slot."""
        db = self._db()
        db.execute("BEGIN IMMEDIATE")
        try:
            row = db.execute(SQL_LOCK_ACCOUNT, (self.account,)).fetchone()
            blocked_until = float(row[0]) if row else 0.0
            db.execute(SQL_PRUNE, (self.account, now - rate.seconds))
            sent = [r[0] for r in db.execute(SQL_WINDOW, (self.account, now - rate.seconds))]
            wait = decide(sent, blocked_until, now, rate)
            if wait == 0.0:
                db.execute(SQL_RECORD, (self.account, now))
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        return wait

    def block_until(self, until: float) -> None:
        """See `SlotLedger.block_until`."""
        db = self._db()
        db.execute(SQL_ENSURE_ACCOUNT, (self.account,))
        db.execute(SQL_BLOCK, (until, self.account, until))

    def sent_times(self) -> list[float]:
        """The recorded send times still in the table (for tests and the admin view)."""
        return [r[0] for r in self._db().execute(SQL_WINDOW, (self.account, float("-inf")))]


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
