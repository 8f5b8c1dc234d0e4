"""Submits per second the store sustains: 3 processes (the replicas) × N threads doing a submit's store side.

A submit's store side, as `Workspace.submit` does it on a team server (the generate request itself is left out: it is
the provider's time, not the store's): the person's limit, the budget reservation (a transaction under a lock per
person and day), the check that no other task was made meanwhile (for the measured cost), the task, its audit line,
the reservation confirmed, and the first poll's claim. Seven round trips.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import tempfile
import threading
import time
import uuid
from pathlib import Path

from bench.common import median

PROCESSES = 3
THREADS = (1, 4, 16, 32)
WINDOW = 3.0  # seconds measured per step, after every thread has made one submit


def _store(backend: str, target: str, workspace: str):
    if backend == "PostgreSQL":
        from kie.store import PostgresStore

        return PostgresStore(target, tempfile.gettempdir(), workspace)
    from kie.store import TaskStore

    return TaskStore(target, workspace)


def submit_once(store, owner: str) -> None:
    """The store side of one submit by `owner` (see the module's docstring)."""
    from kie.following import CLAIM_LEASE
    from kie.models import GenerateRequest, Task
    from kie.team import Budgets

    mine = store.scoped(owner)
    budgets = Budgets(mine, default_limit=1_000_000)
    reservation = budgets.reserve(owner, 1)
    sent_at = time.time()
    task_id = f"task_bench_{uuid.uuid4().hex}"
    now = time.time()
    task = Task(task_id=task_id, kind="text", request=GenerateRequest(prompt="a submit under load"), created_at=now,
                next_poll_at=now, deadline_at=now + 600)
    mine.accepted_between(sent_at, now)
    assert mine.add(task)
    mine.audit(owner, "submit", task_id, "1 image(s), text", now)
    budgets.accepted(reservation, task_id, None)
    assert store.claim(task_id, time.time(), CLAIM_LEASE)


def _process(backend: str, target: str, workspace: str, index: int, threads: int, one_person: bool,
             go: mp.Event, ready: mp.Queue, out: mp.Queue) -> None:
    """One replica: `threads` threads submitting from `go` for WINDOW seconds; puts (latencies, errors) on `out`."""
    store = _store(backend, target, workspace)
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()

    def worker(n: int) -> None:
        owner = "alice" if one_person else f"person-{index}-{n}"
        submit_once(store, owner)  # warm: a pooled connection, the schema checked
        ready.put(1)
        go.wait()
        end = time.perf_counter() + WINDOW
        own = []
        while (start := time.perf_counter()) < end:
            try:
                submit_once(store, owner)
                own.append(time.perf_counter() - start)
            except Exception as exc:  # counted and shown, not hidden
                with lock:
                    errors.append(type(exc).__name__)
        with lock:
            latencies.extend(own)

    pool = [threading.Thread(target=worker, args=(n,)) for n in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    out.put((latencies, errors))


def _cpu(pids: set[int], server_pid: int) -> tuple[float, float, float]:
    """CPU seconds so far, from /proc: the whole machine busy, the processes `pids`, the PostgreSQL server (its
    postmaster `server_pid` and the backends it forked)."""
    tick = os.sysconf("SC_CLK_TCK")
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    busy = (sum(fields) - fields[3] - fields[4]) / tick  # all but idle and iowait
    mine = server = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            rest = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process ended meanwhile
            continue
        pid, used = int(stat.parent.name), int(rest[11]) + int(rest[12])
        if pid in pids:
            mine += used
        elif pid == server_pid or int(rest[1]) == server_pid:
            server += used
    return busy, mine / tick, server / tick


def measure(backend: str, target: str, threads: int, one_person: bool, server_pid: int) -> list:
    """[submits/s, p50 ms, p95 ms, cores: machine busy, clients, database server; errors] for PROCESSES
    processes × `threads` threads, on a fresh workspace."""
    ctx = mp.get_context("spawn")  # not fork: this process holds connection pools and threads
    go, ready, out = ctx.Event(), ctx.Queue(), ctx.Queue()
    workspace = f"submits-{uuid.uuid4().hex[:12]}"
    procs = [ctx.Process(target=_process, args=(backend, target, workspace, i, threads, one_person, go, ready, out))
             for i in range(PROCESSES)]
    for p in procs:
        p.start()
    for _ in range(PROCESSES * threads):
        ready.get(timeout=120)
    pids = {p.pid for p in procs}
    before = _cpu(pids, server_pid)
    go.set()
    time.sleep(WINDOW)
    after = _cpu(pids, server_pid)
    results = [out.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(30)
    latencies = sorted(x for lat, _ in results for x in lat)
    errors = sum(len(e) for _, e in results)
    p95 = latencies[int(0.95 * (len(latencies) - 1))] if latencies else float("nan")
    busy, clients, server = ((a - b) / WINDOW for a, b in zip(after, before, strict=True))
    return [round(len(latencies) / WINDOW), round(median(latencies) * 1000, 1), round(p95 * 1000, 1),
            round(busy, 2), round(clients, 2), round(server, 2) if backend == "PostgreSQL" else "—", errors]


def submits(pg) -> list[list]:
    """One row per back end, people and threads per process."""
    from kie.store.engines import ensure_schema

    url = pg.create_database("submits")
    ensure_schema(url)
    rows = []
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for backend, target in (("PostgreSQL", url), ("SQLite (one machine)", str(Path(tmp)))):
                for one_person in (True, False):
                    for threads in THREADS:
                        people = "one person" if one_person else "everyone their own"
                        rows.append([backend, people, f"{PROCESSES} × {threads}",
                                     *measure(backend.split()[0], target, threads, one_person, pg.pid())])
    finally:
        pg.drop_database("submits")
    return rows


HEADERS = ["store", "who submits", "processes × threads", "submits/s", "p50 (ms)", "p95 (ms)",
           "machine busy (cores)", "the 3 processes (cores)", "PostgreSQL (cores)", "errors"]
