"""The browser tests' `settle` waits for the run of a change the page has made but not sent yet.

Streamlit's browser side sends a widget's change from a `setTimeout(..., 0)` (its WidgetStateManager's
scheduleFlush), so when a click returns, the change may still be queued; on a loaded machine the timer runs late, and
a settle that looked only at what was sent could end before the run (a model chosen, its options not drawn yet:
test_every_option_of_every_model_fits_narrow_windows failed so in a full run). Here every zero-delay timer of the page
runs 300 ms late, which makes that order certain.
"""

from __future__ import annotations

from tests.e2e.harness import open_app, settle

LATE_TIMERS = """() => {
  const native = window.setTimeout;
  window.setTimeout = (callback, delay, ...rest) => native(callback, delay ? delay : 300, ...rest);
}"""
SHOWN = """(text) => [...document.querySelectorAll('[data-testid=stMain] *')]
  .some((e) => e.offsetParent !== null && (e.innerText || '').trim() === text)"""


def test_settle_waits_for_a_change_streamlit_has_not_sent_yet(demo_app, page):
    open_app(page, demo_app.url)
    box = page.get_by_role("combobox", name="Model")
    box.click()
    box.fill("Midjourney")
    option = page.get_by_role("option", name="Midjourney", exact=True)
    option.wait_for()
    assert not page.evaluate(SHOWN, "Relaxed (slowest, cheapest)")  # another model's options are shown
    page.evaluate(LATE_TIMERS)
    option.click()
    settle(page)
    # Read at once, not waited for: settle must have waited for the run that draws Midjourney's options.
    assert page.evaluate(SHOWN, "Relaxed (slowest, cheapest)")
