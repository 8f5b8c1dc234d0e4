"""History in a real browser: find, favourite, download; two keys on one server see only their own tasks."""

from __future__ import annotations

import io
import json
import zipfile

from playwright.sync_api import expect

from kie.export import TASKS_JSON
from kie.pngmeta import read_settings
from tests.e2e.harness import App, generate, open_app, settle

IMAGES = "[data-testid=stImage] img"
RESULT_IMAGES = "[class*='st-key-result-'] [data-testid=stImage] img"




def use_key(page, key: str) -> None:
    field = page.get_by_label("API key", exact=True)
    field.fill(key)
    field.press("Enter")
    page.get_by_text("Live:").first.wait_for()
    settle(page)


def shared_server(sim_process, tmp_path, logs) -> App:
    """One server, no key of its own: each person types theirs."""
    return App(tmp_path / "data", logs / "app.log",
               env={"KIE_API_BASE_URL": sim_process.url, "KIE_UPLOAD_BASE_URL": sim_process.url})


def test_find_a_task_by_a_word_star_it_and_download_the_zip(demo_app, page):
    open_app(page, demo_app.url)
    for prompt in ("an orange tabby cat", "a snowy owl at night", "a cat in a teacup"):
        generate(page, prompt)
    page.wait_for_timeout(500)
    page.goto(demo_app.url + "/history")  # also a reload: everything comes from the store
    page.wait_for_selector("[data-testid=stApp]")
    page.get_by_text("3 tasks").wait_for()
    page.get_by_label("Search prompts").fill("owl")
    page.get_by_label("Search prompts").press("Enter")
    page.get_by_text("1 task ·").wait_for()
    assert "q=owl" in page.url  # the view can be shared
    tiles = page.locator("[class*='st-key-tile-']")
    expect(tiles.get_by_text("Generating")).to_have_count(0, timeout=30_000)  # the owl is done
    expect(page.locator(IMAGES)).to_have_count(1)  # and it is the only task shown
    page.get_by_role("button", name="Star").click()
    page.get_by_role("button", name="Unstar").wait_for()
    settle(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the view (ZIP)").click()
    archive = zipfile.ZipFile(io.BytesIO(open(download.value.path(), "rb").read()))
    names = [n for n in archive.namelist() if n != TASKS_JSON]
    assert len(names) == 1 and "a-snowy-owl-at-night" in names[0] and names[0].endswith(".png")
    assert read_settings(archive.read(names[0])).prompt == "a snowy owl at night"  # the PNG carries its prompt
    assert json.loads(archive.read(TASKS_JSON))["tasks"][0]["prompt"] == "a snowy owl at night"
    assert download.value.suggested_filename.endswith("-owl.zip")
    tiles.get_by_role("button", name="Open").click()  # the task's own page
    page.get_by_text("Technical details").wait_for()
    settle(page)
    with page.expect_download() as one_task:
        page.get_by_role("button", name="All images (ZIP)").click()
    assert one_task.value.suggested_filename.endswith("-a-snowy-owl-at-night.zip")
    assert len(zipfile.ZipFile(one_task.value.path()).namelist()) == 2  # the image and tasks.json
    with page.expect_download() as png:
        page.get_by_role("button", name="Download", exact=True).click()
    assert read_settings(open(png.value.path(), "rb").read()).prompt == "a snowy owl at night"
    page.goto(demo_app.url + "/history?fav=true")
    page.wait_for_selector("[data-testid=stApp]")
    page.get_by_text("1 task ·").wait_for()
    expect(page.locator("[class*='st-key-tile-']").get_by_text("a snowy owl at night")).to_have_count(1)


def test_two_keys_on_one_server_see_only_their_own_tasks(sim_process, tmp_path, logs, browser):
    app = shared_server(sim_process, tmp_path, logs)
    alice_ctx, bob_ctx = browser.new_context(), browser.new_context()
    try:
        alice, bob = alice_ctx.new_page(), bob_ctx.new_page()
        open_app(alice, app.url)
        use_key(alice, sim_process.keys[0])
        generate(alice, "alice private lighthouse")
        alice.locator(RESULT_IMAGES).first.wait_for(timeout=30_000)
        alice.get_by_text("Technical details").first.click()
        task_id = alice.locator("code").filter(has_text="task_").first.inner_text().strip()

        open_app(bob, app.url)
        use_key(bob, sim_process.keys[1])
        generate(bob, "bob private windmill")
        bob.goto(app.url + "/history")
        bob.wait_for_selector("[data-testid=stApp]")
        use_key(bob, sim_process.keys[1])  # a fresh page load forgets the typed key: it is never stored
        bob.get_by_text("1 task ·").wait_for()
        assert bob.get_by_text("alice private lighthouse").count() == 0
        bob.goto(f"{app.url}/history?task={task_id}")  # guessing Alice's taskId
        use_key(bob, sim_process.keys[1])
        bob.get_by_text("There is no task with that ID").wait_for()
        assert bob.locator(IMAGES).count() == 0

        alice.goto(app.url + "/history")
        use_key(alice, sim_process.keys[0])
        alice.get_by_text("1 task ·").wait_for()
        assert alice.get_by_text("bob private windmill").count() == 0
        alice_key, bob_key = sim_process.keys
        assert alice_key not in bob.content() and bob_key not in alice.content()  # nothing crosses sessions
        assert alice_key not in alice.url and bob_key not in bob.url
    finally:
        alice_ctx.close()
        bob_ctx.close()
        app.stop()
