"""The whole life of a tender through the command line, on the gemeente-it-beheer sample.

build (registering the tender in a SQLite database) -> fill the three sample bids -> import ->
export commitments -> evaluate -> export ocds -> agreement -> measure fill / import -> progress, each
through click's CliRunner with its output and exit code (0 success, 1 findings, 2 unusable input).

The pack is built, the bids are filled and imported, evaluated and the agreement drawn up once per
module (``life``, ``evaluated``, ``agreed``, ``measured``). Tests only read the shared databases
``life.db`` and ``life.registered`` (the fixture checks at the end that their content is unchanged);
a test that writes to a database works on its own copy.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import re
import shutil
import sqlite3
import zipfile
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import click
import openpyxl
import pytest
import yaml
from lxml import etree
from click.testing import CliRunner, Result
from document.docxcheck import footer
from hostile import zip_bomb

from generator.cli import cli
from generator.ocds.check import package_findings
from generator.store import Store
from generator.workbook import open_workbook

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "samples" / "gemeente-it-beheer.yaml"
BIDS = ROOT / "samples" / "bids" / "gemeente-it-beheer"
SCORES = ROOT / "samples" / "scores" / "gemeente-it-beheer.yaml"
MEASUREMENTS = ROOT / "samples" / "measurements" / "gemeente-it-beheer.yaml"
REF = "GZV-2027-ICT-014"
STEM = f"{REF}-r2-"
"""Every output file is named after the tender and its revision (the sample is revision 2, in Dutch)."""
BUILT, EVALUATED, PUBLISHED = "2027-02-15", "2027-05-03", "2027-05-11T09:30:00"
SIGNED, REPORTED = "2027-06-01", "2028-07-03"
"""The --date of each step, so that every file written is the same on every run."""

HAZEVELD, NOORDHAVEN = "Hazeveld ICT Services B.V.", "Noordhaven IT Beheer B.V."
NIMBUSWERK = "Nimbuswerk ICT B.V."  # the weak bid: knocked out
KVK = {HAZEVELD: "61834207", NOORDHAVEN: "72019458", NIMBUSWERK: "84127596"}
FORMS = {"hazeveld-ict-services.xlsx": HAZEVELD, "noordhaven-it-beheer.xlsx": NOORDHAVEN,
         "nimbuswerk-ict.xlsx": NIMBUSWERK}
"""The filled sample forms (named after their answer files) and their bidders."""
KPIS = {"GOV-02", "GOV-09", "COM-02", "COM-03", "PRF-01", "PRF-02", "PRF-04", "PRF-05", "CNT-02", "SEC-03",
        "SRO-02"}
"""The sample's KPIs: every bid has one commitments row per KPI."""
COLUMNS = ["id", "bidder", "kvk", "submission_file", "kind", "source_id", "title", "commitment", "value", "unit",
           "tender_value", "target", "differs", "meets_minimum", "meets_target", "cell"]
HEADERS_NL = ["Toezegging-ID", "Inschrijver", "KvK-nummer", "Inschrijvingsbestand", "Soort", "Bepaling",
              "Onderwerp", "Toezegging", "Waarde", "Eenheid", "Leidraad of minimum", "Streefwaarde",
              "Afwijkend van leidraad", "Haalt minimum", "Haalt streefwaarde", "Cel inschrijvingsformulier"]
CRITERIA = ("GOV-07", "PRF-09", "SEC-06", "EXT-03")
"""The award criteria of the sample: their answers become part of the agreement."""


def bid_answers(name: str) -> dict[str, str]:
    """The award-criterion answers of the sample answer file ``name``, whitespace normalised."""
    answers = yaml.safe_load((BIDS / name).read_text(encoding="utf-8"))["answers"]
    return {c: " ".join(answers[c]["answer"].split()) for c in CRITERIA}


# --- running the command line ------------------------------------------------------------------------

def run(*args: object) -> Result:
    """Invoke ``tenderpack args``; never a traceback, and an unexpected exception is raised as itself."""
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert "Traceback" not in result.output
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def ok(*args: object) -> Result:
    """:func:`run`, which must succeed."""
    result = run(*args)
    assert result.exit_code == 0, result.output
    return result


def error_line(result: Result) -> str:
    """The one line of an exit-2 refusal of unusable input (no usage text, no traceback)."""
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    return lines[0]


def usage_error(result: Result) -> str:
    """The message of a click usage error (exit 2 with the usage line and ``Error: ...``)."""
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("Usage: "), result.stderr
    return result.stderr.strip().splitlines()[-1]


@dataclass(frozen=True)
class Row:
    """One row of the table `tenderpack import` prints."""

    status: str
    errors: int
    warnings: int
    detail: str


def table(result: Result) -> dict[str, Row]:
    """The import table on standard output, by file name (the paths have no spaces)."""
    header, *lines = result.stdout.splitlines()
    assert header.split() == ["file", "status", "errors", "warn", "bidder", "/", "reason"]
    rows = {}
    for line in lines:
        path, status, errors, warnings, *detail = line.split(None, 4)
        rows[Path(path).name] = Row(status, int(errors), int(warnings), detail[0] if detail else "")
    return rows


def copy_db(source: Path, folder: Path, name: str = "db.sqlite") -> Path:
    """A copy of the SQLite database ``source`` for a test that writes to it (made with SQLite's backup,
    so that nothing still in a write-ahead log is left behind)."""
    target = folder / name
    with closing(sqlite3.connect(source)) as original, closing(sqlite3.connect(target)) as copy:
        original.backup(copy)
    return target


def dump(db: Path) -> list[str]:
    """The whole content of the SQLite database ``db`` as SQL statements."""
    with closing(sqlite3.connect(db)) as conn:
        return list(conn.iterdump())


def commitments(db: Path) -> list[dict]:
    """The commitments register of the sample tender as JSON rows."""
    return json.loads(ok("export", "commitments", REF, "--db", db).stdout)


def is_docx(path: Path) -> bool:
    with zipfile.ZipFile(path) as zf:
        return "word/document.xml" in zf.namelist()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- the shared lifecycle ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Life:
    """The pack built with --db, the sample bids filled and imported into ``db``."""

    root: Path
    pack: Path
    form: Path
    built: Result
    registered: Path
    """A copy of the database right after build: the tender, no bids."""
    bids: Path
    filled: dict[str, Result]
    imported: Result
    db: Path


@pytest.fixture(scope="module")
def life(tmp_path_factory) -> Life:
    root = tmp_path_factory.mktemp("lifecycle")
    db, pack = root / "db.sqlite", root / "pack"
    built = ok("build", SPEC, "--out", pack, "--db", db, "--date", BUILT)
    registered = copy_db(db, root, "registered.sqlite")
    form = pack / f"{STEM}inschrijvingsformulier.xlsx"
    bids = root / "bids"
    bids.mkdir()
    filled = {}
    for answers in sorted(BIDS.glob("*.yaml")):
        filled[answers.stem] = ok("fill", form, answers, "--out", bids / f"{answers.stem}.xlsx")
    imported = ok("import", bids, "--db", db)
    shared = {path: dump(path) for path in (db, registered)}
    yield Life(root, pack, form, built, registered, bids, filled, imported, db)
    for path, content in shared.items():
        assert dump(path) == content, f"a test wrote to the shared database {path.name}"


@dataclass(frozen=True)
class Evaluated:
    """`evaluate --scores` with the sample scores."""

    result: Result
    out: Path
    evaluation: Path


@pytest.fixture(scope="module")
def evaluated(life) -> Evaluated:
    out = life.root / "eval"
    result = ok("evaluate", REF, "--db", life.db, "--out", out, "--scores", SCORES, "--date", EVALUATED)
    return Evaluated(result, out, out / f"{STEM}evaluatie.json")


@pytest.fixture(scope="module")
def agreed(life, evaluated) -> tuple[Result, Path]:
    """`agreement --evaluation`: the winner's annex, calendar and monitoring workbook."""
    out = life.root / "agreement"
    return ok("agreement", REF, "--evaluation", evaluated.evaluation, "--db", life.db, "--out", out,
              "--date", SIGNED), out


@pytest.fixture(scope="module")
def measured(life, agreed) -> tuple[Result, Path]:
    """`measure fill`: the winner's monitoring workbook with the sample's first contract year."""
    out = life.root / "monitoring-2028.xlsx"
    blank = agreed[1] / f"{STEM}monitoringsbestand.xlsx"
    return ok("measure", "fill", blank, MEASUREMENTS, "--out", out), out


# --- 1. build ----------------------------------------------------------------------------------------

def test_build_writes_the_pack_and_registers_the_tender(life):
    names = {"tender_document": f"{STEM}aanbestedingsleidraad.docx",
             "bid_form": f"{STEM}inschrijvingsformulier.xlsx",
             "agreement_draft": f"{STEM}concept-samenwerkingsafspraken.docx", "manifest": "manifest.json"}
    lines = [line.split() for line in life.built.stdout.splitlines()]
    listed = {role.strip("(,"): Path(path).name for path, role, *_ in lines}
    assert listed == names
    assert sorted(p.name for p in life.pack.iterdir()) == sorted(names.values())
    assert is_docx(life.pack / names["tender_document"]) and is_docx(life.pack / names["agreement_draft"])
    assert open_workbook(life.form).sheets
    manifest = json.loads((life.pack / "manifest.json").read_text(encoding="utf-8"))
    assert (manifest["reference"], manifest["revision"], manifest["language"]) == (REF, 2, "nl")
    assert manifest["built"] == f"{BUILT}T00:00:00"
    assert {f["role"]: f["name"] for f in manifest["files"]} == {r: n for r, n in names.items()
                                                                 if r != "manifest"}
    for entry in manifest["files"]:
        assert digest(life.pack / entry["name"]) == entry["sha256"], entry["name"]
    assert life.built.stderr.strip() == f"registered in sqlite:///{life.db}"


def test_build_is_deterministic_with_date(life, tmp_path):
    ok("build", SPEC, "--out", tmp_path, "--date", BUILT)
    assert {p.name: digest(p) for p in tmp_path.iterdir()} == {p.name: digest(p) for p in life.pack.iterdir()}


def test_build_registers_the_tender_only_with_db(life, tmp_path):
    """Without --db nothing is registered: the forms of the pack cannot be imported into a new database."""
    result = ok("build", SPEC, "--out", tmp_path / "pack", "--date", BUILT)
    assert "registered" not in result.stderr
    assert not list(tmp_path.glob("*.sqlite"))
    rows = table(run("import", life.bids / "hazeveld-ict-services.xlsx", "--db", tmp_path / "db.sqlite"))
    assert rows["hazeveld-ict-services.xlsx"].status == "rejected"


# --- 2. fill and import ------------------------------------------------------------------------------

def test_every_sample_bid_fills(life):
    assert set(life.filled) == {Path(name).stem for name in FORMS}
    for stem, result in life.filled.items():
        assert result.exit_code == 0, result.output
        assert result.stdout.strip() == f"wrote {life.bids / stem}.xlsx"
        assert result.stderr == ""
        assert zipfile.is_zipfile(life.bids / f"{stem}.xlsx")


def test_import_stores_the_three_forms_and_marks_the_knock_out(life):
    assert life.imported.exit_code == 0, life.imported.output
    rows = table(life.imported)
    assert set(rows) == set(FORMS)
    for name, bidder in FORMS.items():
        assert rows[name].status == "imported"
        assert rows[name].detail.startswith(bidder)
        assert ("[knock-out]" in rows[name].detail) == (bidder == NIMBUSWERK), name
    assert rows["nimbuswerk-ict.xlsx"].errors >= 2  # SEC-04 answered no, PRF-05 below the minimum
    assert rows["hazeveld-ict-services.xlsx"] == Row("imported", 0, 0, HAZEVELD)
    assert rows["noordhaven-it-beheer.xlsx"].errors == 0
    summary = life.imported.stderr.strip().splitlines()[-1]
    assert summary == f"3 imported, 0 duplicate(s), 0 rejected into sqlite:///{life.db}"


def test_importing_again_gives_duplicates(life, tmp_path):
    db = copy_db(life.db, tmp_path)
    before = commitments(db)
    result = run("import", life.bids, "--db", db)
    assert result.exit_code == 0, result.output
    rows = table(result)
    assert set(rows) == set(FORMS) and {row.status for row in rows.values()} == {"duplicate"}
    assert "[knock-out]" in rows["nimbuswerk-ict.xlsx"].detail
    assert "[supersedes" not in result.stdout
    assert result.stderr.strip().splitlines()[-1].startswith("0 imported, 3 duplicate(s), 0 rejected")
    assert commitments(db) == before


def test_bad_files_are_rejected_with_a_reason_and_the_good_ones_imported(life, tmp_path):
    folder = tmp_path / "returned"
    shutil.copytree(life.bids, folder)
    (folder / "notes.xlsx").write_text("Onze inschrijving volgt.\n", encoding="utf-8")  # a renamed text file
    with open(folder / "bomb.xlsx", "wb") as out:
        zip_bomb(out, 5)
    shutil.copyfile(life.pack / f"{STEM}aanbestedingsleidraad.docx", folder / "leidraad.xlsx")
    (folder / "readme.txt").write_text("not a form\n", encoding="utf-8")
    db = copy_db(life.registered, tmp_path)
    result = run("import", folder, "--db", db)
    assert result.exit_code == 1, result.output
    rows = table(result)
    assert set(rows) == set(FORMS) | {"notes.xlsx", "bomb.xlsx", "leidraad.xlsx"}  # not readme.txt
    assert all(rows[name].status == "imported" for name in FORMS)
    assert rows["notes.xlsx"].status == "rejected" and "not an Excel workbook" in rows["notes.xlsx"].detail
    assert "plain text" in rows["notes.xlsx"].detail
    assert rows["bomb.xlsx"].status == "rejected" and "possible zip bomb" in rows["bomb.xlsx"].detail
    assert rows["leidraad.xlsx"].status == "rejected"
    assert "Word document (.docx)" in rows["leidraad.xlsx"].detail
    assert result.stderr.strip().splitlines()[-1].startswith("3 imported, 0 duplicate(s), 3 rejected")
    assert {row["bidder"] for row in commitments(db)} == set(FORMS.values())


def test_a_form_of_an_unregistered_tender_is_rejected_until_spec_registers_it(life, tmp_path):
    db = tmp_path / "fresh.sqlite"
    form = life.bids / "hazeveld-ict-services.xlsx"
    result = run("import", form, "--db", db)
    assert result.exit_code == 1, result.output
    row = table(result)[form.name]
    assert row.status == "rejected"
    assert row.detail == f"tender {REF} (nl) is not registered; build it with --db or import with --spec"
    error_line(run("export", "commitments", REF, "--db", db))

    result = run("import", form, "--db", db, "--spec", SPEC)
    assert result.exit_code == 0, result.output
    assert table(result)[form.name] == Row("imported", 0, 0, HAZEVELD)
    assert {row["bidder"] for row in commitments(db)} == {HAZEVELD}


def test_a_later_form_of_the_same_bidder_supersedes_the_earlier(life, tmp_path):
    answers = yaml.safe_load((BIDS / "noordhaven-it-beheer.yaml").read_text(encoding="utf-8"))
    assert answers["price_eur"] != 3_950_000
    answers["price_eur"] = 3_950_000
    answers["bidder"]["date"] += dt.timedelta(days=3)  # newer by its own date of signature
    changed = tmp_path / "noordhaven-herzien.yaml"
    changed.write_text(yaml.safe_dump(answers, allow_unicode=True), encoding="utf-8")
    later = tmp_path / "noordhaven-herzien.xlsx"
    ok("fill", life.form, changed, "--out", later)
    db = copy_db(life.db, tmp_path)
    with Store(str(db)) as store:
        earlier = next(h["id"] for h in store.history(REF) if h["filename"] == "noordhaven-it-beheer.xlsx")

    result = run("import", later, "--db", db)
    assert result.exit_code == 0, result.output
    row = table(result)[later.name]
    assert row.status == "imported" and row.detail == f"{NOORDHAVEN}  [supersedes #{earlier}]"
    with Store(str(db)) as store:
        history = {h["filename"]: h for h in store.history(REF)}
    assert history["noordhaven-it-beheer.xlsx"]["current"] is False
    assert history["noordhaven-it-beheer.xlsx"]["superseded_by"] == history[later.name]["id"]

    rows = commitments(db)
    files = {row["submission_file"] for row in rows if row["bidder"] == NOORDHAVEN}
    assert files == {later.name}
    assert len(rows) == len(commitments(life.db))
    ocds = json.loads(ok("export", "ocds", REF, "--db", db, "--date", PUBLISHED).stdout)
    bids = ocds["releases"][0]["bids"]
    values = {bid["tenderers"][0]["name"]: bid["value"]["amount"] for bid in bids["details"]}
    assert values == {HAZEVELD: 4_560_000, NOORDHAVEN: 3_950_000, NIMBUSWERK: 3_870_000}


def test_import_of_nothing_is_unusable_input(life, tmp_path):
    error_line(run("import", tmp_path / "absent.xlsx", "--db", tmp_path / "db.sqlite"))
    (tmp_path / "empty").mkdir()
    assert usage_error(run("import", tmp_path / "empty", "--db", tmp_path / "db.sqlite")) == \
        "Error: no forms found in the given paths"


# --- 3. export commitments ---------------------------------------------------------------------------

def test_export_commitments_json(life):
    rows = commitments(life.db)
    assert all(list(row) == COLUMNS for row in rows)
    assert {row["bidder"] for row in rows} == set(FORMS.values())
    for bidder, kvk in KVK.items():
        mine = [row for row in rows if row["bidder"] == bidder]
        assert {row["kvk"] for row in mine} == {kvk}
        assert {row["submission_file"] for row in mine} == {f for f, b in FORMS.items() if b == bidder}
        assert {row["id"] for row in mine if row["kind"] == "kpi"} == {f"{k}.kpi" for k in KPIS}
        assert len({row["id"] for row in mine}) == len(mine)  # one stable ID per commitment
    by = {(row["bidder"], row["id"]): row for row in rows}
    # Every award-criterion answer of the winner, in full, with its clause and cell.
    for criterion, answer in bid_answers("hazeveld-ict-services.yaml").items():
        row = by[(HAZEVELD, f"{criterion}.criterion")]
        assert (row["kind"], row["source_id"]) == ("criterion", criterion)
        assert " ".join(row["commitment"].split()) == answer
        assert re.fullmatch(r"Gunningscriteria![A-Z]+[0-9]+", row["cell"])
    attachment = by[(HAZEVELD, "GOV-07.attachment")]
    assert attachment["commitment"] == "Bijlage 2 - Plan van aanpak samenwerking.pdf"
    assert attachment["cell"].startswith("Gunningscriteria!F")
    remark = by[(HAZEVELD, "GOV-08.remark")]
    assert "Joost Lammers" in remark["commitment"] and remark["cell"].startswith("Eisen!F")
    assert by[(HAZEVELD, "GOV-08.requirement")]["value"] == 24
    # The promises on improvable terms: weekly instead of fortnightly, minutes in 3 instead of 5 days.
    weekly, minutes = by[(HAZEVELD, "GOV-01.operational")], by[(HAZEVELD, "GOV-01.minutes_days")]
    assert (weekly["kind"], weekly["value"], weekly["tender_value"], weekly["differs"]) == \
        ("promise", "weekly", "fortnightly", True)
    assert (minutes["value"], minutes["tender_value"], minutes["unit"]) == (3, 5, "working_days")
    # RACI: Nimbuswerk makes the client accountable for incident handling (default: the contractor).
    raci = by[(NIMBUSWERK, "RACI-10.raci")]
    assert raci["kind"] == "raci" and raci["differs"] is True
    assert "Opdrachtgever A" in raci["value"] and "Opdrachtgever C" in raci["tender_value"]
    assert by[(HAZEVELD, "RACI-10.raci")]["differs"] is False
    # KPI offers: Hazeveld better than the target, Nimbuswerk's availability below the minimum.
    kpi = by[(HAZEVELD, "PRF-05.kpi")]
    assert (kpi["value"], kpi["unit"], kpi["tender_value"], kpi["target"]) == (99.85, "percent", 99.6, 99.8)
    assert kpi["meets_minimum"] is True and kpi["meets_target"] is True
    kpi = by[(NIMBUSWERK, "PRF-05.kpi")]
    assert kpi["value"] == 99.5 and kpi["meets_minimum"] is False
    kpi = by[(HAZEVELD, "GOV-09.kpi")]  # lower is better
    assert (kpi["value"], kpi["tender_value"], kpi["target"], kpi["meets_target"]) == (4.0, 8.0, 5.0, True)


def test_export_commitments_csv_is_in_the_tenders_language(life):
    result = ok("export", "commitments", REF, "--db", life.db, "--format", "csv")
    assert result.stdout.startswith("Toezegging-ID,")  # no byte-order mark on standard output
    header, *rows = list(csv.reader(io.StringIO(result.stdout)))
    assert header == HEADERS_NL
    assert len(rows) == len(commitments(life.db))
    assert {row[1] for row in rows} == set(FORMS.values())
    assert ["PRF-05.kpi", HAZEVELD, KVK[HAZEVELD], "hazeveld-ict-services.xlsx", "KPI-aanbod"] in [
        row[:5] for row in rows]
    flags = {value for row in rows for value in row[12:15]}
    assert flags == {"Ja", "Nee", ""}
    weekly = next(row for row in rows if row[:2] == ["GOV-01.operational", HAZEVELD])
    assert (weekly[4], weekly[7], weekly[8], weekly[10]) == ("Toezegging (verbetering)", "wekelijks", "wekelijks",
                                                            "tweewekelijks")


def test_export_commitments_xlsx_needs_out(life, tmp_path):
    out = tmp_path / "toezeggingen.xlsx"
    result = ok("export", "commitments", REF, "--db", life.db, "--format", "xlsx", "--out", out)
    count = len(commitments(life.db))
    assert result.stderr.strip() == f"wrote {out} ({count} rows)"
    sheet = open_workbook(out).sheets[0]
    assert sheet.name == "Toezeggingen"
    assert sheet.cell(1, 1) == f"Toezeggingenregister {REF}"
    assert [sheet.cell(3, col) for col in range(1, len(HEADERS_NL) + 1)] == HEADERS_NL
    assert sheet.max_row == count + 3
    rows = [[sheet.cell(r, c) for c in range(1, len(HEADERS_NL) + 1)] for r in range(4, count + 4)]
    texts = {(row[1], row[0]): " ".join(str(row[7]).split()) for row in rows}
    for criterion, answer in bid_answers("hazeveld-ict-services.yaml").items():
        assert texts[(HAZEVELD, f"{criterion}.criterion")] == answer
    assert {row[12] for row in rows} <= {"Ja", "Nee", None}

    result = run("export", "commitments", REF, "--db", life.db, "--format", "xlsx")
    assert usage_error(result) == "Error: --out is required for --format xlsx"
    assert result.stdout == ""


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_export_commitments_of_an_unknown_tender(life, fmt):
    line = error_line(run("export", "commitments", "GZV-1999-XXX-001", "--db", life.db, "--format", fmt))
    assert line.startswith("error: GZV-1999-XXX-001: tender is not in the database")


# --- 4. evaluate -------------------------------------------------------------------------------------

def test_evaluate_without_scores_writes_the_compliance_matrix_and_scoring_workbook(life, tmp_path):
    out = tmp_path / "eval"
    result = ok("evaluate", REF, "--db", life.db, "--out", out, "--date", EVALUATED)
    names = [f"{STEM}nalevingsmatrix.xlsx", f"{STEM}beoordelingsformulier.xlsx"]
    assert sorted(p.name for p in out.iterdir()) == sorted(names)
    assert [Path(line.split()[0]).name for line in result.stdout.splitlines()] == names
    for name in names:
        assert open_workbook(out / name).sheets


def test_evaluate_with_scores_ranks_the_bids(evaluated):
    result = evaluated.result
    assert result.exit_code == 0, result.output
    letters = {f"{STEM}gunningsbeslissing-hazeveld-ict-services-b-v.docx": HAZEVELD,
               f"{STEM}gunningsbeslissing-noordhaven-it-beheer-b-v.docx": NOORDHAVEN,
               f"{STEM}gunningsbeslissing-nimbuswerk-ict-b-v.docx": NIMBUSWERK}
    names = [f"{STEM}nalevingsmatrix.xlsx", f"{STEM}vergelijkingsrapport.docx",
             f"{STEM}vergelijkingsrapport.xlsx", f"{STEM}evaluatie.json", *letters]
    assert sorted(p.name for p in evaluated.out.iterdir()) == sorted(names)
    assert is_docx(evaluated.out / f"{STEM}vergelijkingsrapport.docx")
    # One award decision letter per bidder, addressed to it and naming no other losing bidder.
    for name, addressee in letters.items():
        with zipfile.ZipFile(evaluated.out / name) as z:
            text = "".join(etree.fromstring(z.read("word/document.xml")).itertext())
        assert f"Aan{addressee}" in text and "Gunningsbeslissing" in text
        assert "De opschortende termijn eindigt op 31 mei 2027." in text
        losers = {NOORDHAVEN, NIMBUSWERK} - {addressee}
        assert not any(loser in text for loser in losers)
    ranking = result.stderr.strip().splitlines()
    assert ranking[0].strip().startswith(f"1. {HAZEVELD}: ")
    assert ranking[1].strip().startswith(f"2. {NOORDHAVEN}: ")
    assert ranking[2].strip() == f"invalid, set aside: {NIMBUSWERK}"
    assert ranking[3].strip() == f"reservation of {NOORDHAVEN} at CNT-01: not material"
    assert len(ranking) == 4
    data = json.loads(evaluated.evaluation.read_text(encoding="utf-8"))
    assert (data["tender_reference"], data["revision"]) == (REF, 2)
    assert data["winner"] == f"kvk:{KVK[HAZEVELD]}"
    assert [bid["name"] for bid in data["ranking"]] == [HAZEVELD, NOORDHAVEN]
    assert float(data["ranking"][0]["total"]) > float(data["ranking"][1]["total"])


def test_an_off_scale_score_is_a_located_finding_and_writes_no_report(life, tmp_path):
    text = SCORES.read_text(encoding="utf-8")
    assert text.count("evaluators: [10, 8, 10]") == 1  # Hazeveld, GOV-07
    scores = tmp_path / "scores.yaml"
    scores.write_text(text.replace("evaluators: [10, 8, 10]", "evaluators: [10, 7, 10]"), encoding="utf-8")
    out = tmp_path / "eval"
    result = run("evaluate", REF, "--db", life.db, "--out", out, "--scores", scores, "--date", EVALUATED)
    assert result.exit_code == 1, result.output
    finding = next(line for line in result.stderr.splitlines() if "not on the published scale" in line)
    where = rf"{re.escape(str(scores))}:(\d+) GOV-07: error: {re.escape(HAZEVELD)}: "
    match = re.match(where + r"evaluator 2's score 7 ", finding)
    assert match, finding
    line = text.splitlines()[int(match[1]) - 1]
    assert "GOV-07:" in line or "[10, 8, 10]" in line, line  # the criterion's entry of that bidder
    assert result.stderr.strip().splitlines()[-1] == f"{scores}: 1 error(s) found"
    assert not out.exists()  # no comparison report, no evaluation, not even the compliance matrix


def test_an_undecided_reservation_puts_the_bid_under_review_and_writes_nothing(life, tmp_path):
    text = SCORES.read_text(encoding="utf-8")
    start, end = text.index("reservations:"), text.index("\nscores:")
    scores = tmp_path / "scores.yaml"
    scores.write_text(text[:start] + text[end + 1:], encoding="utf-8")
    out = tmp_path / "eval"
    result = run("evaluate", REF, "--db", life.db, "--out", out, "--scores", scores, "--date", EVALUATED)
    assert result.exit_code == 1, result.output
    [finding] = [line for line in result.stderr.splitlines() if "under review" in line]
    assert finding.startswith(f"{scores} CNT-01: error: {NOORDHAVEN}: the possible reservation at CNT-01 "
                              "(Eisen!F15 of the bid form) is not decided; the bid is under review ('in "
                              "beoordeling') and no ranking or award letter is made")
    assert not out.exists()


def test_a_reservation_decision_without_motivation_exits_1_with_its_line(life, tmp_path):
    text = SCORES.read_text(encoding="utf-8")
    start = text.index("      motivation: >-", text.index("reservations:"))
    scores = tmp_path / "scores.yaml"
    scores.write_text(text[:start] + text[text.index("\nscores:"):], encoding="utf-8")
    result = run("evaluate", REF, "--db", life.db, "--out", tmp_path / "eval", "--scores", scores)
    assert result.exit_code == 1, result.output
    line = scores.read_text(encoding="utf-8").splitlines().index("    CNT-01:") + 1
    assert f"{scores}:{line} CNT-01: error: {NOORDHAVEN}: the decision on the reservation at CNT-01 has no " \
           "motivation" in result.stderr


def test_evaluate_without_bids_or_tender_is_unusable_input(life, tmp_path):
    db = copy_db(life.registered, tmp_path)
    line = error_line(run("evaluate", REF, "--db", db, "--out", tmp_path / "eval"))
    assert line == f"error: {REF}: no bids imported for this tender"
    assert not (tmp_path / "eval").exists()
    line = error_line(run("evaluate", "GZV-1999-XXX-001", "--db", life.db, "--out", tmp_path / "eval"))
    assert "tender is not in the database" in line


# --- 5. export ocds ----------------------------------------------------------------------------------

def test_export_ocds_with_the_evaluation_names_the_winner(life, evaluated, tmp_path):
    out = tmp_path / "ocds.json"
    result = ok("export", "ocds", REF, "--db", life.db, "--evaluation", evaluated.evaluation, "--out", out,
                "--date", PUBLISHED)
    assert result.stdout == "" and result.stderr.strip() == f"wrote {out}"
    package = json.loads(out.read_text(encoding="utf-8"))
    assert package_findings(package) == []
    release = package["releases"][0]
    [award] = release["awards"]
    assert award["suppliers"] == [{"id": f"NL-KVK-{KVK[HAZEVELD]}", "name": HAZEVELD}]
    assert award["value"] == {"amount": 4_560_000, "currency": "EUR"}
    assert {m["id"] for m in award["agreedMetrics"]} <= KPIS
    assert len(release["bids"]["details"]) == 3

    to_stdout = ok("export", "ocds", REF, "--db", life.db, "--evaluation", evaluated.evaluation,
                   "--date", PUBLISHED)
    assert to_stdout.stdout == out.read_text(encoding="utf-8")


def test_export_ocds_without_evaluation_has_no_awards(life):
    result = ok("export", "ocds", REF, "--db", life.db, "--date", PUBLISHED)
    package = json.loads(result.stdout)
    assert package_findings(package) == []
    release = package["releases"][0]
    assert "awards" not in release
    assert release["tag"] == ["tender"]
    assert {p["name"] for p in release["parties"] if "tenderer" in p["roles"]} == set(FORMS.values())


def test_export_ocds_check_passes_and_writes_the_same_package(life, evaluated, tmp_path):
    out = tmp_path / "checked.json"
    ok("export", "ocds", REF, "--db", life.db, "--evaluation", evaluated.evaluation, "--out", out,
       "--date", PUBLISHED, "--check")
    unchecked = ok("export", "ocds", REF, "--db", life.db, "--evaluation", evaluated.evaluation,
                   "--date", PUBLISHED)
    assert out.read_text(encoding="utf-8") == unchecked.stdout


def test_export_ocds_check_lists_every_violation_and_writes_nothing(life, evaluated, tmp_path, monkeypatch):
    # An export that forgets to declare the metrics extension: its fields are then unknown to validators.
    import generator.ocds.release as release

    monkeypatch.setattr(release, "EXTENSIONS", release.EXTENSIONS[:2])
    out = tmp_path / "ocds.json"
    result = run("export", "ocds", REF, "--db", life.db, "--evaluation", evaluated.evaluation, "--out", out,
                 "--date", PUBLISHED, "--check")
    assert result.exit_code == 1 and result.stdout == "" and not out.exists()
    lines = result.stderr.strip().splitlines()
    assert lines[-1] == f"OCDS release package: {len(lines) - 1} error(s) found"
    where = [line.split(": ")[0] for line in lines[:-1]]
    assert "/releases/0/tender/targets" in where and "/releases/0/awards/0/agreedMetrics" in where
    assert all(line.endswith("error: field not declared by the OCDS schema or the declared extensions")
               for line in lines[:-1])
    without_out = run("export", "ocds", REF, "--db", life.db, "--date", PUBLISHED, "--check")
    assert without_out.exit_code == 1 and without_out.stdout == ""


def test_export_ocds_with_a_registered_ocid_prefix(life):
    package = json.loads(ok("export", "ocds", REF, "--db", life.db, "--date", PUBLISHED,
                            "--ocid-prefix", "ocds-q1w2e3", "--check").stdout)
    assert package["releases"][0]["ocid"] == f"ocds-q1w2e3-{REF}"
    line = error_line(run("export", "ocds", REF, "--db", life.db, "--ocid-prefix", "ocds-gemeente"))
    assert line.startswith("error: ocid_prefix: 'ocds-gemeente' is not a registered OCID prefix: 'ocds-' and")


def test_export_ocds_refuses_unusable_input(life, tmp_path):
    line = error_line(run("export", "ocds", "GZV-1999-XXX-001", "--db", life.db))
    assert "tender is not in the database" in line
    line = error_line(run("export", "ocds", REF, "--db", life.db, "--evaluation", SCORES))
    assert line.startswith(f"error: {SCORES}: not an evaluation file")
    line = error_line(run("export", "ocds", REF, "--db", life.db, "--evaluation", tmp_path / "absent.json"))
    assert line.endswith("absent.json: file not found")


# --- 6. agreement ------------------------------------------------------------------------------------

AGREEMENT = [f"{STEM}samenwerkingsafspraken.docx", f"{STEM}overlegkalender.ics",
             f"{STEM}monitoringsbestand.xlsx"]


def test_agreement_from_the_evaluation(agreed):
    result, out = agreed
    assert result.exit_code == 0, result.output
    assert [Path(line.split()[0]).name for line in result.stdout.splitlines()] == AGREEMENT
    assert sorted(p.name for p in out.iterdir()) == sorted(AGREEMENT)
    assert is_docx(out / AGREEMENT[0])
    assert footer((out / AGREEMENT[0]).read_bytes()).startswith("Revisie 2 · 1 juni 2027\t")  # --date SIGNED
    calendar = (out / AGREEMENT[1]).read_text(encoding="utf-8")
    assert calendar.startswith("BEGIN:VCALENDAR") and "BEGIN:VEVENT" in calendar
    # The (promised weekly) operational meeting skips New Year's Day 2030 and meets the next day.
    unfolded = calendar.replace("\n ", "")
    assert re.search(r"\nEXDATE;TZID=Europe/Amsterdam:[0-9T,]*20300101T100000[,\n]", unfolded)
    assert re.search(r"\nRDATE;TZID=Europe/Amsterdam:[0-9T,]*20300102T100000[,\n]", unfolded)
    assert open_workbook(out / AGREEMENT[2]).sheets


W = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}


def docx_paragraphs(path: Path) -> list[str]:
    """The text of every paragraph of a .docx body, tables included, in document order."""
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    return ["".join(p.itertext()) for p in root.iterfind(".//w:p", W)]


def test_the_annex_carries_every_commitment_of_the_winner(agreed):
    paragraphs = docx_paragraphs(agreed[1] / AGREEMENT[0])
    text = " ".join(" ".join(paragraphs).split())
    start = paragraphs.index("Toezeggingen uit de inschrijving")
    for criterion, answer in bid_answers("hazeveld-ict-services.yaml").items():
        # The clause ID heads the answer, quoted in full below it, then the form cell it came from.
        # (the heading's tab is a w:tab element, which has no text)
        heading = next(i for i, p in enumerate(paragraphs) if i > start and re.match(rf"{criterion}[A-Z]", p))
        assert answer in " ".join(" ".join(paragraphs[heading + 1:]).split())
        assert re.match(rf"{criterion}[A-Z].*?Letterlijk uit de inschrijving \(Gunningscriteria!E\d+\)",
                         "\n".join(paragraphs[heading:]), re.S)
    assert "Bijlage 2 - Plan van aanpak samenwerking.pdf (Gunningscriteria!F" in text
    assert "De contractmanager (Joost Lammers) wordt 24 uur per week" in text  # a requirement's remark
    # The promises bind: a weekly operational meeting, minutes in 3 working days instead of 5.
    assert "wekelijks (toezegging, Toezeggingen!F6)" in paragraphs
    assert ("Termijn verslaglegging" + "3 werkdagen, toegezegd in de inschrijving (Toezeggingen!F5); dit geldt in "
            "plaats van 5 werkdagen volgens de aanbestedingsleidraad") in paragraphs  # a fact: label, tab, value


def test_the_calendar_holds_the_promised_weekly_meeting(agreed):
    calendar = (agreed[1] / AGREEMENT[1]).read_text(encoding="utf-8").replace("\r\n ", "")
    rules = {}
    for event in calendar.split("BEGIN:VEVENT")[1:]:
        fields = dict(line.split(":", 1) for line in event.splitlines() if ":" in line)
        rules[fields["UID"].split("@")[0]] = dict(part.split("=") for part in fields["RRULE"].split(";"))
    operational = rules[f"{REF}-GOV-01-operational"]
    assert (operational["FREQ"], operational.get("INTERVAL", "1"), operational["BYDAY"]) == ("WEEKLY", "1", "TU")
    assert rules[f"{REF}-GOV-01-tactical"]["FREQ"] == "MONTHLY"  # no promise: as tendered


@pytest.mark.parametrize("bidder", [KVK[HAZEVELD], "hazeveld ict  services b.v."])
def test_agreement_for_a_named_bidder_is_the_same(life, agreed, tmp_path, bidder):
    ok("agreement", REF, "--bidder", bidder, "--db", life.db, "--out", tmp_path, "--date", SIGNED)
    assert [digest(tmp_path / name) for name in AGREEMENT] == [digest(agreed[1] / name) for name in AGREEMENT]


def test_agreement_needs_either_bidder_or_evaluation(life, evaluated, tmp_path):
    out = tmp_path / "agreement"
    assert usage_error(run("agreement", REF, "--db", life.db, "--out", out)) == \
        "Error: give either --bidder or --evaluation"
    result = run("agreement", REF, "--bidder", KVK[HAZEVELD], "--evaluation", evaluated.evaluation,
                 "--db", life.db, "--out", out)
    assert usage_error(result) == "Error: give either --bidder or --evaluation"
    assert not out.exists()


def test_agreement_for_an_unknown_or_knocked_out_bidder(life, tmp_path):
    line = error_line(run("agreement", REF, "--bidder", "12345678", "--db", life.db, "--out", tmp_path / "a"))
    assert line.startswith("error: no bid matches bidder '12345678' (bidders: ")
    for bidder, kvk in KVK.items():
        assert f"{bidder} (KvK {kvk}, kvk:{kvk})" in line
    line = error_line(run("agreement", REF, "--bidder", KVK[NIMBUSWERK], "--db", life.db,
                          "--out", tmp_path / "b"))
    assert "knocked out" in line
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()


def test_agreement_before_the_standstill_period_ends_is_refused_and_writes_nothing(life, evaluated, tmp_path):
    out = tmp_path / "agreement"
    result = run("agreement", REF, "--evaluation", evaluated.evaluation, "--db", life.db, "--out", out,
                 "--date", "2027-05-30")
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines()[0] == (
        f"{REF}.dates.award_decision: error: the agreement cannot be dated 2027-05-30: the standstill period "
        "(20 days after the award decision of 2027-05-11) ends on 2027-05-31")
    assert not out.exists()


def test_a_spec_without_award_decision_fails_check_and_build_and_writes_nothing(tmp_path):
    text = SPEC.read_text(encoding="utf-8")
    spec = tmp_path / "spec.yaml"
    spec.write_text(text.replace("  award_decision: 2027-05-11\n", ""), encoding="utf-8")
    line = next(i for i, row in enumerate(text.splitlines(), 1) if row == "dates:")
    for args in (("spec", "check", spec), ("build", spec, "--out", tmp_path / "pack")):
        result = run(*args)
        assert result.exit_code == 1, result.output
        assert result.stderr.startswith(f"{spec}:{line} dates: error: dates.award_decision is missing"), result.stderr
    assert not (tmp_path / "pack").exists()


# --- 7. measurements and progress --------------------------------------------------------------------

PROGRESS = [f"{STEM}voortgangsrapportage.docx", f"{STEM}voortgangsrapportage.xlsx"]


def test_measure_fill(measured):
    result, out = measured
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"wrote {out}"
    assert open_workbook(out).sheets


def test_measure_import_once(life, measured, tmp_path):
    db = copy_db(life.db, tmp_path)
    workbook = measured[1]
    result = ok("measure", "import", workbook, "--db", db)
    assert re.fullmatch(rf"{re.escape(str(workbook))}: imported #(\d+): \d+ value\(s\) added or changed, "
                        r"0 earlier value\(s\) kept as history", result.stdout.strip()), result.stdout
    import_id = re.search(r"#(\d+)", result.stdout)[1]
    result = ok("measure", "import", workbook, "--db", db)
    assert result.stdout.strip() == f"{workbook}: already imported (import #{import_id})"


def test_measure_import_refuses_a_bid_form(life, tmp_path):
    db = copy_db(life.db, tmp_path)
    line = error_line(run("measure", "import", life.bids / "hazeveld-ict-services.xlsx", "--db", db))
    assert "not a monitoring workbook" in line


def test_progress_from_the_database_and_from_the_workbook(life, measured, tmp_path):
    db = copy_db(life.db, tmp_path)
    ok("measure", "import", measured[1], "--db", db)
    out = tmp_path / "prog"
    result = ok("progress", REF, "--db", db, "--out", out, "--date", REPORTED)
    assert [Path(line.split()[0]).name for line in result.stdout.splitlines()] == PROGRESS
    assert sorted(p.name for p in out.iterdir()) == sorted(PROGRESS)
    assert is_docx(out / PROGRESS[0]) and open_workbook(out / PROGRESS[1]).sheets

    # The workbook itself, read without storing it (on the shared database, which has no measurements).
    direct = tmp_path / "prog2"
    ok("progress", REF, "--workbook", measured[1], "--db", life.db, "--out", direct, "--date", REPORTED)
    assert {n: digest(direct / n) for n in PROGRESS} == {n: digest(out / n) for n in PROGRESS}

    # Dated --date, or else at the end of the reported period; never by the day the command runs.
    assert footer((out / PROGRESS[0]).read_bytes()).startswith("Stand 30 juni 2028 · 3 juli 2028\t")
    undated = tmp_path / "prog3"
    ok("progress", REF, "--db", db, "--out", undated)
    assert footer((undated / PROGRESS[0]).read_bytes()).startswith("Stand 30 juni 2028 · 30 juni 2028\t")


def test_the_progress_report_shows_commitment_status_next_to_the_kpis(life, measured, tmp_path):
    db = copy_db(life.db, tmp_path)
    ok("measure", "import", measured[1], "--db", db)
    out = tmp_path / "prog"
    ok("progress", REF, "--db", db, "--out", out, "--date", REPORTED)
    paragraphs = docx_paragraphs(out / PROGRESS[0])
    glance = paragraphs.index("In één oogopslag")
    heading = paragraphs.index("Toezeggingen uit de inschrijving")
    assert glance < heading < paragraphs.index("Prestatie-indicatoren per periode")
    assert ("Toezeggingen uit de inschrijving: 6 nagekomen, 0 deels nagekomen, 1 niet nagekomen, 1 nog niet van "
            "toepassing; 4 niet vastgelegd.") in paragraphs[glance:heading]
    # The table: commitment, subject, quarter, status, evidence (one paragraph per cell).
    row = paragraphs.index("PRF-09.criterion", heading)
    assert paragraphs[row + 2:row + 4] == ["Q2 2028", "niet nagekomen"]
    assert paragraphs[row + 4].startswith("Oplossing bij eerste contact 66%")
    row = paragraphs.index("GOV-01.operational", heading)
    assert paragraphs[row + 2:row + 4] == ["Q2 2028", "nagekomen"]
    # The summary sheet of the workbook: the same statuses below the KPIs.
    sheet = open_workbook(out / PROGRESS[1]).sheets[0]
    cells = [[sheet.cell(r, c) for c in range(1, 6)] for r in range(1, sheet.max_row + 1)]
    start = next(i for i, row in enumerate(cells) if row[0] == "Toezeggingen uit de inschrijving")
    kpis = next(i for i, row in enumerate(cells) if row[0] == "PRF-04")
    assert kpis < start
    assert cells[start + 1] == ["Toezegging", "Onderwerp", "Kwartaal", "Status", "Onderbouwing"]
    end = next(i for i in range(start + 2, len(cells)) if cells[i][0] is None)  # a blank row ends the table
    statuses = {row[0]: (row[2], row[3]) for row in cells[start + 2:end]}
    assert statuses["PRF-09.criterion"] == ("Q2 2028", "niet nagekomen")
    assert statuses["SEC-04.remark"] == (None, "niet vastgelegd")


def test_measure_import_refuses_an_unknown_commitment_status_and_writes_nothing(life, measured, tmp_path):
    db = copy_db(life.db, tmp_path)
    before = dump(db)
    wb = openpyxl.load_workbook(measured[1])
    ws = wb["Toezeggingen"]
    row = next(r for r in range(5, ws.max_row + 1) if ws.cell(r, 1).value == "GOV-07.criterion")
    ws.cell(row, 6).value = "grotendeels"
    bad = tmp_path / "bad.xlsx"
    wb.save(bad)
    result = run("measure", "import", bad, "--db", db)
    assert result.exit_code == 1, result.output
    assert f"Toezeggingen!F{row}" in result.stderr and "grotendeels" in result.stderr
    assert result.stdout == ""
    assert dump(db) == before


def test_progress_before_any_measurement_is_unusable_input(life, tmp_path):
    for db in (copy_db(life.registered, tmp_path), life.db):
        line = error_line(run("progress", REF, "--db", db, "--out", tmp_path / "prog", "--date", REPORTED))
        assert line == f"error: {REF}: no measurements recorded yet (tenderpack measure import)"
    assert not (tmp_path / "prog").exists()


# --- 8. --help ---------------------------------------------------------------------------------------

def test_lifecycle_commands_are_registered():
    """tests/test_cli.py::test_every_command_has_help walks every command; these must be among them."""
    def paths(group: click.Group, prefix: tuple[str, ...] = ()):
        for name, command in group.commands.items():
            yield prefix + (name,)
            if isinstance(command, click.Group):
                yield from paths(command, prefix + (name,))

    assert {("build",), ("fill",), ("parse",), ("import",), ("export", "commitments"), ("evaluate",),
            ("export", "ocds"), ("agreement",), ("measure", "fill"), ("measure", "import"),
            ("progress",)} <= set(paths(cli))


def test_measure_fill_refuses_a_bid_form(life, tmp_path):
    assert "monitoring" in error_line(run("measure", "fill", life.form, MEASUREMENTS, "--out", tmp_path / "m.xlsx"))
