"""The tender document names the terms a bidder may promise better, and where the form asks for them."""

from __future__ import annotations

from docxcheck import BUILT, part, sample_tender, texts

from generator.document import render_tender_document


def test_the_tender_document_names_each_improvable_term_under_its_clause():
    for lang, expected in (
        ("nl", ["Betere toezegging mogelijk", "Termijn verslaglegging: 5 werkdagen of beter, tot en met 2 werkdagen. "
                "Een betere waarde zegt u toe op het blad 'Toezeggingen' van het inschrijvingsformulier "
                "(rij GOV-01.minutes_days); de toezegging wordt onderdeel van de Overeenkomst."]),
        ("en", ["Better promise possible", "Operational meeting: every two weeks or better, up to weekly. You promise "
                "a better value on the sheet 'Promises' of the bid form (row GOV-01.operational); the promise "
                "becomes part of the Agreement."]),
    ):
        tender = sample_tender("gemeente-it-beheer", lang)
        lines = texts(part(render_tender_document(tender, built=BUILT), "word/document.xml"))
        heading = next(i for i, line in enumerate(lines) if line.startswith("GOV-01"))
        following = lines[heading:heading + 20]
        assert "\t".join(expected) in following, following
