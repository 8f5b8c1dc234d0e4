"""Scale-out: History at 10,000 and 100,000 tasks on SQLite and PostgreSQL, record-info requests per task with
replicas and tabs, and the submits per second the store sustains with 3 replicas.

    python -m bench.scale                    (all four, about 15 minutes on two cores)
    python -m bench.scale history infos      (only some: history, infos, submits, store)

A throwaway PostgreSQL 15 (tests/fixtures/postgres.py: fsync off, on this machine) serves every part.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from bench import scale_history, scale_infos, scale_store, scale_submits
from bench.common import table

PARTS = ("history", "infos", "submits", "store")


def _load() -> float:
    """The machine's 1-minute load average (others' work included): figures from a busy machine say so."""
    return float(Path("/proc/loadavg").read_text().split()[0])


def _timed_part(fn, pg) -> tuple[list[list], str]:
    """The part's rows, and a line with the load average before and after it."""
    before = _load()
    rows = fn(pg)
    return rows, f"Load average on this {os.cpu_count()}-core machine: {before:.1f} before, {_load():.1f} after."


def _history(rows: list[list]) -> list[str]:
    return [f"### History at {', '.join(f'{n:,}' for n in scale_history.SIZES)} tasks: SQLite against PostgreSQL",
            "Finished tasks seeded in one transaction (SQLite: one `executemany`, then `ANALYZE`; PostgreSQL: "
            f"`COPY`, then `VACUUM ANALYZE`), one every {scale_history.SPACING / 60:g} minutes up to now, each "
            "with one image; the "
            "image files are written only for the tasks the timed pages show (a tile reads its own task's "
            f"thumbnail and nothing else). Page reruns: AppTest in process, median of {scale_history.REPEAT} after "
            "two warm-ups, asserting that the page raised nothing, showed every image and was on the page asked "
            f"for. Store calls: the same queries made directly (median of {scale_history.REPEAT}); the last "
            "column is what the *Cost per day* table loads while its toggle is on (every task of the last "
            "14 days).",
            table(scale_history.HEADERS, rows)]


def _infos(rows: list[list]) -> list[str]:
    return ["### Record-info requests per task: replicas × tabs (target: the same as 1 × 1)",
            "Each replica is `streamlit run app.py` with its background worker, all on one PostgreSQL database "
            "and one data folder, live against the simulator over HTTP. For each line "
            f"{scale_infos.TASKS} tasks of {scale_infos.TASK_SECONDS} s (`[seconds:{scale_infos.TASK_SECONDS}]`) "
            "are submitted together through the store, then the tabs (headless Chromium, one browser context "
            "each, alternately on Generate and History, round-robin over the replicas, straight to each "
            "replica's port) open and must show them; the simulator's log counts the record-info requests of "
            "each task once all have ended.",
            table(scale_infos.HEADERS, rows)]


def _submits(rows: list[list]) -> list[str]:
    return [f"### Submits per second the store sustains: {scale_submits.PROCESSES} replicas",
            f"{scale_submits.PROCESSES} processes (the replicas) × N threads, each looping over a submit's store "
            "side (the person's limit, the budget reservation under its per-person-and-day lock, the "
            "made-meanwhile check, the task, its audit line, the confirmation, the first poll's claim: seven round "
            f"trips) for {scale_submits.WINDOW:g} s on a fresh workspace; the provider's own time is left out. "
            "*One person*: every thread spends one person's budget, so every reservation queues on one "
            "advisory lock (PostgreSQL); *everyone their own*: one person per thread. SQLite is one file on one "
            "machine, shared by the processes, for comparison. CPU columns are cores in use over the window: the "
            "whole machine (other work on it included), the 3 client processes, the PostgreSQL server.",
            table(scale_submits.HEADERS, rows)]


def _store(history: list[list], submits: list[list]) -> list[str]:
    return ["### The store before and after SQLAlchemy Core, side by side (target: every figure within 1.2x)",
            f"*Before* is the hand-written SQLite and PostgreSQL stores of commit {scale_store.BEFORE} (exported with "
            "`git archive`, run from there), *after* this checkout; each in its own processes on a fresh database, "
            f"taking turns {scale_store.ROUNDS} times, each keeping its best round (the machine is shared: see its "
            "load average). History: the store calls of one rerun (count and a page of 24: the first, the last, a "
            "search for a word one task in three has), median ms of 15 after two warm-ups, on tasks seeded by each "
            "version's own bulk path. Submits: the store side of a submit (bench/scale_submits.py), "
            f"3 processes × {scale_store.THREADS} threads on PostgreSQL for "
            f"{scale_submits.WINDOW:g} s; for submits/s, after / before above 1 is better.",
            table(scale_store.HISTORY_HEADERS, history), table(scale_store.SUBMIT_HEADERS, submits)]


def _peak(rows: list[list], store: str, who: str) -> tuple[float, str, float, float]:
    """(peak submits/s, the first step within 10 % of it, its p50 ms, p50 ms at the last step) of one series."""
    series = [r for r in rows if r[0].startswith(store) and r[1] == who]
    peak = max(r[3] for r in series)
    first = next(r for r in series if r[3] >= 0.9 * peak)
    return peak, first[2], first[4], series[-1][4]


def shows(history: list[list] | None, infos: list[list] | None, submits: list[list] | None) -> str:
    """The "what this shows" paragraph, its figures taken from this run's rows."""
    out = []
    if history:
        by = {(r[0], r[1]): r for r in history}
        small, big = (f"{n:,}" for n in scale_history.SIZES)
        reruns = "; ".join(f"{store} {by[small, store][3]:g} and {by[big, store][3]:g} ms"
                           for store in ("SQLite", "PostgreSQL"))
        growth = max(by[big, store][3] / by[small, store][3] for store in ("SQLite", "PostgreSQL"))
        verdict = (f"in about the same time at {small} and {big} tasks ({reruns}; the differences are within this "
                   "shared machine's noise, see its load average)") if growth <= 1.5 else \
            f"up to {growth:.1f}x slower at {big} tasks than at {small} ({reruns})"
        out.append(
            f"History's first page reruns {verdict}, and seeding {big} takes {by[big, 'SQLite'][2]:g} s on SQLite "
            f"and {by[big, 'PostgreSQL'][2]:g} s on PostgreSQL. The count and page 1 are index walks "
            f"({by[big, 'SQLite'][6]:g} and {by[big, 'PostgreSQL'][6]:g} ms at the larger size), so a rerun is "
            "mostly drawing the page, not reading the history. The "
            f"last page costs {by[big, 'SQLite'][7]:g} ms on SQLite and {by[big, 'PostgreSQL'][7]:g} ms on "
            "PostgreSQL at that size, as OFFSET walks every row before it; a search scans the prompts "
            f"({by[big, 'SQLite'][8]:g} and {by[big, 'PostgreSQL'][8]:g} ms). The largest query is the *Cost per "
            f"day* table's ({by[big, 'SQLite'][9]:g} and {by[big, 'PostgreSQL'][9]:g} ms): it loads every task of "
            f"the last 14 days ({14 * 86400 / scale_history.SPACING:,.0f} here) and its cost follows the recent "
            "rate of tasks, not the size of the history. It used to run on every rerun of History; since this "
            "benchmark it runs only while its toggle is on.")
    if infos:
        same = all(r[4] == "1.00x" for r in infos)
        out.append(
            f"Record-info requests per task {'stay exactly' if same else 'do *not* stay'} as with one replica and "
            f"one tab ({infos[0][3]:g} per {scale_infos.TASK_SECONDS}-s task) with up to "
            f"{max(r[0] for r in infos)} replicas and {max(r[1] for r in infos)} tabs"
            + (": a claim is a row update in the shared database, so each due time is asked about once, "
               "whichever worker or tab gets there first." if same else "."))
    if submits:
        pg_many, pg_one = _peak(submits, "PostgreSQL", "everyone their own"), _peak(submits, "PostgreSQL", "one person")
        sq_many = _peak(submits, "SQLite", "everyone their own")
        server = max((r for r in submits if r[0] == "PostgreSQL"), key=lambda r: r[3])
        out.append(
            f"With {scale_submits.PROCESSES} replicas on PostgreSQL the store sustains about {pg_many[0]:,.0f} "
            f"submits/s when everyone spends their own budget, reached at {pg_many[1]} threads; past that "
            f"throughput stays flat while the median latency grows from {pg_many[2]:g} to {pg_many[3]:g} ms: "
            "that plateau is the saturation point, and it is this machine's CPU (two cores, shared by the "
            f"database server, the clients and other work: PostgreSQL itself used {server[8]:g} cores at "
            f"{server[3]:,.0f} submits/s, about {server[8] / server[3] * 1000:.2f} ms of server CPU per submit). "
            f"When every submit spends one person's budget the rate peaks at about {pg_one[0]:,.0f}/s and the "
            f"median grows to {pg_one[3]:g} ms: each reservation holds that person's advisory lock until its "
            "transaction commits, three round trips after taking it, and on a busy CPU the holder waits for its "
            "turn meanwhile, so one person's submits queue; spread over people they run in parallel. "
            f"SQLite on one machine peaks at about {sq_many[0]:,.0f}/s and its p95 reaches "
            f"{max(r[5] for r in submits if r[0].startswith('SQLite')):,.0f} ms with many writers: one writer "
            "at a time for the whole file, the others retrying on its busy timeout.")
    return "**What this shows.** " + " ".join(out)


def run(parts: tuple[str, ...] = PARTS) -> str:
    """The Markdown section of the scale-out benchmarks (the parts asked for)."""
    from tests.fixtures.postgres import PostgresServer

    out = ["## Scale-out", "Command: `python -m bench.scale`."]
    history = infos = submits = None
    pg = PostgresServer().start()
    try:
        if "history" in parts:
            history, load = _timed_part(scale_history.history, pg)
            out += [*_history(history), load]
        if "infos" in parts:
            infos, load = _timed_part(scale_infos.record_infos, pg)
            out += [*_infos(infos), load]
        if "submits" in parts:
            submits, load = _timed_part(scale_submits.submits, pg)
            out += [*_submits(submits), load]
        if "store" in parts:
            compared, load = _timed_part(scale_store.compare, pg)
            out += [*_store(*compared), load]
    finally:
        pg.close()
    if history or infos or submits:
        out.append(shows(history, infos, submits))
    return "\n\n".join(out)


if __name__ == "__main__":
    print(run(tuple(sys.argv[1:]) or PARTS))
