"""Data written before the one request shape still loads, on both databases: a task row whose request keeps
GPT-4o's settings as fields (as every version before it wrote them) reads back as a request with those options."""

from __future__ import annotations

import json
import sqlite3

import psycopg
import pytest

from kie import catalog
from kie.models import GenerateRequest, Task
from kie.store import PostgresStore, TaskStore, engines

# A request exactly as the version before the one request shape stored it (GenerateRequest.to_dict of that day).
OLD_4O_REQUEST = {"prompt": "a red fox in snow", "size": "3:2", "n_variants": 4, "files_url": [], "mask_url": None,
                  "is_enhance": True, "upload_cn": False, "enable_fallback": True, "fallback_model": "GPT_IMAGE_1",
                  "callback_url": None, "model": "gpt-4o-image", "options": {}}
# A Market model's request of that day: GPT-4o's fields at their defaults beside its own options.
OLD_MARKET_REQUEST = {"prompt": "a lighthouse", "size": "1:1", "n_variants": 1, "files_url": [], "mask_url": None,
                      "is_enhance": False, "upload_cn": False, "enable_fallback": False, "fallback_model": "FLUX_MAX",
                      "callback_url": None, "model": "gpt-image-2",
                      "options": {"aspect_ratio": "16:9", "resolution": "2K"}}


@pytest.fixture(params=["sqlite", "postgres"])
def backend(request, tmp_path):
    """(store, a function that runs one SQL statement on its database directly)."""
    if request.param == "sqlite":
        store = TaskStore(tmp_path, "demo")
        path = tmp_path / "workspaces" / "demo" / "tasks.sqlite3"

        def run(sql: str, args: tuple) -> None:
            with sqlite3.connect(path) as db:
                db.execute(sql.replace("%s", "?"), args)

        yield store, run, lambda: TaskStore(tmp_path, "demo")
        return
    url = request.getfixturevalue("postgres_url")
    store = PostgresStore(url, tmp_path, "demo")

    def run(sql: str, args: tuple) -> None:
        with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://")) as db:
            db.execute(sql, args)

    yield store, run, lambda: PostgresStore(url, tmp_path, "demo")
    engines.close_engine(url)


@pytest.mark.parametrize("old, model, expected", [
    (OLD_4O_REQUEST, "gpt-4o-image", {"size": "3:2", "n_variants": 4, "is_enhance": True, "enable_fallback": True,
                                      "fallback_model": "GPT_IMAGE_1", "upload_cn": False}),
    (OLD_MARKET_REQUEST, "gpt-image-2", {"aspect_ratio": "16:9", "resolution": "2K"}),
])
def test_a_task_stored_in_the_old_shape_reads_back_with_its_options(backend, old, model, expected):
    store, run, reopen = backend
    store.add(Task(task_id="task_old_1", kind="text", request=GenerateRequest.build(model, old["prompt"]),
                   model=model, state="success", created_at=1764000000.0))
    run("UPDATE tasks SET request = %s WHERE task_id = %s", (json.dumps(old), "task_old_1"))
    task = reopen().get("task_old_1")
    assert task.request.model == model and task.request.prompt == old["prompt"]
    assert task.request.settings() == expected
    assert task.request.images == (4 if model == "gpt-4o-image" else 1)
    assert task.request.validated().settings() == catalog.get(model).complete(expected)
