"""Schema versions and migrations (generator/database.py, generator/migrations/), on SQLite and PostgreSQL.

tests/fixtures/tenderpack-0.1.0.sqlite is a database made by tenderpack 0.1.0 (commit f6d89b8, before
schema versions) with the sample IT tender: `build --db` of samples/gemeente-it-beheer.yaml, an import
of an earlier Hazeveld form (dated 2027-04-01, price 4,600,000), an import of the three sample bids
(Hazeveld's supersedes it), `agreement`, then `measure fill` with samples/measurements and `measure import`.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from click.testing import CliRunner
from sqlalchemy import MetaData, bindparam, create_engine, select, text

from generator.cli import cli
from generator.database import (
    APPLICATION_ID, SCHEMA_VERSION, VERSION_TABLE, _alembic_config, model_metadata, upgrade_database,
)
from generator.errors import InputError
from generator.export import commitments
from generator.monitoring.db import load_measurements, measurement_history
from generator.store import Store
from test_store import PG, _on_postgres, _postgres_schema

FIXTURE = Path(__file__).parent / "fixtures" / "tenderpack-0.1.0.sqlite"
REFERENCE = "GZV-2027-ICT-014"


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_db(request, tmp_path):
    """The URL of a database that does not exist yet: a SQLite path, or a new PostgreSQL schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'db.sqlite'}"
        return
    schema = _postgres_schema()
    _on_postgres(f"CREATE SCHEMA {schema}")
    try:
        yield f"{PG}?options=-csearch_path%3D{schema}"
    finally:
        _on_postgres(f"DROP SCHEMA {schema} CASCADE")


def differences(url: str) -> list:
    """What Alembic's autogenerate finds between the database at ``url`` and today's models."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"version_table": VERSION_TABLE})
            return compare_metadata(context, model_metadata())
    finally:
        engine.dispose()


def stored_version(url: str) -> str:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.scalar(text(f"SELECT version_num FROM {VERSION_TABLE}"))
    finally:
        engine.dispose()


def test_schema_version_is_the_single_head_of_the_migrations():
    scripts = ScriptDirectory.from_config(_alembic_config())
    assert scripts.get_heads() == [SCHEMA_VERSION], "set SCHEMA_VERSION to the newest migration's revision"


def test_a_new_database_is_made_at_the_schema_of_the_models(empty_db):
    Store(empty_db).close()
    assert differences(empty_db) == []
    assert stored_version(empty_db) == SCHEMA_VERSION
    assert upgrade_database(empty_db) == (SCHEMA_VERSION, SCHEMA_VERSION)


def test_a_new_sqlite_database_is_marked_as_tenderpacks(tmp_path):
    path = tmp_path / "db.sqlite"
    mask = os.umask(0o027)
    try:
        Store(str(path)).close()
    finally:
        os.umask(mask)
    assert path.stat().st_mode & 0o777 == 0o640  # as the umask says, not mkstemp's 0600
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["db.sqlite"]  # no temporary file left


def _legacy_postgres(url: str) -> None:
    """Copy the fixture's rows into PostgreSQL tables made as tenderpack 0.1.0 made them (no version)."""
    spec = importlib.util.spec_from_file_location(
        "baseline", Path(__file__).parents[1] / "generator" / "migrations" / "versions" / "0001_baseline.py")
    baseline = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(baseline)
    metadata = MetaData()
    baseline._tables(metadata)
    source, target = create_engine(f"sqlite:///{FIXTURE}"), create_engine(url)
    metadata.create_all(target)
    with source.connect() as old, target.begin() as new:
        for table in metadata.sorted_tables:
            rows = [dict(r._mapping) for r in old.execute(select(table))]
            if not rows:
                continue
            # A row can name a later row as its successor: insert without, then link.
            new.execute(table.insert(), [{**row, "superseded_by": None} if "superseded_by" in row else row
                                         for row in rows])
            links = [{"key": r["id"], "later": r["superseded_by"]} for r in rows if r.get("superseded_by")]
            if links:
                new.execute(table.update().where(table.c.id == bindparam("key"))
                            .values(superseded_by=bindparam("later")), links)
        for table in metadata.sorted_tables:  # the copied IDs: move each sequence past them
            new.execute(text(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                             f"coalesce((SELECT max(id) FROM {table.name}), 0) + 1, false)"))
    source.dispose()
    target.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def legacy_db(request, tmp_path):
    """The URL of a copy of the 0.1.0 fixture: the file itself, or its rows on PostgreSQL."""
    if request.param == "sqlite":
        path = tmp_path / "old.sqlite"
        shutil.copyfile(FIXTURE, path)
        yield f"sqlite:///{path}"
        return
    schema = _postgres_schema()
    _on_postgres(f"CREATE SCHEMA {schema}")
    try:
        url = f"{PG}?options=-csearch_path%3D{schema}"
        _legacy_postgres(url)
        yield url
    finally:
        _on_postgres(f"DROP SCHEMA {schema} CASCADE")


def test_a_database_of_0_1_0_is_refused_until_upgraded_then_every_row_reads(legacy_db):
    with pytest.raises(InputError, match=r"older database schema \(from before schema versions\); run "
                                         r"`tenderpack db upgrade --db "):
        Store(legacy_db, create=False)

    result = CliRunner().invoke(cli, ["db", "upgrade", "--db", legacy_db])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().endswith(f"upgraded from schema (before schema versions) to {SCHEMA_VERSION}")
    assert differences(legacy_db) == []

    with Store(legacy_db, create=False) as store:
        tender = store.tender(REFERENCE)
        assert (tender.reference, tender.revision, tender.language) == (REFERENCE, 2, "nl")
        # Migration 0004: each KPI binds what the old tender document said, the offer or else the minimum.
        norms = {k.id: k.norm for k in tender.kpis}
        assert (norms["COM-02"], norms["PRF-04"], norms["SEC-03"]) == ("minimum", "offered", "minimum")
        assert all(n == ("offered" if k.offer_allowed else "minimum") for k, n in zip(tender.kpis, norms.values()))
        assert list(store.latest_tenders()) == [(REFERENCE, "nl")]
        current = store.submissions(REFERENCE)
        assert [(s.bidder.name, s.price_eur, s.knocked_out) for s in current] == [
            ("Hazeveld ICT Services B.V.", 4560000.0, False), ("Nimbuswerk ICT B.V.", 3870000.0, True),
            ("Noordhaven IT Beheer B.V.", 4190000.0, False)]
        every = store.submissions(REFERENCE, include_history=True)
        assert len(every) == 4 and every[0].price_eur == 4600000.0
        assert sum(len(s.answers) for s in every) == 60
        assert sum(len(s.kpi_offers) for s in every) == 44
        assert sum(len(s.responsibilities) for s in every) == 158
        assert sum(len(s.findings) for s in every) == 4
        assert [(h["id"], h["current"], h["superseded_by"]) for h in store.history(REFERENCE)] == [
            (1, False, 2), (2, True, None), (3, True, None), (4, True, None)]
        assert {row["bidder"] for row in commitments(store, REFERENCE)} == {
            "Hazeveld ICT Services B.V.", "Nimbuswerk ICT B.V.", "Noordhaven IT Beheer B.V."}
        measured = load_measurements(store, REFERENCE)
        assert (len(measured.measurements), len(measured.scores), len(measured.actions)) == (59, 8, 8)
        assert measured.bidder_name == "Hazeveld ICT Services B.V."
        assert len(measurement_history(store, REFERENCE)) == 59
        # The upgraded database takes new rows: the measurements again are a duplicate, a new tender is not.
        assert store.register_tender(tender.model_copy(update={"revision": 3})) is True

    again = CliRunner().invoke(cli, ["db", "upgrade", "--db", legacy_db])
    assert again.exit_code == 0 and again.stdout.strip().endswith(f"already at schema {SCHEMA_VERSION}")


def test_upgrading_marks_a_sqlite_file_as_tenderpacks(tmp_path):
    path = tmp_path / "old.sqlite"
    shutil.copyfile(FIXTURE, path)
    assert sqlite3.connect(path).execute("PRAGMA application_id").fetchone()[0] == 0
    upgrade_database(f"sqlite:///{path}")
    assert sqlite3.connect(path).execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID


def test_a_database_of_a_newer_release_is_refused_in_one_line(empty_db):
    Store(empty_db).close()
    engine = create_engine(empty_db)
    with engine.begin() as conn:
        conn.execute(text(f"UPDATE {VERSION_TABLE} SET version_num = '9999'"))
    engine.dispose()
    with pytest.raises(InputError, match=r"written by a newer tenderpack \(database schema 9999, this release "
                                         rf"knows up to {SCHEMA_VERSION}\)"):
        Store(empty_db)
    for args in (["db", "upgrade"], ["export", "commitments", REFERENCE]):
        result = CliRunner().invoke(cli, [*args, "--db", empty_db])
        assert result.exit_code == 2
        assert len(result.stderr.strip().splitlines()) == 1 and "newer tenderpack" in result.stderr
    assert stored_version(empty_db) == "9999"


def test_upgrading_gives_stored_bids_their_identity_and_keeps_racing_ones_current(legacy_db):
    engine = create_engine(legacy_db)
    with engine.begin() as conn:  # as the race of two imports left it: both Hazeveld forms current
        conn.execute(text("UPDATE submission SET current = true, superseded_by = NULL WHERE id = 1"))
    upgrade_database(legacy_db)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT id, current, registration, signed_on, bidder_key FROM submission "
                                 "ORDER BY id")).all()
    engine.dispose()
    assert differences(legacy_db) == []
    assert [(r.id, bool(r.current), r.registration, str(r.signed_on)) for r in rows] == [
        (1, True, "NL:61834207", "2027-04-01"), (2, True, "NL:61834207", "2027-04-02"),
        (3, True, "NL:84127596", "2027-04-06"), (4, True, "NL:72019458", "2027-04-05")]
    assert rows[0].bidder_key != rows[1].bidder_key  # side by side: the file digest tells them apart
    assert rows[2].bidder_key.startswith("NL:84127596|")
    with Store(legacy_db, create=False) as store:  # the next form of Hazeveld replaces both
        newer = store.submissions(REFERENCE)[1]
        bidder = newer.bidder.model_copy(update={"date": newer.bidder.date.replace(day=20)})
        result = store.import_submission(newer.model_copy(update={
            "bidder": bidder, "source": newer.source.model_copy(update={"sha256": "e" * 64})}))
        assert result.superseded == (1, 2)
        assert [s.source.sha256 for s in store.submissions(REFERENCE)][-1] == "e" * 64
