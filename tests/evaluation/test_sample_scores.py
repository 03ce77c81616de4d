"""The sample scores (samples/scores/) rank the sample bids: one weak bid per sample is knocked out, the
others are scored on every criterion and ranked without findings."""

from __future__ import annotations

import re

import pytest
from evaluation_bids import BUILT, ROOT, SAMPLES, sample_tender_and_bids

from generator.evaluation import compliance, evaluate, load_scores
from generator.form import fill_form, load_answers, write_form

# Per sample: the bid that fails a knock-out (as its answer file's header says, with the reasons), and the
# ranking of the admitted bids with the sample scores.
EXPECTED = {
    "gemeente-it-beheer": ("Nimbuswerk ICT B.V.", {("knockout", "SEC-04"), ("kpi_below_minimum", "PRF-05")},
                           ["Hazeveld ICT Services B.V.", "Noordhaven IT Beheer B.V."]),
    "bouwteam-n-weg": ("Damsterhoek Infra B.V.", {("knockout", "SRO-01"), ("kpi_below_minimum", "SUS-03")},
                       ["Brouwer Tjalsma Infra B.V.", "Hollema Wegenbouw B.V."]),
    "facilitair-raamovereenkomst": ("Glanzorg Diensten B.V.",
                                    {("knockout", "SEC-01"), ("kpi_below_minimum", "PRF-02")},
                                    ["Zilverreiger Facility Services B.V.", "Brederode Facilitair B.V."]),
}


@pytest.mark.parametrize("sample", SAMPLES)
def test_sample_answer_files_fill_the_form_completely(sample):
    """Every answer of a sample bid has a place in the form: fixed KPI levels are accepted with Ja, and
    requirements (which have no attachment column) name their attachment in the remark."""
    tender, _ = sample_tender_and_bids(sample)
    blank = write_form(tender, built=BUILT)
    for path in sorted((ROOT / "samples" / "bids" / sample).glob("*.yaml")):
        answers = load_answers(path)
        assert {k.id for k in tender.kpis if not k.offer_allowed} <= set(answers.kpis), path.name
        result = fill_form(blank, answers)
        assert (result.unknown, result.unplaced) == ([], []), path.name


@pytest.mark.parametrize("sample", SAMPLES)
def test_exactly_the_weak_bid_is_knocked_out(sample):
    tender, bids = sample_tender_and_bids(sample)
    matrix = compliance(tender, list(bids))
    knocked_out, reasons, admitted = EXPECTED[sample]
    assert [r.name for r in matrix.rows if not r.admitted] == [knocked_out]
    (row,) = [r for r in matrix.rows if not r.admitted]
    assert {(f.code, f.item) for f in row.reasons} == reasons
    assert sorted(r.name for r in matrix.rows if r.admitted) == sorted(admitted)


@pytest.mark.parametrize("sample", SAMPLES)
def test_sample_scores_rank_the_admitted_bids(sample):
    tender, bids = sample_tender_and_bids(sample)
    submissions = list(bids)
    scores = load_scores(ROOT / "samples" / "scores" / f"{sample}.yaml", tender, submissions)
    result = evaluate(tender, submissions, scores)  # raises ValidationFailed on any finding
    knocked_out, _, ranking = EXPECTED[sample]
    assert [r.name for r in result.ranking] == ranking
    assert [r.rank for r in result.ranking] == [1, 2] and not result.ties
    assert result.winner == result.ranking[0].bidder
    assert [e.name for e in result.set_aside] == [knocked_out]
    # Every admitted bid is scored on every award criterion, with a motivation of 2 to 4 sentences, and
    # the evaluators do not always agree.
    assert len(scores.entries) == len(ranking) * len(tender.criteria)
    for entry in scores.entries:
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", entry.motivation or "") if s]
        assert 2 <= len(sentences) <= 4, (entry.bidder, entry.criterion, sentences)
    assert any(len(set(e.evaluator_scores)) > 1 for e in scores.entries)


def test_the_bouwteam_is_a_close_call_between_price_and_quality():
    """Award on value: the runner-up is the cheapest bid, and the fictive prices differ by under 2%."""
    tender, bids = sample_tender_and_bids("bouwteam-n-weg")
    submissions = list(bids)
    scores = load_scores(ROOT / "samples" / "scores" / "bouwteam-n-weg.yaml", tender, submissions)
    first, second = evaluate(tender, submissions, scores).ranking
    assert second.price_eur < first.price_eur and second.quality < first.quality
    assert (second.total - first.total) / first.total < 0.02
