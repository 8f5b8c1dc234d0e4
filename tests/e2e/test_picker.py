"""Edit's picker in a real browser: thumbnails of the whole history, and a search that finds a picture made 40 tasks
before the newest (the old picker listed the last 30, as text)."""

from __future__ import annotations

import time

from playwright.sync_api import expect

from kie.models import GenerateRequest, Task
from kie.store import TaskStore
from tests.e2e.harness import App, open_app, settle
from tests.fixtures import pictures


def test_the_picker_finds_a_picture_made_40_tasks_earlier(tmp_path, logs, page):
    store = TaskStore(tmp_path / "data", "demo")
    now = time.time()
    for n in range(41):
        prompt = "an old lighthouse on a rock" if n == 0 else f"batch filler number {n}"
        task = Task(task_id=f"task_pick_{n:03d}", kind="text", state="success", created_at=now - 600 + n,
                    request=GenerateRequest(prompt=prompt))
        task.images = [store.save_image(task.task_id, 0, pictures.png((64, 64), (n * 6, 90, 160)))]
        store.add(task)
    app = App(tmp_path / "data", logs / "app.log")
    try:
        open_app(page, app.url + "/edit")
        page.get_by_role("tab", name="From history").click()
        picker = page.locator("[class*='st-key-edit_pick_pick_']")
        expect(picker.locator("[data-testid=stImage] img")).to_have_count(8)  # thumbnails, newest first
        search = page.get_by_label("Search your pictures")
        search.fill("lighthouse")
        search.press("Enter")
        settle(page)
        expect(picker).to_have_count(1)
        picker.get_by_role("button", name="Use").click()
        settle(page)
        expect(page.get_by_text("Picture: an old lighthouse on a rock").first).to_be_visible()
    finally:
        app.stop()
