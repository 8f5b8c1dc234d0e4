"""Layouts fit at 1400, 800 and 400 px: every option of every control and every button is inside the window and
no label is cut ("Downl…"), nor a selectbox's shown value; the pages are drawn with real content (a result, the
demo gallery, a batch), and so are Edit with a picture (its tools, toolbar and every model's options), Compare
models, the Library popover, a result's More menu and every selectbox's list of options. A check that finds a
problem keeps a screenshot under tests/e2e/artifacts (every check does with STUDIO_SCREENSHOTS=1)."""

from __future__ import annotations

import os

import pytest

from tests.e2e.harness import App, generate, open_app, queue_batch, screenshot, settle
from tests.e2e.test_edit_flow import photo

WIDTHS = (1400, 800, 400)

# Everything a person reads or presses inside the boxes `roots` names (the page's main part, a popover, a
# dropdown list); tabs scroll by design; tables are canvases.
PROBLEMS = """(roots) => {
  const width = window.innerWidth, found = [];
  const shown = (e) => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0 &&
    getComputedStyle(e).visibility !== 'hidden' && !e.closest('[data-testid=stTabs] [role=tablist]') &&
    !e.closest('[data-testid=stDataFrame]') && !e.closest('.studio-viewer'); };
  const name = (e) => (e.innerText || e.getAttribute('aria-label') || '').trim().slice(0, 40);
  const cut = (t) => t.innerText && t.innerText.trim() && t.scrollWidth > t.clientWidth + 1 &&
    ['hidden', 'clip'].includes(getComputedStyle(t).overflowX);
  for (const root of document.querySelectorAll(roots)) {
    for (const e of root.querySelectorAll('button, [role=radio], [role=option], [role=checkbox], [role=slider], ' +
                                          'label, [data-testid=stWidgetLabel], [role=combobox]')) {
      if (!shown(e)) continue;
      const r = e.getBoundingClientRect();
      if (r.left < -1 || r.right > width + 1) found.push(`outside the window: ${name(e)} (${r.left}..${r.right})`);
      for (let a = e.parentElement; a && a !== root.parentElement; a = a.parentElement) {  // hidden by a box
        const style = getComputedStyle(a);
        if (style.overflowX === 'visible' || a.closest('[data-testid=stTabs] [role=tablist]')) continue;
        const box = a.getBoundingClientRect();
        if (r.right > box.right + 1 || r.left < box.left - 1) { found.push(`clipped: ${name(e)}`); break; }
      }
      for (const t of [e, ...e.querySelectorAll('p, span, div')]) {
        if (cut(t)) { found.push(`cut: ${name(e)}`); break; }
      }
    }
    // A selectbox's shown value (its input) and a multiselect's chips whole: "Portrait 2:…" hides the value.
    for (const t of root.querySelectorAll('[data-testid=stSelectbox] input[role=combobox], ' +
                                          '[data-testid=stMultiSelect] [data-tag] > span')) {
      if (shown(t) && (t.value || t.innerText || '').trim() && t.scrollWidth > t.clientWidth + 1) {
        found.push(`value cut: ${t.getAttribute('aria-label') || t.innerText} (${t.value || t.innerText})`);
      }
    }
  }
  return [...new Set(found)];
}"""
MAIN = "[data-testid=stMain]"
POPOVER = "[data-testid=stPopoverBody]"
LISTBOX = "[role=listbox]"
TOOLS = {"Rectangle": "rect", "Polygon": "poly", "Eraser": "eraser", "Brush": "brush"}  # Brush last: the slider
CANVAS = ".mc-frame"  # the Edit canvas (components/mask_canvas/, open shadow DOM: Playwright's CSS pierces it)


FOUND: list[str] = []


def check(page, where: str, width: int, roots: str = MAIN, wait: bool = True) -> None:
    """Note every control in `roots` that is outside the window, clipped or cut."""
    if wait:
        settle(page)
        page.wait_for_timeout(300)
    problems = page.evaluate(PROBLEMS, roots)
    if problems or "1" in (os.environ.get("STUDIO_SCREENSHOTS"), os.environ.get("STUDIO_UPDATE_SCREENSHOTS")):
        screenshot(page, f"layout-{where}-{width}.png")
    FOUND.extend(f"{where} at {width} px: {p}" for p in problems)


def open_list(page, box) -> None:
    """Open a selectbox's list by its arrow (a click on its text may only focus it)."""
    box.locator("[role=combobox]").scroll_into_view_if_needed()
    box.get_by_role("button", name="Open").click()
    page.locator(f"{LISTBOX} [role=option]").filter(visible=True).first.wait_for()


def check_selectboxes(page, where: str, width: int) -> None:
    """Open every selectbox of the main part in turn: each list of options fits, no option cut."""
    boxes = page.locator(f"{MAIN} [data-testid=stSelectbox]").filter(visible=True)
    for index in range(boxes.count()):
        box = boxes.nth(index)
        label = box.locator("[role=combobox]").get_attribute("aria-label") or str(index)
        open_list(page, box)
        check(page, f"{where}-list-{label.replace(' ', '_')}", width, LISTBOX, wait=False)
        page.keyboard.press("Escape")
        page.locator(LISTBOX).wait_for(state="detached")


def check_popover(page, button: str, where: str, width: int) -> None:
    """Open a popover by its button, check what is in it, close it."""
    page.get_by_role("button", name=button).filter(visible=True).first.click()
    body = page.locator(POPOVER).filter(visible=True).first
    body.wait_for()
    page.wait_for_timeout(300)  # it slides in
    check(page, where, width, POPOVER, wait=False)
    page.keyboard.press("Escape")
    body.wait_for(state="hidden")


def check_canvas(page, width: int) -> None:
    """The Edit canvas is scaled to its column (never wider than it or the window), its toolbar whole."""
    frame = page.locator(CANVAS).first
    column = page.locator("[data-testid=stColumn]").filter(has=page.locator(CANVAS)).last
    f, c = frame.bounding_box(), column.bounding_box()
    if f["x"] < c["x"] - 1 or f["x"] + f["width"] > c["x"] + c["width"] + 1 or f["x"] + f["width"] > width + 1:
        FOUND.append(f"edit at {width} px: the canvas ({f['x']:.0f}..{f['x'] + f['width']:.0f}) is not inside its "
                     f"column ({c['x']:.0f}..{c['x'] + c['width']:.0f})")
    if f["width"] < c["width"] - 2 and f["width"] < 600:  # scaled to the column: it takes the column's width
        FOUND.append(f"edit at {width} px: the canvas ({f['width']:.0f} px) does not fill its column "
                     f"({c['width']:.0f} px)")
    buttons = page.locator(".mc-bar button")
    assert buttons.count() >= 3  # Undo, Redo, Clear
    for index in range(buttons.count()):
        b = buttons.nth(index).bounding_box()
        name = buttons.nth(index).inner_text().strip()
        if b["x"] < c["x"] - 1 or b["x"] + b["width"] > min(c["x"] + c["width"], width) + 1:
            FOUND.append(f"edit at {width} px: canvas button {name} outside its column")
        if buttons.nth(index).evaluate("b => b.scrollWidth > b.clientWidth + 1"):
            FOUND.append(f"edit at {width} px: canvas button {name} cut")


@pytest.fixture(scope="module")
def studio(tmp_path_factory, browser):
    """One app with a finished result, the demo gallery and a batch (module-wide: the widths only look), and one
    browser context for all its pages (each test opens its own page at its width: the app's scripts come from the
    context's cache, not parsed afresh). It uses the session's browser: a second Playwright in one process refuses
    to start."""
    base = tmp_path_factory.mktemp("layouts")
    app = App(base / "data", base / "app.log", env={"STUDIO_SIM_TASK_SECONDS": "1"})
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(30_000)
    page = context.new_page()
    try:
        open_app(page, app.url)
        generate(page, "a lighthouse on a rocky coast")
        page.locator("[class*='st-key-result-'] img").first.wait_for(timeout=30_000)
        page.get_by_role("button", name="Load demo gallery").click()
        settle(page)
        queue_batch(page, ["a red kite", "a green frog"])
        page.get_by_text("All 2 ended").wait_for(timeout=30_000)
        page.get_by_role("radio", name="Single").click()
        settle(page)
        page.close()
        yield app, context, photo(base / "photo.png", (800, 600))
    finally:
        context.close()
        app.stop()


@pytest.mark.parametrize("width", WIDTHS)
def test_every_option_and_button_fits(studio, width):
    app, context, _ = studio
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": 1000})
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
        main.get_by_text("Filters", exact=True).click()  # folded away until asked for
        settle(page)
        check(page, "history", width)
        for option in ("Generating", "Done", "Failed", "Text to image", "Edit", "Variants", "Only them"):
            assert main.get_by_text(option, exact=True).filter(visible=True).count() >= 1, option
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


def choose_in_main(page, label: str, option: str) -> None:
    """Choose an option of the selectbox labelled `label` in the main part."""
    open_list(page, page.locator(f"{MAIN} [data-testid=stSelectbox]").filter(
        has=page.get_by_role("combobox", name=label, exact=True)))
    page.locator(f"{LISTBOX} [role=option]").filter(has_text=option).first.click()
    settle(page)


@pytest.mark.parametrize("width", WIDTHS)
def test_edit_compare_and_menus_fit(studio, width):
    """Edit with a picture (its tools, brush, toolbar, Invert mask and every model's options), Compare models with
    four models, the Library popover and a result's More menu: every control fits, no label or value cut."""
    app, context, picture = studio
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": 1000})
    try:
        open_app(page, app.url)
        page.locator("[class*='st-key-result-'] img").first.wait_for()
        check_popover(page, "Library", "library", width)
        check_popover(page, "More", "more", width)
        page.get_by_role("radio", name="Compare models").click()
        settle(page)
        models = page.locator(f"{MAIN} [data-testid=stMultiSelect]")
        models.locator("[role=combobox]").click()
        page.locator(f"{LISTBOX} [role=option]").filter(has_text="Seedream 4.5").click()
        page.keyboard.press("Escape")
        settle(page)
        page.get_by_text("Seedream 4.5", exact=True).filter(visible=True).last.wait_for()  # its option form
        check(page, "compare", width)
        check_selectboxes(page, "compare", width)
        page.get_by_role("radio", name="Single").click()
        settle(page)

        open_app(page, app.url + "/edit")
        page.locator("[data-testid=stFileUploaderDropzoneInput]").first.set_input_files(str(picture))
        page.locator(CANVAS).first.wait_for()
        settle(page)
        for tool, name in TOOLS.items():  # every tool visible and selectable: the canvas takes it
            page.get_by_text(tool, exact=True).click()
            page.locator(f".mc[data-tool={name}]").wait_for()
        check_canvas(page, width)
        check(page, "edit", width)
        assert FOUND == [], "\n".join(FOUND)
    finally:
        FOUND.clear()
        page.close()


def test_every_edit_model_s_options_fit(studio):
    """Edit with a picture, each model that takes one chosen in turn: its options and every selectbox's list fit at
    1400, 800 and 400 px. Each model is chosen once and checked at each width by resizing the window (a resize
    redraws the page, it does not rerun it)."""
    app, context, picture = studio
    page = context.new_page()
    page.set_viewport_size({"width": WIDTHS[0], "height": 1000})
    try:
        open_app(page, app.url + "/edit")
        page.locator("[data-testid=stFileUploaderDropzoneInput]").first.set_input_files(str(picture))
        page.locator(CANVAS).first.wait_for()
        settle(page)
        open_list(page, page.locator(f"{MAIN} [data-testid=stSelectbox]").filter(
            has=page.get_by_role("combobox", name="Model", exact=True)))
        names = [n.strip() for n in page.locator(f"{LISTBOX} [role=option]").all_inner_texts()]
        page.keyboard.press("Escape")
        assert len(names) >= 2, names
        for name in names:  # each model's own options
            page.set_viewport_size({"width": WIDTHS[0], "height": 1000})
            choose_in_main(page, "Model", name)
            slug = name.lower().replace(" ", "-")
            for width in WIDTHS:
                page.set_viewport_size({"width": width, "height": 1000})
                page.wait_for_function("(w) => window.innerWidth === w", arg=width)
                check(page, f"edit-{slug}", width)  # settled: a resize may rerun (the page sizes pictures to it)
                check_selectboxes(page, f"edit-{slug}", width)
        assert FOUND == [], "\n".join(FOUND)
    finally:
        FOUND.clear()
        page.close()
