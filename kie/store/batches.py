"""Batches and prompts: queueing a batch of requests and handing its items to one sender at a time (paused,
cancelled, recovered after a crash), the prompt library, and the recent prompts and batches of the history."""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa

import kie.store.rows as rows
import kie.store.tables as t
from kie.store.repository import Repository
from kie.store.rows import ITEM_STATES

UNCONFIRMED_ITEM = ("The request was being sent when the server stopped, so whether the service made it is unknown. "
                    "It is not sent again; look for it in History before re-running it.")


class SqlBatches(Repository):
    """A workspace's batches and saved prompts: one person's own under sign-in, everyone's for the worker."""

    def _batches(self) -> sa.Select:
        b, i = t.batches, t.batch_items
        counts = [sa.func.coalesce(sa.func.sum(sa.case((i.c.state == s, 1), else_=0)), 0).label(s)
                  for s in ITEM_STATES]
        return (sa.select(b.c.id, b.c.owner, b.c.name, b.c.state, b.c.message, b.c.created_at, b.c.template,
                          sa.func.count(i.c.position).label("total"), *counts)
                .select_from(b.outerjoin(i, sa.and_(i.c.workspace == b.c.workspace, i.c.batch_id == b.c.id)))
                .where(*self._mine(b)).group_by(b.c.workspace, b.c.id))

    def _my_batch(self, batch_id: str) -> sa.ColumnElement[bool]:
        """Items of a batch of this view."""
        mine = sa.select(t.batches.c.id).where(*self._mine(t.batches), t.batches.c.id == batch_id)
        return t.batch_items.c.batch_id.in_(mine)

    # -- batches ----------------------------------------------------------------------------------

    def add_batch(self, batch_id: str, name: str, requests: list[dict[str, Any]], now: float,
                  template: str | None = None) -> None:
        """Queue a batch and its items in one transaction (the person's own under sign-in); `template` is what
        its prompts were made from, if they were."""
        with self._db(write=True) as db:
            db.execute(t.batches.insert().values(workspace=self.workspace, id=batch_id, owner=self.owner, name=name,
                                                 state="running", created_at=now, template=template))
            self.dialect.load(db, t.batch_items, [
                {"workspace": self.workspace, "batch_id": batch_id, "position": n, "request": json.dumps(r),
                 "state": "queued"} for n, r in enumerate(requests)])

    def batches(self, limit: int = 20) -> list[rows.Batch]:
        """Batches, newest first, with how many items are in each state."""
        return [rows.batch_of(r) for r in self._all(self._batches().order_by(t.batches.c.created_at.desc())
                                                    .limit(limit))]

    def batch(self, batch_id: str) -> rows.Batch | None:
        """One batch of this view, with its counts."""
        row = self._one(self._batches().where(t.batches.c.id == batch_id))
        return rows.batch_of(row) if row else None

    def batch_items(self, batch_id: str) -> list[rows.BatchItem]:
        """A batch's items in order, each with its task's id once sent (none when the batch is not this view's)."""
        i, b = t.batch_items, t.batches
        select = (sa.select(i, b.c.owner).join(b, sa.and_(b.c.workspace == i.c.workspace, b.c.id == i.c.batch_id))
                  .where(*self._mine(b), i.c.batch_id == batch_id).order_by(i.c.position))
        return [rows.item_of(r) for r in self._all(select)]

    def set_batch_state(self, batch_id: str, state: str, message: str | None = None) -> bool:
        """Pause, resume or cancel a batch; cancelling stops the items not yet sent. False (nothing changed) when
        the batch is not this view's or is cancelled already."""
        if state not in rows.BATCH_STATES:
            raise ValueError(f"unknown batch state {state!r}")
        with self._db(write=True) as db:
            changed = db.execute(t.batches.update().where(*self._mine(t.batches), t.batches.c.id == batch_id,
                                                          t.batches.c.state != "cancelled")
                                 .values(state=state, message=message), self._params(None)).rowcount == 1
            if changed and state == "cancelled":
                i = t.batch_items
                db.execute(i.update().where(*self._here(i), i.c.batch_id == batch_id, i.c.state == "queued")
                           .values(state="cancelled"), self._params(None))
        return changed

    # -- sending a batch's items --------------------------------------------------------------------

    def take_batch_item(self, now: float) -> rows.BatchItem | None:
        """Take the next queued item of a running batch (oldest batch first) for sending: one sender wins, even
        across replicas."""
        i = t.batch_items
        # A cheap indexed read first: the worker asks every round, and most rounds nothing is queued, so the
        # write lock is taken only when there is something to take.
        if self._one(self._prepared("queued", lambda: sa.select(i.c.position).where(
                *self._here(i), i.c.state == "queued").limit(1))) is None:
            return None
        with self._db(write=True) as db:
            row = self.dialect.take_batch_item(db, self.workspace, self.owner, now)
        return rows.item_of(row) if row else None

    def finish_batch_item(self, batch_id: str, position: int, state: str, task_id: str | None = None,
                          error: str | None = None) -> bool:
        """What came of sending an item: sent (with its task), unconfirmed, failed, or queued again (cancelled
        instead when its batch was cancelled meanwhile: nothing would ever send it)."""
        if state not in ITEM_STATES:
            raise ValueError(f"unknown batch item state {state!r}")
        i, b = t.batch_items, t.batches
        if state == "queued":
            cancelled = sa.exists().where(*self._here(b), b.c.id == batch_id, b.c.state == "cancelled")
            state = sa.case((cancelled, "cancelled"), else_="queued")
        return self._change(i.update().where(*self._here(i), self._my_batch(batch_id), i.c.batch_id == batch_id,
                                             i.c.position == position, i.c.state == "sending")
                            .values(state=state, task_id=task_id, error=error)) == 1

    def recover_batch_items(self, stale_before: float) -> int:
        """Items left 'sending' by a sender that died: their request may have been made, so never resend them."""
        i = t.batch_items
        mine = [] if self.owner is None else [i.c.batch_id.in_(  # a person's store: their own batches' items
            sa.select(t.batches.c.id).where(*self._mine(t.batches)))]
        return self._change(i.update().where(*self._here(i), *mine, i.c.state == "sending",
                                             i.c.sent_at < stale_before)
                            .values(state="unconfirmed", error=UNCONFIRMED_ITEM))

    # -- the prompt library, and recent work --------------------------------------------------------

    def save_prompt(self, prompt_id: str, name: str, tags: str, request: dict[str, Any], now: float) -> None:
        """Keep a prompt with its settings in the library (the person's own under sign-in)."""
        self._change(t.prompts.insert().values(workspace=self.workspace, id=prompt_id, owner=self.owner, name=name,
                                               tags=tags, request=json.dumps(request), created_at=now))

    def prompts(self) -> list[rows.SavedPrompt]:
        """The library (this person's under sign-in), by name."""
        p = t.prompts
        return [rows.prompt_of(r) for r in self._all(
            sa.select(p).where(*self._mine(p)).order_by(self.dialect.bytewise(p.c.name), p.c.created_at))]

    def delete_prompt(self, prompt_id: str) -> bool:
        """Remove a saved prompt of this view; False when there is none."""
        return self._change(t.prompts.delete().where(*self._mine(t.prompts), t.prompts.c.id == prompt_id)) == 1

    def latest_batches(self, limit: int = 20) -> list[str]:
        """The batches of this view's tasks, the one with the newest task first (one grouped query: a list of
        recent work shows a batch as one line, however many tasks it has)."""
        c = t.tasks.c
        last = sa.func.max(c.created_at)
        return [r["batch_id"] for r in self._all(self._prepared("latest_batches", lambda: sa.select(
            c.batch_id, last.label("last")).where(*self._mine(t.tasks), c.batch_id.is_not(None))
            .group_by(c.batch_id).order_by(last.desc(), c.batch_id).limit(sa.bindparam("n"))), {"n": limit})]

    def recent_prompts(self, limit: int = 20) -> list[str]:
        """The last distinct prompts of this history (the person's own under sign-in)."""
        c = t.tasks.c
        last = sa.func.max(c.created_at)
        select = (sa.select(c.prompt, last.label("last")).where(*self._mine(t.tasks), c.prompt != "")
                  .group_by(c.prompt).order_by(last.desc()).limit(limit))
        return [r["prompt"] for r in self._all(select)]
