"""Building the tender pack: files, manifest, determinism and all-or-nothing writes."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sqlite3
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import cli
from generator.errors import InputError, TemplateError, ValidationFailed
from generator.fork import can_fork
from generator.library import load_library
from generator.pack import build_pack, build_time
from generator.store import Store
from factories import make_tender
from minilib import SPEC, write_library, write_spec
from test_store import store  # noqa: F401  (the store fixture: SQLite and PostgreSQL)

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples").glob("*.yaml"))
BUILT = dt.datetime(2027, 1, 10, 9, 30)


@pytest.fixture(scope="module")
def library():
    return load_library()


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_every_sample_builds(tmp_path, library, sample, lang):
    files = build_pack(sample, tmp_path, library, lang=lang, built=BUILT)
    assert [f.role for f in files] == ["tender_document", "bid_form", "agreement_draft", "manifest"]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f.name for f in files)
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["language"] == lang and manifest["built"] == "2027-01-10T09:30:00"
    assert manifest["library"] == {"name": library.name, "version": library.version}
    for entry in manifest["files"]:
        data = (tmp_path / entry["name"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"] and len(data) == entry["bytes"]
        assert zipfile.ZipFile(tmp_path / entry["name"]).testzip() is None
    ids = {c["id"] for c in manifest["clauses"]}
    assert all(library.clauses[i].version == v for c in manifest["clauses"] for i, v in [(c["id"], c["version"])]
               if i in library.clauses)
    assert len(ids) == len(manifest["clauses"])
    suffix = {"nl": ("aanbestedingsleidraad.docx", "inschrijvingsformulier.xlsx", "concept-samenwerkingsafspraken.docx"),
              "en": ("tender-document.docx", "bid-form.xlsx", "draft-collaboration-agreement.docx")}[lang]
    assert [f.name.endswith(end) for f, end in zip(files, suffix)] == [True, True, True]


def test_same_inputs_give_identical_bytes(tmp_path):
    sample = SAMPLES[0]
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1800000000"}
    runner = CliRunner(env=env)
    for out in ("a", "b"):
        result = runner.invoke(cli, ["build", str(sample), "--out", str(tmp_path / out)])
        assert result.exit_code == 0, result.output
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    manifest = json.loads((tmp_path / "a" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["built"] == "2027-01-15T08:00:00"


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_parallel_build_writes_the_same_files(tmp_path, library, sample, monkeypatch):
    forks = []
    real_fork = os.fork

    def counted_fork():
        child = real_fork()
        if child:
            forks.append(child)
        return child

    monkeypatch.setattr(os, "fork", counted_fork)
    one_by_one = build_pack(sample, tmp_path / "a", library, built=BUILT)
    assert forks == []
    together = build_pack(sample, tmp_path / "b", library, built=BUILT, parallel=True)
    assert len(forks) == (1 if can_fork() else 0)
    assert [(f.name, f.data) for f in together] == [(f.name, f.data) for f in one_by_one]


def test_build_time_sources():
    assert build_time("2027-02-03", {}) == dt.datetime(2027, 2, 3)
    assert build_time("2027-02-03T10:00:00+01:00", {}) == dt.datetime(2027, 2, 3, 9)
    assert build_time(None, {"SOURCE_DATE_EPOCH": "0"}) == dt.datetime(1970, 1, 1)
    with pytest.raises(InputError, match="not a date"):
        build_time("3 feb", {})
    with pytest.raises(InputError, match="SOURCE_DATE_EPOCH"):
        build_time(None, {"SOURCE_DATE_EPOCH": "soon"})


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir()} if folder.exists() else {}


def test_failing_build_leaves_no_pack(tmp_path):
    lib = load_library(write_library(tmp_path / "lib"))
    out = tmp_path / "pack"
    bad_spec = write_spec(tmp_path / "bad.yaml", SPEC.replace("- id: GOV-03", "- id: GOV-99"))
    with pytest.raises(ValidationFailed):
        build_pack(bad_spec, out, lib, built=BUILT)
    assert not out.exists()
    good = write_spec(tmp_path / "good.yaml")
    build_pack(good, out, lib, built=BUILT)
    before = _snapshot(out)
    template = tmp_path / "not-a-template.docx"
    template.write_bytes(b"this is not a Word file")
    with pytest.raises(TemplateError):
        build_pack(good, out, lib, built=dt.datetime(2028, 1, 1), template=template)
    assert _snapshot(out) == before


def test_unwritable_folder_leaves_nothing(tmp_path):
    lib = load_library(write_library(tmp_path / "lib"))
    good = write_spec(tmp_path / "good.yaml")
    blocker = tmp_path / "file"
    blocker.write_text("a file where the folder should be")
    with pytest.raises(InputError, match="cannot create the output folder"):
        build_pack(good, blocker / "pack", lib, built=BUILT)


def test_half_written_pack_is_cleaned_up(tmp_path, monkeypatch):
    lib = load_library(write_library(tmp_path / "lib"))
    good = write_spec(tmp_path / "good.yaml")
    out = tmp_path / "pack"
    real_replace = os.replace
    calls = []

    def failing_replace(src, dst):
        calls.append(dst)
        if len(calls) == 1:
            raise OSError(28, "No space left on device")
        return real_replace(src, dst)

    monkeypatch.setattr("generator.pack.os.replace", failing_replace)
    with pytest.raises(InputError, match="No space left on device"):
        build_pack(good, out, lib, built=BUILT)
    assert list(out.iterdir()) == []


def test_cli_build_exit_codes(tmp_path):
    runner = CliRunner()
    lib = write_library(tmp_path / "lib")
    good = write_spec(tmp_path / "good.yaml")
    result = runner.invoke(cli, ["--library", str(lib), "build", str(good), "--out", str(tmp_path / "p"),
                                 "--date", "2027-01-10", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "MINI-2027-01-r1-tender-document.docx" in result.stdout
    bad = write_spec(tmp_path / "bad.yaml", SPEC.replace("weight: 60", "weight: 50"))
    result = runner.invoke(cli, ["--library", str(lib), "build", str(bad), "--out", str(tmp_path / "q")])
    assert result.exit_code == 1 and "add up to 90%" in result.stderr and not (tmp_path / "q").exists()
    template = tmp_path / "t.docx"
    template.write_text("nope")
    result = runner.invoke(cli, ["--library", str(lib), "build", str(good), "--out", str(tmp_path / "r"),
                                 "--template", str(template)])
    assert result.exit_code == 2 and len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.output
    result = runner.invoke(cli, ["--library", str(lib), "build", str(good), "--out", str(tmp_path / "s"),
                                 "--date", "gisteren"])
    assert result.exit_code == 2 and "not a date" in result.stderr


# --- registering the tender (build --db) ---------------------------------------------------------------

def _build_db(runner, lib, spec, out, db):
    return runner.invoke(cli, ["--library", str(lib), "build", str(spec), "--out", str(out), "--date",
                               "2027-01-10", "--db", str(db)])


def test_build_db_refuses_a_changed_spec_under_a_registered_revision(tmp_path):
    runner = CliRunner()
    lib = write_library(tmp_path / "lib")
    db = tmp_path / "tenders.sqlite"
    first = _build_db(runner, lib, write_spec(tmp_path / "spec.yaml"), tmp_path / "p1", db)
    assert first.exit_code == 0 and first.stderr.startswith("registered in sqlite:///"), first.output

    again = _build_db(runner, lib, tmp_path / "spec.yaml", tmp_path / "p2", db)
    assert again.exit_code == 0 and again.stderr.startswith("already registered, unchanged, in sqlite:///")
    assert len(list((tmp_path / "p2").iterdir())) == 4

    changed = write_spec(tmp_path / "changed.yaml", SPEC.replace("weight: 60", "weight: 70").replace(
        "price_weight: 40", "price_weight: 30"))
    refused = _build_db(runner, lib, changed, tmp_path / "p3", db)
    assert refused.exit_code == 2 and "Traceback" not in refused.output
    assert refused.stderr.strip() == (
        "error: tender MINI-2027-01 revision 1 (nl) is already registered with other content (on "
        f"{dt.date.today():%Y-%m-%d}); a changed spec needs a new revision: add it under 'revisions' in the spec "
        "and build again")
    assert not (tmp_path / "p3").exists()  # no pack of a tender the database does not know

    revised = write_spec(tmp_path / "revised.yaml", changed.read_text(encoding="utf-8").replace(
        "  - {revision: 1, date: 2027-01-11, description: {nl: Publicatie, en: Publication}}",
        "  - {revision: 1, date: 2027-01-11, description: {nl: Publicatie, en: Publication}}\n"
        "  - {revision: 2, date: 2027-01-18, description: {nl: Weging aangepast, en: Weights changed}}"))
    assert _build_db(runner, lib, revised, tmp_path / "p4", db).exit_code == 0
    with Store(str(db), create=False) as store:
        assert [store.tender("MINI-2027-01", r).award.price_weight for r in (1, 2)] == [40, 30]


def test_register_tender_refuses_other_content_under_the_same_revision(store):
    tender = make_tender()
    assert store.register_tender(tender) is True
    assert store.register_tender(tender) is False
    with pytest.raises(InputError, match=r"tender TEST-2027-001 revision 1 \(nl\) is already registered with "
                                         r"other content"):
        store.register_tender(tender.model_copy(update={"title": "Een andere opdracht"}))
    assert store.tender("TEST-2027-001") == tender


def test_a_failed_registration_leaves_no_pack_and_one_line(tmp_path):
    runner = CliRunner()
    lib = write_library(tmp_path / "lib")
    spec = write_spec(tmp_path / "spec.yaml")
    db = tmp_path / "tenders.sqlite"
    Store(str(db)).close()
    holder = sqlite3.connect(db, timeout=0)
    holder.execute("BEGIN IMMEDIATE")  # another process is writing
    try:
        result = _build_db(runner, lib, spec, tmp_path / "pack", db)
    finally:
        holder.rollback()
        holder.close()
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert result.stderr.strip() == "error: database: database is locked"
    assert not (tmp_path / "pack").exists()
    with Store(str(db), create=False) as store:
        assert store.tender("MINI-2027-01") is None


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_written_files_follow_the_umask(tmp_path, umask, mode):
    # Issue 16, item 10: the temporary file of the atomic write made every output 0600.
    from generator.pack import PackFile, write_files
    from generator.starter import write_starter

    previous = os.umask(umask)
    try:
        write_files(tmp_path, [PackFile("a.xlsx", "commitments", b"data")])
        write_starter(tmp_path / "spec.yaml")
    finally:
        os.umask(previous)
    assert (tmp_path / "a.xlsx").stat().st_mode & 0o777 == mode
    assert (tmp_path / "spec.yaml").stat().st_mode & 0o777 == mode
