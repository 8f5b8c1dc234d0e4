"""History's view: the filters, each bound to a URL query parameter so a view can be shared, the tasks they
select, and which task is open (`?task=`)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import streamlit as st

from components.task_words import model_name
from kie import catalog
from kie.models import KIND_LABELS, Task
from kie.store import Store, TaskQuery
from kie.task_states import STATE_WORDS

STATES = {"pending": ("pending",), "done": ("success",), "failed": ("failed", "timed_out")}
STATE_LABELS = {"pending": STATE_WORDS["pending"], "done": STATE_WORDS["success"], "failed": STATE_WORDS["failed"]}
ORIGINS = {"own": "Without them", "demo": "Only them"}  # the demo gallery's tasks left out, or shown alone


def first_page() -> None:
    """Back to the first page of the gallery (a filter changed)."""
    st.session_state["page"] = 1


def _models() -> list[str]:
    return list(catalog.CATALOG)  # every model and tool the catalogue knows


FILTERS = ("state", "kind", "model", "origin", "fav", "since", "until")  # the session keys of the folded filters


def active_filters() -> int:
    """How many of the folded filters are set (the search is always in view); a shared view's address counts before
    its widgets have read it."""
    return sum(1 for key in FILTERS
               if st.session_state.get(key) not in (None, "", [], (), False) or st.query_params.get(key))


def filters() -> TaskQuery:
    """The filter widgets, each bound to a URL query parameter so a view can be shared.

    The search is always in view; the other filters fold away under *Filters* (open when a view sets one), so the
    first pictures are near the top at 400 px. Rows of at most two controls, so that every option shows at 800 px
    and the columns stack at 400 px."""
    st.text_input("Search prompts", key="q", bind="query-params", on_change=first_page,
                  placeholder="a word of the prompt")
    on = active_filters()
    with st.expander("Filters", expanded=bool(on), key="history-filters", icon=":material/filter_list:"):
        _folded_filters()
    if on:
        st.caption(f":material/filter_list: {on} filter{'s' * (on != 1)} on: open *Filters* to change them.")
    return query()


def _folded_filters() -> None:
    states, kinds = st.columns(2)
    states.pills("State", list(STATES), format_func=STATE_LABELS.get, selection_mode="multi", key="state",
                 bind="query-params", on_change=first_page)
    kinds.pills("Kind", list(KIND_LABELS), format_func=KIND_LABELS.get, selection_mode="multi", key="kind",
                bind="query-params", on_change=first_page)
    models, origin = st.columns(2)
    models.multiselect("Model", _models(), format_func=model_name, key="model", bind="query-params",
                       on_change=first_page, placeholder="Any model")
    origin.pills("Demo gallery's tasks", list(ORIGINS), format_func=ORIGINS.get, selection_mode="single",
                 key="origin", bind="query-params", on_change=first_page,
                 help="The tasks *Load demo gallery* added: leave them out, or show only them")
    fav, since, until = st.columns(3, vertical_alignment="bottom")
    fav.toggle("Favourites only", key="fav", bind="query-params", on_change=first_page)
    since.date_input("From", value=None, key="since", bind="query-params", on_change=first_page)
    until.date_input("To", value=None, key="until", bind="query-params", on_change=first_page)


def query() -> TaskQuery:
    """The view the filters choose (read from the session: the widgets keep their values there)."""
    return TaskQuery(
        states=tuple(s for name in st.session_state.get("state") or () for s in STATES.get(name, ())),
        kinds=tuple(st.session_state.get("kind") or ()),
        search=st.session_state.get("q") or "",
        favourites_only=bool(st.session_state.get("fav")),
        created_from=day_start(st.session_state.get("since")),
        created_to=day_start(st.session_state.get("until"), days=1),
        models=tuple(st.session_state.get("model") or ()),
        demo={"demo": True, "own": False}.get(st.session_state.get("origin") or ""),
    )


def showing_demo() -> bool:
    """Whether the view is filtered to the demo gallery's tasks."""
    return st.session_state.get("origin") == "demo"


def day_start(day: date | None, days: int = 0) -> float | None:
    """The start of `day` (plus `days`) as a timestamp; None for no day."""
    if not day:
        return None
    return datetime.combine(day + timedelta(days=days), datetime.min.time()).timestamp()


def view(store: Store, query: TaskQuery, *, limit: int = -1, offset: int = 0) -> list[Task]:
    """The tasks of the view (every filter, Model and Made-by included, applied in SQL)."""
    return store.query(query, limit=limit, offset=offset)


def view_count(store: Store, query: TaskQuery) -> int:
    """How many tasks the view has."""
    return store.count(query)


def open_task(task_id: str | None) -> None:
    """Show one task in detail (`?task=`), or the gallery again."""
    if task_id:
        st.query_params["task"] = task_id
    else:
        st.query_params.pop("task", None)
