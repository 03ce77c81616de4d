"""The commitments register's CSV (issue 16, item 6): no piece of a bidder's text can become a formula."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from generator.export import COLUMNS, csv_text, write_commitments

HOSTILE = ["Acme;=2*21;x", "Acme,=2*21,x", "Acme\t=2*21", "Acme\"=2*21", "Acme;  +2*21", "x\n-2*21", "x\r@SUM(1)",
           "=HYPERLINK(\"http://evil.example\";\"klik\")", "@SUM(A1)", "-2*21", "\t=1", "\r=1",
           "Acme;\"=2*21\";x"]
"""Bidder names that put a formula in some field when a program splits the line on , ; tab or a quote."""
FORMULA = ("=", "+", "-", "@")


def rows(names: list[str]) -> list[dict[str, object]]:
    """Register rows of KPI offers by bidders called ``names``, each quoting its name as its commitment."""
    return [{**dict.fromkeys(COLUMNS), "id": "PRF-05.kpi", "bidder": name, "kvk": "61834207", "kind": "kpi",
             "source_id": "PRF-05", "commitment": f"{name}: 99,9%", "value": -2.5, "differs": False}
            for name in names]


@pytest.mark.parametrize(("text", "expected"), [
    ("Acme;=2*21;x", "Acme;'=2*21;x"), ("=1", "'=1"), ("a, -2", "a,' -2"), ("a\n@b", "a\n'@b"),
    ("tab\t=x", "tab\t'=x"), ("plain text; no formula", "plain text; no formula"), ("Café - Zoë", "Café - Zoë"),
])
def test_csv_text(text, expected):
    assert csv_text(text) == expected


def pieces(line: str) -> list[str]:
    """The fields a program makes of ``line`` when it splits on every separator and ignores quoting."""
    for separator in (";", "\t", '"'):
        line = line.replace(separator, ",")
    return [piece.strip(" ") for piece in line.split(",")]


def test_no_field_after_any_split_starts_a_formula():
    data = write_commitments(rows(HOSTILE), "csv").decode("utf-8-sig")
    # Read back as written (comma-separated, quoted): every name whole, each risky piece prefixed.
    header, *records = list(csv.reader(io.StringIO(data, newline="")))
    assert len(header) == len(COLUMNS)
    bidder, commitment = COLUMNS.index("bidder"), COLUMNS.index("commitment")
    assert [r[bidder] for r in records] == [csv_text(name) for name in HOSTILE]
    assert [r[commitment] for r in records] == [csv_text(f"{name}: 99,9%") for name in HOSTILE]
    assert all(r[COLUMNS.index("value")] == "-2.5" for r in records)  # numbers stay numbers
    # Read as Dutch Excel and LibreOffice read it (separated by ;) and split on anything at all.
    for record in csv.reader(io.StringIO(data, newline=""), delimiter=";"):
        assert not any(field.lstrip(" ").startswith(FORMULA) for field in record if field != "-2.5"), record
    for line in data.replace("\r", "\n").split("\n"):
        assert not [p for p in pieces(line) if p.startswith(FORMULA) and p != "-2.5"], line


@pytest.mark.soffice
@pytest.mark.parametrize("separator", [59, 44], ids=["semicolon", "comma"])
def test_libreoffice_evaluates_no_formula(tmp_path, separator):
    from soffice import convert

    source = tmp_path / "register.csv"
    source.write_bytes(write_commitments(rows(HOSTILE), "csv"))
    converted = convert(source, "xlsx", tmp_path / "out", infilter=f"CSV:{separator},34,76,1")
    sheet = openpyxl.load_workbook(converted).worksheets[0]
    values = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert len(values) > len(HOSTILE)
    assert not [c.coordinate for c in values if c.data_type == "f"]
    assert 42 not in [c.value for c in values]


@pytest.mark.parametrize(("lang", "header", "kind", "yes", "unit"), [
    ("nl", "Toezegging-ID", "KPI-aanbod", "Nee", "%"), ("en", "Commitment ID", "KPI offer", "No", "%"),
])
def test_the_xlsx_and_csv_register_are_in_the_tenders_language(tmp_path, lang, header, kind, yes, unit):
    from factories import make_tender

    tender = make_tender(lang)
    register = [{**row, "unit": "percent"} for row in rows(["Hazeveld ICT Services B.V."])]
    path = tmp_path / "register.xlsx"
    path.write_bytes(write_commitments(register, "xlsx", tender=tender))
    sheet = openpyxl.load_workbook(path).worksheets[0]
    assert sheet.title == ("Toezeggingen" if lang == "nl" else "Commitments")
    assert sheet["A1"].value == f"{'Toezeggingenregister' if lang == 'nl' else 'Commitments register'} " \
                                f"{tender.reference}"
    head = [c.value for c in sheet[3]]
    values = dict(zip(head, (c.value for c in sheet[4])))
    assert head[0] == header and values[header] == "PRF-05.kpi"
    assert (values[head[COLUMNS.index("kind")]], values[head[COLUMNS.index("differs")]]) == (kind, yes)
    assert values[head[COLUMNS.index("unit")]] == unit
    csv_head, csv_row = list(csv.reader(io.StringIO(write_commitments(register, "csv", tender=tender)
                                                    .decode("utf-8-sig"))))
    assert csv_head == head and csv_row[COLUMNS.index("differs")] == yes
    # JSON keeps its stable keys and native values.
    assert b'"differs": false' in write_commitments(register, "json", tender=tender)
