"""Layouts fit at 1400, 800 and 400 px: every option of every control and every button is inside the window and
no label is cut ("Downl…"); the pages are drawn with real content (a result, the demo gallery, a batch)."""

from __future__ import annotations

import pytest

from tests.e2e.harness import App, generate, open_app, screenshot, settle

WIDTHS = (1400, 800, 400)

# Everything a person reads or presses in the page's main part (tabs scroll by design; tables are canvases).
PROBLEMS = """() => {
  const width = window.innerWidth, found = [];
  const main = document.querySelector('[data-testid=stMain]');
  const shown = (e) => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0 &&
    getComputedStyle(e).visibility !== 'hidden' && !e.closest('[data-testid=stTabs] [role=tablist]') &&
    !e.closest('[data-testid=stDataFrame]') && !e.closest('.studio-viewer'); };
  const name = (e) => (e.innerText || e.getAttribute('aria-label') || '').trim().slice(0, 40);
  for (const e of main.querySelectorAll('button, [role=radio], [role=option], [role=checkbox], label, ' +
                                        '[data-testid=stWidgetLabel]')) {
    if (!shown(e)) continue;
    const r = e.getBoundingClientRect();
    if (r.left < -1 || r.right > width + 1) found.push(`outside the window: ${name(e)} (${r.left}..${r.right})`);
    for (let a = e.parentElement; a && a !== main; a = a.parentElement) {  // hidden by a box it overflows
      const style = getComputedStyle(a);
      if (style.overflowX === 'visible' || a.closest('[data-testid=stTabs] [role=tablist]')) continue;
      const box = a.getBoundingClientRect();
      if (r.right > box.right + 1 || r.left < box.left - 1) { found.push(`clipped: ${name(e)}`); break; }
    }
    for (const t of [e, ...e.querySelectorAll('p, span, div')]) {
      if (t.innerText && t.innerText.trim() && t.scrollWidth > t.clientWidth + 1 &&
          ['hidden', 'clip'].includes(getComputedStyle(t).overflowX)) {
        found.push(`cut: ${name(e)}`); break;
      }
    }
  }
  return [...new Set(found)];
}"""


FOUND: list[str] = []


def check(page, where: str, width: int) -> None:
    settle(page)
    page.wait_for_timeout(300)
    problems = page.evaluate(PROBLEMS)
    screenshot(page, f"layout-{where}-{width}.png")
    FOUND.extend(f"{where} at {width} px: {p}" for p in problems)


@pytest.fixture(scope="module")
def studio(tmp_path_factory, browser):
    """One app with a finished result, the demo gallery and a batch (module-wide: the widths only look). It uses
    the session's browser: a second Playwright in one process refuses to start."""
    base = tmp_path_factory.mktemp("layouts")
    app = App(base / "data", base / "app.log", env={"STUDIO_SIM_TASK_SECONDS": "1"})
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        open_app(page, app.url)
        generate(page, "a lighthouse on a rocky coast")
        page.locator("[class*='st-key-result-'] img").first.wait_for(timeout=30_000)
        page.get_by_role("button", name="Load demo gallery").click()
        settle(page)
        page.get_by_role("radio", name="Batch").click()
        settle(page)
        box = page.get_by_label("Prompts, one per line")
        box.fill("a red kite\na green frog")
        box.press("Control+Enter")
        settle(page)
        page.get_by_role("button", name="Queue 2 tasks").click()
        page.get_by_text("All 2 ended").wait_for(timeout=30_000)
        page.get_by_role("radio", name="Single").click()
        settle(page)
        page.close()
        yield app, browser
    finally:
        app.stop()


@pytest.mark.parametrize("width", WIDTHS)
def test_every_option_and_button_fits(studio, width):
    app, browser = studio
    page = browser.new_page(viewport={"width": width, "height": 1000})
    try:
        open_app(page, app.url)
        page.locator("[class*='st-key-result-'] img").first.wait_for()
        check(page, "generate", width)
        page.get_by_role("radio", name="Batch").click()
        page.locator("[class*='st-key-batchcard-']").first.wait_for()
        check(page, "batch", width)
        page.get_by_role("radio", name="Single").click()
        open_app(page, app.url + "/history")
        page.locator("[class*='st-key-tile-']").first.wait_for()
        main = page.locator("[data-testid=stMain]")
        for option in ("Generating", "Done", "Failed", "Text to image", "Edit", "Variants", "Demo"):
            assert main.get_by_text(option, exact=True).filter(visible=True).count() >= 1, option
        check(page, "history", width)
        open_app(page, app.url + "/history?task=demo-gallery-04")
        page.get_by_role("button", name="Delete").wait_for()
        check(page, "detail", width)
        open_app(page, app.url + "/showcase")
        page.locator(".st-key-showcase-stage").wait_for()
        check(page, "showcase", width)
        assert FOUND == [], "\n".join(FOUND)
    finally:
        FOUND.clear()
        page.close()
