"""Spend, budgets and usage: reserving a person's images for the day before a send (and confirming or giving
back the reservation after it), the daily limits admins set, and what each person used, per day and model."""

from __future__ import annotations

import uuid

import sqlalchemy as sa

import kie.store.prepared as prepared
import kie.store.rows as rows
import kie.store.tables as t
from kie.models import Task
from kie.store.errors import NotYours
from kie.store.repository import Repository, bound_values, given


class SqlSpend(Repository):
    """A workspace's spend and budgets, seen by one person or by everyone (an admin, who alone sets limits)."""

    def _used(self) -> sa.Executable:
        """Images used (parameters `owner`, `day`, `stale_before`)."""
        s = t.spend.c
        return self._prepared("used", lambda: sa.select(sa.func.coalesce(sa.func.sum(s.images), 0)).where(
            *self._here(t.spend), s.owner == sa.bindparam("owner"), s.day == sa.bindparam("day"),
            sa.or_(s.status == "accepted", s.created_at >= sa.bindparam("stale_before"))))

    def _reservation(self) -> list[sa.ColumnElement[bool]]:
        return [*self._mine(t.spend), t.spend.c.id == sa.bindparam("rid")]

    # -- reservations -----------------------------------------------------------------------------

    def reserve_images(self, owner: str, day: str, images: int, limit: int, *, now: float, stale_before: float,
                       model: str = t.DEFAULT_MODEL) -> tuple[bool, int, str | None]:
        """Check and reserve in one locked transaction: (reserved, images used before, reservation id). Two
        reservations for one person and day take turns, on one server or many."""
        self._own_person(owner)
        self.database.ensure_schema()
        lock = self.dialect.budget_lock()
        with prepared.transaction(self.dialect.engine, self.dialect.begin_write) as db:
            if lock is not None:
                db.run(self._prepared("budget_lock", lambda: lock), {"key": f"{self.workspace}\x1f{owner}\x1f{day}"},
                       "value")
            used = int(db.run(self._used(), {"ws": self.workspace, "owner": owner, "day": day,
                                             "stale_before": stale_before}, "value"))
            if limit and used + images > limit:
                return False, used, None
            reservation = uuid.uuid4().hex
            row = {"workspace": self.workspace, "id": reservation, "owner": owner, "day": day, "images": images,
                   "status": "reserved", "created_at": now, "model": model}
            db.run(self._prepared("reserve", lambda: t.spend.insert().values(bound_values(list(row)))), given(row),
                   "count")
        return True, used, reservation

    def confirm_images(self, reservation_id: str, task_id: str, credits: float | None, now: float) -> None:
        """Turn a reservation into images taken, for a task the service accepted (once: a confirmed one stays)."""
        self._change(self._prepared("confirm", lambda: t.spend.update().where(
            *self._reservation(), t.spend.c.status == "reserved").values(
            status="accepted", task_id=sa.bindparam("task"), credits=sa.bindparam("b_credits", type_=t.Float),
            accepted_at=sa.bindparam("now"))), {"rid": reservation_id, "task": task_id, "b_credits": credits,
                                                "now": now})

    def release_images(self, reservation_id: str) -> None:
        """Give a reservation back (nothing was sent)."""
        self._change(self._prepared("release", lambda: t.spend.delete().where(
            *self._reservation(), t.spend.c.status == "reserved")), {"rid": reservation_id})

    def images_used(self, owner: str, day: str, stale_before: float) -> int:
        """Images a person took on a day, counting reservations newer than `stale_before`."""
        return int(self._value(self._used(), {"owner": owner, "day": day, "stale_before": stale_before}))

    def accepted_between(self, start: float, end: float) -> int:
        """How many tasks the workspace made in a time span (to know whether a balance change is one task's)."""
        return self._value(self._prepared("accepted_between", lambda: sa.select(sa.func.count()).select_from(
            t.tasks).where(*self._here(t.tasks), t.tasks.c.created_at.between(sa.bindparam("a"), sa.bindparam("b")))),
            {"a": start, "b": end})

    # -- budgets ----------------------------------------------------------------------------------

    def budget_of(self, owner: str) -> int | None:
        """A person's own daily image limit, or None (the default applies)."""
        return self._value(self._prepared("budget_of", lambda: sa.select(t.budgets.c.daily_images).where(
            *self._here(t.budgets), t.budgets.c.owner == sa.bindparam("owner"))), {"owner": owner})

    def set_budget(self, owner: str, limit: int | None, by: str, now: float) -> None:
        """Set a person's daily image limit, or remove it (None). Only an unscoped (admin) store may."""
        if self.owner is not None:
            raise NotYours(owner)
        if limit is None:
            self._change(t.budgets.delete().where(*self._here(t.budgets), t.budgets.c.owner == owner))
            return
        insert = self.dialect.insert(t.budgets).values(workspace=self.workspace, owner=owner, daily_images=limit,
                                                       updated_by=by, updated_at=now)
        self._change(insert.on_conflict_do_update(
            index_elements=[t.budgets.c.workspace, t.budgets.c.owner],
            set_={"daily_images": insert.excluded.daily_images, "updated_by": insert.excluded.updated_by,
                  "updated_at": insert.excluded.updated_at}))

    def budgets(self) -> list[rows.Budget]:
        """Every person's own limit, by person."""
        b = t.budgets
        return [rows.budget_row_of(r) for r in self._all(
            sa.select(b.c.owner, b.c.daily_images, b.c.updated_by, b.c.updated_at).where(*self._here(b))
            .order_by(self.dialect.bytewise(b.c.owner)))]

    # -- usage ------------------------------------------------------------------------------------

    def usage(self, since_day: str, *, by_model: bool = False) -> list[rows.UsageRow]:
        """Per person and day since `since_day` (and per model with `by_model`): tasks, images, failures, and
        credits where they were measured."""
        s, k = t.spend.c, t.tasks.c
        keys = [s.owner, s.day] + ([s.model] if by_model else [])
        select = (sa.select(s.owner.label("person"), s.day.label("day"),
                            (s.model if by_model else sa.null()).label("model"),
                            sa.func.count().label("tasks"), sa.func.sum(s.images).label("images"),
                            sa.func.sum(sa.case((k.state == "failed", 1), else_=0)).label("failures"),
                            # a failed task counts as nothing charged (kie.prices), whatever was measured
                            sa.func.sum(sa.case((k.state == "failed", 0.0), else_=s.credits)).label("credits"),
                            sa.func.count(s.credits).label("measured"),
                            # images that may have cost something yet were not measured: Admin estimates these
                            sa.func.sum(sa.case((sa.and_(s.credits.is_(None),
                                                         sa.func.coalesce(k.state, "") != "failed"), s.images),
                                                else_=0)).label("unmeasured_images"))
                  .select_from(t.spend.outerjoin(t.tasks, sa.and_(k.workspace == s.workspace,
                                                                  k.task_id == s.task_id)))
                  .where(*self._here(t.spend), s.status == "accepted", s.day >= since_day)
                  .group_by(*keys).order_by(s.day.desc(), *(self.dialect.bytewise(c) for c in keys if c is not s.day)))
        return [rows.usage_of(r) for r in self._all(select)]

    def unmeasured_tasks(self, since_day: str) -> list[Task]:
        """The tasks accepted since `since_day` whose cost was not measured and which did not fail: what Admin
        estimates, each at the cost its card shows (kie.prices.task_cost, with the task's own options)."""
        s, k = t.spend.c, t.tasks.c
        select = (sa.select(t.tasks).select_from(t.spend.join(t.tasks, sa.and_(k.workspace == s.workspace,
                                                                               k.task_id == s.task_id)))
                  .where(*self._here(t.spend), s.status == "accepted", s.day >= since_day, s.credits.is_(None),
                         k.state != "failed")
                  .order_by(k.task_id))
        return [rows.task_of(r) for r in self._all(select)]
