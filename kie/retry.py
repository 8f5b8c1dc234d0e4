"""Retry decisions as pure functions, so the transport stays simple and the table of cases is testable."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

MAX_RETRY_AFTER = 30.0


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a `Retry-After` header: a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    now = now or datetime.now(UTC)
    return max(0.0, (when - now).total_seconds())


def retry_delay(attempt: int, retry_after: float | None = None, *, base: float = 0.5, cap: float = 8.0,
                rng: random.Random | None = None) -> float:
    """How long to wait before retry number `attempt` (1-based).

    The server's `Retry-After` wins (capped); otherwise exponential backoff with jitter between
    half and all of the step, so that many sessions do not retry in lockstep.
    """
    if retry_after is not None:
        return min(retry_after, MAX_RETRY_AFTER)
    step = min(cap, base * (2 ** (attempt - 1)))
    return step * (0.5 + 0.5 * (rng or random).random())


def should_retry(*, idempotent: bool, code: int | None, sent: bool) -> bool:
    """Whether one failed attempt may be repeated.

    `code` is the API status (None for a transport failure), `sent` whether the request may have
    reached the server. A request that changes something (generate) is repeated only when the
    server surely did not act on it: it refused with 429 (the provider does not queue those), or
    the connection never opened.
    """
    if code == 429:
        return True
    if not sent:
        return True
    if not idempotent:
        return False
    return code is None or code in (455, 500, 502, 503, 504, 550)
