"""`python -m kie.migrate`: SQLite histories copied into PostgreSQL, in a real process, twice without duplicates."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import psycopg

from kie.models import GenerateRequest, Task
from kie.store import PostgresStore, TaskQuery, TaskStore, engines
from tests.fixtures.postgres import free_port

ROOT = Path(__file__).resolve().parents[2]
WORKSPACES = ("demo", "k0123456789abcdef01234567")


def make(task_id: str, created: float, **kw) -> Task:
    request = GenerateRequest(prompt=f"prompt of {task_id}")
    return Task(task_id=task_id, kind=request.kind, request=request, created_at=created, **kw)


def fill(data_dir: Path) -> None:
    """Two workspaces with tasks, cached images, budgets, spend and an audit log."""
    for w, workspace in enumerate(WORKSPACES):
        store = TaskStore(data_dir, workspace)
        for i in range(7 + w):
            task = make(f"t{i}", 1000.0 + i, owner="ann" if i % 2 else None, state="success",
                        result_urls=["https://e.com/0.png"], callback_token=f"tok-{w}-{i}")
            store.add(task)
            task.images = [store.save_image(task.task_id, 0, f"{workspace}-{i}".encode())]
            store.save(task)
        store.set_favourite("t1", True)
        store.set_budget("ann", 4 + w, "admin", 5.0)
        _, _, rid = store.reserve_images("ann", "2025-01-02", 1, 0, now=10.0, stale_before=0.0)
        store.confirm_images(rid, "t1", 2.5, now=11.0)
        store.audit("admin", "budget", "ann", "4", 20.0)
        store.audit("ann", "submit", "t1", None, 20.0)
        store.scoped("ann").add_batch("b1", "cats", [{"prompt": "cat"}, {"prompt": "dog"}], now=30.0)
        store.scoped("ann").save_prompt("p1", "Fox", "red", {"prompt": "a fox"}, now=31.0)
        store.note_person("ann", "ann@example.com", "Ann", now=32.0)


def counts(url: str) -> dict[str, int]:
    with psycopg.connect(url) as ctx:
        return {t: ctx.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("tasks", "spend", "budgets",
                                                                                     "audit", "batches",
                                                                                     "batch_items", "prompts",
                                                                                     "people")}


def run_migrate(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kie.migrate", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, check=False)


def test_migrating_twice_copies_every_row_once(postgres_url, tmp_path):
    data, images_to = tmp_path / "data", tmp_path / "shared"
    fill(data)
    first = run_migrate("--from", f"sqlite://{data}", "--to", postgres_url, "--images-to", str(images_to))
    assert first.returncode == 0, first.stderr
    assert ("demo: tasks 7 (7 new), spend 1 (1 new), budgets 1 (1 new), audit 2 (2 new), batches 1 (1 new), "
            "batch_items 2 (2 new), prompts 1 (1 new), people 1 (1 new), files 7 copied") in first.stdout
    after_first = counts(postgres_url)
    assert after_first == {"tasks": 15, "spend": 2, "budgets": 2, "audit": 4, "batches": 2, "batch_items": 4,
                           "prompts": 2, "people": 2}
    second = run_migrate("--from", f"sqlite://{data}", "--to", postgres_url, "--images-to", str(images_to))
    assert second.returncode == 0, second.stderr
    assert ("demo: tasks 7 (0 new), spend 1 (0 new), budgets 1 (0 new), audit 2 (0 new), batches 1 (0 new), "
            "batch_items 2 (0 new), prompts 1 (0 new), people 1 (0 new), files 0 copied") in second.stdout
    assert counts(postgres_url) == after_first
    try:
        for workspace in WORKSPACES:
            old, new = TaskStore(data, workspace), PostgresStore(postgres_url, images_to, workspace)
            assert new.query(limit=100) == old.query(limit=100)
            assert new.count(TaskQuery(favourites_only=True)) == 1
            assert new.budgets() == old.budgets() and new.usage("2025-01-01") == old.usage("2025-01-01")
            assert new.audit_log() == old.audit_log()
            assert new.image_path("t3", "0.png").read_bytes() == f"{workspace}-3".encode()
            assert new.task_for_callback("tok-0-2" if workspace == "demo" else "tok-1-2").task_id == "t2"
            new.audit("admin", "later", None, None, 30.0)  # the app's own lines get numbers of their own
            assert new.audit_log()[0].action == "later"
            assert new.batches() == old.batches() and new.batch_items("b1") == old.batch_items("b1")
            assert new.prompts() == old.prompts() and new.people() == old.people()
    finally:
        engines.close_engine(postgres_url)


def test_bad_arguments_and_an_unreachable_database_fail_clearly(tmp_path, postgres_server):
    fill(tmp_path)
    assert run_migrate("--from", f"sqlite://{tmp_path}", "--to", "mysql://x").returncode == 2
    assert run_migrate("--from", f"sqlite://{tmp_path / 'none'}", "--to", postgres_server.url).returncode == 2
    secret_url = f"postgresql://postgres:hunter2-secret@127.0.0.1:{free_port()}/studio"
    failed = run_migrate("--from", f"sqlite://{tmp_path}", "--to", secret_url)
    assert failed.returncode == 1 and "migration failed" in failed.stderr
    assert "hunter2" not in failed.stderr + failed.stdout
