"""The rate limiter's ledger (`kie.ratelimit.SlotLedger`) in SQL: a SQLite file shared by one server's processes,
or the PostgreSQL database shared by every replica. Its tables are in `kie.store.tables`, made by the same
migrations as the history's."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

import kie.store.tables as t
from kie import ratelimit
from kie.store.dialects import dialect_for
from kie.store.engines import engine_for, ensure_schema, sqlite_url, unavailable

_DOWN = (sa.exc.OperationalError, sa.exc.InterfaceError, sa.exc.TimeoutError)


class SqlSlotLedger:
    """Send times of one account (a workspace) and its block after a 429; every take is one locked transaction
    (BEGIN IMMEDIATE in SQLite, the account's row locked FOR UPDATE in PostgreSQL)."""

    def __init__(self, url: str, account: str) -> None:
        self.account = account
        self._url = url
        ensure_schema(url)
        self._dialect = dialect_for(engine_for(url))
        try:
            with self._dialect.single() as db:
                db.execute(self._dialect.insert(t.rate_accounts).values(account=account).on_conflict_do_nothing())
        except _DOWN as exc:
            raise unavailable(exc) from exc

    @classmethod
    def sqlite(cls, path: str | Path, account: str) -> SqlSlotLedger:
        """The ledger of `account` in a SQLite file (made on first use), shared by the threads and processes of one
        server."""
        return cls(sqlite_url(path), account)

    def take(self, now: float, rate: ratelimit.Rate) -> float:
        """0.0 when a slot was free (and is now recorded at `now`), else the seconds to wait."""
        a, s = t.rate_accounts, t.rate_slots
        try:
            with self._dialect.write() as db:
                lock = sa.select(a.c.blocked_until).where(a.c.account == self.account)
                if self._dialect.name == "postgresql":
                    lock = lock.with_for_update()
                blocked = db.execute(lock).scalar()
                window = now - rate.seconds
                # Slots are forgotten a window late: a sender whose `now` was read a little before another's
                # (a thread or replica delayed between its clock and this lock) still sees every slot it must count.
                db.execute(s.delete().where(s.c.account == self.account, s.c.sent_at <= window - rate.seconds))
                sent = list(db.execute(sa.select(s.c.sent_at).where(s.c.account == self.account, s.c.sent_at > window)
                                       .order_by(s.c.sent_at)).scalars())
                wait = ratelimit.decide(sent, float(blocked or 0.0), now, rate)
                if wait == 0.0:
                    db.execute(s.insert().values(account=self.account, sent_at=now))
                return wait
        except _DOWN as exc:
            raise unavailable(exc) from exc

    def block_until(self, until: float) -> None:
        """Refuse every slot before `until` (after a 429); a block never gets shorter."""
        a = t.rate_accounts
        with self._dialect.single() as db:
            db.execute(self._dialect.insert(a).values(account=self.account).on_conflict_do_nothing())
            db.execute(a.update().where(a.c.account == self.account, a.c.blocked_until < until)
                       .values(blocked_until=until))

    def sent_times(self) -> list[float]:
        """The recorded send times still in the table (for tests and the admin view)."""
        s = t.rate_slots
        with self._dialect.single() as db:
            return list(db.execute(sa.select(s.c.sent_at).where(s.c.account == self.account)
                                   .order_by(s.c.sent_at)).scalars())
