"""What generator/database.py refuses, through the command line: another application's database, a
mistyped path, garbage, a truncated or older database, a full disk; and read-only files still served.

Each refusal is exit 2 with one line naming the database, and the file is left exactly as it was.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
import threading
from contextlib import closing
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, inspect, text

from generator.cli import cli
from generator.database import SCHEMA_VERSION, VERSION_TABLE, upgrade_database
from generator.errors import InputError
from generator.store import Store
from generator.tables import SubmissionRow
from minilib import write_library, write_spec
from test_database import FIXTURE, REFERENCE, empty_db  # noqa: F401  (the fixture: SQLite and PostgreSQL)
from test_store import submission

READS = [
    ["export", "commitments", REFERENCE],
    ["export", "ocds", REFERENCE],
    ["evaluate", REFERENCE, "--out", "{out}"],
    ["agreement", REFERENCE, "--bidder", "61834207", "--out", "{out}"],
    ["progress", REFERENCE, "--out", "{out}"],
]
"""The commands that only read the database."""


def invoke(args: list[str], db: Path | str, out: Path | None = None):
    result = CliRunner().invoke(cli, [a.format(out=out) for a in args] + ["--db", str(db)])
    assert "Traceback" not in result.output
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def refused(result, *fragments: str) -> str:
    """The one error line of an exit-2 ``result``, checked to contain every fragment."""
    assert result.exit_code == 2, result.output
    line = result.stderr.strip()
    assert len(line.splitlines()) == 1 and line.startswith("error: "), line
    for fragment in fragments:
        assert fragment in line, line
    return line


def current(tmp_path: Path) -> Path:
    """A copy of the 0.1.0 fixture upgraded to this release's schema."""
    path = tmp_path / "current.sqlite"
    shutil.copyfile(FIXTURE, path)
    upgrade_database(f"sqlite:///{path}")
    return path


def form(folder: Path) -> Path:
    """A file the import command accepts as a form to read (it opens the database first)."""
    path = folder / "bid.xlsx"
    path.write_bytes(b"not read: the database is refused first")
    return path


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture
def foreign(tmp_path) -> Path:
    """Another application's SQLite database, in rollback-journal mode, alone in its folder."""
    folder = tmp_path / "other"
    folder.mkdir()
    path = folder / "notes.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("INSERT INTO note (body) VALUES ('keep me')")
    conn.commit()
    conn.close()
    return path


@pytest.mark.parametrize("args", READS + [["import", "{out}/bid.xlsx"], ["db", "upgrade"]],
                         ids=lambda a: " ".join(a[:2]))
@pytest.mark.parametrize("journal", ["delete", "wal"])
def test_another_applications_sqlite_file_is_refused_untouched(tmp_path, foreign, args, journal):
    with closing(sqlite3.connect(foreign)) as conn:
        conn.execute(f"PRAGMA journal_mode={journal}")
    form(tmp_path)
    before = snapshot(foreign.parent)
    line = refused(invoke(args, foreign, tmp_path), str(foreign), "is not a tenderpack database")
    assert "nothing was changed" in line
    assert snapshot(foreign.parent) == before  # no tables added, no -wal or -shm, same journal mode


def test_build_db_into_another_applications_file_writes_nothing(tmp_path, foreign):
    before = snapshot(foreign.parent)
    lib = write_library(tmp_path / "lib")
    result = CliRunner().invoke(cli, ["--library", str(lib), "build", str(write_spec(tmp_path / "s.yaml")),
                                      "--out", str(tmp_path / "pack"), "--db", str(foreign)])
    refused(result, str(foreign), "is not a tenderpack database")
    assert snapshot(foreign.parent) == before and not (tmp_path / "pack").exists()


@pytest.mark.parametrize("args", READS, ids=lambda a: " ".join(a[:2]))
def test_read_commands_never_create_a_database(tmp_path, args):
    typo = tmp_path / "tendres.sqlite"
    refused(invoke(args, typo, tmp_path / "out"), f"{typo}: no database at this path")
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_garbage_empty_and_folder_are_refused_for_reading_and_writing(tmp_path):
    garbage = tmp_path / "garbage.sqlite"
    garbage.write_bytes(b"PK\x03\x04 this is a zip file, not a database " * 200)
    empty = tmp_path / "empty.sqlite"
    empty.touch()
    cases = {garbage: "is not a SQLite database", empty: "is an empty file",
             tmp_path: "is a folder, not a database"}
    for path, message in cases.items():
        for args in (READS[0], ["import", str(form(tmp_path))]):
            refused(invoke(args, path), f"{path}: {message}")
    assert garbage.read_bytes().startswith(b"PK\x03\x04") and empty.stat().st_size == 0


def test_a_truncated_database_serves_no_read_and_takes_no_import(tmp_path):
    path = current(tmp_path)
    with open(path, "r+b") as handle:
        handle.truncate(path.stat().st_size // 2)
    damaged = path.read_bytes()
    for args in READS[:2]:
        refused(invoke(args, path), "database")
    refused(invoke(["import", str(form(tmp_path))], path), f"{path}: is damaged")
    assert path.read_bytes() == damaged


def test_an_older_database_asks_for_db_upgrade(tmp_path):
    path = tmp_path / "old.sqlite"
    shutil.copyfile(FIXTURE, path)
    before = path.read_bytes()
    for args in READS + [["import", str(form(tmp_path))]]:
        refused(invoke(args, path, tmp_path / "out"), f"{path}: has an older database schema",
                f"run `tenderpack db upgrade --db sqlite:///{path}` first")
    assert path.read_bytes() == before


def test_a_full_disk_ends_an_import_in_one_line_with_nothing_half_written(tmp_path, monkeypatch):
    path = current(tmp_path)
    with closing(sqlite3.connect(path)) as conn:  # no free pages left over from the upgrade
        conn.execute("VACUUM")
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
    pragmas = __import__("generator.database", fromlist=["_sqlite_pragmas"])._sqlite_pragmas

    def full(connection, record):  # the file may not grow: SQLite reports a full disk
        pragmas(connection, record)
        connection.execute(f"PRAGMA max_page_count = {pages}")

    monkeypatch.setattr("generator.database._sqlite_pragmas", full)
    with Store(str(path), create=False) as store:
        with pytest.raises(Exception, match="database or disk is full"):
            store.import_submission(submission(sha="f" * 64))
        assert len(store.history(REFERENCE)) == 4 and store.submissions("TEST-2027-001") == []
    lib = write_library(tmp_path / "lib")
    result = CliRunner().invoke(cli, ["--library", str(lib), "build", str(write_spec(tmp_path / "s.yaml")),
                                      "--out", str(tmp_path / "pack"), "--db", str(path)])
    assert refused(result) == "error: database: database or disk is full"
    assert not (tmp_path / "pack").exists()
    with Store(str(path), create=False, read_only=True) as store:
        assert store.tender("MINI-2027-01") is None


def _as_nobody(action):
    """Run ``action`` in a child process as an unprivileged user when this one is root (root writes
    read-only files anyway); return its result. Every module it needs must be imported already."""
    if os.geteuid() != 0:
        return action()
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: drop privileges, run, report, end without running the parent's cleanup
        try:
            os.setgid(65534)
            os.setuid(65534)
            outcome = repr(action())
        except BaseException as exc:  # noqa: BLE001  (reported to the parent, which fails the test)
            outcome = repr(("raised", type(exc).__name__, str(exc)))
        os.write(writer, outcome.encode())
        os._exit(0)
    os.close(writer)
    with os.fdopen(reader, "rb") as pipe:
        outcome = pipe.read().decode()
    os.waitpid(pid, 0)
    return eval(outcome)  # noqa: S307  (a repr of plain values written by the child above)


@pytest.mark.parametrize("where", ["read-only file", "read-only folder"])
def test_read_only_sqlite_files_still_serve_read_commands(tmp_path, where):
    folder = Path(tempfile.mkdtemp(prefix="tp-readonly-"))  # outside pytest's 0700 folder, for the other user
    try:
        path = folder / "db.sqlite"
        shutil.copyfile(current(tmp_path), path)
        expected = invoke(READS[0], path)  # as this user, with write access; also loads every module used
        assert expected.exit_code == 0 and '"bidder": "Hazeveld ICT Services B.V."' in expected.stdout
        bid = form(folder)
        path.chmod(0o444)
        folder.chmod(0o555 if where == "read-only folder" else 0o777)
        before = snapshot(folder)

        def read() -> tuple[int, str, str]:
            result = CliRunner().invoke(cli, [*READS[0], "--db", str(path)])
            return result.exit_code, result.stdout, result.stderr

        assert _as_nobody(read) == (0, expected.stdout, "")
        assert snapshot(folder) == before and sorted(os.listdir(folder)) == ["bid.xlsx", "db.sqlite"]

        def write() -> tuple[int, str]:
            result = CliRunner().invoke(cli, ["import", str(bid), "--db", str(path)])
            return result.exit_code, result.stderr.strip()

        code, message = _as_nobody(write)
        assert (code, message) == (2, f"error: {path}: cannot be written here (the file or its folder is read-only); "
                                      "commands that only read it still work")
        assert snapshot(folder) == before
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder)


def test_postgres_schema_of_another_application_is_refused_untouched(tmp_path, empty_db):
    engine = create_engine(empty_db)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT)"))
    for args in (READS[0], ["import", str(form(tmp_path))], ["db", "upgrade"]):
        refused(invoke(args, empty_db), "is not a tenderpack database")
    with engine.connect() as conn:
        assert inspect(conn).get_table_names() == ["note"]
    engine.dispose()


def test_reading_an_empty_database_creates_nothing(empty_db):
    with pytest.raises(InputError, match="(no database at this path|holds no tenderpack database yet)"):
        Store(empty_db, create=False)
    if empty_db.startswith("sqlite"):
        assert not Path(empty_db.removeprefix("sqlite:///")).exists()
    else:
        engine = create_engine(empty_db)
        with engine.connect() as conn:
            assert inspect(conn).get_table_names() == []
        engine.dispose()


def test_processes_creating_one_database_at_once_make_one_whole_database(empty_db):
    errors: list[BaseException] = []

    def create(number: int) -> None:
        try:
            with Store(empty_db) as s:
                s.import_submission(submission(sha=f"{number:064d}"))
        except BaseException as exc:  # noqa: BLE001  (collected and asserted below)
            errors.append(exc)

    threads = [threading.Thread(target=create, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    engine = create_engine(empty_db)
    with engine.connect() as conn:
        assert conn.scalar(text(f"SELECT count(*) FROM {VERSION_TABLE}")) == 1
        assert conn.scalar(text(f"SELECT version_num FROM {VERSION_TABLE}")) == SCHEMA_VERSION
        assert conn.scalar(text(f"SELECT count(*) FROM {SubmissionRow.__tablename__}")) == 4
    engine.dispose()
