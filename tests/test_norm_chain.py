"""One binding norm per KPI from tender to progress report, read back from every file the chain writes.

For each sample and both languages the whole chain runs through the command line: build (registering
the tender), fill every sample bid into the form, import, evaluate with the sample scores, export OCDS,
draw up the agreement with the winner, record the sample measurements (IT sample; the others report on
their blank monitoring workbook) and write the progress report. Per KPI the test then reads the binding
norm out of every file, never from a model: the tender document (overview and details, docx XML), the
form's prompt on the KPI answer cell (xlsx data validation), the draft and final annex (docx XML), the
monitoring workbook (xlsx cells under "Bindende norm"), the progress report (docx facts and glance table,
xlsx summary) and the OCDS package (``targets`` and ``agreedMetrics``, observation ``level: norm``), and
asserts that each states the same number under the same name.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from normread import (
    HEADING, Statement, column_by_id, docx_blocks, facts_by_heading, form_prompts, number, prompt_statement,
    sheet_column, statement,
)
from openpyxl import load_workbook

from generator.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples").glob("*.yaml"))
NAMES = {  # the file names per language, as the commands write them (after the tender's reference)
    "nl": {"tender": "aanbestedingsleidraad.docx", "form": "inschrijvingsformulier.xlsx",
           "draft": "concept-samenwerkingsafspraken.docx", "evaluation": "evaluatie.json",
           "annex": "samenwerkingsafspraken.docx", "monitoring": "monitoringsbestand.xlsx",
           "progress_docx": "voortgangsrapportage.docx", "progress_xlsx": "voortgangsrapportage.xlsx"},
    "en": {"tender": "tender-document.docx", "form": "bid-form.xlsx", "draft": "draft-collaboration-agreement.docx",
           "evaluation": "evaluation.json", "annex": "collaboration-agreement.docx",
           "monitoring": "monitoring-workbook.xlsx", "progress_docx": "progress-report.docx",
           "progress_xlsx": "progress-report.xlsx"},
}


def ok(*args: object) -> None:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code == 0, result.output


def one(folder: Path, suffix: str) -> Path:
    """The one file in ``folder`` named ``<reference>-r<revision>-<suffix>``."""
    (path,) = [p for p in folder.iterdir() if re.fullmatch(r".+-r[0-9]+-" + re.escape(suffix), p.name)]
    return path


# --- the chain -------------------------------------------------------------------------------------------

def chain(spec: Path, lang: str, out: Path) -> dict[str, Path]:
    """Run the whole life cycle of ``spec`` in ``lang`` into ``out``; the paths of the files to read."""
    text = spec.read_text(encoding="utf-8")
    reference = re.search(r"^reference: *(\S+)", text, re.M).group(1)
    published = re.findall(r"^ *date: *(\S+)", text, re.M)[-1]
    awarded = re.search(r"^ *award_decision: *(\S+)", text, re.M).group(1)
    db = out / "chain.sqlite"
    names = NAMES[lang]
    ok("build", spec, "--lang", lang, "--out", out / "pack", "--db", db, "--date", published)
    form = one(out / "pack", names["form"])
    for answers in sorted((ROOT / "samples" / "bids" / spec.stem).glob("*.yaml")):
        ok("fill", form, answers, "--out", out / "bids" / f"{answers.stem}.xlsx")
    ok("import", out / "bids", "--db", db)
    ok("evaluate", reference, "--db", db, "--out", out / "evaluation", "--date", awarded,
       "--scores", ROOT / "samples" / "scores" / f"{spec.stem}.yaml")
    evaluation = one(out / "evaluation", names["evaluation"])
    ok("export", "ocds", reference, "--db", db, "--evaluation", evaluation, "--out", out / "ocds.json",
       "--date", awarded)
    ok("agreement", reference, "--db", db, "--evaluation", evaluation, "--out", out / "agreement")
    workbook = one(out / "agreement", names["monitoring"])
    measurements = ROOT / "samples" / "measurements" / f"{spec.stem}.yaml"
    if measurements.exists():
        ok("measure", "fill", workbook, measurements, "--out", out / "filled.xlsx")
        ok("measure", "import", out / "filled.xlsx", "--db", db)
        ok("progress", reference, "--db", db, "--out", out / "progress")
    else:  # nothing measured yet: the report on the blank workbook still states every norm
        ok("progress", reference, "--db", db, "--workbook", workbook, "--out", out / "progress")
    return {"tender": one(out / "pack", names["tender"]), "form": form, "draft": one(out / "pack", names["draft"]),
            "annex": one(out / "agreement", names["annex"]), "monitoring": workbook,
            "progress_docx": one(out / "progress", names["progress_docx"]),
            "progress_xlsx": one(out / "progress", names["progress_xlsx"]), "ocds": out / "ocds.json",
            "bids": out / "bids"}


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("spec", SAMPLES, ids=lambda p: p.stem)
def test_every_document_states_the_same_binding_norm(spec, lang, tmp_path):
    files = chain(spec, lang, tmp_path)
    heading = HEADING[lang]
    overview = column_by_id(files["tender"], heading)
    details = facts_by_heading(files["tender"], heading)
    assert overview and set(overview) == set(details)
    tender = {kpi: statement(text, lang) for kpi, text in overview.items()}
    assert {kpi: statement(text, lang) for kpi, text in details.items()} == tender
    minimums = column_by_id(files["tender"], "Minimumwaarde" if lang == "nl" else "Minimum")
    for kpi, stated in tender.items():  # an offered norm is at least the minimum the tender published
        assert stated.floor is None or stated.floor == number(minimums[kpi], lang)

    # The form asks each bidder to offer or accept exactly that norm.
    prompts = form_prompts(files["form"], lang)
    for kpi, stated in tender.items():
        (prompt,) = [p for p in prompts[kpi] if heading in p]  # the answer cell's; the remark cell's says nothing
        assert prompt_statement(prompt, lang) == stated, (kpi, prompt)

    # The draft annex repeats the tender document's statement.
    draft = column_by_id(files["draft"], heading)
    assert {kpi: statement(text, lang) for kpi, text in draft.items()} == tender

    # The final annex binds the number: a fixed level as the tender stated it, an offer as the winner's form
    # holds it in the cell the annex names (the form is the one whose SHA-256 the annex records).
    annex_norms = column_by_id(files["annex"], heading)
    origins = column_by_id(files["annex"], "Herkomst" if lang == "nl" else "Origin")
    annex_text = "".join(t for kind, c in docx_blocks(files["annex"]) if kind == "p" for t in c)
    annex_text += "".join(cell for kind, c in docx_blocks(files["annex"]) if kind == "tbl" for r in c for cell in r)
    (winner,) = [p for p in files["bids"].iterdir() if hashlib.sha256(p.read_bytes()).hexdigest() in annex_text]
    bid = load_workbook(winner, data_only=True)
    expected: dict[str, float] = {}
    for kpi, stated in tender.items():
        agreed = statement(annex_norms[kpi], lang)
        if stated.level == "offered":
            cell = re.search(r"\((.+)!([A-Z]+[0-9]+)\)", origins[kpi])
            offer = float(bid[cell.group(1)][cell.group(2)].value)
            assert agreed == Statement("offered", offer)
            expected[kpi] = offer
        else:
            assert agreed == stated, kpi
            expected[kpi] = stated.value

    # The monitoring workbook measures against it, in every period's row.
    sheet = "Metingen" if lang == "nl" else "Measurements"
    monitored = sheet_column(files["monitoring"], sheet, heading)
    assert {kpi: values for kpi, values in monitored.items()} == {kpi: {v} for kpi, v in expected.items()}

    # The progress report states it per KPI (docx facts; the xlsx summary; the docx glance table when measured).
    facts = facts_by_heading(files["progress_docx"], heading)
    assert {kpi: statement(text, lang).value for kpi, text in facts.items()} == expected
    assert {kpi: statement(text, lang).level for kpi, text in facts.items()} == {k: s.level for k, s in tender.items()}
    summary = sheet_column(files["progress_xlsx"], load_workbook(files["progress_xlsx"]).sheetnames[0], heading)
    assert summary == {kpi: {v} for kpi, v in expected.items()}
    glance = column_by_id(files["progress_docx"], heading)
    assert {kpi: number(text, lang) for kpi, text in glance.items()} == (expected if glance else {})

    # OCDS: the tender's targets carry a fixed norm; the award's agreed metrics carry every norm.
    package = json.loads(files["ocds"].read_text(encoding="utf-8"))
    release = package["releases"][0]

    def norms(metrics: list[dict]) -> dict[str, float]:
        return {m["id"]: o["measure"] for m in metrics for o in m["observations"] if o["dimensions"]["level"] == "norm"}

    assert norms(release["tender"]["targets"]) == {k: s.value for k, s in tender.items() if s.level != "offered"}
    assert norms(release["awards"][0]["agreedMetrics"]) == expected
