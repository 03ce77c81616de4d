"""Opening a tenderpack database: what is refused, the schema version, and the migrations.

A database holds a contract's data for years across releases, so its schema carries a version (the
Alembic revision in the table :data:`VERSION_TABLE`) and changes only through the migrations in
``generator/migrations/versions/``. :func:`open_engine` opens a database only when it is tenderpack's
and at the schema this release writes; anything else is an :class:`~generator.errors.InputError` of
one line naming the database, with nothing changed in it:

- a SQLite file of another application (its ``PRAGMA application_id`` is not :data:`APPLICATION_ID`
  and it has no tenderpack tables), a PostgreSQL schema with other tables only, a file that is not
  SQLite at all, an empty file;
- a missing SQLite file or an empty PostgreSQL schema, unless the caller creates (commands that write);
- a database of an older schema (including one made before versions existed): run ``tenderpack db
  upgrade``; of an unknown, newer one: a newer tenderpack wrote it;
- for writing, a SQLite file that fails SQLite's ``quick_check`` (corrupt or truncated) or that this
  user cannot write.

A new database is made by the migrations (so a new and an upgraded database are the same), in a
temporary file linked into place (SQLite) or under an advisory lock (PostgreSQL), so two processes
creating one database at once end with one whole database. Commands that only read serve a SQLite file
this user cannot write (mode 0444 or a read-only folder) through an immutable connection, which
creates no file beside it.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
import threading
from functools import cache
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import MetaData, create_engine, event, inspect, pool, text
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError

from .errors import InputError, Location
from .tables import Base

APPLICATION_ID = 0x54504B44
"""SQLite ``PRAGMA application_id`` of a tenderpack database ("TPKD"), set when it is made or upgraded."""

VERSION_TABLE = "tenderpack_schema"
"""The table holding the schema version (Alembic's version table, under a name no other tool uses)."""

SCHEMA_VERSION = "0004"
"""The revision of the newest migration: the schema this release reads and writes."""

# The tables every tenderpack database has had from the start: how a database made before schema
# versions existed is recognised.
_FIRST_TABLES = frozenset({"tender", "submission", "answer", "kpi_offer", "responsibility", "finding"})
_MIGRATIONS = Path(__file__).with_name("migrations")
_MIGRATING = threading.Lock()  # Alembic's `op` and `context` are process-wide: one migration at a time
_PG_LOCK = 0x54504B44  # the advisory lock key under which a PostgreSQL database is made or migrated


def model_metadata() -> MetaData:
    """The metadata of every tenderpack table (all declared in :mod:`generator.tables`)."""
    return Base.metadata


def open_engine(url: str, *, create: bool = True, read_only: bool = False) -> Engine:
    """An engine on the tenderpack database at ``url`` (a SQLAlchemy URL), checked as the module says.

    ``create`` makes the database at the current schema when it does not exist yet; without it a
    missing one is refused. ``read_only`` is for callers that only read: a SQLite file is not
    checked with ``quick_check`` (a damaged page fails the query that meets it) and is served even
    where this user cannot write it or its folder. Raises :class:`InputError`.
    """
    parsed = _parse(url)
    if parsed.get_backend_name() == "sqlite":
        return _open_sqlite(_sqlite_path(parsed, url), url, create=create, read_only=read_only)
    engine = _server_engine(url)
    try:
        try:
            _check_server(engine, url, create=create)
        except DBAPIError as exc:
            raise InputError(f"cannot open the database: {reason(exc)}", Location(path=safe_url(url))) from None
    except BaseException:
        engine.dispose()
        raise
    return engine


def upgrade_database(url: str) -> tuple[str | None, str]:
    """Migrate the tenderpack database at ``url`` to :data:`SCHEMA_VERSION`; return (from, to).

    ``from`` is ``None`` for a database made before schema versions existed. Refuses (with
    :class:`InputError`) what :func:`open_engine` refuses apart from an older schema: a missing,
    foreign, corrupt or newer database. The migrations run in one transaction: all or nothing.
    """
    parsed = _parse(url)
    sqlite = parsed.get_backend_name() == "sqlite"
    if sqlite:
        before = _inspect_sqlite(_sqlite_path(parsed, url), url, create=False, read_only=False, upgrading=True)
        engine = create_engine(url)
    else:
        engine = _server_engine(url)
    try:
        if not sqlite:
            with engine.connect() as conn:
                before = _server_version(conn, url, upgrading=True)
        with engine.begin() as conn:
            _migrate(conn)
    except DBAPIError as exc:
        raise InputError(f"cannot upgrade the database: {reason(exc)}", Location(path=safe_url(url))) from None
    finally:
        engine.dispose()
    return before, SCHEMA_VERSION


def reason(exc: BaseException) -> str:
    """The first line of a database error's own message, without SQLAlchemy's statement dump."""
    return str(getattr(exc, "orig", None) or exc).splitlines()[0]


def safe_url(url: str) -> str:
    """The URL without its password, for messages."""
    head, sep, tail = url.partition("@")
    if not sep or "://" not in head:
        return url
    scheme, _, creds = head.partition("://")
    return f"{scheme}://{creds.split(':')[0]}:***@{tail}"


def _parse(url: str) -> URL:
    try:
        return make_url(url)
    except ArgumentError as exc:
        raise InputError(f"cannot open the database: {exc}", Location(path=safe_url(url))) from None


def _sqlite_path(parsed: URL, url: str) -> Path:
    if parsed.database in (None, "", ":memory:"):
        raise InputError("an in-memory database keeps nothing; name a SQLite file", Location(path=url))
    return Path(parsed.database)


def _server_engine(url: str) -> Engine:
    try:
        return create_engine(url)
    except (ArgumentError, ImportError) as exc:
        raise InputError(f"cannot open the database: {exc}", Location(path=safe_url(url))) from None


def _open_sqlite(path: Path, url: str, *, create: bool, read_only: bool) -> Engine:
    if not path.exists() and create and not read_only:
        _create_sqlite(path)
    _inspect_sqlite(path, url, create=create, read_only=read_only, upgrading=False)
    if not read_only and not _writable(path):
        raise InputError("cannot be written here (the file or its folder is read-only); commands that only "
                         "read it still work", Location(path=str(path)))
    if read_only and not _writable(path):
        uri = _immutable_uri(path)
        # NullPool: each use opens the file afresh, so a read-only engine holds no connection between uses.
        return create_engine("sqlite://", creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False),
                             poolclass=pool.NullPool)
    # Where this user may write, even a command that only reads opens the file as usual: a read-only
    # connection could not remove the write-ahead log's side files when it closes.
    engine = create_engine(url)
    event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _writable(path: Path) -> bool:
    """Whether this user may write ``path`` and its folder (where SQLite keeps the log beside it)."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _immutable_uri(path: Path) -> str:
    """A SQLite URI reading ``path`` as a file nobody changes: it creates no file beside it and writes
    nothing, so it serves a file or folder this user cannot write and looks into a foreign file."""
    return f"file:{quote(str(path.resolve()))}?mode=ro&immutable=1"


def _inspect_sqlite(path: Path, url: str, *, create: bool, read_only: bool, upgrading: bool) -> str | None:
    """Check the SQLite file at ``path`` is a tenderpack database at the current schema (or, when
    ``upgrading``, an older one); returns its schema version. Writes nothing to a file that is not
    tenderpack's: its header is read first, and its tables only through an immutable connection."""
    where = Location(path=str(path))
    if not path.exists():
        hint = "" if create else "; check the path (commands that only read never create a database)"
        raise InputError(f"no database at this path{hint}", where)
    if path.is_dir():
        raise InputError("is a folder, not a database", where)
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as exc:
        raise InputError(f"cannot read the database: {exc.strerror}", where) from None
    if not header:
        raise InputError("is an empty file, not a tenderpack database; remove it to start a new one", where)
    if len(header) < 100 or not header.startswith(b"SQLite format 3\x00"):
        raise InputError("is not a SQLite database, so not a tenderpack one; nothing was changed in it", where)
    app_id = int.from_bytes(header[68:72], "big")
    if app_id not in (0, APPLICATION_ID):
        raise InputError(_FOREIGN, where)
    ours = app_id == APPLICATION_ID and _writable(path)
    try:
        conn = sqlite3.connect(path) if ours else sqlite3.connect(_immutable_uri(path), uri=True)
    except sqlite3.Error as exc:
        raise InputError(f"cannot open the database: {exc}", where) from None
    try:
        tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if app_id == 0 and not _FIRST_TABLES <= tables:  # 0.1.0 set no application id
            raise InputError(_FOREIGN, where)
        version = (conn.execute(f"SELECT version_num FROM {VERSION_TABLE}").fetchone() or (None,))[0] \
            if VERSION_TABLE in tables else None
        if not read_only:
            problem = conn.execute("PRAGMA quick_check").fetchone()[0]
            if problem != "ok":
                raise InputError(f"is damaged ({problem}); restore it from a backup", where)
    except sqlite3.DatabaseError as exc:
        raise InputError(f"is damaged or unreadable ({exc}); restore it from a backup", where) from None
    finally:
        conn.close()
    _check_version(version, where, upgrading=upgrading, url=url)
    return version


_FOREIGN = "is not a tenderpack database (a SQLite file of another application); nothing was changed in it"


def _create_sqlite(path: Path) -> None:
    """Make a new database at ``path``: migrated in a temporary file in the same folder, then linked
    into place, so a failure leaves no file and of two processes creating it at once, one wins."""
    folder = path.parent
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".new", dir=folder)
    except OSError as exc:
        raise InputError(f"cannot create the database: {exc.strerror}", Location(path=str(path))) from None
    os.close(fd)
    from .pack import share_as_created  # only here: creating a database is rare, the pack module heavy

    share_as_created(tmp)  # mkstemp's 0600 would make the database private whatever the umask says
    engine = create_engine(f"sqlite:///{tmp}")
    try:
        with engine.begin() as conn:
            _migrate(conn)
        engine.dispose()  # the last connection closing folds the write-ahead log into the file
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass  # another process made it meanwhile: use theirs
    except DBAPIError as exc:
        raise InputError(f"cannot create the database: {reason(exc)}", Location(path=str(path))) from None
    except OSError as exc:
        raise InputError(f"cannot create the database: {exc.strerror}", Location(path=str(path))) from None
    finally:
        engine.dispose()
        for leftover in (tmp, f"{tmp}-wal", f"{tmp}-shm"):
            Path(leftover).unlink(missing_ok=True)


def _check_server(engine: Engine, url: str, *, create: bool) -> None:
    """Check a server database (PostgreSQL); make it at the current schema when empty and ``create``."""
    with engine.connect() as conn:
        version = _server_version(conn, url, upgrading=False, create=create)
    if version is None:
        with engine.begin() as conn:
            _migrate(conn)


def _server_version(conn: Connection, url: str, *, upgrading: bool, create: bool = False) -> str | None:
    where = Location(path=safe_url(url))
    tables = set(inspect(conn).get_table_names())
    if VERSION_TABLE in tables:
        version = conn.scalar(text(f"SELECT version_num FROM {VERSION_TABLE}"))
    elif _FIRST_TABLES <= tables:
        version = None
    elif tables:
        raise InputError("is not a tenderpack database (other tables, no tenderpack tables); nothing was "
                         "changed in it", where)
    elif create and not upgrading:
        return None  # empty: the caller makes it
    else:
        raise InputError("holds no tenderpack database yet (commands that only read never create one)", where)
    _check_version(version, where, upgrading=upgrading, url=url)
    return version


def _check_version(version: str | None, where: Location, *, upgrading: bool, url: str) -> None:
    if version == SCHEMA_VERSION:
        return
    if version is not None and version not in _known_versions():
        raise InputError(f"was written by a newer tenderpack (database schema {version}, this release knows up "
                         f"to {SCHEMA_VERSION}); use that release or a newer one", where)
    if not upgrading:
        raise InputError(f"has an older database schema ({version or 'from before schema versions'}); run "
                         f"`tenderpack db upgrade --db {safe_url(url)}` first (back the database up before)", where)


def _migrate(conn: Connection) -> None:
    """Run every migration the database at ``conn`` lacks; on SQLite, mark the file as tenderpack's.

    On PostgreSQL an advisory lock held until the transaction ends makes a second process wait, then
    find the work done.
    """
    from alembic import command

    with _MIGRATING:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK})
        else:
            # The driver would start a transaction only at the first row written, so each CREATE or
            # ALTER would stand alone; BEGIN makes the migration all-or-nothing. Foreign keys off (before
            # BEGIN: inside a transaction the pragma does nothing), because a migration that rebuilds a
            # table drops the old one. The write-ahead log goes on here, once: it stays on with the file.
            conn.exec_driver_sql("PRAGMA journal_mode=WAL")
            conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
            conn.exec_driver_sql("BEGIN")
        config = _alembic_config()
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")


def _alembic_config():
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    return config


@cache
def _known_versions() -> frozenset[str]:
    """Every revision among the migrations this release ships."""
    from alembic.script import ScriptDirectory

    return frozenset(script.revision for script in ScriptDirectory.from_config(_alembic_config()).walk_revisions())


def _sqlite_pragmas(connection: object, _record: object) -> None:
    """Write-ahead logging with normal syncing: each import still commits durably as one transaction
    (WAL survives a process crash; only a power cut can lose the last commits), at a fraction of the
    cost of a full fsync of the journal per form, and readers do not block the importer.
    """
    cursor = connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
