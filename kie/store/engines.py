"""Database engines (SQLAlchemy's pool, one per URL per process) and bringing a schema up to date with Alembic.

PostgreSQL URLs go through psycopg 3 (`postgresql://` and `postgres://` are read as `postgresql+psycopg://`);
connections are checked before use (a server restart costs no failed call), and waiting for one gives up after
`TIMEOUT` seconds with `StoreUnavailable`. SQLite files run in WAL mode with a busy timeout.

The schema of a database is upgraded on its first use in a process (`ensure_schema`), under a lock: a PostgreSQL
advisory lock (replicas starting together wait for each other, and the second finds nothing left to do), a file
lock beside a SQLite file. A SQLite file that does not exist yet is a copy of an empty database migrated once per
process (`_sqlite_template`): an empty database's schema does not depend on its workspace, and one workspace per file
makes many files (the tests alone make a thousand).
"""

from __future__ import annotations

import fcntl
import os
import select
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine, make_url

from kie.store.errors import StoreUnavailable

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
POOL_MAX_SIZE = 10  # connections per database per process; Streamlit runs many threads, each call is short
TIMEOUT = 3.0  # seconds to wait for a connection before StoreUnavailable: a page shows trouble, not a freeze
CONNECT_TIMEOUT = 5  # libpq's connect_timeout, whole seconds
BUSY_TIMEOUT = 30.0  # seconds a SQLite writer waits for another
SQLITE_POOL_SIZE = 3  # connections kept open per SQLite file
LOCK_CLASS_MIGRATIONS = 0x4F490001  # advisory lock keys of this app: (class, key); two ints never meet one bigint's
LOCK_CLASS_SPEND = 0x4F490002
PING_AFTER = 1.0  # seconds idle in the pool after which a connection is checked before use (a busy one is not)

_engines: dict[str, tuple[int, Engine]] = {}
_ready: set[str] = set()  # URLs whose schema this process has brought up to date
_registry_lock = threading.Lock()
_schema_lock = threading.Lock()


def unavailable(exc: BaseException) -> StoreUnavailable:
    """The error a caller may retry. The class name says enough; the chained exception keeps the driver's message
    (which never holds the password)."""
    cause = getattr(exc, "orig", None) or exc
    return StoreUnavailable(f"the history database is unavailable ({type(cause).__name__}); try again")


def database_url(url: str) -> str:
    """A URL for SQLAlchemy: PostgreSQL through psycopg 3 whichever way it is spelt."""
    for plain in ("postgresql://", "postgres://"):
        if url.startswith(plain):
            return "postgresql+psycopg://" + url[len(plain):]
    return url


def sqlite_url(path: str | Path) -> str:
    """The URL of a SQLite file."""
    return f"sqlite:///{Path(path)}"


def _sqlite_setup(dbapi_connection, _record) -> None:
    # Every connection: wait for other writers rather than fail; NORMAL is safe with WAL and much faster.
    cur = dbapi_connection.cursor()
    cur.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT * 1000)}")
    cur.execute("PRAGMA synchronous = NORMAL")
    cur.close()


def _make(url: str) -> Engine:
    parsed = make_url(database_url(url))
    if parsed.get_backend_name() == "sqlite":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        # A few connections kept per file (one file per workspace: many workspaces must not hold many files
        # open); more are opened when threads need them and closed on their return, as the old store did per call.
        engine = sa.create_engine(parsed, connect_args={"timeout": BUSY_TIMEOUT, "check_same_thread": False},
                                  pool_size=SQLITE_POOL_SIZE, max_overflow=50, pool_timeout=BUSY_TIMEOUT)
        sa.event.listen(engine, "connect", _sqlite_setup)
        return engine
    # Autocommit: a call of one statement is one round trip; a write transaction says BEGIN itself (dialects.py).
    # No reset on return: a connection in autocommit has nothing to roll back, and every write transaction ends
    # itself (commit, or rollback on an error) before the connection goes back.
    engine = sa.create_engine(parsed, pool_size=POOL_MAX_SIZE, max_overflow=0, pool_timeout=TIMEOUT,
                              isolation_level="AUTOCOMMIT", pool_reset_on_return=None,
                              connect_args={"connect_timeout": CONNECT_TIMEOUT})
    sa.event.listen(engine, "checkin", _idle_from)
    sa.event.listen(engine, "checkout", lambda ctx, record, _proxy: _check_if_idle(engine.dialect, ctx, record))
    return engine


def _idle_from(_dbapi_connection, record) -> None:
    record.info["idle_since"] = time.monotonic()


def _check_if_idle(dialect: sa.Dialect, dbapi_connection, record) -> None:
    """Check a connection before handing it out: one broken by a server restart is replaced, and the call does
    not fail. A round trip is spent only on a connection idle for a while, or whose socket has something to read
    (an idle connection in autocommit gets nothing unless the server is ending it); a connection back from a call
    a moment ago is not pinged, as that would be one more round trip per call under load."""
    since = record.info.get("idle_since")
    try:
        ended = bool(select.select([dbapi_connection.fileno()], [], [], 0)[0])
    except Exception:  # closed already
        raise sa.exc.DisconnectionError() from None
    if not ended and since is not None and time.monotonic() - since < PING_AFTER:
        return
    try:
        dialect.do_ping(dbapi_connection)
    except Exception as exc:
        raise sa.exc.DisconnectionError() from exc  # the pool throws it away and makes or takes another


def engine_for(url: str) -> Engine:
    """The engine (and pool) of a database URL, made on first use and shared by the whole process; a forked
    process gets its own pool (a connection must not cross a fork)."""
    with _registry_lock:
        found = _engines.get(url)
        if found is not None and found[0] == os.getpid():
            return found[1]
        if found is not None:
            found[1].dispose(close=False)
        engine = _make(url)
        _engines[url] = (os.getpid(), engine)
        return engine


def close_engine(url: str) -> None:
    """Close the pool of one URL (tests, shutdown); the next store made for it opens a new one."""
    with _registry_lock:
        found = _engines.pop(url, None)
        _ready.discard(url)
    if found is not None:
        found[1].dispose()


def close_engines() -> None:
    """Close every pool of this process (server shutdown)."""
    for url in list(_engines):
        close_engine(url)


# -- migrations -------------------------------------------------------------------------------


def alembic_config(connection: sa.Connection | None = None, workspace: str | None = None) -> Config:
    """Alembic's configuration for our script folder, in code (no alembic.ini): `connection` to migrate, and the
    workspace a SQLite file holds (its rows get that name when the column is added)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    config.attributes["workspace"] = workspace
    return config


_script: ScriptDirectory | None = None


def script() -> ScriptDirectory:
    """The migration history (read once per process)."""
    global _script
    if _script is None:
        _script = ScriptDirectory.from_config(alembic_config())
    return _script


def revisions() -> list[str]:
    """Every revision of the history, oldest first."""
    return [r.revision for r in reversed(list(script().walk_revisions()))]


def current_revision(connection: sa.Connection) -> str | None:
    """The revision a database is at (None: never migrated by Alembic)."""
    return MigrationContext.configure(connection).get_current_revision()


@contextmanager
def _migration_lock(engine: Engine, connection: sa.Connection) -> Iterator[None]:
    if engine.dialect.name == "postgresql":
        # Session-level, on its own connection: it goes with the connection if this process dies.
        connection.execute(sa.text("SELECT pg_advisory_lock(:c, 0)"), {"c": LOCK_CLASS_MIGRATIONS})
        connection.commit()
        try:
            yield
        finally:
            connection.execute(sa.text("SELECT pg_advisory_unlock(:c, 0)"), {"c": LOCK_CLASS_MIGRATIONS})
            connection.commit()
        return
    with _sqlite_file_lock(Path(engine.url.database)):
        yield


@contextmanager
def _sqlite_file_lock(database: Path) -> Iterator[None]:
    path = database.with_name(database.name + ".migrate-lock")
    with open(path, "a") as lock_file:
        fcntl.flock(lock_file, fcntl.LOCK_EX)  # other processes opening the same file wait here
        try:
            yield
        finally:
            fcntl.flock(lock_file, fcntl.LOCK_UN)


_template: bytes | None = None
_template_lock = threading.Lock()


def _sqlite_template() -> bytes:
    """An empty SQLite database at the newest revision, migrated once per process in a folder of its own and kept
    in memory (the folder is removed at once: nothing is left behind by a process that is killed). Migrated
    without a workspace: with no rows, no migration writes one."""
    global _template
    with _template_lock:
        if _template is None:
            folder = Path(tempfile.mkdtemp(prefix="kie-schema-"))
            try:
                path = folder / "empty.sqlite3"
                engine = sa.create_engine(sqlite_url(path), poolclass=sa.pool.NullPool)
                try:
                    with engine.connect() as connection:
                        connection.exec_driver_sql("PRAGMA journal_mode=WAL")  # kept by the file, as upgrade sets
                        command.upgrade(alembic_config(connection), "head")
                        connection.commit()
                finally:
                    engine.dispose()  # the last connection closed: the WAL is folded into the file and removed
                _template = path.read_bytes()
            finally:
                shutil.rmtree(folder, ignore_errors=True)
        return _template


def _copy_template(database: Path) -> bool:
    """Put a copy of the migrated empty database where `database` does not exist yet (the caller holds the file's
    migration lock); False when it exists (it is then upgraded as it is)."""
    if database.exists() or Path(f"{database}-wal").exists():
        return False
    partial = database.with_name(f"{database.name}.{os.getpid()}.new")
    partial.write_bytes(_sqlite_template())
    os.replace(partial, database)  # whole or not at all
    return True


def upgrade(url: str, workspace: str | None = None, from_template: bool = True) -> list[str]:
    """Bring the database at `url` to the newest revision under the migration lock; the revisions applied now
    (empty when another process had done it, or nothing was missing). A SQLite file that does not exist yet is a
    copy of the migrated empty database (`from_template=False` runs every migration on it instead)."""
    engine = engine_for(url)
    try:
        # Alembic runs each revision in a transaction of its own: not the autocommit of everyday calls.
        transactional = engine.execution_options(isolation_level="READ COMMITTED") \
            if engine.dialect.name == "postgresql" else engine
        if engine.dialect.name == "sqlite" and from_template and engine.url.database not in (None, "", ":memory:"):
            database = Path(engine.url.database)
            with _sqlite_file_lock(database):
                if _copy_template(database):
                    return revisions()
        with transactional.connect() as connection, _migration_lock(engine, connection):
            if engine.dialect.name == "sqlite":  # kept by the file: readers go on while one process writes
                connection.exec_driver_sql("PRAGMA journal_mode=WAL")
            before = current_revision(connection)
            connection.commit()
            all_revisions = revisions()
            if before == all_revisions[-1]:
                return []
            command.upgrade(alembic_config(connection, workspace), "head")
            connection.commit()
    except (sa.exc.OperationalError, sa.exc.InterfaceError, sa.exc.TimeoutError) as exc:
        raise unavailable(exc) from exc
    return all_revisions[all_revisions.index(before) + 1:] if before else all_revisions


def ensure_schema(url: str, workspace: str | None = None) -> None:
    """Upgrade once per process and URL (a SQLite file removed since is made again)."""
    gone = url.startswith("sqlite") and not Path(make_url(url).database).is_file()
    if url in _ready and not gone:
        return
    with _schema_lock:
        if gone and url in _ready:  # pooled connections still point at the removed file
            close_engine(url)
        if url not in _ready:
            upgrade(url, workspace)
            _ready.add(url)
