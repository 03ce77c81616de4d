"""`tenderpack parse` and `tenderpack fill` through click's CliRunner: output, --json and exit codes."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator.assemble import assemble
from generator.cli import cli
from generator.form import write_form
from generator.form.meta import read_meta
from generator.library import load_library
from generator.spec import load_spec
from generator.workbook import open_workbook

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "samples" / "gemeente-it-beheer.yaml"
BUILT = "2027-02-01"

ANSWERS = {
    "tender": "GZV-2027-ICT-014",
    "bidder": {"name": "Testbouw B.V.", "kvk": "12345678", "email": "info@testbouw.nl"},
    "answers": {},
    "kpis": {},
    "price_eur": 1_000_000,
}


@pytest.fixture
def runner():
    return CliRunner()


def run(runner, *args):
    result = runner.invoke(cli, [str(a) for a in args])
    assert "Traceback" not in result.output
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


@pytest.fixture(scope="module")
def blank(tmp_path_factory) -> Path:
    """The sample's blank form, built by `tenderpack build`."""
    out = tmp_path_factory.mktemp("pack")
    result = CliRunner().invoke(cli, ["build", str(SPEC), "--out", str(out), "--date", BUILT])
    assert result.exit_code == 0, result.output
    return next(out.glob("*.xlsx"))


def answers_for(blank: Path, tmp_path: Path, **changes) -> Path:
    """An answer file meeting every rule of the sample, changed by ``changes`` (per section, merged)."""
    meta = read_meta(open_workbook(blank))
    data = json.loads(json.dumps(ANSWERS))
    for item in meta.items:
        if item.answer_type == "confirm" or item.answer_type == "kpi_accept":
            data["answers"][item.id] = "Ja"
        elif item.answer_type == "number":
            data["answers"][item.id] = item.number("high") or 24
        elif item.answer_type == "text" and item.sheet in ("requirements", "criteria"):
            data["answers"][item.id] = f"Onze aanpak voor {item.id}."
        elif item.answer_type == "kpi_offer":
            data["kpis"][item.id] = item.number("target")
    for section, values in changes.items():
        data[section].update(values)
    path = tmp_path / "answers.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_fill_then_parse_a_valid_form(runner, blank, tmp_path):
    out = tmp_path / "filled.xlsx"
    result = run(runner, "fill", blank, answers_for(blank, tmp_path), "--out", out)
    assert result.exit_code == 0, result.output
    assert out.exists() and not list(tmp_path.glob(".*.tmp"))
    result = run(runner, "parse", out)
    assert result.exit_code == 0, result.output
    assert "GZV-2027-ICT-014, revision 2 (nl)" in result.output and "Testbouw B.V., KvK 12345678" in result.output
    assert "GOV-03    Ja  [Eisen!E6]" in result.output and "Price: € 1.000.000,00" in result.output
    assert "valid: 0 error(s), 0 warning(s)" in result.output


def test_parse_lists_every_error_and_exits_1(runner, blank, tmp_path):
    answers = answers_for(blank, tmp_path, answers={"SEC-04": "Nee", "GOV-08": {"answer": 60, "remark": "Mits vooraf."}},
                          kpis={"PRF-05": 99.5})
    out = tmp_path / "filled.xlsx"
    run(runner, "fill", blank, answers, "--out", out)
    result = run(runner, "parse", out)
    assert result.exit_code == 1
    for line in ("error   knockout             Eisen!E18 SEC-04: SEC-04 is met 'Nee' beantwoord",
                 "(en) SEC-04 was answered 'Nee': a knock-out requirement is not met.",
                 "error   kpi_below_minimum    KPI-aanbod!H15 PRF-05",
                 "error   out_of_bounds        Eisen!E7 GOV-08: 60 ligt buiten de grenzen: 0 t/m 40.",
                 "warning reservation          Eisen!F7 GOV-08: Mogelijk voorbehoud ('Mits'): 'Mits vooraf.'",
                 "INVALID: 3 error(s), 1 warning(s)"):
        assert line in result.output, line


def test_parse_json_is_the_submission(runner, blank, tmp_path):
    out = tmp_path / "filled.xlsx"
    run(runner, "fill", blank, answers_for(blank, tmp_path, answers={"SEC-04": "Nee"}), "--out", out)
    result = run(runner, "parse", out, "--json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert list(data) == ["tender_reference", "revision", "form_version", "language", "bidder", "answers",
                          "kpi_offers", "responsibilities", "activity_remarks", "promises", "price_eur", "findings", "source"]
    assert data["tender_reference"] == "GZV-2027-ICT-014" and data["revision"] == 2
    assert data["findings"] == [{"severity": "error", "code": "knockout", "cell": "Eisen!E18", "item": "SEC-04",
                                 "message": "SEC-04 is met 'Nee' beantwoord: niet voldaan aan een knock-outeis.",
                                 "message_en": "SEC-04 was answered 'Nee': a knock-out requirement is not met."}]
    offer = next(k for k in data["kpi_offers"] if k["id"] == "PRF-05")
    assert offer["unit"] == "percent" and offer["value"] == 99.8
    assert {"activity": "RACI-01", "party": "client", "letters": "A", "cell": "Verantwoordelijkheden!E6"} \
        in data["responsibilities"]
    assert data["source"]["filename"] == "filled.xlsx" and len(data["source"]["sha256"]) == 64


def test_parse_against_the_spec_checks_the_tenders_own_hashes(runner, blank, tmp_path):
    out = tmp_path / "filled.xlsx"
    run(runner, "fill", blank, answers_for(blank, tmp_path), "--out", out)
    assert run(runner, "parse", out, "--spec", SPEC).exit_code == 0
    english = tmp_path / "en"
    run(runner, "build", SPEC, "--lang", "en", "--out", english, "--date", BUILT)
    form_en = next(english.glob("*.xlsx"))
    result = run(runner, "parse", form_en, "--spec", SPEC, "--json")  # assembled in English, the form's language
    assert result.exit_code == 1
    assert {f["code"] for f in json.loads(result.stdout)["findings"]} <= {"knockout_unanswered",
                                                                          "criterion_unanswered", "missing_answer"}


def test_parse_an_older_revision_against_the_spec(runner, tmp_path):
    library = load_library()
    tender = assemble(library, load_spec(SPEC, library))
    older = tender.model_copy(update={"revision": 1, "revisions": tender.revisions[:1]})
    path = tmp_path / "old.xlsx"
    path.write_bytes(write_form(older, built=dt.datetime(2027, 2, 1)))
    result = run(runner, "parse", path, "--spec", SPEC)
    assert result.exit_code == 1
    assert "revision_outdated" in result.output and "revisie 1" in result.output and "revisie 2" in result.output


def test_parse_a_file_that_is_no_bid_form_exits_2(runner, tmp_path):
    path = tmp_path / "notes.xlsx"
    path.write_text("ID;Antwoord\n", encoding="utf-8")
    result = run(runner, "parse", path)
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [(f"error: {path}: not an Excel workbook (.xlsx) but plain text "
                                                   "(CSV?); open it and save it as 'Excel Workbook (*.xlsx)'")]


def test_fill_reports_unknown_ids_and_exits_1(runner, blank, tmp_path):
    data = yaml.safe_load(answers_for(blank, tmp_path).read_text(encoding="utf-8"))
    data["answers"].update({"XYZ-99": "Ja", "GOV-03": "Misschien"})
    data["responsibilities"] = {"RACI-01": {"client": "R"}}
    answers = tmp_path / "bad.yaml"
    answers.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "filled.xlsx"
    result = run(runner, "fill", blank, answers, "--out", out)
    assert result.exit_code == 1 and out.exists()
    assert f"{answers}: XYZ-99: not in this form; answer not written" in result.output
    assert "Eisen!E6: GOV-03: not written: GOV-03 asks for Yes or No; the answer 'Misschien' does not fit." \
        in result.output
    assert "Verantwoordelijkheden!E6: RACI-01: not written: The fixed role of Client in RACI-01 was changed" \
        in result.output
    assert "3 answer(s) not written" in result.output


def test_fill_with_a_broken_answer_file_lists_its_lines(runner, blank, tmp_path):
    answers = tmp_path / "answers.yaml"
    answers.write_text("bidder:\n  name: X\n  kvk: 12345678\nkpis:\n  GOV-02: [1]\n", encoding="utf-8")
    result = run(runner, "fill", blank, answers, "--out", tmp_path / "out.xlsx")
    assert result.exit_code == 1 and f"{answers}:3" in result.output and f"{answers}:5" in result.output
    assert not (tmp_path / "out.xlsx").exists()
