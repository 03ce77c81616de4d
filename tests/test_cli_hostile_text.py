"""Issue 16, items 4 and 8: hostile bidder text through every command that reads or writes it.

The sample IT tender is built and its three sample bids filled once; each test puts text into the
filled forms as Excel stores it (``_xHHHH_`` for what XML cannot carry) and runs the commands through
click's CliRunner: `parse`, `import`, `export commitments` (json, csv, xlsx), `evaluate`, `export ocds`,
`agreement`, `measure fill` / `measure import` and `progress`. Every command must end with exit 0 or 1
(never a traceback or an exit 2 from a crash), print nothing a terminal would obey (no escape sequence,
no bidirectional control, no line that a bidder's text added) and write files that open: every XML part
of every .xlsx and .docx parses with lxml, JSON loads, the calendar decodes.
"""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hostile import DANGEROUS, with_text
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from lxml import etree
from test_cli_lifecycle import BIDS, HAZEVELD, MEASUREMENTS, NIMBUSWERK, REF, SCORES, SPEC, STEM

from generator.characters import UNSAFE
from generator.cli import cli

CONTACT = "Sanne Bosman"  # the contact person of Hazeveld (the winner; Nimbuswerk is knocked out)

TEXT = st.lists(st.one_of(st.characters(exclude_categories=()), st.sampled_from(DANGEROUS)),
                min_size=1, max_size=24).map("".join)
"""Any Unicode (surrogates included), with the characters of the issue drawn often."""


def run(*args: object) -> Result:
    """``tenderpack args``: exit 0 or 1, no traceback, and output that is safe for a terminal."""
    result = CliRunner().invoke(cli, [str(a) for a in args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.exit_code in (0, 1), (args, result.output)
    assert "Traceback" not in result.output
    printed = result.stdout + result.stderr
    assert UNSAFE.search(printed) is None, (args, printed)
    return result


def assert_opens(folder: Path) -> int:
    """Every file under ``folder`` opens as what it is; the number of files checked."""
    count = 0
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        count += 1
        if path.suffix in (".xlsx", ".docx"):
            with zipfile.ZipFile(path) as zf:
                assert zf.testzip() is None
                for name in zf.namelist():
                    if name.endswith((".xml", ".rels")):
                        etree.fromstring(zf.read(name))  # raises on any character XML cannot hold
        elif path.suffix == ".json":
            json.loads(path.read_text(encoding="utf-8"))
        elif path.suffix in (".ics", ".csv"):
            path.read_bytes().decode("utf-8")
    return count


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """The built pack's database (the tender registered, no bids) and the three filled sample forms."""
    root = tmp_path_factory.mktemp("hostile-text")
    db, pack, bids = root / "registered.sqlite", root / "pack", root / "bids"
    run("build", SPEC, "--out", pack, "--db", db, "--date", "2027-02-15")
    form = pack / f"{STEM}inschrijvingsformulier.xlsx"
    bids.mkdir()
    for answers in sorted(BIDS.glob("*.yaml")):
        run("fill", form, answers, "--out", bids / f"{answers.stem}.xlsx")
    return db, {p.name: p.read_bytes() for p in bids.iterdir()}


def hostile_bids(sample, folder: Path, text: str) -> Path:
    """The sample bids with ``text`` in the winner's name and contact and the knocked-out bidder's name."""
    _, forms = sample
    bids = folder / "bids"
    bids.mkdir()
    for name, data in forms.items():
        if name.startswith("hazeveld"):
            data = with_text(data, {HAZEVELD: f"Hazeveld {text}", CONTACT: text})
        elif name.startswith("nimbuswerk"):
            data = with_text(data, {NIMBUSWERK: f"Nimbus{text}werk"})
        (bids / name).write_bytes(data)
    return bids


def imported(sample, folder: Path, text: str) -> tuple[Path, Path, Result]:
    """A copy of the database with the hostile bids imported: (database, bids folder, import result)."""
    db = folder / "db.sqlite"
    shutil.copy(sample[0], db)
    bids = hostile_bids(sample, folder, text)
    return db, bids, run("import", bids, "--db", db)


def through_every_command(sample, folder: Path, text: str) -> None:
    db, bids, result = imported(sample, folder, text)
    assert len(result.stdout.splitlines()) == 1 + 3  # the header and one row per form, no more
    for form in sorted(bids.iterdir()):
        run("parse", form)
        json.loads(run("parse", form, "--json").stdout)
    out = folder / "out"
    json.loads(run("export", "commitments", REF, "--db", db, "--format", "json").stdout)
    run("export", "commitments", REF, "--db", db, "--format", "csv")
    run("export", "commitments", REF, "--db", db, "--format", "xlsx", "--out", out / "register.xlsx")
    run("export", "commitments", REF, "--db", db, "--format", "csv", "--out", out / "register.csv")
    run("export", "ocds", REF, "--db", db, "--out", out / "ocds-bids.json")
    run("evaluate", REF, "--db", db, "--out", out / "eval", "--scores", SCORES, "--date", "2027-05-03")
    evaluation = out / "eval" / f"{STEM}evaluatie.json"
    assert evaluation.is_file()  # the knocked-out bidder's name can no longer block the award
    run("export", "ocds", REF, "--db", db, "--evaluation", evaluation, "--out", out / "ocds.json")
    run("agreement", REF, "--evaluation", evaluation, "--db", db, "--out", out / "contract", "--date", "2027-06-01")
    monitoring = out / "monitoring.xlsx"
    run("measure", "fill", out / "contract" / f"{STEM}monitoringsbestand.xlsx", MEASUREMENTS, "--out", monitoring)
    run("measure", "import", monitoring, "--db", db)
    run("progress", REF, "--db", db, "--out", out / "progress", "--date", "2028-07-03")
    assert assert_opens(out) >= 12


@settings(max_examples=2, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT)
@example(text="\x01\x00\ufffe")  # the examples: XML-illegal characters in a knocked-out bidder's name
@example(text="\ud800")  # a lone surrogate
@example(text="\x1b[8m\x1b]8;;http://evil.example\x1b\\\n\u202e70243816")
def test_any_text_through_every_command(sample, tmp_path_factory, text):
    through_every_command(sample, tmp_path_factory.mktemp("chain"), text)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT)
def test_any_text_through_parse(sample, tmp_path_factory, text):
    bids = hostile_bids(sample, tmp_path_factory.mktemp("parse"), text)
    for form in sorted(bids.iterdir()):
        printed = run("parse", form).stdout
        bidder = [line for line in printed.splitlines() if line.startswith("Bidder: ")]
        assert len(bidder) == 1  # a line break in the name adds no line
        submission = json.loads(run("parse", form, "--json").stdout)
        assert UNSAFE.search(json.dumps(submission, ensure_ascii=False)) is None


def test_escape_sequences_and_line_breaks_do_not_rewrite_the_import_table(sample, tmp_path):
    text = "\x1b[2K\x1b[1A\rfake.xlsx  imported  0  0  \x1b]8;;http://evil.example\x1b\\klik\x1b]8;;\x1b\\\nx"
    _, _, result = imported(sample, tmp_path, text)
    lines = result.stdout.splitlines()
    assert len(lines) == 4 and "\x1b" not in result.stdout and "\r" not in result.stdout
    (row,) = [line for line in lines if line.startswith(str(tmp_path / "bids" / "nimbuswerk"))]
    assert "Nimbus\ufffd[2K\ufffd[1A fake.xlsx  imported" in row and row.endswith("[knock-out]")


def test_a_bidi_override_does_not_reverse_a_kvk_number_in_the_report(sample, tmp_path):
    db, bids, _ = imported(sample, tmp_path, "\u202e61834207")
    run("evaluate", REF, "--db", db, "--out", tmp_path / "eval", "--scores", SCORES, "--date", "2027-05-03")
    for path in (tmp_path / "eval").iterdir():
        if path.suffix in (".docx", ".xlsx"):
            with zipfile.ZipFile(path) as zf:
                assert not any("\u202e" in zf.read(name).decode("utf-8", "replace") for name in zf.namelist()
                               if name.endswith(".xml")), path.name
