"""The key never leaves the session that typed it; tabs share tasks without losing or doubling them."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.harness import App, open_app, settle

IMAGES = "[data-testid=stImage] img"


def files_containing(folder: Path, needle: bytes) -> list[str]:
    return [str(p) for p in folder.rglob("*") if p.is_file() and needle in p.read_bytes()]


def test_the_key_is_nowhere_on_disk_in_logs_urls_exports_or_other_sessions(sim_process, tmp_path, logs, browser):
    key = sim_process.keys[0]
    data = tmp_path / "data"
    app = App(data, logs / "app.log", env={"KIE_API_BASE_URL": sim_process.url,
                                           "KIE_UPLOAD_BASE_URL": sim_process.url})
    mine, other = browser.new_context(accept_downloads=True), browser.new_context()
    try:
        page = mine.new_page()
        open_app(page, app.url)
        page.get_by_label("API key", exact=True).fill(key)
        page.get_by_label("API key", exact=True).press("Enter")
        page.get_by_text("Live:").first.wait_for()
        page.get_by_label("Prompt", exact=True).fill("a secret-free picture")
        page.get_by_label("Prompt", exact=True).press("Control+Enter")
        settle(page)
        page.get_by_role("button", name="Generate").click()
        page.locator(IMAGES).first.wait_for(timeout=30_000)
        page.get_by_role("link", name="History").click()
        page.get_by_role("button", name="Export history (JSON)").wait_for()
        settle(page)
        with page.expect_download() as download:
            page.get_by_role("button", name="Export history (JSON)").click()
        exported = Path(download.value.path()).read_bytes()
        assert b"a secret-free picture" in exported and key.encode() not in exported
        assert key not in page.url

        stranger = other.new_page()
        open_app(stranger, app.url)
        assert key not in stranger.content()
        stranger.goto(app.url + "/history")
        stranger.wait_for_selector("[data-testid=stApp]")
        settle(stranger)
        assert key not in stranger.content() and "a secret-free picture" not in stranger.content()
    finally:
        mine.close()
        other.close()
        app.stop()
    assert files_containing(data, key.encode()) == []
    assert files_containing(logs, key.encode()) == []
    assert list(data.rglob("*.sqlite3"))  # the history was written: the search above looked at real files


def task_ids(page) -> list[str]:
    """The tasks whose cards a page shows (each card is keyed by its task's ID; the ID itself is shown in the card's
    Details, drawn once opened)."""
    classes = page.locator("[class*='st-key-card-gen-']").evaluate_all(
        "(cards) => cards.map((card) => [...card.classList].find((c) => c.startsWith('st-key-card-gen-')))")
    return [name.removeprefix("st-key-card-gen-") for name in classes]


def test_a_second_tab_shows_the_same_task_once_and_both_see_it_finish(tmp_path, logs, browser):
    app = App(tmp_path / "data", logs / "app.log", env={"STUDIO_SIM_TASK_SECONDS": "6"})
    ctx = browser.new_context()
    try:
        first, second = ctx.new_page(), ctx.new_page()
        open_app(first, app.url)
        first.get_by_label("Prompt", exact=True).fill("one task, two tabs")
        first.get_by_label("Prompt", exact=True).press("Control+Enter")
        settle(first)
        first.get_by_role("button", name="Generate").click()
        first.get_by_text("Generating").first.wait_for()
        open_app(second, app.url)
        second.get_by_text("one task, two tabs").first.wait_for()
        for tab in (first, second):
            tab.locator(IMAGES).first.wait_for(timeout=30_000)
            settle(tab)
            assert task_ids(tab) == task_ids(first) and len(task_ids(tab)) == 1
        first.reload()
        first.wait_for_selector("[data-testid=stApp]")
        first.locator(IMAGES).first.wait_for()
        assert len(task_ids(first)) == 1
    finally:
        ctx.close()
        app.stop()
