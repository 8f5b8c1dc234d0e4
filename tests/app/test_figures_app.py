"""One set of figures on the pages (AppTest): *Credits left* follows a task's end without a page change, and a failed
task's card says "nothing charged" where its balance was measured going down when it was sent."""

from __future__ import annotations

import requests

from kie.service import service
from tests.app.conftest import run_until


def texts(elements) -> str:
    return " ".join(str(e.value) for e in elements)


def credits_left(at) -> str:
    [metric] = [m for m in at.metric if m.label == "Credits left"]
    return metric.value


def generate(at, prompt: str) -> None:
    at.text_area(key="gen_prompt").input(prompt).run()
    next(b for b in at.button if b.label == "Generate").click().run()
    assert not at.exception, at.exception


def the_task(at):
    return at.session_state["_connection"].workspace.store.query(limit=1)[0]


def test_credits_left_changes_when_a_task_ends_without_a_page_change(app):
    assert credits_left(app) == "1,000"
    server, _key = service().demo_simulator()
    configure = server.url + "/_sim/config"
    requests.post(configure, json={"task_seconds": 8}, timeout=5).raise_for_status()  # time to change the balance
    generate(app, "a copper kettle")
    app.run()  # the sidebar is drawn before the page that sent it
    assert credits_left(app) == "998.5"  # asked again once the task was sent
    assert the_task(app).needs_polling
    # The service's balance moves while the task runs (a charge made at its end, another tab's work): the sidebar
    # is cached for a minute, yet shows the new balance on the run in which the task ended, on the same page.
    requests.post(configure, json={"credits": 412.25}, timeout=5).raise_for_status()
    run_until(app, lambda a: not the_task(a).needs_polling, timeout=30)
    run_until(app, lambda a: credits_left(a) == "412.25", timeout=5)
    assert any(b.label == "Generate" for b in app.button)  # still on Generate: no page change in between


def test_a_failed_task_reads_nothing_charged_where_its_balance_went_down(app):
    generate(app, "a copper kettle [fail]")
    run_until(app, lambda a: the_task(a).state == "failed", timeout=30)
    app.run()
    task = the_task(app)
    assert task.credits == 1.5  # measured when it was sent: the balance went down by 1.5
    cards = texts(app.markdown)
    assert "nothing charged" in cards
    assert "1.5 credits" not in cards


def test_a_failed_task_offers_run_again_with_its_cost_and_sends_it_once(app):
    generate(app, "a copper kettle [fail:451]")  # the download code, on a task that sent no picture
    run_until(app, lambda a: the_task(a).state == "failed", timeout=30)
    app.run()
    errors = texts(app.error)
    assert "this task sent no picture" in errors and "reference picture" not in errors
    store = app.session_state["_connection"].workspace.store
    before = store.count()
    next(b for b in app.button if b.label == "Run again").click().run()
    assert store.count() == before  # one click says what it sends and costs, and sends nothing
    next(b for b in app.button if b.label == "Run again: about 1.5 credits").click().run()
    assert store.count() == before + 1
    again = the_task(app)
    assert again.prompt == "a copper kettle [fail:451]" and again.request.settings() == store.query(
        limit=2)[1].request.settings()
