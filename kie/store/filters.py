"""History's filters in SQL: a `TaskQuery` as conditions with bound parameters, and the shape that lets queries
of one shape share one kept statement (see `kie.store.prepared`)."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

import kie.store.tables as t
from kie.store.dialects import Dialect
from kie.store.query import TaskQuery


def task_filters(query: TaskQuery, dialect: Dialect,
                 where: list[sa.ColumnElement[bool]]) -> tuple[tuple, list[sa.ColumnElement[bool]], dict[str, Any]]:
    """The filters of `query` added to `where` (the view's own conditions) as (shape, conditions, their values)."""
    c = t.tasks.c
    where, params = list(where), {}

    def bound(name: str, value: Any, type_: Any = None) -> sa.BindParameter:
        params[name] = value
        return sa.bindparam(name, type_=type_)

    if query.owner is not None:
        where.append(c.owner == bound("owner", query.owner))
    if query.unowned_only:
        where.append(c.owner.is_(None))
    for column, values in ((c.state, query.states), (c.kind, query.kinds), (c.model, query.models)):
        if values:
            where.append(column.in_([bound(f"{column.key}{n}", v) for n, v in enumerate(values)]))
    words = query.search.split()
    for n, word in enumerate(words):
        escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        where.append(dialect.contains(c.prompt, bound(f"word{n}", f"%{escaped}%", sa.Text)))
    if query.favourites_only:
        where.append(c.favourite == 1)
    if query.showcase_only:
        where.append(c.showcase == 1)
    if query.created_from is not None:
        where.append(c.created_at >= bound("created_from", query.created_from, t.Float))
    if query.created_to is not None:
        where.append(c.created_at < bound("created_to", query.created_to, t.Float))
    for name in ("comparison_id", "batch_id"):
        if getattr(query, name) is not None:
            where.append(c[name] == bound(name, getattr(query, name)))
    if query.demo is not None:
        where.append(c.demo == int(query.demo))
    if query.in_batch is not None:
        where.append(c.batch_id.is_not(None) if query.in_batch else c.batch_id.is_(None))
    shape = (query.owner is not None, query.unowned_only, len(query.states), len(query.kinds), len(query.models),
             len(words), query.favourites_only, query.showcase_only, query.created_from is not None,
             query.created_to is not None, query.comparison_id is not None, query.batch_id is not None, query.demo,
             query.in_batch)
    return shape, where, params
