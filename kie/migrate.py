"""Copy SQLite histories into PostgreSQL, every workspace at once.

    python -m kie.migrate --from sqlite:///path/to/data --to postgresql://user@host/db [--images-to DIR]

Each folder under `<data>/workspaces` with a `tasks.sqlite3` is copied (tasks, spend, budgets, audit, batches and
their items, saved prompts) in one transaction per workspace; an old SQLite file is upgraded first. Safe to run
twice: rows already in PostgreSQL are kept as they are (ON CONFLICT DO NOTHING). Images stay where they are
(point the PostgreSQL store at the same data directory), or are copied to `--images-to DIR` (same layout:
DIR/workspaces/<workspace>/images, inputs, thumbs). Run it before the replicas switch to PostgreSQL: the audit
log keeps SQLite's line numbers.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert

from kie.store import WORKSPACE_NAME, TaskStore
from kie.store import tables as t
from kie.store.engines import close_engine, database_url, engine_for, ensure_schema, sqlite_url

TABLES = (t.tasks, t.spend, t.budgets, t.audit, t.batches, t.batch_items, t.prompts, t.people)  # copied in this order
FILE_FOLDERS = ("images", "inputs", "thumbs")


def sqlite_workspaces(data_dir: Path) -> list[str]:
    """The workspaces under a data directory that have a SQLite history, sorted."""
    root = data_dir / "workspaces"
    if not root.is_dir():
        return []
    return sorted(p.name for p in root.iterdir()
                  if WORKSPACE_NAME.match(p.name) and (p / "tasks.sqlite3").is_file())


def copy_workspace(data_dir: Path, workspace: str, target: sa.Engine) -> dict[str, tuple[int, int]]:
    """Copy one workspace's rows in one transaction; per table (rows read, rows new in PostgreSQL)."""
    store = TaskStore(data_dir, workspace)  # brings an old SQLite file up to the current schema first
    source_url = sqlite_url(store.db_path)
    counts: dict[str, tuple[int, int]] = {}
    try:
        with engine_for(source_url).connect() as src, target.begin() as pg:
            for table in TABLES:
                rows = [dict(r) for r in src.execute(sa.select(table)).mappings()]
                in_pg = sa.select(sa.func.count()).select_from(table).where(table.c.workspace == workspace)
                before = pg.execute(in_pg).scalar()
                if rows:
                    pg.execute(insert(table).on_conflict_do_nothing(), rows)
                counts[table.name] = (len(rows), pg.execute(in_pg).scalar() - before)
            # Lines written later by the app must not take the numbers of the copied ones.
            pg.exec_driver_sql("SELECT setval(pg_get_serial_sequence('audit', 'id'), "
                               "(SELECT COALESCE(MAX(id), 0) + 1 FROM audit), false)")
    finally:
        close_engine(source_url)
    return counts


def copy_files(data_dir: Path, workspace: str, images_to: Path) -> int:
    """Copy a workspace's image, input and thumbnail files to another data directory; return how many were new."""
    copied = 0
    for folder in FILE_FOLDERS:
        source = data_dir / "workspaces" / workspace / folder
        if not source.is_dir():
            continue
        for path in source.rglob("*"):
            if not path.is_file() or path.name.startswith(".tmp-"):
                continue
            target = images_to / "workspaces" / workspace / folder / path.relative_to(source)
            if target.exists() and target.stat().st_size == path.stat().st_size:
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            # Temp file and rename: a store reading the target folder never sees half a picture.
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
            os.close(fd)
            shutil.copy2(path, tmp)
            os.replace(tmp, target)
            copied += 1
    return copied


def migrate(data_dir: Path, url: str, images_to: Path | None = None,
            say: Callable[[str], None] = print) -> dict[str, dict[str, tuple[int, int]]]:
    """Copy every workspace of a data directory into the PostgreSQL database at `url` (schema made as needed)."""
    ensure_schema(url)
    report: dict[str, dict[str, tuple[int, int]]] = {}
    try:
        for workspace in sqlite_workspaces(data_dir):
            counts = report[workspace] = copy_workspace(data_dir, workspace, engine_for(url))
            line = ", ".join(f"{table} {read} ({new} new)" for table, (read, new) in counts.items())
            if images_to is not None:
                line += f", files {copy_files(data_dir, workspace, images_to)} copied"
            say(f"{workspace}: {line}")
    finally:
        close_engine(url)
    say(f"{len(report)} workspace(s) copied")
    return report


def _sqlite_dir(value: str) -> Path:
    path = value.removeprefix("sqlite://")
    if not path:
        raise argparse.ArgumentTypeError("--from needs a folder: sqlite:///path/to/data")
    return Path(path)


def main(argv: list[str] | None = None) -> int:
    """The command line; 0 when every workspace was copied."""
    parser = argparse.ArgumentParser(prog="python -m kie.migrate", description=__doc__.split("\n\n")[0])
    parser.add_argument("--from", dest="source", required=True, type=_sqlite_dir,
                        help="the data directory of the SQLite store: sqlite:///path/to/data")
    parser.add_argument("--to", dest="url", required=True, help="postgresql://user@host:port/database")
    parser.add_argument("--images-to", type=Path, default=None, help="copy the images into this data directory")
    args = parser.parse_args(argv)
    if not args.url.startswith(("postgresql://", "postgres://")):
        parser.error("--to must be a postgresql:// URL")
    if not (args.source / "workspaces").is_dir():
        parser.error(f"no workspaces folder in {args.source}")
    try:
        migrate(args.source, database_url(args.url), args.images_to)
    except (sa.exc.SQLAlchemyError, RuntimeError) as exc:
        # The URL is never printed: it may hold a password.
        print(f"migration failed: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
