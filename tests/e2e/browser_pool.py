"""Browser contexts handed out warm: a closed context goes back to a pool, emptied, instead of being thrown away.

A new Chromium context starts with an empty cache, so every page it opens downloads and compiles Streamlit's
frontend afresh (about 5 CPU-seconds a page load on the 2-core test machine, against under 3 in a context that has
loaded it before). Browser tests open a hundred or so contexts a run, and the suite is CPU-bound, so
`pool_contexts(browser)` makes `browser.new_context(...)` (and `browser.new_page(...)`) lend a context that an earlier
test closed, when one with the same options is free. Together with `ports.home_port` (each worker's apps listen on
the same port, one after another), the frontend's files then come from the context's cache.

What a test can observe of a context is emptied before it is lent again: its pages are closed, its cookies, local
storage and IndexedDB cleared (`set_storage_state`), its routes, permissions, extra headers and offline switch reset.
Only the HTTP cache (and the code compiled from it) is kept, which holds Streamlit's content-hashed frontend files and
pictures, and no browser test depends on a cold cache.
"""

from __future__ import annotations

import json
from collections import defaultdict

EMPTY_STATE = {"cookies": [], "origins": []}


def pool_contexts(browser, prepare=None) -> None:
    """From now on `browser.new_context(**options)` lends a pooled context (made with `options` if none is free), and
    closing it gives it back. `prepare(context)` runs once on each context made (e.g. an init script)."""
    free: dict[str, list] = defaultdict(list)
    lent: set[int] = set()  # ids of the contexts out on loan
    make_context = browser.new_context

    def give_back(context, key: str) -> None:
        if id(context) not in lent:  # closed twice (its page closed it first, say)
            return
        lent.discard(id(context))
        for page in list(context.pages):
            page.close()
        context.unroute_all(behavior="ignoreErrors")
        context.set_storage_state(EMPTY_STATE)
        context.clear_permissions()
        context.set_extra_http_headers({})
        context.set_offline(False)
        context.set_default_timeout(30_000)
        context.set_default_navigation_timeout(30_000)
        free[key].append(context)

    def new_context(**options):
        key = json.dumps(options, sort_keys=True, default=str)
        if free[key]:
            context = free[key].pop()
        else:
            context = make_context(**options)
            if prepare is not None:
                prepare(context)
            context.close = lambda **_: give_back(context, key)  # one wrapper object per context: tests close it
        lent.add(id(context))
        return context

    def new_page(**options):
        # Like Playwright's own: a context of its own for the page, given back when the page closes.
        context = new_context(**options)
        page = context.new_page()
        close_page = page.close

        def close(**kwargs) -> None:
            close_page(**kwargs)
            context.close()

        page.close = close
        return page

    browser.new_context, browser.new_page = new_context, new_page
