"""The store before and after the move to SQLAlchemy Core, side by side in one run: History's store calls at
10,000 and 100,000 tasks on both databases, and store-side submits per second with 3 processes × 4 threads on
PostgreSQL. "Before" is the hand-written store of commit 7c3d29c, exported with `git archive` into a temp folder
and run from there in its own processes; "after" is this checkout. Each gets a fresh database of its own.

    python -m bench.scale store
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.common import ROOT

BEFORE = "7c3d29c"  # the last commit of the hand-kept SQLite and PostgreSQL stores
SIZES = (10_000, 100_000)
THREADS = 4
ROUNDS = 3  # before and after take turns this many times; the machine is shared, so each keeps its best round

# Run inside one implementation's folder; uses only what both versions have (TaskStore, the PostgreSQL store's
# class under either name), and seeds through each version's own fastest path.
HISTORY = r"""
import json, sqlite3, sys, tempfile, time
from pathlib import Path
from bench.common import median, timed
from kie.models import GenerateRequest, Task
from kie.store import TaskQuery, TaskStore
backend, url, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
data = Path(tempfile.mkdtemp())
now = time.time()
tasks = [Task(task_id=f"task_seed_{n:06d}", kind="text",
              request=GenerateRequest(prompt=f"seeded task {n} about {'foxes' if n % 3 else 'whales'} in the snow"),
              state="success", progress=1.0, result_urls=["https://e.com/x.png"], images=["0.png"],
              created_at=now - (count - n) * 300.0, completed_at=now - (count - n) * 300.0 + 20) for n in range(count)]
try:
    from kie.store import PostgresStore
except ImportError:
    from kie.store.postgres import PostgresStore
store = TaskStore(data, "demo") if backend == "sqlite" else PostgresStore(url, data, "demo")
began = time.perf_counter()
if hasattr(store, "load"):
    store.load(tasks)
elif backend == "sqlite":
    rows = [TaskStore._row(t) for t in tasks]
    with sqlite3.connect(store.db_path) as db:
        db.executemany(f"INSERT INTO tasks ({', '.join(rows[0])}) VALUES ({', '.join(':' + c for c in rows[0])})", rows)
else:
    import psycopg
    store.count()
    rows = [TaskStore._row(t) for t in tasks]
    with psycopg.connect(url) as ctx, ctx.cursor() as cur, \
            cur.copy(f"COPY tasks (workspace, {', '.join(rows[0])}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(("demo", *row.values()))
seeded = time.perf_counter() - began
if backend == "sqlite":
    with sqlite3.connect(store.db_path) as db:
        db.execute("ANALYZE")
else:
    import psycopg
    with psycopg.connect(url, autocommit=True) as ctx:
        ctx.execute("VACUUM ANALYZE tasks")
assert store.count() == count
last = (-(-count // 24) - 1) * 24
search = TaskQuery(search="whales")
def ms(fn):
    return round(median(timed(fn, repeat=15, warmup=2)) * 1000, 2)
first_page = store.query(limit=24)
assert len(first_page) == 24 and len(store.query(limit=24, offset=last)) == count - last
print(json.dumps({"seed": round(seeded, 2),
                  "first": ms(lambda: (store.count(), store.query(limit=24))),
                  "last": ms(lambda: (store.count(), store.query(limit=24, offset=last))),
                  "search": ms(lambda: (store.count(search), store.query(search, limit=24)))}))
"""

SUBMITS = r"""
import json, sys
from bench import scale_submits
try:
    from kie.store.engines import ensure_schema
except ImportError:
    from kie.store.postgres import apply_migrations as ensure_schema
url, threads, server_pid = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
ensure_schema(url)
rows = [scale_submits.measure("PostgreSQL", url, threads, one_person, server_pid) for one_person in (False, True)]
print(json.dumps(rows))
"""


def _run(root: Path, script: str, *args: str) -> object:
    done = subprocess.run([sys.executable, "-c", script, *args], cwd=root, capture_output=True, text=True,
                          timeout=1800, check=False, env={**os.environ, "PYTHONPATH": str(root)})
    if done.returncode != 0:
        raise RuntimeError(f"{root.name}: {done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _before(folder: Path) -> Path:
    """The store of BEFORE, exported (no worktree: nothing changes in the repository)."""
    repository = os.environ.get("STUDIO_BENCH_REPO", str(ROOT))  # when this checkout is itself an export
    archive = subprocess.run(["git", "-C", repository, "archive", BEFORE], capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder


def _ratio(before: float, after: float) -> str:
    return f"{after / before:.2f}x" if before else "—"


def compare(pg, sizes: tuple[int, ...] = SIZES) -> tuple[list[list], list[list]]:
    """(History rows, submits rows): each figure before and after, and after/before."""
    history, submits = [], []
    with tempfile.TemporaryDirectory() as tmp:
        implementations = {"before": _before(Path(tmp)), "after": ROOT}
        for count in sizes:
            for backend in ("sqlite", "postgresql"):
                got: dict[str, list[dict]] = {"before": [], "after": []}
                for n in range(ROUNDS):
                    for name, root in implementations.items():
                        url = pg.create_database(f"hist_{name}_{count}_{n}") if backend == "postgresql" else ""
                        try:
                            got[name].append(_run(root, HISTORY, backend, url, str(count)))
                        finally:
                            if url:
                                pg.drop_database(f"hist_{name}_{count}_{n}")
                for what, label in (("first", "count + page 1"), ("last", "count + last page"),
                                    ("search", "search count + page"), ("seed", "seeding (s)")):
                    b, a = (min(r[what] for r in got[name]) for name in ("before", "after"))
                    history.append([f"{count:,}", "SQLite" if backend == "sqlite" else "PostgreSQL", label, b, a,
                                    _ratio(b, a)])
        runs: dict[str, list[list]] = {"before": [], "after": []}
        for n in range(ROUNDS):
            for name, root in implementations.items():
                url = pg.create_database(f"submits_{name}_{n}")
                try:
                    runs[name].append(_run(root, SUBMITS, url, str(THREADS), str(pg.pid())))
                finally:
                    pg.drop_database(f"submits_{name}_{n}")
        for n, who in enumerate(("everyone their own", "one person")):
            b, a = (max((r[n] for r in runs[name]), key=lambda row: row[0]) for name in ("before", "after"))
            submits.append([who, f"3 × {THREADS}", b[0], a[0], _ratio(b[0], a[0]) if a[0] else "—", b[1], a[1],
                            b[2], a[2], f"{b[6]} / {a[6]}"])
    return history, submits


HISTORY_HEADERS = ["tasks", "store", "call (median ms)", "before", "after", "after / before"]
SUBMIT_HEADERS = ["who submits", "processes × threads", "submits/s before", "submits/s after", "after / before",
                  "p50 ms before", "p50 ms after", "p95 ms before", "p95 ms after", "errors before / after"]
