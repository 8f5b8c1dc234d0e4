"""People on a team server: who they are, their daily image budgets, and the audit log.

A budget is checked by reserving the images in the store in one transaction before anything is uploaded or
sent, so two tabs pressing Generate at once cannot pass the limit together. A reservation becomes use when
the service accepts the task, and is released when nothing was sent.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from kie.errors import KieError

RESERVATION_SECONDS = 600.0  # a reservation left by a crashed submit stops counting after this long


@dataclass(frozen=True)
class Person:
    """A signed-in person. `id` is the e-mail, or the provider's `sub` when there is none."""

    id: str
    name: str = ""
    is_admin: bool = False

    @property
    def label(self) -> str:
        return self.name if self.name and self.name != self.id else self.id


def admins_from(value: str | None) -> frozenset[str]:
    """STUDIO_ADMINS: comma-separated e-mails, compared without case."""
    return frozenset(e.strip().lower() for e in (value or "").split(",") if e.strip())


def day_of(ts: float) -> str:
    """The budget day of a moment (UTC), as YYYY-MM-DD."""
    return datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%d")


def next_reset(ts: float) -> datetime:
    """When the budget day of `ts` ends (00:00 UTC)."""
    day = datetime.fromtimestamp(ts, UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    return day + timedelta(days=1)


def _span(seconds: float) -> str:
    hours, rest = divmod(int(max(seconds, 60)), 3600)
    return f"{hours} h {rest // 60} min" if hours else f"{rest // 60} min"


class BudgetExceeded(KieError):
    default_message = "Daily image limit reached."
    hint = "Choose fewer images, or ask an admin for a higher limit."

    def __init__(self, *, limit: int, used: int, asked: int, now: float):
        self.limit, self.used, self.asked = limit, used, asked
        left = max(0, limit - used)
        reset = next_reset(now)
        self.left = left
        detail = (f"You have {left} of {limit} image{'s' if limit != 1 else ''} left today and this request needs "
                  f"{asked}. The limit resets at {reset:%H:%M} UTC (in {_span(reset.timestamp() - now)}). "
                  "Nothing was sent.")
        super().__init__(detail)

    @property
    def message(self) -> str:
        return f"{self.default_message} {self.detail}"


@dataclass(frozen=True)
class Reservation:
    id: str
    owner: str
    images: int


class Budgets:
    """Daily image budgets of one workspace's people. `default_limit` 0 means unlimited."""

    def __init__(self, store, default_limit: int = 0, clock: Callable[[], float] = time.time):
        self.store = store
        self.default_limit = default_limit
        self.clock = clock

    def limit_for(self, owner: str) -> int:
        own = self.store.budget_of(owner)
        return self.default_limit if own is None else own

    def used_today(self, owner: str) -> int:
        return self.store.images_used(owner, day_of(self.clock()), self.clock() - RESERVATION_SECONDS)

    def reserve(self, owner: str, images: int, model: str = "gpt-4o-image") -> Reservation:
        """Take `images` (of `model`, for usage per model) from today's budget, or raise `BudgetExceeded`
        (nothing reserved)."""
        now = self.clock()
        limit = self.limit_for(owner)
        ok, used, reservation_id = self.store.reserve_images(
            owner, day_of(now), images, limit, now=now, stale_before=now - RESERVATION_SECONDS, model=model)
        if not ok:
            raise BudgetExceeded(limit=limit, used=used, asked=images, now=now)
        return Reservation(reservation_id, owner, images)

    def accepted(self, reservation: Reservation, task_id: str, credits: float | None = None) -> None:
        self.store.confirm_images(reservation.id, task_id, credits, self.clock())

    def release(self, reservation: Reservation) -> None:
        self.store.release_images(reservation.id)

    def set_limit(self, owner: str, limit: int | None, by: str) -> None:
        """Give one person their own limit (None: back to the default); audited."""
        self.store.set_budget(owner, limit, by, self.clock())
        self.store.audit(by, "budget", owner, "default" if limit is None else f"{limit} images/day", self.clock())
