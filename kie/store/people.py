"""People: one identity per person (`kie.team`), who a person id is, and giving what was kept under an e-mail
to that id."""

from __future__ import annotations

import sqlalchemy as sa

import kie.store.rows as rows
import kie.store.tables as t
from kie.store.repository import Repository


class SqlPeople(Repository):
    """The people of a workspace; a scoped view notes and renames its own person only."""

    def note_person(self, person_id: str, email: str, name: str, now: float) -> str | None:
        """Remember who a person id is (e-mail and name for display); the e-mail known before, or None. A scoped
        store notes only its own person."""
        self._own_person(person_id)
        p = t.people
        with self._db(write=True) as db:
            before = db.execute(sa.select(p.c.email).where(*self._here(p), p.c.id == person_id).with_for_update(),
                                self._params(None)).scalar()
            insert = self.dialect.insert(p).values(workspace=self.workspace, id=person_id, email=email, name=name,
                                                   seen_at=now)
            db.execute(insert.on_conflict_do_update(
                index_elements=[p.c.workspace, p.c.id],
                set_={"email": insert.excluded.email, "name": insert.excluded.name,
                      "seen_at": insert.excluded.seen_at}))
        return before

    def people(self) -> list[rows.PersonRow]:
        """Everyone who signed in, by e-mail."""
        p = t.people
        return [rows.person_of(r) for r in self._all(
            sa.select(p.c.id, p.c.email, p.c.name, p.c.seen_at).where(*self._here(p))
            .order_by(self.dialect.bytewise(p.c.email), self.dialect.bytewise(p.c.id)))]

    def rename_owner(self, email: str, person_id: str) -> int:
        """Give what is kept under an e-mail (in any letter case) to a person id: tasks, spend, batches, prompts,
        and the budget unless the id has its own. Returns the rows moved. A scoped store moves rows only to its
        own person (the rows of their own e-mail: kie.team.claim_identity checks the provider verified it)."""
        self._own_person(person_id)
        key = email.strip().lower()
        b, p = t.budgets, t.people
        moved = 0
        with self._db(write=True) as db:
            params = self._params(None)
            if self.owner is not None:  # only the e-mail this person signed in with (noted by note_person)
                noted = db.execute(sa.select(p.c.email).where(*self._here(p), p.c.id == person_id),
                                   params).scalar()
                if (noted or "").strip().lower() != key:
                    return 0
            for table in (t.tasks, t.spend, t.batches, t.prompts):
                moved += db.execute(table.update().where(*self._here(table), sa.func.lower(table.c.owner) == key)
                                    .values(owner=person_id), params).rowcount
            own = db.execute(sa.select(b.c.owner).where(*self._here(b), b.c.owner == person_id), params).first()
            if own is None:
                latest = (sa.select(b.c.owner).where(*self._here(b), sa.func.lower(b.c.owner) == key)
                          .order_by(b.c.updated_at.desc()).limit(1).scalar_subquery())
                moved += db.execute(b.update().where(*self._here(b), b.c.owner == latest).values(owner=person_id),
                                    params).rowcount
            db.execute(b.delete().where(*self._here(b), sa.func.lower(b.c.owner) == key), params)
        return moved
