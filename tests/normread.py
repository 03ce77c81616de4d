"""Reading the binding norm back out of the files tenderpack writes (docx XML, xlsx cells), for the tests.

Every document states a KPI's binding norm under the same name ("Bindende norm" / "Binding standard") as a
number with its level ("90% (minimumwaarde)") or, before any offer, as the offered value's floor
("aangeboden waarde, ten minste 90%"). These helpers parse what the files say, never a model.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree
from openpyxl import load_workbook
from openpyxl.utils.cell import range_boundaries

W = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
HEADING = {"nl": "Bindende norm", "en": "Binding standard"}
LEVEL = {"nl": {"minimumwaarde": "minimum", "streefwaarde": "target", "aangeboden waarde": "offered"},
         "en": {"minimum": "minimum", "target": "target", "offered value": "offered"}}
OFFERED = {"nl": re.compile(r"^\[?aangeboden waarde, ten minste (.+?)\]?$"),
           "en": re.compile(r"^\[?offered value, at least (.+?)\]?$")}
STATED = re.compile(r"^(.+?) \(([a-z ]+)\)")


def _open(source: Path | bytes):
    return io.BytesIO(source) if isinstance(source, bytes) else source


def number(text: str, lang: str) -> float:
    """The first number in ``text`` as the document wrote it (nl: 1.000,5; en: 1,000.5)."""
    match = re.search(r"[0-9][0-9.,]*", text)
    assert match, text
    digits = match.group().rstrip(".,")
    digits = digits.replace(".", "").replace(",", ".") if lang == "nl" else digits.replace(",", "")
    return float(digits)


@dataclass(frozen=True)
class Statement:
    """A binding norm as a document states it: its level and number, or for an offered norm its floor."""

    level: str
    value: float | None
    floor: float | None = None


def statement(text: str, lang: str) -> Statement:
    """Parse a document's norm text: "90% (minimumwaarde)", "[aangeboden waarde, ten minste 92,0]"."""
    text = " ".join(text.split())
    offered = OFFERED[lang].match(text)
    if offered:
        return Statement("offered", None, number(offered.group(1), lang))
    match = STATED.match(text.strip("[]"))
    assert match and match.group(2) in LEVEL[lang], text
    return Statement(LEVEL[lang][match.group(2)], number(match.group(1), lang))


def docx_blocks(path: Path | bytes) -> list[tuple[str, object]]:
    """The body in order: ``("p", text)`` per paragraph, ``("tbl", rows)`` per table (rows of cell texts)."""
    with zipfile.ZipFile(_open(path)) as z:
        body = etree.fromstring(z.read("word/document.xml")).find("w:body", W)
    out: list[tuple[str, object]] = []
    for element in body:
        if element.tag == f"{{{W['w']}}}p":
            out.append(("p", "".join(element.itertext())))
        elif element.tag == f"{{{W['w']}}}tbl":
            rows = [["".join(c.itertext()) for c in tr.iterfind("w:tc", W)] for tr in element.iterfind(".//w:tr", W)]
            out.append(("tbl", rows))
    return out


def column_by_id(path: Path | bytes, heading: str) -> dict[str, str]:
    """Per KPI ID the cell under ``heading`` in the first table that has that column and the ID in column 1."""
    out: dict[str, str] = {}
    for kind, rows in docx_blocks(path):
        if kind != "tbl" or heading not in rows[0]:
            continue
        col = rows[0].index(heading)
        for row in rows[1:]:
            key = row[0].split()[0] if row[0] else ""
            if re.fullmatch(r"[A-Z]{2,5}-[0-9]{2,3}", key):
                out.setdefault(key, row[col])
    return out


def facts_by_heading(path: Path | bytes, heading: str) -> dict[str, str]:
    """Per KPI ID the value of the ``heading`` fact in the label table after the KPI's own heading."""
    out: dict[str, str] = {}
    current = None
    for kind, content in docx_blocks(path):
        if kind == "p":
            match = re.match(r"^([A-Z]{2,5}-[0-9]{2,3})(?![0-9])", content)
            if match:
                current = match.group(1)
        elif current:
            for row in content:
                if len(row) == 2 and row[0] == heading:
                    out.setdefault(current, row[1])
    return out


def sheet_column(path: Path | bytes, sheet: str, heading: str) -> dict[str, set[object]]:
    """Per ID in column A every value in the column headed ``heading``, down to the table's first empty row."""
    ws = load_workbook(_open(path))[sheet]
    rows = list(ws.iter_rows(values_only=True))
    header = next(i for i, row in enumerate(rows) if heading in row)
    col = rows[header].index(heading)
    out: dict[str, set[object]] = {}
    for row in rows[header + 1:]:
        if row[0] is None and not any(row):
            break
        if isinstance(row[0], str) and re.fullmatch(r"[A-Z]{2,5}-[0-9]{2,3}", row[0]):
            out.setdefault(row[0], set()).add(row[col])
    return out


def form_prompts(path: Path | bytes, lang: str) -> dict[str, list[str]]:
    """Per KPI the prompts of the data validations on its row of the KPI sheet (answer and remark cells)."""
    wb = load_workbook(_open(path))
    ws = wb["KPI-aanbod" if lang == "nl" else "KPI offers"]
    rows = {ws.cell(r, 1).value: r for r in range(1, ws.max_row + 1)}
    out: dict[str, list[str]] = {}
    for dv in ws.data_validations.dataValidation:
        for cells in str(dv.sqref).split():
            _, low, _, high = range_boundaries(cells)
            for kpi, row in rows.items():
                if isinstance(kpi, str) and low <= row <= high and dv.prompt:
                    out.setdefault(kpi, []).append(dv.prompt)
    return out


def prompt_statement(prompt: str, lang: str) -> Statement:
    """The norm a form prompt states after "Bindende norm: " (a fixed one may be followed by its unit)."""
    text = prompt.split(HEADING[lang] + ": ", 1)[1].split(";")[0].strip().rstrip(".")
    match = re.match(r"^(.+?) \(([a-z ]+)\)", text)
    if match and match.group(2) in LEVEL[lang]:
        return Statement(LEVEL[lang][match.group(2)], number(match.group(1), lang))
    return statement(text, lang)
