"""History at 10,000 and 100,000 tasks, SQLite and PostgreSQL: seeding, the page's rerun, the store calls behind it."""

from __future__ import annotations

import os
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bench.common import ROOT, median, timed
from kie.models import GenerateRequest, Task
from kie.store import TaskQuery, TaskStore
from tests.fixtures import pictures

SIZES = (10_000, 100_000)
REPEAT = 15  # medians of many: the machine is shared, and bursts of other work would show
PAGE = 24  # components/history_gallery.PAGE_SIZE
WORD = "whales"  # one task in three has it
SPACING = 300.0  # seconds between seeded tasks: 288 a day, so 10,000 span 35 days and 100,000 a year


def _tasks(count: int) -> list[Task]:
    """`count` finished tasks with one image each, oldest first, one every SPACING seconds up to now."""
    now = time.time()
    tasks = []
    for n in range(count):
        prompt = f"seeded task {n} about {'foxes' if n % 3 else WORD} in the snow"
        created = now - (count - n) * SPACING
        tasks.append(Task(task_id=f"task_seed_{n:06d}", kind="text", request=GenerateRequest(prompt=prompt),
                          state="success", progress=1.0, result_urls=["https://e.com/x.png"], images=["0.png"],
                          created_at=created, completed_at=created + 20))
    return tasks


def seed_sqlite(data: Path, count: int) -> TaskStore:
    """The tasks in one transaction (the store's bulk load: one `executemany`), then ANALYZE."""
    store = TaskStore(data, "demo")
    store.load(_tasks(count))
    with sqlite3.connect(store.db_path) as db:
        db.execute("ANALYZE")
    return store


def seed_postgres(url: str, data: Path, count: int):
    """The tasks through the store's bulk load (COPY) in one transaction, then VACUUM ANALYZE: the steady state
    autovacuum would reach soon (statistics, and a visibility map for index-only counts), and no autovacuum run
    during the timing."""
    import psycopg

    from kie.store import PostgresStore

    store = PostgresStore(url, data, "demo")
    store.load(_tasks(count))
    with psycopg.connect(url, autocommit=True) as ctx:
        ctx.execute("VACUUM ANALYZE tasks")
    return store


def _write_shown_images(store, count: int) -> int:
    """Image files only for the tasks the timed pages show (a tile reads its own task's image and nothing else)."""
    image = pictures.png((64, 64), (200, 80, 120))
    last = -(-count // PAGE)
    shown = store.query(limit=PAGE) + store.query(limit=PAGE, offset=(last - 1) * PAGE) \
        + store.query(TaskQuery(search=WORD), limit=PAGE)
    for task in shown:
        path = store.image_path(task.task_id, "0.png")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(image)
    return last


def _ms(fn, repeat: int = REPEAT) -> float:
    return round(median(timed(fn, repeat=repeat, warmup=2)) * 1000, 1)


def store_calls(store, count: int) -> list[float]:
    """Median ms of the calls one History rerun makes: count + page 1, count + the last page, search count + page,
    and the last 14 days' tasks that the "Cost per day" table loads while its toggle is on."""
    last_offset = (-(-count // PAGE) - 1) * PAGE
    search = TaskQuery(search=WORD)
    fortnight = TaskQuery(created_from=time.time() - 14 * 86400)
    return [_ms(lambda: (store.count(), store.query(limit=PAGE))),
            _ms(lambda: (store.count(), store.query(limit=PAGE, offset=last_offset))),
            _ms(lambda: (store.count(search), store.query(search, limit=PAGE))),
            _ms(lambda: store.query(fortnight, limit=1_000_000), repeat=3)]


@contextmanager
def _env(**values: str | None) -> Iterator[None]:
    saved = {k: os.environ.get(k) for k in values}
    os.environ.update({k: v for k, v in values.items() if v is not None})
    for k, v in values.items():
        if v is None:
            os.environ.pop(k, None)
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def page_reruns(data: Path, url: str | None, count: int, last_page: int) -> list[float]:
    """Median ms of the History page's rerun (AppTest, in process): page 1, the last page, a search."""
    from streamlit.testing.v1 import AppTest

    from kie.service import reset_service

    with _env(STUDIO_DATA_DIR=str(data), STUDIO_SIM_TASK_SECONDS="3600", STUDIO_DATABASE_URL=url,
              STUDIO_OBJECT_STORE_URL=None, KIE_API_KEY=None):
        reset_service()
        try:
            at = AppTest.from_file(str(ROOT / "navigation.py"), default_timeout=120)
            at.run()
            at.switch_page("app_pages/history.py").run()

            def rerun():
                at.run()
                assert not at.exception, at.exception  # a failing page would look fast
                assert not any("no longer in the local cache" in c.value for c in at.caption), "image missing"
            def shows(text: str) -> None:
                assert any(text in c.value for c in at.caption), f"the page does not say {text!r}"
            out = [_ms(rerun)]
            at.number_input(key="page").set_value(last_page).run()
            shows(f"page {last_page} of {last_page}")
            out.append(_ms(rerun))
            at.text_input(key="q").input(WORD).run()
            shows(f"{-(-count // 3):,} tasks · page 1 of")
            out.append(_ms(rerun))
            return out
        finally:
            reset_service()


def history(pg) -> list[list]:
    """One row per back end and size: seeding, the page's reruns and the raw store calls (ms)."""
    rows = []
    for count in SIZES:
        for backend in ("SQLite", "PostgreSQL"):
            with tempfile.TemporaryDirectory() as tmp:
                data = Path(tmp)
                began = time.perf_counter()
                if backend == "SQLite":
                    url, store = None, seed_sqlite(data, count)
                else:
                    url = pg.create_database(f"history_{count}")
                    store = seed_postgres(url, data, count)
                seeded = time.perf_counter() - began
                assert store.count() == count
                last = _write_shown_images(store, count)
                calls = store_calls(store, count)  # first: stopping the app's service closes this process's pools
                rows.append([f"{count:,}", backend, round(seeded, 1), *page_reruns(data, url, count, last), *calls])
                if url:
                    from kie.store.engines import close_engine

                    close_engine(url)
                    pg.drop_database(f"history_{count}")
    return rows


HEADERS = ["tasks", "store", "seed (s)", "page 1 rerun (ms)", "last page rerun (ms)", "search rerun (ms)",
           "count + page 1 (ms)", "count + last page (ms)", "search count + page (ms)", "14 days of tasks (ms)"]
