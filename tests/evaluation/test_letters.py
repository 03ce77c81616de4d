"""The award decision letters (gunningsbeslissing, art. 2.130 Aw): one .docx per bidder with the decision,
its reasons, the bidder's own scores and rank, the winning bid's characteristics and relative advantages
and the standstill period with its end date, and nothing of the other losing bidders; read back from the
produced files, in Dutch and English."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import pytest
from evaluation_bids import ROOT, sample_tender_and_bids
from test_report import all_text, body, paragraphs, tables

from generator.errors import InputError
from generator.evaluation import compliance, evaluate, load_scores, write_award_letters
from generator.text import format_euro

SCORES = ROOT / "samples" / "scores" / "gemeente-it-beheer.yaml"
HAZEVELD, NOORDHAVEN, NIMBUSWERK = "Hazeveld ICT Services B.V.", "Noordhaven IT Beheer B.V.", "Nimbuswerk ICT B.V."


@lru_cache(maxsize=4)
def _letters(lang: str, decision: str = "not_material"):
    tender, bids = sample_tender_and_bids("gemeente-it-beheer", lang)
    subs = list(bids)
    scores = load_scores(SCORES, tender, subs)
    decisions = [d.model_copy(update={"decision": decision}) for d in scores.decisions]
    scores = scores.model_copy(update={"decisions": decisions})
    result = evaluate(tender, subs, scores)
    matrix = compliance(tender, subs, decisions)
    letters = write_award_letters(result, matrix, tender, subs)
    return tender, subs, result, {letter.name: letter.docx for letter in letters}


def _prices(subs, name: str) -> list[str]:
    """A bid's price as the letters would write it (both languages, with and without no-break space)."""
    price = next(s.price_eur for s in subs if s.bidder.name == name)
    shown = [format_euro(price, lang) for lang in ("nl", "en")]
    return shown + [p.replace(" ", "\u00a0") for p in shown]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_one_letter_per_bidder_addressed_to_it(lang):
    _, _, result, letters = _letters(lang)
    assert list(letters) == [HAZEVELD, NOORDHAVEN, NIMBUSWERK]
    for name, data in letters.items():
        lines = paragraphs(body(data))
        assert lines[0] == ("Gunningsbeslissing" if lang == "nl" else "Award decision")
        assert lines[1] == ("Aan" if lang == "nl" else "To") + f"\t{name}"


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("decision", ["not_material", "material"])
def test_no_other_losing_bidders_name_price_or_motivation_in_a_letter(lang, decision):
    tender, subs, result, letters = _letters(lang, decision)
    losers = {r.name: r for r in result.ranking if r.bidder != result.winner}
    set_aside = {s.name: s for s in result.set_aside}
    assert set(losers) | set(set_aside) == set(letters) - {HAZEVELD}
    for addressee, data in letters.items():
        text = all_text(data)
        assert addressee in text
        for other in (set(losers) | set(set_aside)) - {addressee}:
            assert other not in text
            assert not any(price in text for price in _prices(subs, other))
            for c in (losers[other].criteria if other in losers else []):
                assert c.motivation not in text
            for reason in (set_aside[other].reasons if other in set_aside else []):
                assert reason.message not in text and reason.message_en not in text
            for decided in (r for r in result.reservations if r.name == other):
                assert decided.motivation not in text
        if addressee != HAZEVELD:  # the winner's price is not disclosed either
            assert not any(price in text for price in _prices(subs, HAZEVELD))


def test_winner_letter_gives_the_decision_and_its_own_scores():
    _, _, result, letters = _letters("nl")
    root = body(letters[HAZEVELD])
    lines = paragraphs(root)
    assert ("Wij zijn voornemens de opdracht aan u te gunnen. Uw inschrijving heeft de beste "
            "prijs-kwaliteitverhouding: zij is als eerste gerangschikt van de 2 geldige inschrijvingen.") in lines
    [own] = [t for t in tables(root) if t[0][0] == "Gunningscriterium"]
    winner = result.ranking[0]
    assert [row[3] for row in own[1:]] == [c.motivation for c in winner.criteria]
    assert "Kenmerken en relatieve voordelen van de winnende inschrijving" not in lines


@pytest.mark.parametrize("lang, decision, heading, difference", [
    ("nl", ("Uw inschrijving is gerangschikt op plaats 2 van de 2 geldige inschrijvingen. Wij zijn voornemens "
            "de opdracht te gunnen aan Hazeveld ICT Services B.V., waarvan de inschrijving als eerste is "
            "gerangschikt, en dus niet aan u."),
     "Kenmerken en relatieve voordelen van de winnende inschrijving", "Het verschil met uw inschrijving is "),
    ("en", ("Your bid ranks 2 of the 2 valid bids. We intend to award the contract to Hazeveld ICT Services "
            "B.V., whose bid ranks first, and therefore not to you."),
     "Characteristics and relative advantages of the winning bid", "The difference with your bid is "),
])
def test_ranked_loser_gets_its_rank_scores_and_the_winning_bids_advantages(lang, decision, heading, difference):
    _, _, result, letters = _letters(lang)
    root = body(letters[NOORDHAVEN])
    lines = paragraphs(root)
    assert decision in lines
    own, winner = result.ranking[1], result.ranking[0]
    assert own.name == NOORDHAVEN
    [mine, theirs] = tables(root)
    assert [row[3] for row in mine[1:]] == [c.motivation for c in own.criteria]
    assert [row[3] for row in theirs[1:]] == [c.motivation for c in winner.criteria]
    of = " van " if lang == "nl" else " of "
    assert [(row[1], row[2]) for row in theirs[1:]] == [
        (f"{w.score}{of}{w.max_score}", f"{o.score}{of}{o.max_score}")
        for w, o in zip(winner.criteria, own.criteria, strict=True)]
    assert heading in lines
    assert any(line.startswith(difference) for line in lines)


@pytest.mark.parametrize("lang, end", [("nl", "De opschortende termijn eindigt op 31 mei 2027."),
                                       ("en", "The standstill period ends on 31 May 2027.")])
def test_standstill_period_ends_twenty_days_after_the_decision_date_of_the_spec(lang, end):
    tender, _, _, letters = _letters(lang)
    assert (tender.dates.award_decision, tender.dates.standstill_days) == (dt.date(2027, 5, 11), 20)
    for data in letters.values():
        text = all_text(data)
        assert end in text
        assert ("11 mei 2027" if lang == "nl" else "11 May 2027") in text


@pytest.mark.parametrize("lang, opening, reasons", [
    ("nl", "Uw inschrijving is ongeldig en is terzijde gelegd", ["SEC-04", "PRF-05"]),
    ("en", "Your bid is invalid and was set aside", ["SEC-04", "PRF-05"]),
])
def test_set_aside_bid_gets_its_reasons_and_the_winning_bid(lang, opening, reasons):
    _, _, result, letters = _letters(lang)
    root = body(letters[NIMBUSWERK])
    lines = paragraphs(root)
    assert any(opening in line for line in lines)
    bullets = paragraphs(root, "ListBullet")
    assert len(bullets) == len(reasons)
    assert all(b.startswith(item) for b, item in zip(bullets, reasons, strict=True))
    [theirs] = tables(root)
    assert [row[3] for row in theirs[1:]] == [c.motivation for c in result.ranking[0].criteria]
    assert all(row[2] == "–" for row in theirs[1:])


def test_material_reservation_letter_gives_the_committees_decision():
    _, _, result, letters = _letters("nl", "material")
    assert [r.name for r in result.ranking] == [HAZEVELD]
    lines = paragraphs(body(letters[NOORDHAVEN]))
    bullets = [line for line in lines if line.startswith("CNT-01: de beoordelingscommissie acht het voorbehoud "
                                                          "wezenlijk")]
    assert len(bullets) == 1 and "Motivering: Noordhaven beantwoordt CNT-01 met Ja." in bullets[0]
    winner_lines = paragraphs(body(letters[HAZEVELD]))
    assert ("Wij zijn voornemens de opdracht aan u te gunnen. Uw inschrijving is de enige geldige inschrijving "
            "en is beoordeeld op de gunningscriteria.") in winner_lines


def test_letters_need_a_decision_date_a_legal_standstill_and_a_single_winner():
    tender, subs, result, _ = _letters("nl")
    matrix = compliance(tender, subs, [])
    undated = tender.model_copy(update={"dates": tender.dates.model_copy(update={"award_decision": None})})
    with pytest.raises(InputError, match="the spec gives no award decision date"):
        write_award_letters(result, matrix, undated, subs)
    short = tender.model_copy(update={"dates": tender.dates.model_copy(update={"standstill_days": 10})})
    with pytest.raises(InputError, match="requires at least 20"):
        write_award_letters(result, matrix, short, subs)
    tied = result.model_copy(update={"winner": None})
    with pytest.raises(InputError, match="there is no single winner"):
        write_award_letters(tied, matrix, tender, subs)
