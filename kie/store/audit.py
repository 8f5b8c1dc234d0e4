"""The audit log: one line per thing done (who did what to what, and when), and reading it back newest first."""

from __future__ import annotations

import sqlalchemy as sa

import kie.store.rows as rows
import kie.store.tables as t
from kie.store.repository import Repository, bound_values, given


class SqlAudit(Repository):
    """A workspace's audit log; a scoped view writes lines of its own person only."""

    def audit(self, actor: str, action: str, target: str | None, detail: str | None, now: float) -> None:
        """Keep one line of the audit log: who did what to what, and when. A scoped store writes lines of its
        own person only."""
        self._own_person(actor)
        row = {"workspace": self.workspace, "at": now, "actor": actor, "action": action, "target": target,
               "detail": detail}
        self._change(self._prepared("audit", lambda: t.audit.insert().values(bound_values(list(row)))), given(row))

    def audit_log(self, limit: int = 200, offset: int = 0) -> list[rows.AuditLine]:
        """The audit log, newest first."""
        a = t.audit
        return [rows.audit_of(r) for r in self._all(
            sa.select(a.c.at, a.c.actor, a.c.action, a.c.target, a.c.detail).where(*self._here(a))
            .order_by(a.c.at.desc(), a.c.id.desc()).limit(limit).offset(offset or None))]
