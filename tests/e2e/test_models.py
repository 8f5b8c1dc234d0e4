"""Model choice in a real browser: every model generates in demo mode; Compare models survives a server restart."""

from __future__ import annotations

import signal
import time

from components.generate_single import RECENT
from kie import catalog
from kie.models import Task
from kie.store import TaskStore
from tests.e2e.harness import App, choose, generate, open_app, send_comparison, settle
from tests.fixtures.learned import learned_fast

IMAGES = "[data-testid=stImage] img"


def finished(store: TaskStore, prompt: str) -> list[Task]:
    return [t for t in store.query(limit=50) if t.prompt == prompt and t.images]


def test_generate_with_each_model(tmp_path, logs, page):
    data = tmp_path / "data"
    models = catalog.image_models()
    store = TaskStore(data, "demo")
    learned_fast(store, [m.id for m in models], 3.0)
    app = App(data, logs / "app.log", env={"STUDIO_SIM_TASK_SECONDS": "3"})
    try:
        open_app(page, app.url)
        for spec in models:
            choose(page, "Model", spec.name)
            page.get_by_text(f"Prompts up to {spec.max_prompt_chars:,} characters").wait_for()
            generate(page, f"a red fox drawn by {spec.name}")
        deadline = time.time() + 60
        while time.time() < deadline and not all(finished(store, f"a red fox drawn by {s.name}") for s in models):
            time.sleep(0.5)
        for spec in models:
            [task] = finished(store, f"a red fox drawn by {spec.name}")
            assert task.model == spec.id and task.request.model == spec.id
        # Generate's panel shows the newest tasks (RECENT of them): each with all its pictures (a Midjourney grid
        # has four). The other models' pictures are checked in the store above.
        newest = [t for t in store.query(limit=RECENT) if t.prompt.startswith("a red fox drawn by")]
        assert len(newest) == RECENT
        expected = sum(len(t.images) for t in newest)
        page.wait_for_function(f"() => document.querySelectorAll('{IMAGES}').length === {expected}", timeout=90_000)
    finally:
        app.stop()


def test_compare_three_models_survives_a_restart_and_reopens(tmp_path, logs, page):
    data = tmp_path / "data"
    models = [m for m in catalog.image_models()][:3]  # the form's default choice
    store = TaskStore(data, "demo")
    learned_fast(store, [m.id for m in models], 8.0)
    env = {"STUDIO_SIM_TASK_SECONDS": "8"}
    app = App(data, logs / "app1.log", env=env)
    try:
        open_app(page, app.url)
        page.get_by_role("radio", name="Compare models").click()
        settle(page)
        comparison_id = send_comparison(page, "a lighthouse on a rocky coast", 3)
        page.get_by_text("Generating").first.wait_for()
        tasks = [t for t in store.query(limit=20) if t.comparison_id == comparison_id]
        assert sorted(t.model for t in tasks) == sorted(m.id for m in models)
        assert not any(t.images for t in tasks)  # the restart comes mid-way
    finally:
        app.stop(signal.SIGKILL)
    app = App(data, logs / "app2.log", env=env, port=app.port)
    try:
        page.goto(f"{app.url}/?comparison={comparison_id}")
        page.wait_for_selector("[data-testid=stApp]")
        page.wait_for_function(f"() => document.querySelectorAll('{IMAGES}').length >= 3", timeout=60_000)
        for spec in models:
            page.get_by_text(spec.name, exact=True).first.wait_for()
        tasks = [t for t in store.query(limit=20) if t.comparison_id == comparison_id]
        assert len(tasks) == 3 and all(t.state == "success" and t.images for t in tasks)
        sent = [t.task_id for t in tasks]
        assert len(set(sent)) == 3  # each model sent once
        settle(page)
        page.get_by_role("button", name="Pick").first.click()
        settle(page)
        assert [t.favourite for t in store.query(limit=20) if t.comparison_id == comparison_id].count(True) == 1
    finally:
        app.stop()


# Where each text in `labels` is drawn in the main part (the element showing exactly that text, as Playwright's
# get_by_text(exact=True).first finds it), whether it is whole: [label, left, right, clipped], or null if not shown.
PLACES = """(labels) => {
  const main = document.querySelector('[data-testid=stMain]');
  const all = [...main.querySelectorAll('*')];
  return labels.map((label) => {
    const e = all.find((x) => x.offsetParent !== null && (x.innerText || '').replace(/\\s+/g, ' ').trim() === label
      && ![...x.children].some((c) => (c.innerText || '').replace(/\\s+/g, ' ').trim() === label));
    if (!e) return null;
    const r = e.getBoundingClientRect();
    return [label, r.left, r.right, e.scrollWidth > e.clientWidth + 1];
  });
}"""


def test_every_option_of_every_model_fits_narrow_windows(demo_app, page):
    """At 800 and 400 px wide, each model's options show every value whole: nothing cut, nothing off-screen. Each
    model is chosen once; the window is narrowed around its form (a resize redraws, it does not rerun)."""
    page.set_viewport_size({"width": 800, "height": 900})
    open_app(page, demo_app.url)
    for spec in catalog.image_models():
        choose(page, "Model", spec.name)
        labels = []
        for option in spec.options:
            if option.kind == "bool":
                labels.append(option.label)
                continue
            values = [option.label_for(v) for v in spec.allowed_values(option.key, {}, 0)]
            if len(values) <= 6:  # more is a selectbox: one line, its list opens over the page
                labels.extend(values)
        folded = page.locator("[data-testid=stMain] [data-testid=stExpander] details:not([open]) summary")
        while folded.count():  # "More options" (options few people need) opened: they must fit too
            folded.first.click()
        for width in (800, 400):
            page.set_viewport_size({"width": width, "height": 900})
            page.wait_for_function("(w) => window.innerWidth === w", arg=width)
            for place, label in zip(page.evaluate(PLACES, labels), labels, strict=True):
                assert place is not None, (width, spec.id, label)  # drawn
                _, left, right, clipped = place
                assert left >= 0 and right <= width, (width, spec.id, label, left, right)
                assert not clipped, (width, spec.id, label)  # no "Portr…"
        page.set_viewport_size({"width": 800, "height": 900})
