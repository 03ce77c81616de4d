"""The tender document's legal terms: knock-out failures make a bid invalid (never "excluded"), the
suitability requirements have their own section, the method is PIANOo's "gewogen factormethode" and the
rounding rule is published with the method; in Dutch and English."""

from __future__ import annotations

import re

import pytest
from docxcheck import BUILT, paragraph_text, paragraphs_in_style, part, sample_tender, texts

from generator.document import render_tender_document

SAMPLES = ["gemeente-it-beheer", "bouwteam-n-weg", "facilitair-raamovereenkomst"]
# Art. 2.86-2.87 Aw exclusion grounds are not part of these samples: none of these words may occur.
EXCLUDED_WORDS = {"nl": re.compile(r"uitgesloten|uitsluiting", re.I), "en": re.compile(r"exclu(de|sion)", re.I)}


def _document(name: str, lang: str):
    tender = sample_tender(name, lang)
    return tender, part(render_tender_document(tender, built=BUILT), "word/document.xml")


def _section(lines: list[str], start: str, stop: str) -> list[str]:
    """The paragraphs from the one equal to ``start`` up to the next one equal to ``stop``."""
    first = lines.index(start)
    return lines[first:lines.index(stop, first + 1)]


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("name", SAMPLES)
def test_no_exclusion_wording_for_knock_outs(name, lang):
    _, root = _document(name, lang)
    everything = "\n".join(texts(root))
    assert not EXCLUDED_WORDS[lang].search(everything)
    assert ("ongeldig" if lang == "nl" else "invalid") in everything


@pytest.mark.parametrize("lang, heading, offer, intro", [
    ("nl", "Geschiktheidseisen", "Eisen aan de inschrijving", "eisen aan de inschrijver zelf"),
    ("en", "Suitability requirements", "Requirements on the bid", "concern the bidder itself"),
])
def test_suitability_requirements_have_their_own_section(lang, heading, offer, intro):
    tender, root = _document("gemeente-it-beheer", lang)
    suitability = [r.id for r in tender.requirements if r.suitability]
    assert suitability == ["SEC-04"]
    h2 = [paragraph_text(p) for p in paragraphs_in_style(root, "Heading2")]
    assert h2.index(heading) + 1 == h2.index(offer)
    lines = texts(root)
    section = _section(lines, heading, offer)
    assert any(intro in line for line in section)
    ids = [line.split("\t")[0] for line in section if "\t" in line and line.split("\t")[0][:3].isalpha()]
    assert [i for i in ids if i in {r.id for r in tender.requirements}] == ["SEC-04"]
    # The other requirements follow under their categories, and SEC-04 is not repeated there.
    chapter = _section(lines, offer, "Gunningscriteria en beoordeling" if lang == "nl"
                       else "Award criteria and evaluation")
    shown = [line.split("\t")[0] for line in chapter if "\t" in line]
    others = [r.id for r in tender.requirements if not r.suitability]
    assert sorted(i for i in shown if i in {r.id for r in tender.requirements}) == sorted(others)


@pytest.mark.parametrize("lang, method, rounding", [
    ("nl", "gewogen factormethode", ["op 2 decimalen, half naar boven afgerond", "0,005 afgerond op 0,01",
                                     "niet opnieuw afgerond"]),
    ("en", "weighted factor method", ["to 2 decimals, rounded half up", "0.005 is rounded to 0.01",
                                      "not rounded again"]),
])
def test_method_name_and_rounding_rule_are_published(lang, method, rounding):
    _, root = _document("gemeente-it-beheer", lang)
    lines = texts(root)
    everything = "\n".join(lines)
    assert method in everything and "scoremethode" not in everything
    chapter = _section(lines, "Gunningscriteria en beoordeling" if lang == "nl" else "Award criteria and evaluation",
                       "Prestatie-indicatoren (KPI's)" if lang == "nl" else "Key performance indicators (KPIs)")
    heading = "Afronding" if lang == "nl" else "Rounding"
    rule = chapter[chapter.index(heading) + 1]
    for phrase in rounding:
        assert phrase in rule


def test_award_on_value_publishes_rounding_to_the_cent():
    _, root = _document("bouwteam-n-weg", "nl")
    lines = texts(root)
    rule = lines[lines.index("Afronding") + 1]
    assert "op 2 decimalen (hele centen), half naar boven afgerond" in rule
