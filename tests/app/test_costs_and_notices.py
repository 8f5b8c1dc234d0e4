"""Cost per task on cards and per day in History; a notice when a task ends while the person is elsewhere."""

from __future__ import annotations

import time

from tests.app.conftest import run_until


def texts(elements) -> str:
    return " ".join(str(e.value) for e in elements)


def generate(at, prompt: str, n: int = 1) -> None:
    at.text_area(key="gen_prompt").input(prompt).run()
    at.segmented_control(key="gen_gpt-4o-image_n_variants").set_value(n).run()
    next(b for b in at.button if b.label == "Generate").click().run()
    assert not at.exception


def test_a_task_card_shows_its_measured_cost(app):
    generate(app, "a copper kettle", n=2)
    run_until(app, lambda a: "3 credits" in texts(a.markdown))  # 2 images at the simulator's 1.5 each
    assert "about 3 credits (estimate)" not in texts(app.markdown)  # measured, not estimated


def test_history_totals_credits_per_day(app):
    generate(app, "a brass lamp", n=4)
    run_until(app, lambda a: "6 credits" in texts(a.markdown))
    app.switch_page("app_pages/history.py").run()
    app.toggle(key="hist_cost_per_day").set_value(True).run()
    assert not app.exception
    table = app.dataframe[0].value
    assert list(table["tasks"]) == [1] and list(table["images"]) == [4] and list(table["credits"]) == [6.0]


def test_a_notice_when_a_task_ends_while_the_person_is_on_another_page(app):
    generate(app, "a silver spoon")
    app.switch_page("app_pages/edit.py").run()  # shows edits only
    assert not app.exception
    run_until(app, lambda a: "Done: “a silver spoon”" in texts(a.toast), timeout=60)  # generous: a loaded machine


def test_no_notice_over_the_showcase_it_waits_until_the_person_leaves(app):
    generate(app, "a copper kettle")
    app.switch_page("app_pages/showcase.py").run()
    end = time.time() + 20
    while time.time() < end:
        app.run()
        assert "copper kettle" not in texts(app.toast)
        task = app.session_state["_connection"].workspace.store.query(limit=1)[0]
        if not task.needs_polling:  # it ended while the slides were shown
            break
        time.sleep(0.3)
    for _ in range(2):
        app.run()
        assert "copper kettle" not in texts(app.toast)
    app.switch_page("app_pages/edit.py").run()  # told as soon as the person leaves
    assert "Done: “a copper kettle”" in texts(app.toast)


def test_no_notice_on_the_page_that_shows_the_task(app):
    generate(app, "a golden fork")
    run_until(app, lambda a: any("golden fork" in str(m.value) for m in a.markdown)
              and "Done" in texts(a.markdown), timeout=20)
    for _ in range(3):
        app.run()
    assert "golden fork" not in texts(app.toast)


def test_estimates_name_the_price_of_each_model_they_used():
    from components.history_tools import estimates_note
    from kie.prices import Price, catalogue_price

    note = estimates_note(Price(2.0, "estimate from 3 measured task(s)", "gpt-4o-image"), {"gpt-4o-image",
                                                                                           "seedream-4.5"})
    assert "GPT-4o Image 2 credits per image (estimate from 3 measured task(s))" in note
    assert f"Seedream 4.5 {catalogue_price('seedream-4.5').credits:g} credits per image" in note
    assert estimates_note(None, set()) == "Nothing here needed an estimate."


def test_a_notice_when_a_task_ends_after_the_page_stopped_drawing_it(app):
    """Generate drew the task, then turned to Batch (the same page, no longer drawing it): its end is told."""
    generate(app, "a pewter jug [seconds:3]")
    assert any("pewter jug" in str(m.value) for m in app.markdown)  # drawn on Generate's list while it runs
    app.segmented_control(key="gen_mode").set_value("batch").run()
    assert not any("pewter jug" in str(m.value) for m in app.markdown)
    run_until(app, lambda a: "Done: “a pewter jug" in texts(a.toast), timeout=60)  # (its prompt's tag escaped)
