"""The question History asks of a store: which tasks, filtered how (`TaskQuery`, a frozen value).

It says what is wanted, not how: `kie.store.filters` turns it into SQL conditions.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TaskQuery:
    """A filtered view of the history. Every filter is applied in SQL."""

    states: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    search: str = ""
    favourites_only: bool = False
    showcase_only: bool = False
    created_from: float | None = None
    created_to: float | None = None
    owner: str | None = None  # only this person's tasks (an admin's filter)
    unowned_only: bool = False  # only tasks made before sign-in was on (owner unknown)
    models: tuple[str, ...] = ()  # catalogue ids (`Task.model`); empty: every model
    comparison_id: str | None = None  # only the tasks of this model comparison
    batch_id: str | None = None  # only the tasks sent for this batch
    demo: bool | None = None  # None: all tasks; True: only the demo gallery's; False: none of the demo gallery's
    in_batch: bool | None = None  # None: all tasks; True: only tasks sent for a batch; False: none of those
