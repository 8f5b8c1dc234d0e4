"""Databases made by earlier versions upgrade in place without losing a row: SQLite files of every schema the
SQLite store ever made, the rate ledger's file, and a PostgreSQL database at hand-kept migration 0003. The DDL
of each is kept as text in tests/fixtures/legacy_schema/ (made from the old code; see each file's header).
Also: replicas starting together on an empty PostgreSQL database migrate it once and both serve."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest

from kie.ratelimit import Rate
from kie.store import PostgresStore, TaskQuery, TaskStore, engines
from kie.store.ledger import SqlSlotLedger

ROOT = Path(__file__).resolve().parents[2]
LEGACY = ROOT / "tests" / "fixtures" / "legacy_schema"
SQLITE_SCHEMAS = sorted(p.name for p in LEGACY.glob("sqlite_[0-9]*.sql"))
ROWS = 3  # per table


def value(table: str, column: str, kind: str, n: int):
    """A value for one column of a legacy row: valid where the store reads it, distinct per row elsewhere."""
    if kind.upper() == "BOOLEAN":  # PostgreSQL's demo flag in the last hand-kept migration
        return False
    special = {
        ("tasks", "kind"): "text", ("tasks", "state"): ("pending", "success", "failed")[n % 3],
        ("tasks", "request"): json.dumps({"prompt": f"prompt {n}", "size": "3:2"}), ("tasks", "prompt"): f"prompt {n}",
        ("tasks", "result_urls"): json.dumps([f"https://e.com/{n}.png"]), ("tasks", "images"): "[]",
        ("tasks", "inputs"): json.dumps({"source": f"in{n}.png"}), ("tasks", "favourite"): n % 2,
        ("tasks", "showcase"): n % 2, ("tasks", "open"): int(n % 3 == 0),
        ("batches", "state"): "running", ("batch_items", "state"): "queued",
        ("batch_items", "request"): json.dumps({"prompt": f"item {n}"}), ("prompts", "request"): "{}",
        ("spend", "status"): "accepted", ("spend", "day"): "2025-01-02", ("people", "email"): f"p{n}@example.com",
        ("batch_items", "batch_id"): "batch-0", ("batches", "id"): f"batch-{n}", ("tasks", "model"): "gpt-4o-image",
        ("tasks", "demo"): 0,
    }
    if (table, column) in special:
        return special[(table, column)]
    kind = kind.upper()
    if "INT" in kind or kind == "SMALLINT" or "IDENTITY" in kind:
        return n + 1
    if "REAL" in kind or "DOUBLE" in kind:
        return 1000.25 + n
    return f"{column}-{n}"


def fill_sqlite(db: sqlite3.Connection) -> dict[str, list[tuple]]:
    """Rows in every table of a legacy SQLite file; what each table holds afterwards (ordered)."""
    held = {}
    tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                                       "'sqlite_%' ORDER BY name")]
    for table in tables:
        columns = [(r[1], r[2]) for r in db.execute(f"PRAGMA table_info({table})")]
        for n in range(ROWS):
            names = [c for c, _ in columns]
            db.execute(f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
                       [value(table, c, k, n) for c, k in columns])
        held[table] = sorted(db.execute(f"SELECT {', '.join(c for c, _ in columns)} FROM {table}"))
    db.commit()
    return held


def legacy_sqlite(data: Path, workspace: str, schema: str) -> dict[str, list[tuple]]:
    folder = data / "workspaces" / workspace
    folder.mkdir(parents=True)
    db = sqlite3.connect(folder / "tasks.sqlite3")
    db.executescript((LEGACY / schema).read_text())
    held = fill_sqlite(db)
    db.close()
    return held


@pytest.mark.parametrize("schema", SQLITE_SCHEMAS)
def test_a_sqlite_file_of_every_earlier_version_upgrades_without_losing_a_row(tmp_path, schema):
    held = legacy_sqlite(tmp_path, "kold", schema)
    store = TaskStore(tmp_path, "kold")
    db = sqlite3.connect(store.db_path)
    legacy = sqlite3.connect(":memory:")
    legacy.executescript((LEGACY / schema).read_text())
    for table, rows in held.items():
        old_columns = [r[1] for r in legacy.execute(f"PRAGMA table_info({table})")]
        assert sorted(db.execute(f"SELECT {', '.join(old_columns)} FROM {table}")) == rows, table
        if table not in ("rate_accounts", "rate_slots"):
            assert {r[0] for r in db.execute(f"SELECT DISTINCT workspace FROM {table}")} == {"kold"}, table
    assert db.execute("SELECT version_num FROM alembic_version").fetchall() == [(engines.revisions()[-1],)]
    # The store reads every upgraded row.
    assert store.count() == ROWS and {t.model for t in store.query()} == {"gpt-4o-image"}
    assert not any(t.demo for t in store.query()) and store.get("task_id-0").request.option("size") == "3:2"
    pending = {t.task_id for t in store.unfinished()}
    assert "task_id-0" in pending  # pending: still followed, whether or not the file had the open flag
    if "budgets" in held:
        assert [b.owner for b in store.budgets()] == ["owner-0", "owner-1", "owner-2"]
        assert len(store.audit_log()) == ROWS and sum(r.tasks for r in store.usage("2025-01-01")) == ROWS
    if "batches" in held:
        assert store.batch("batch-0").total == ROWS and len(store.prompts()) == ROWS
    assert engines.upgrade(store._url, "kold") == []  # at the newest revision: nothing to do


def test_the_rate_ledger_file_keeps_its_sends_and_block(tmp_path):
    path = tmp_path / "ratelimit.sqlite3"
    db = sqlite3.connect(path)
    db.executescript((LEGACY / "sqlite_ratelimit_7c3d29c.sql").read_text())
    now = time.time()
    db.execute("INSERT INTO rate_accounts VALUES ('kteam', ?)", (now + 60,))
    db.executemany("INSERT INTO rate_slots VALUES ('kteam', ?)", [(now - 1,), (now - 2,)])
    db.commit()
    db.close()
    ledger = SqlSlotLedger.sqlite(path, "kteam")
    assert ledger.sent_times() == [now - 2, now - 1]
    assert ledger.take(now, Rate(10, 10.0)) > 50  # the block after a 429 holds through the upgrade


@pytest.mark.parametrize("schema", sorted(p.name for p in LEGACY.glob("postgresql_*.sql")))
def test_a_postgresql_database_at_hand_kept_migration_0003_to_0005_upgrades_without_losing_a_row(postgres_url, tmp_path,
                                                                                          schema):
    with psycopg.connect(postgres_url, autocommit=True) as pg:
        pg.execute((LEGACY / schema).read_text())
        held = {}
        tables = [r[0] for r in pg.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = "
                                           "'public' AND table_name != 'schema_migrations' ORDER BY 1")]
        for table in tables:
            columns = [(r[0], r[1], r[2]) for r in pg.execute(
                "SELECT column_name, data_type, is_identity FROM information_schema.columns WHERE table_name = %s "
                "ORDER BY ordinal_position", (table,))]
            names = [c for c, _, _ in columns]
            for n in range(ROWS):
                values = [("demo" if c == "workspace" else value(table, c, "IDENTITY" if ident == "YES" else kind, n))
                          for c, kind, ident in columns]
                pg.execute(f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join(['%s'] * len(names))})",
                           values)
            held[table] = (names, sorted(pg.execute(f"SELECT {', '.join(names)} FROM {table}").fetchall()))
    try:
        store = PostgresStore(postgres_url, tmp_path, "demo")
        assert store.count() == ROWS  # the first call upgrades
        with psycopg.connect(postgres_url) as pg:
            for table, (names, rows) in held.items():
                assert sorted(pg.execute(f"SELECT {', '.join(names)} FROM {table}").fetchall()) == rows, table
            assert pg.execute("SELECT version_num FROM alembic_version").fetchone()[0] == engines.revisions()[-1]
        assert {t.model for t in store.query()} == {"gpt-4o-image"} and store.count(TaskQuery(demo=False)) == ROWS
        assert len(store.budgets()) == ROWS and len(store.audit_log()) == ROWS and store.batch("batch-0").total == ROWS
        assert store.usage("2025-01-01", by_model=True)[0].model == "gpt-4o-image"
    finally:
        engines.close_engine(postgres_url)


REPLICA = """
import json, sys, time
from kie.store import PostgresStore, engines
from kie.models import GenerateRequest, Task
url, name, start = sys.argv[1], sys.argv[2], float(sys.argv[3])
time.sleep(max(0.0, start - time.time()))
applied = engines.upgrade(url)
store = PostgresStore(url, sys.argv[4], "demo")
store.add(Task(task_id=name, kind="text", request=GenerateRequest(prompt=name)))
print(json.dumps({"applied": applied, "sees": store.count() >= 1}))
"""


def test_two_replicas_starting_at_once_on_an_empty_database_migrate_once_and_both_serve(postgres_url, tmp_path):
    start = time.time() + 2.0  # both processes are up by then: they begin the upgrade together
    replicas = [subprocess.Popen([sys.executable, "-c", REPLICA, postgres_url, name, str(start), str(tmp_path)],
                                 cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                for name in ("replica-1", "replica-2")]
    results = []
    for replica in replicas:
        out, err = replica.communicate(timeout=120)
        assert replica.returncode == 0, err
        results.append(json.loads(out.strip().splitlines()[-1]))
    assert sorted(len(r["applied"]) for r in results) == [0, len(engines.revisions())]  # one migration run
    assert all(r["sees"] for r in results)
    try:
        assert PostgresStore(postgres_url, tmp_path, "demo").count() == 2
    finally:
        engines.close_engine(postgres_url)


def _schema(path: Path) -> tuple[list, list, str]:
    db = sqlite3.connect(path)
    try:
        return (sorted(db.execute("SELECT type, name, tbl_name, sql FROM sqlite_master")),
                db.execute("SELECT version_num FROM alembic_version").fetchall(),
                db.execute("PRAGMA journal_mode").fetchone()[0])
    finally:
        db.close()


def test_a_new_sqlite_file_is_the_migrated_empty_database_whatever_its_workspace(tmp_path):
    """A new file is a copy of one empty database migrated once per process: the same tables, indexes, revision
    and journal mode as a file migrated from nothing under its own workspace name, and no row of anyone."""
    copied = TaskStore(tmp_path / "a", "kfirst")
    migrated_url = engines.sqlite_url(tmp_path / "b" / "history.sqlite3")
    assert engines.upgrade(migrated_url, "ksecond", from_template=False) == engines.revisions()
    engines.close_engine(migrated_url)
    schema, version, journal = _schema(copied.db_path)
    assert (schema, version, journal) == _schema(tmp_path / "b" / "history.sqlite3")
    assert version == [(engines.revisions()[-1],)] and journal == "wal" and len(schema) > 10
    assert copied.count() == 0 and TaskStore(tmp_path / "c", "kthird").count() == 0
    assert engines.upgrade(copied._url, "kfirst") == []  # at the newest revision: nothing to do
    assert not list((tmp_path / "a").rglob("*.new"))  # the copy was moved into place whole
