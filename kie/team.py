"""People on a team server: who they are, their daily image budgets, and the audit log.

A budget is checked by reserving the images in the store in one transaction before anything is uploaded or
sent, so two tabs pressing Generate at once cannot pass the limit together. A reservation becomes use when
the service accepts the task, and is released when nothing was sent.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from kie import catalog, figures, metrics
from kie.errors import KieError

RESERVATION_SECONDS = 600.0  # a reservation left by a crashed submit stops counting after this long


@dataclass(frozen=True)
class Person:
    """A signed-in person. `id` is the canonical person id (`person_id`): the owner of their tasks, the key of their
    budget, the actor in the audit log. `email` (lower case) and `name` are for display and the Admin lists."""

    id: str
    name: str = ""
    is_admin: bool = False
    email: str = ""
    email_verified: bool = True  # False only when the provider says so (`email_verified: false`)

    @property
    def label(self) -> str:
        return self.name or self.email or self.id


def email_key(email: str | None) -> str:
    """An e-mail as compared everywhere: trimmed, lower case (Carol@Example.com is carol@example.com)."""
    return (email or "").strip().lower()


def person_id(issuer: str | None, sub: str | None, email: str | None = None) -> str:
    """The canonical id of a signed-in person: the provider's issuer and subject, `issuer|sub`.

    `sub` is the one claim OpenID Connect promises never changes for a person at one issuer; an e-mail can be
    renamed or handed to someone else. Without a `sub` (not OpenID Connect), the e-mail in lower case."""
    sub = (sub or "").strip()
    if sub:
        return f"{(issuer or '').strip()}|{sub}"
    return email_key(email)


def admins_from(value: str | None) -> frozenset[str]:
    """STUDIO_ADMINS: comma-separated e-mails, compared without case."""
    return frozenset(email_key(e) for e in (value or "").split(",") if e.strip())


def is_admin(email: str | None, admins: frozenset[str]) -> bool:
    """Whether an e-mail is in STUDIO_ADMINS (letter case ignored)."""
    return bool(email_key(email)) and email_key(email) in admins


def claim_identity(store, who: Person, now: float) -> int:
    """Note who `who.id` is; the first time (or after the provider changed their e-mail), give them what was kept
    under their e-mail before (owners were e-mails, in the provider's letter case). Returns the rows moved."""
    before = store.note_person(who.id, who.email, who.name, now)
    # An e-mail the provider has not verified could be anyone's: it takes nothing kept under that address.
    if not who.email or not who.email_verified or before == who.email or who.id == who.email:
        return 0
    moved = store.rename_owner(who.email, who.id)
    if moved:
        store.audit(who.id, "identity", who.email, f"{moved} row(s) kept under the e-mail now under the person id", now)
    return moved


def field(row: Any, name: str) -> Any:
    """A column of a store row, whether the store hands out dicts or typed rows."""
    return row[name] if isinstance(row, Mapping) else getattr(row, name)


def resolve_person(store, text: str) -> str:
    """What an admin typed (an e-mail, any case, or a person id) as the id its budget is kept under: the id of the
    person who signed in with that e-mail, else the e-mail in lower case (moved to their id at their sign-in)."""
    text = text.strip()
    if "@" not in text or "|" in text:
        return text
    key = email_key(text)
    ids = [field(p, "id") for p in sorted(store.people(), key=lambda p: -field(p, "seen_at"))
           if field(p, "email") == key]
    return ids[0] if ids else key


def owner_label(store, owner: str | None) -> str:
    """Who made a task, in words: their e-mail (ids are not for reading), or that it was made before sign-in."""
    if owner is None:
        return "unknown (before sign-in)"
    return display_names(store).get(owner, owner)


def display_names(store) -> dict[str, str]:
    """person id -> e-mail, for the Admin lists and "Made by" (ids are not for reading)."""
    return {field(p, "id"): field(p, "email") or field(p, "name") or field(p, "id") for p in store.people()}


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
        self.left = max(0, limit - used)
        reset = next_reset(now)
        detail = (f"{self._needs()} The limit resets at {reset:%H:%M} UTC (in {_span(reset.timestamp() - now)}). "
                  "Nothing was sent.")
        super().__init__(detail)

    def _needs(self) -> str:
        return (f"You have {self.left} of {_images(self.limit)} left today and this request needs "
                f"{self.asked}.")

    @property
    def message(self) -> str:
        return f"{self.default_message} {self.detail}"


class ComparisonOverBudget(BudgetExceeded):
    """A comparison refused as a whole: it says what the whole comparison needs, not the one model that no longer
    fitted ("This comparison needs 3 images (about 9 credits); 1 image is left today.")."""

    hint = "Compare fewer models or ask for fewer images, or ask an admin for a higher limit."

    def __init__(self, *, limit: int, used: int, asked: int, credits: float, now: float):
        self.credits = credits
        super().__init__(limit=limit, used=used, asked=asked, now=now)

    def _needs(self) -> str:
        left = "no image is" if self.left == 0 else f"{_images(self.left)} {'is' if self.left == 1 else 'are'}"
        return (f"This comparison needs {_images(self.asked)} ({figures.about_credits(self.credits)}); {left} left "
                f"today (of {self.limit}).")


def _images(count: int) -> str:
    return f"{count} image{'' if count == 1 else 's'}"


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

    def reserve(self, owner: str, images: int, model: str = catalog.DEFAULT_MODEL) -> Reservation:
        """Take `images` (of `model`, for usage per model) from today's budget, or raise `BudgetExceeded`
        (nothing reserved)."""
        now = self.clock()
        limit = self.limit_for(owner)
        ok, used, reservation_id = self.store.reserve_images(
            owner, day_of(now), images, limit, now=now, stale_before=now - RESERVATION_SECONDS, model=model)
        if not ok:
            metrics.budget_refusals.inc()
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
