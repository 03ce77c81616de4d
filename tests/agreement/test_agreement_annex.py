"""The annex "Samenwerkingsafspraken": the binding norms as the tender set them, traceable IDs, the draft form."""

from __future__ import annotations

import io
import zipfile

import pytest
from awarded import BUILT, submission, tender
from lxml import etree

from generator.agreement import render_agreement
from generator.errors import InputError

W = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}


def body(data: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return etree.fromstring(z.read("word/document.xml"))


def rows(root: etree._Element) -> list[list[str]]:
    return [["".join(c.itertext()) for c in tr.iterfind("w:tc", W)] for tr in root.iterfind(".//w:tr", W)]


def test_awarded_annex_binds_the_offers_and_names_the_bid():
    t = tender()
    sub = submission(t)
    root = body(render_agreement(t, sub, built=BUILT))
    text = "".join(root.itertext())
    assert "{{" not in text and "{%" not in text
    table: dict[str, list[str]] = {}
    for row in rows(root):  # the first table naming an ID: the RACI and KPI tables come before the incentives
        table.setdefault(row[0], row)
    # minimum, target, binding norm with the level it is, origin
    assert table["PRF-04"][2:6] == ["92,0", "97,0", "97,5 (aangeboden waarde)", "Aanbod (KPI-aanbod!H12)"]
    assert table["PRF-05"][4] == "99,85 (aangeboden waarde)"
    # No offer allowed: the library's norm for COM-02 is the minimum, as the tender document says.
    assert table["COM-02"][2:6] == ["90", "100", "90 (minimumwaarde)", "Leidraad"]
    assert "Derde partij C (was R)" in table["RACI-16"][6]  # the bid differs from the proposal
    assert table["RACI-10"][6].startswith("Voorstel overgenomen")
    for clause in ("GOV-01", "RSK-03", "PRF-08", "FAC-03", "FAC-05"):
        assert clause in text
    assert "Hazeveld ICT Services B.V., KvK 61834207" in text and sub.source.sha256 in text
    assert "Bevestigd in de inschrijving: Ja" in text  # FAC-03 confirmed in the bid
    assert "Geldt vanaf het eerste jaarlijkse tevredenheidsonderzoek" in text  # the offer's remark
    assert "CONCEPT" not in text


def test_draft_annex_marks_where_the_winner_values_go():
    t = tender()
    text = "".join(body(render_agreement(t, None, built=BUILT)).itertext())
    assert "CONCEPT" in text and "[de winnende inschrijver]" in text
    assert "[aangeboden waarde, ten minste 92,0]" in text and "90 (minimumwaarde)" in text and "[Open: volgens inschrijving]" in text
    assert "SHA-256 inschrijving" not in text


def test_english_annex_and_a_foreign_or_knocked_out_bid():
    t = tender("en")
    text = "".join(body(render_agreement(t, submission(t), built=BUILT)).itertext())
    assert "Collaboration agreement" in text and "Offer (KPI-aanbod!H12)" in text
    other = submission(t).model_copy(update={"tender_reference": "OTHER-1"})
    with pytest.raises(InputError, match="not GZV-2027-ICT-014"):
        render_agreement(t, other, built=BUILT)


def test_same_inputs_same_bytes():
    t = tender()
    assert render_agreement(t, None, built=BUILT) == render_agreement(t, None, built=BUILT)
