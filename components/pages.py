"""Where the pages are: their scripts (for `st.switch_page`) and the links that open one in a given state. The
pages themselves are listed in navigation.py."""

from __future__ import annotations

from urllib.parse import quote

EDIT_PAGE = "app_pages/edit.py"
GENERATE_PAGE = "app_pages/generate.py"
COMPARISON_QUERY = "comparison"  # ?comparison=<id> on the Generate page opens a saved comparison


def comparison_url(comparison_id: str) -> str:
    """The link that reopens a comparison of models (History's detail links here)."""
    return f"/?{COMPARISON_QUERY}={quote(comparison_id, safe='')}"  # Generate is the default page: its root
