"""A batch's pictures read in the order their prompts were typed, also where the columns stack (AppTest sees the
page's order: a column's elements before the next column's)."""

from __future__ import annotations

from tests.app.conftest import run_until

PROMPTS = ["a red fox", "a blue whale", "a green frog", "a grey owl", "a white swan", "a black cat"]


def shown_prompts(at) -> list[str]:
    """The batch card's picture captions, in the page's order."""
    return [c.value for c in at.caption if c.value in PROMPTS]


def test_a_batchs_pictures_are_in_the_order_typed(app):
    app.segmented_control(key="gen_mode").set_value("batch").run()
    app.text_area(key="batch_lines").input("\n".join(PROMPTS)).run()
    next(b for b in app.button if b.label == "Queue 6 tasks").click().run()
    assert not app.exception, app.exception
    run_until(app, lambda a: shown_prompts(a)[:6] == PROMPTS or len(shown_prompts(a)) >= 6, timeout=40)
    assert shown_prompts(app)[:6] == PROMPTS  # row by row: 1 2 3 4 / 5 6, never 1 5 / 2 6 / 3 / 4
