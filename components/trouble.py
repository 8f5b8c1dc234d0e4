"""How problems show: a refused request in plain words with what to do next, a database outage as trouble the
app retries (never a crash)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

from components.text import literal
from kie import errors
from kie.store import StoreUnavailable
from kie.team import BudgetExceeded

STORE_TROUBLE = ("The history database is not answering (it may be restarting). Nothing is lost: the app keeps "
                 "retrying on its own.")


@contextmanager
def store_trouble_shown() -> Iterator[None]:
    """Show a passing database outage as trouble that the app retries, not as a crash (pages, fragments)."""
    try:
        yield
    except StoreUnavailable:
        st.warning(STORE_TROUBLE, icon=":material/sync_problem:")


def show_error(error: errors.KieError) -> None:
    """An error in plain words, with what to do next."""
    if isinstance(error, BudgetExceeded):
        st.error(f"**{literal(error.message)}** {error.hint}", icon=":material/block:")
    elif isinstance(error, errors.RequestInvalid):
        st.error(literal(error.message), icon=":material/edit:")
    else:
        st.error(f"**{literal(error.message)}** {error.hint}", icon=":material/error:")
