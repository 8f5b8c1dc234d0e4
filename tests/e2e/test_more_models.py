"""The account's other image models in a real browser (issue 27), in demo mode against the built-in simulator:
Midjourney's grid and its Upscale on one picture, an edit by Flux Kontext Max that keeps the unpainted area exactly,
and a comparison across three API families that survives a restart and reopens from History."""

from __future__ import annotations

import signal
import time
from pathlib import Path

from PIL import Image, ImageChops, ImageStat
from playwright.sync_api import expect

from kie.composite import KEEP_MASK
from kie.models import Task
from kie.simulator.art.styles import look_for
from kie.store import TaskStore
from tests.e2e.harness import App, choose, generate, open_app, send_comparison, settle
from tests.e2e.test_edit_flow import CANVAS, paint_stroke

RESULT_IMAGES = "[class*='st-key-result-'] [data-testid=stImage] img"
WAIT = 60.0  # seconds for a few 3-8 s simulated tasks on a loaded machine


def wait_for_tasks(store: TaskStore, found, what: str, timeout: float = WAIT) -> list[Task]:
    """The store's tasks `found(tasks)` picks, once it picks some (checked every half second)."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        picked = found(store.query(limit=50))
        if picked:
            return picked
        time.sleep(0.5)
    raise AssertionError(f"no {what} in the store after {timeout:.0f} s")


def pixels(path: Path) -> Image.Image:
    with Image.open(path) as image:
        return image.convert("RGB")


def difference(a: Image.Image, b: Image.Image) -> float:
    """Mean absolute difference of two pictures of one size, 0-255."""
    return sum(ImageStat.Stat(ImageChops.difference(a, b)).mean) / 3


def test_midjourney_makes_a_grid_of_four_and_upscales_the_picture_chosen(tmp_path, logs, page):
    data = tmp_path / "data"
    store = TaskStore(data, "demo")
    app = App(data, logs / "app.log", env={"STUDIO_SIM_TASK_SECONDS": "3"})
    try:
        open_app(page, app.url)
        choose(page, "Model", "Midjourney")
        page.get_by_text("Prompts up to 2,000 characters").wait_for()
        generate(page, "a castle on a hill at sunset")
        [grid] = wait_for_tasks(store, lambda ts: [t for t in ts if t.model == "midjourney" and len(t.images) == 4],
                                "finished Midjourney grid")
        expect(page.locator(RESULT_IMAGES)).to_have_count(4, timeout=30_000)  # the grid, one card each
        settle(page)  # the run that drew them has ended (while a run draws the grid afresh, its old cards linger)
        actions = page.locator(f"[class*='st-key-actions-'][class*='-{grid.task_id}-1']")  # the second picture's
        actions.get_by_role("button", name="More").click()
        page.get_by_role("button", name="Upscale (Midjourney)").click()
        settle(page)
        [upscaled] = wait_for_tasks(store, lambda ts: [t for t in ts if t.model == "midjourney-upscale" and t.images],
                                    "finished Midjourney upscale")
        assert upscaled.parent_id == grid.task_id  # linked to its source
        assert upscaled.request.option("image_index") == 1 and len(upscaled.images) == 1
        expect(page.locator(RESULT_IMAGES)).to_have_count(5, timeout=30_000)  # shown beside the grid
        big = pixels(store.image_path(upscaled.task_id, upscaled.images[0]))
        chosen, other = (pixels(store.image_path(grid.task_id, grid.images[n])) for n in (1, 0))
        assert big.width == 2 * chosen.width and big.height == 2 * chosen.height  # made larger
        smaller = big.resize(chosen.size, Image.Resampling.BOX)
        assert difference(smaller, chosen) < 4 < difference(smaller, other)  # that picture, not another one
    finally:
        app.stop()


def striped_photo(path: Path, size=(900, 600)) -> Path:
    """A picture where any changed pixel shows: a colour gradient crossed by thin stripes."""
    image = Image.linear_gradient("L").resize(size)
    stripes = Image.new("L", size)
    stripes.putdata([255 if (x // 7 + y // 11) % 2 else 0 for y in range(size[1]) for x in range(size[0])])
    Image.merge("RGB", (image, stripes, image.transpose(Image.Transpose.FLIP_LEFT_RIGHT))).save(path)
    return path


def test_flux_kontext_max_edits_and_everything_unpainted_stays_the_sources(tmp_path, logs, page):
    data = tmp_path / "data"
    store = TaskStore(data, "demo")
    app = App(data, logs / "app.log", env={"STUDIO_SIM_TASK_SECONDS": "3"})
    try:
        open_app(page, app.url + "/edit")
        page.locator("[data-testid=stFileUploaderDropzoneInput]").first.set_input_files(
            str(striped_photo(tmp_path / "stripes.png")))
        settle(page)
        choose(page, "Model", "Flux Kontext Max")
        page.get_by_text("Flux Kontext Max takes no mask").wait_for()
        expect(page.get_by_role("switch", name="Keep the unpainted area exactly")).to_be_checked()
        page.get_by_role("radio", name="PNG").click()  # a PNG result carries the simulator's notes (a JPEG cannot)
        settle(page)
        page.locator(CANVAS).first.scroll_into_view_if_needed()
        paint_stroke(page, y_share=0.5, x_from=0.25, x_to=0.75)
        settle(page)
        page.get_by_text("of the picture will change").wait_for()
        page.get_by_label("Prompt", exact=True).fill("a red boat on a calm lake")
        page.get_by_label("Prompt", exact=True).press("Control+Enter")
        settle(page)
        page.get_by_role("button", name="Apply edit").click()
        [task] = wait_for_tasks(store, lambda ts: [t for t in ts if t.model == "flux-kontext-max" and t.images],
                                "finished Flux Kontext Max edit")
        assert task.kind == "edit" and task.request.files_url and KEEP_MASK in task.inputs
        assert task.request.option("output_format") == "png"
        source = pixels(store.input_path(task.inputs["source"]))
        mask = Image.open(store.input_path(task.inputs[KEEP_MASK])).convert("L")
        stored = store.image_path(task.task_id, task.images[0])
        with Image.open(stored) as result:
            assert result.format == "PNG" and result.size == source.size == (900, 600)
            assert result.text.get("Model look") == look_for("flux-kontext-max").name  # the model's own picture
            result = result.convert("RGB")
        kept = mask.point(lambda v: 255 if v >= 128 else 0)  # white: to keep
        changed = ImageChops.difference(result, source)
        assert ImageChops.multiply(changed, Image.merge("RGB", [kept] * 3)).getbbox() is None  # not one pixel moved
        painted = ImageChops.invert(kept)
        assert painted.getbbox() is not None and ImageStat.Stat(changed, painted).mean[0] > 20  # the edit is there
        page.get_by_role("button", name="Edit", exact=True).first.wait_for(timeout=30_000)
    finally:
        app.stop()


COMPARED = {"midjourney": "Midjourney", "flux-kontext-max": "Flux Kontext Max", "imagen-4": "Imagen 4"}


def pick_models(page, names: list[str]) -> None:
    """Empty Compare's model list, then choose `names` in order."""
    control = page.locator("[data-testid=stMultiSelect]").filter(has_text="Models to compare")
    control.get_by_role("button", name="Clear all").click()
    settle(page)
    expect(control.get_by_role("button", name="Remove", exact=False)).to_have_count(0)
    box = control.get_by_role("combobox", name="Models to compare")
    for name in names:
        box.click()  # the list closes once a choice is made
        box.fill(name)
        page.get_by_role("option", name=name, exact=True).click()
        settle(page)
    page.keyboard.press("Escape")
    settle(page)
    expect(control.get_by_role("button", name="Remove", exact=False)).to_have_count(len(names))


def test_compare_three_families_survives_a_restart_and_each_reopens_from_history(tmp_path, logs, page):
    data = tmp_path / "data"
    store = TaskStore(data, "demo")
    env = {"STUDIO_SIM_TASK_SECONDS": "8"}
    prompt = "a lighthouse on a rocky coast"
    app = App(data, logs / "app1.log", env=env)
    try:
        open_app(page, app.url)
        page.get_by_role("radio", name="Compare models").click()
        settle(page)
        pick_models(page, list(COMPARED.values()))
        comparison_id = send_comparison(page, prompt, 3)
        tasks = [t for t in store.query(limit=20) if t.comparison_id == comparison_id]
        assert sorted(t.model for t in tasks) == sorted(COMPARED)  # three families: Midjourney, Flux Kontext, Market
        assert not any(t.images for t in tasks)  # the restart comes mid-way
    finally:
        app.stop(signal.SIGKILL)
    app = App(data, logs / "app2.log", env=env, port=app.port)
    try:
        page.goto(f"{app.url}/?comparison={comparison_id}")
        page.wait_for_selector("[data-testid=stApp]")
        def all_finished(found: list[Task]) -> list[Task]:
            compared = [t for t in found if t.comparison_id == comparison_id]
            return compared if all(t.state == "success" and t.images for t in compared) else []

        done = wait_for_tasks(store, all_finished, "finished comparison")
        assert sorted(t.model for t in done) == sorted(COMPARED)  # the same three tasks: none sent again
        assert [len(t.images) for t in sorted(done, key=lambda t: t.model)] == [1, 1, 4]  # imagen, flux, the grid
        # side by side, after the restart (a page's listening fragment also redraws on its 30-s safety tick)
        expect(page.locator(RESULT_IMAGES)).to_have_count(6, timeout=60_000)
        for task in done:
            page.goto(f"{app.url}/history")
            page.wait_for_selector("[data-testid=stApp]")
            tile = page.locator(f".st-key-tile-{task.task_id}")
            expect(tile.locator("[data-testid=stImage] img")).to_have_count(1)
            tile.get_by_role("button", name="Open").click()
            page.get_by_text("Technical details").wait_for()
            expect(page.get_by_text(COMPARED[task.model], exact=False).first).to_be_visible()
            expect(page.locator(RESULT_IMAGES)).to_have_count(len(task.images))
            link = page.get_by_role("link", name="Open the model comparison it was made in")
            expect(link).to_have_attribute("href", f"/?comparison={comparison_id}")
        with page.expect_popup() as opened:  # the last one's link reopens the whole comparison on Generate
            link.click()
        comparison = opened.value
        comparison.wait_for_url(f"**comparison={comparison_id}*")
        expect(comparison.locator(RESULT_IMAGES)).to_have_count(6, timeout=30_000)
        for name in COMPARED.values():
            expect(comparison.get_by_text(name, exact=True).first).to_be_visible()
        comparison.close()
    finally:
        app.stop()
