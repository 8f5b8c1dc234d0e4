"""Issue 24: text copied from a page is the text that was typed.

A prompt with an address, an e-mail, Markdown-ish characters and the arrows Streamlit turns into symbols is sent in
demo mode; its card's text is then selected in the page the way a person selects it (the element's whole text) and
the selection, and the clipboard after Ctrl+C, must equal the typed prompt character for character: no invisible
word joiner after `http:` or `@`, no arrow or dash put in for `->` or `--`. Nothing of it may become a link.
"""

from __future__ import annotations

import pytest

from tests.e2e.harness import open_app, settle, type_prompt

pytestmark = pytest.mark.e2e

MARK = "Copycat"  # a plain word to find the card by: the rest of the prompt is what is checked
PROMPT = (f"{MARK} see https://example.com/a_b*c* or mail ann@example.com: *not bold* _no_ `tick` "
          "www.example.org :smile: :red[x] $5 -> 10 -- <b>x</b> [a](http://e.com) ~= 1:1")
IMAGES = "[class*='st-key-result-'] [data-testid=stImage] img"

SELECT_AND_READ = """el => {
    const range = document.createRange();
    range.selectNodeContents(el);
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    return selection.toString();
}"""


@pytest.fixture
def clipboard_page(browser):
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    ctx.grant_permissions(["clipboard-read", "clipboard-write"])
    ctx.set_default_timeout(30_000)
    yield ctx.new_page()
    ctx.close()


def shown_prompts(page):
    """The Markdown elements that show the prompt (the task's card on Generate)."""
    return page.locator("[data-testid=stMarkdownContainer]").filter(has_text=MARK)


def test_a_prompt_selected_and_copied_from_its_card_is_the_prompt_typed(demo_app, clipboard_page):
    page = clipboard_page
    open_app(page, demo_app.url)
    type_prompt(page, PROMPT)
    page.get_by_role("button", name="Generate").click()
    page.locator(IMAGES).first.wait_for(timeout=30_000)
    settle(page)
    shown = shown_prompts(page)
    assert shown.count() >= 1
    for n in range(shown.count()):
        element = shown.nth(n)
        selected = element.evaluate(SELECT_AND_READ)
        assert selected.strip() == PROMPT, f"selected: {selected!r}"
        assert element.locator("a, img, code, em, strong, .katex").count() == 0  # all of it stayed text
    card = shown.first
    card.evaluate(SELECT_AND_READ)
    page.keyboard.press("Control+C")
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert copied.strip() == PROMPT, f"copied: {copied!r}"
