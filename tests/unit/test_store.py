"""The SQLite store on a temp file: tasks, queries, claims, atomic image cache, workspaces."""

from __future__ import annotations

import threading
import time

import pytest

from kie.models import GenerateRequest, Task
from kie.store import TaskQuery, TaskStore, workspace_for_key


def make(task_id: str, prompt: str = "a cat", created: float = 1000.0, **kw) -> Task:
    request = GenerateRequest(prompt=prompt, **kw.pop("request", {}))
    return Task(task_id=task_id, kind=request.kind, request=request, created_at=created, **kw)


def test_add_get_and_save_round_trip(store):
    task = make("t1", result_urls=["https://e.com/1.png"], inputs={"source": "abc.png"})
    assert store.add(task)
    assert not store.add(task)  # a task is kept once
    task.state, task.progress, task.images = "success", 1.0, ["0.png"]
    store.save(task)
    again = store.get("t1")
    assert again == task


def test_unknown_state_in_a_row_is_rejected(store):
    store.add(make("t1"))
    import sqlite3

    with sqlite3.connect(store.db_path) as db:
        db.execute("UPDATE tasks SET state = 'weird'")
    with pytest.raises(ValueError):
        store.get("t1")


def test_query_newest_first_with_pagination(store):
    for i in range(30):
        store.add(make(f"t{i:02d}", created=1000.0 + i))
    page1 = store.query(limit=10)
    page3 = store.query(limit=10, offset=20)
    assert [t.task_id for t in page1] == [f"t{i:02d}" for i in range(29, 19, -1)]
    assert [t.task_id for t in page3][-1] == "t00"
    assert store.count() == 30


def test_filters_by_state_kind_words_favourites_and_dates(store):
    store.add(make("a", "Red fox in snow", created=100, state="success"))
    store.add(make("b", "blue whale", created=200, state="failed"))
    store.add(make("c", "red_panda 100%", created=300, request={"files_url": ("https://e.com/x.png",)}))
    store.set_favourite("b", True)
    assert [t.task_id for t in store.query(TaskQuery(search="red"))] == ["c", "a"]  # case-insensitive
    assert [t.task_id for t in store.query(TaskQuery(search="fox snow"))] == ["a"]  # every word
    assert [t.task_id for t in store.query(TaskQuery(search="100%"))] == ["c"]  # % is literal
    assert [t.task_id for t in store.query(TaskQuery(search="d_p"))] == ["c"]  # _ is literal
    assert [t.task_id for t in store.query(TaskQuery(states=("failed",)))] == ["b"]
    assert [t.task_id for t in store.query(TaskQuery(kinds=("variants",)))] == ["c"]
    assert [t.task_id for t in store.query(TaskQuery(favourites_only=True))] == ["b"]
    assert [t.task_id for t in store.query(TaskQuery(created_from=150, created_to=300))] == ["b"]
    assert store.count(TaskQuery(states=("success", "failed"))) == 2


def test_unfinished_lists_pending_and_success_without_all_images(store):
    store.add(make("p"))
    store.add(make("s", state="success", result_urls=["u1", "u2"], images=["0.png"]))
    store.add(make("done", state="success", result_urls=["u1"], images=["0.png"]))
    store.add(make("f", state="failed"))
    assert {t.task_id for t in store.unfinished()} == {"p", "s"}


def test_only_one_claim_wins_per_due_time(store):
    store.add(make("t1"))
    now = time.time()
    results = []
    threads = [threading.Thread(target=lambda: results.append(store.claim("t1", now, 30))) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results.count(True) == 1


def test_delete_removes_the_task_and_its_images(store):
    store.add(make("t1"))
    name = store.save_image("t1", 0, b"\x89PNG data")
    assert store.image_path("t1", name).read_bytes() == b"\x89PNG data"
    store.delete("t1")
    assert store.get("t1") is None and not store.image_path("t1", name).exists()


def test_image_writes_are_atomic_and_leave_no_temp_files(store):
    store.save_image("t1", 0, b"first")
    store.save_image("t1", 0, b"second")
    folder = store.image_path("t1", "0.png").parent
    assert [p.name for p in folder.iterdir()] == ["0.png"]
    assert store.image_path("t1", "0.png").read_bytes() == b"second"


def test_cache_paths_cannot_escape_the_workspace(store):
    for bad in ("../x", "a/b", ".hidden", ""):
        with pytest.raises(ValueError):
            store.image_path(bad, "0.png")


def test_workspaces_are_separate_folders_and_never_hold_the_key(tmp_path):
    key = "secret-key-123"
    ws = workspace_for_key(key)
    assert key not in ws and ws != workspace_for_key("other") and workspace_for_key(None) == "demo"
    mine, theirs = TaskStore(tmp_path, ws), TaskStore(tmp_path, workspace_for_key("other"))
    mine.add(make("t1"))
    assert theirs.get("t1") is None and theirs.count() == 0
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert key.encode() not in path.read_bytes()
    with pytest.raises(ValueError):
        TaskStore(tmp_path, "../escape")


def test_many_threads_write_without_lock_errors(store):
    errors = []

    def writer(n):
        try:
            for i in range(25):
                task = make(f"w{n}-{i}")
                store.add(task)
                task.progress = 0.5
                store.save(task)
        except Exception as exc:  # pragma: no cover - the assertion reports it
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and store.count() == 500


def test_a_database_from_before_the_open_flag_is_migrated(tmp_path):
    import sqlite3

    folder = tmp_path / "workspaces" / "old"
    folder.mkdir(parents=True)
    db = sqlite3.connect(folder / "tasks.sqlite3")
    db.executescript("""CREATE TABLE tasks (task_id TEXT PRIMARY KEY, kind TEXT NOT NULL, state TEXT NOT NULL,
        prompt TEXT NOT NULL, request TEXT NOT NULL, progress REAL NOT NULL DEFAULT 0,
        result_urls TEXT NOT NULL DEFAULT '[]', images TEXT NOT NULL DEFAULT '[]', inputs TEXT NOT NULL DEFAULT '{}',
        error_code INTEGER, error_message TEXT, created_at REAL NOT NULL, completed_at REAL,
        favourite INTEGER NOT NULL DEFAULT 0, polls INTEGER NOT NULL DEFAULT 0, next_poll_at REAL NOT NULL DEFAULT 0,
        last_polled_at REAL, last_progress_at REAL, deadline_at REAL);
        INSERT INTO tasks (task_id, kind, state, prompt, request, created_at) VALUES
            ('p', 'text', 'pending', 'x', '{"prompt": "x"}', 1), ('d', 'text', 'failed', 'y', '{"prompt": "y"}', 2);""")
    db.commit()
    db.close()
    store = TaskStore(tmp_path, "old")
    assert [t.task_id for t in store.unfinished()] == ["p"]
