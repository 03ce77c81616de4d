"""The comparison report (.docx): every bid, criterion, number, exclusion and RACI difference; nl and en."""

from __future__ import annotations

import datetime as dt
import importlib.util
import io
import re
import zipfile
from pathlib import Path

import docx
import pytest
from evaluation_bids import (
    BUILT,
    SAMPLES,
    bid,
    sample_scores,
    sample_tender_and_bids,
    scores,
    value_tender,
    weighted_tender,
)
from lxml import etree

from generator import labels
from generator.agreement.terms import raci_terms
from generator.errors import InputError, ValidationFailed
from generator.evaluation import compliance, evaluate, write_comparison_docx
from generator.evaluation.report import KPI_COLUMNS
from generator.models.evaluation import Evaluation
from generator.records import bidder_key
from generator.text import format_euro, format_number

W = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
NBSP = "\u00a0"


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {name: z.read(name) for name in z.namelist()}


def body(data: bytes) -> etree._Element:
    return etree.fromstring(parts(data)["word/document.xml"])


def text(p: etree._Element) -> str:
    """A paragraph's visible text (soft hyphens dropped, tabs as tabs)."""
    return "".join(n.text or "" if n.tag.endswith("}t") else "\t"
                   for n in p.iter(f"{{{W['w']}}}t", f"{{{W['w']}}}tab")).replace("\u00ad", "")


def paragraphs(root: etree._Element, style: str | None = None) -> list[str]:
    path = "//w:body/w:p" + (f"[w:pPr/w:pStyle/@w:val='{style}']" if style else "")
    return [text(p) for p in root.xpath(path, namespaces=W)]


def tables(root: etree._Element) -> list[list[list[str]]]:
    """Every body table as rows of cell texts (a cell's paragraphs joined by a space)."""
    return [[[" ".join(text(p) for p in tc.iterfind("w:p", W)) for tc in tr.iterfind("w:tc", W)]
             for tr in tbl.iterfind("w:tr", W)] for tbl in root.iterfind("w:body/w:tbl", W)]


def table_after(root: etree._Element, head: list[str]) -> list[list[list[str]]]:
    """The tables whose header row is ``head``, without that row."""
    return [t[1:] for t in tables(root) if t[0] == head]


def all_text(data: bytes) -> str:
    """Every text of the body, headers and footers."""
    return "\n".join(text(p) for name, blob in parts(data).items()
                     if name.startswith("word/") and name.endswith(".xml") and "/_rels/" not in name
                     for p in etree.fromstring(blob).iter(f"{{{W['w']}}}p"))


def euro(value, lang: str = "nl") -> str:
    return format_euro(float(value), lang).replace(" ", NBSP)


def points(value, lang: str = "nl") -> str:
    return format_number(float(value), lang, 2)


def sample(name: str, lang: str = "nl", motivation: str | None = None):
    tender, subs = sample_tender_and_bids(name, lang)
    subs = list(subs)
    matrix = compliance(tender, subs)
    evaluation = evaluate(tender, subs, sample_scores(tender, matrix, motivation))
    return tender, subs, matrix, evaluation


@pytest.mark.parametrize("name", SAMPLES)
def test_sample_report_shows_every_bid_criterion_number_exclusion_and_raci_difference(name):
    tender, subs, matrix, ev = sample(name)
    data = write_comparison_docx(ev, matrix, tender, subs, built=BUILT)
    root = body(data)
    everything = all_text(data)
    for leftover in ("{{", "}}", "{%", "%}"):
        assert leftover not in everything
    for row in matrix.rows:
        assert row.name in paragraphs(root, "Heading2")
    ids = {word for t in tables(root) for row in t[1:] for word in row[0].split()[:1]}
    assert {c.id for c in tender.criteria} <= ids
    assert {c.item for c in matrix.columns} <= ids

    weighted = ev.method == "weighted_score"
    head = ["Rang", "Inschrijver", "Prijs"] + (["Kwaliteitspunten", "Prijspunten", "Totaalscore"] if weighted
                                               else ["Verdiende waarde", "Fictieve prijs"])
    [ranking] = table_after(root, head)
    amount = points if weighted else euro
    expected = [[str(r.rank), r.name, euro(r.price_eur), amount(r.quality)]
                + ([points(r.price_points)] if weighted else []) + [amount(r.total)] for r in ev.ranking]
    assert ranking == expected

    # The calculation per bid: every criterion's result and the total, as ranked.
    calculations = table_after(root, ["Onderdeel", "Invoer", "Berekening", "Uitkomst"])
    assert len(calculations) == len(ev.ranking)
    for result, rows in zip(ev.ranking, calculations, strict=True):
        for criterion, row in zip(result.criteria, rows, strict=False):
            assert row[0] == f"{criterion.criterion} {criterion.title}"
            assert row[3] == (points(criterion.points) if weighted else euro(criterion.earned_eur))
        assert rows[-1][3] == amount(result.total)
        if weighted:
            parts_ = " + ".join(points(c.points) for c in result.criteria)
            assert [parts_, points(result.quality)] == rows[len(result.criteria)][2:]

    assert ev.set_aside
    for excluded in ev.set_aside:
        for reason in excluded.reasons:
            assert reason.item in everything and reason.message.rstrip(".")[1:] in everything
            assert reason.cell in everything

    # Per bid the suitability requirements (on the bidder) in their own table, then the knock-outs.
    knockouts = table_after(root, ["ID", "Eis of KPI", "Antwoord of aanbod", "Uitkomst"])
    suitability = table_after(root, ["ID", "Geschiktheidseis", "Antwoord of aanbod", "Uitkomst"])
    kinds = [c.kind == "suitability" for c in matrix.columns]
    assert len(knockouts) == len(matrix.rows)
    assert len(suitability) == (len(matrix.rows) if any(kinds) else 0)
    order = [r.bidder for r in ev.ranking] + [e.bidder for e in ev.set_aside]
    rows_by_key = {r.bidder: r for r in matrix.rows}
    for n, (key, table) in enumerate(zip(order, knockouts, strict=True)):
        cells = [c for c, own in zip(rows_by_key[key].cells, kinds, strict=True) if not own]
        assert [r[0] for r in table] == [c.item for c in cells]
        assert [r[3] == "Voldaan" for r in table] == [c.passed for c in cells]
        if suitability:
            own = [c for c, kind in zip(rows_by_key[key].cells, kinds, strict=True) if kind]
            assert [(r[0], r[3] == "Voldaan") for r in suitability[n]] == [(c.item, c.passed) for c in own]


    # Per bid with differences one table, in report order: activity, party, proposal, offer.
    by_key = {bidder_key(s): s for s in subs}
    wanted = [[[f"{term.id} {term.title}", labels.label(labels.PARTY, party, "nl"),
                term.default[party] or "–", term.roles[party] or "–"]
               for term in raci_terms(tender, by_key[key]) for party in term.changed] for key in order]
    assert any(wanted)
    assert table_after(root, ["Activiteit", "Partij", "Voorstel", "Aanbod"]) == [t for t in wanted if t]

    motivations = {c.motivation for r in ev.ranking for c in r.criteria}
    assert motivations <= {cell for t in tables(root) for row in t for cell in row}


def _kpi_offer_table(root, tender, ev):
    names = [r.name for r in ev.ranking] + [f"{e.name} (terzijde gelegd)" for e in ev.set_aside]
    return table_after(root, ["KPI", "Minimum", "Streefwaarde", *names[:KPI_COLUMNS]])


def test_kpi_offers_side_by_side_with_minimum_and_target():
    tender, subs, matrix, ev = sample("gemeente-it-beheer")
    root = body(write_comparison_docx(ev, matrix, tender, subs, built=BUILT))
    [table] = _kpi_offer_table(root, tender, ev)
    assert [r[0].split()[0] for r in table] == [k.id for k in tender.kpis]
    prf05 = next(r for r in table if r[0].startswith("PRF-05"))
    assert prf05[1:3] == ["99,60", "99,80"]
    assert prf05[-1] == "99,50 (onder minimum)"  # the excluded bid's offer below the minimum
    shading = root.xpath("//w:tbl[w:tr[1]/w:tc[1]//w:t='KPI']//w:tc/w:tcPr/w:shd/@w:fill", namespaces=W)
    assert {"C6EFCE", "FFC7CE"} <= set(shading)
    # docxtpl's {% cellbg %} puts w:shd first; CT_TcPr wants it after w:tcW (ECMA-376 Part 1, 17.4.70).
    shaded = root.xpath("//w:tcPr[w:shd]", namespaces=W)
    assert shaded and all([etree.QName(c).localname for c in p][:2] == ["tcW", "shd"] for p in shaded)


def test_english_report_has_english_headings_and_numbers():
    tender, subs, matrix, ev = sample("facilitair-raamovereenkomst", "en")
    root = body(write_comparison_docx(ev, matrix, tender, subs, built=BUILT))
    assert paragraphs(root, "Title") == ["Bid evaluation report"]
    assert paragraphs(root, "Heading1") == ["Summary", "Ranking and calculation", "Evaluation per bid",
                                            "KPI offers", "Differences in responsibilities (RACI)",
                                            "Award decision and standstill period"]
    head = ["Rank", "Bidder", "Price", "Quality points", "Price points", "Total score"]
    [ranking] = table_after(root, head)
    assert ranking[0][-1] == points(ev.ranking[0].total, "en")
    assert ("Price points = 40 × (€7,000,000.00 − price) / (€7,000,000.00 − €5,200,000.00), at least 0 and "
            "at most 40") in paragraphs(root)


def test_dutch_report_headings_summary_and_standstill():
    tender, subs, matrix, ev = sample("gemeente-it-beheer")
    root = body(write_comparison_docx(ev, matrix, tender, subs, built=BUILT))
    assert paragraphs(root, "Title") == ["Beoordelingsrapport inschrijvingen"]
    assert paragraphs(root, "Heading1") == ["Samenvatting", "Rangschikking en berekening",
                                            "Beoordeling per inschrijving", "KPI-aanbod",
                                            "Afwijkingen in de verantwoordelijkheden (RACI)",
                                            "Gunningsbeslissing en opschortende termijn"]
    lines = paragraphs(root)
    first, second = ev.ranking[0], ev.ranking[1]
    assert (f"De inschrijving van {first.name} heeft de beste prijs-kwaliteitverhouding: zij staat op de "
            f"eerste plaats met een totaalscore van {points(first.total)} punten.") in lines
    assert (f"Op de tweede plaats staat {second.name} met {points(second.total)} punten "
            f"({points(first.total - second.total)} punten minder).") in lines
    assert ("Er zijn 3 inschrijvingen ontvangen. Iedere inschrijving is getoetst aan de knock-outeisen en "
            "aan de minimumeisen voor de prestatie-indicatoren (KPI's).") in lines
    assert ("De volgende inschrijving is ongeldig, is terzijde gelegd en is niet beoordeeld op de "
            "gunningscriteria:") in lines
    assert any("(Alcatel-termijn) van 20 kalenderdagen" in line for line in lines)
    assert ("De gunningsbeslissing is voorzien op 11 mei 2027; de opschortende termijn loopt dan tot en met "
            "31 mei 2027.") in lines
    cover = dict(line.split("\t") for line in paragraphs(root, "TenderFact"))
    assert cover["Kenmerk aanbesteding"] == tender.reference and cover["Aanbestedingsstukken"] == "revisie 2"
    # Dated by the timeline (the planned award decision), not by the build time of the file.
    assert cover["Datum beoordeling"] == "11 mei 2027"
    asked = body(write_comparison_docx(ev, matrix, tender, subs, built=BUILT, on=dt.date(2027, 4, 20)))
    assert dict(line.split("\t") for line in paragraphs(asked, "TenderFact"))["Datum beoordeling"] == "20 april 2027"


def test_report_is_never_dated_before_the_bids_were_opened():
    tender, subs, matrix, ev = sample("gemeente-it-beheer")
    with pytest.raises(ValidationFailed) as caught:
        write_comparison_docx(ev, matrix, tender, subs, built=BUILT, on=dt.date(2027, 4, 6))
    finding = caught.value.findings[0]
    assert (finding.location.item, finding.location.field) == (tender.reference, "dates.submission_deadline")
    undated = tender.model_copy(update={"dates": tender.dates.model_copy(update={"award_decision": None})})
    with pytest.raises(ValidationFailed) as caught:
        write_comparison_docx(ev, matrix, undated, subs, built=BUILT)
    assert caught.value.findings[0].location.field == "dates.award_decision"


def test_same_input_gives_the_same_bytes():
    tender, subs, matrix, ev = sample("bouwteam-n-weg")
    first = write_comparison_docx(ev, matrix, tender, subs, built=BUILT)
    assert write_comparison_docx(ev, matrix, tender, subs, built=BUILT) == first
    assert docx.Document(io.BytesIO(first)).core_properties.title == tender.title


TRICKY = "Prijs & kwaliteit <goed> {{ score }} {% if x %} \"quoted\" a < b && c > d"


def test_bidder_text_comes_out_as_typed():
    tender = weighted_tender()
    odd = bid("Bakker & Zn <Holding> {{ naam }}", 95_000)
    subs = [odd, bid("Bravo Beheer", 90_000)]
    given = scores(tender, (odd, (8, 6)), (subs[1], (6, 6)))
    given = given.model_copy(update={"entries": [e.model_copy(update={"motivation": TRICKY})
                                                 for e in given.entries]})
    ev = evaluate(tender, subs, given)
    data = write_comparison_docx(ev, compliance(tender, subs), tender, subs, built=BUILT)
    root = body(data)
    cells = [cell for t in tables(root) for row in t for cell in row]
    assert cells.count(TRICKY) == 4
    assert "Bakker & Zn <Holding> {{ naam }}" in paragraphs(root, "Heading2")
    assert b"&amp; kwaliteit &lt;goed&gt; {{ score }} {% if x %}" in parts(data)["word/document.xml"]


def test_tie_for_first_place_goes_to_lots_and_holds_the_decision():
    tender = weighted_tender(tie_break="lot")
    alfa, bravo, charlie = (bid("Alfa Advies", 225_000), bid("Bravo Beheer", 90_000),
                            bid("Charlie ICT", 100_000))
    subs = [alfa, bravo, charlie, bid("Delta Diensten", 50_000, knockout=True)]
    ev = evaluate(tender, subs, scores(tender, (alfa, (10, 10)), (bravo, (6, 6)), (charlie, (4, 4))))
    assert ev.winner is None
    root = body(write_comparison_docx(ev, compliance(tender, subs), tender, subs, built=BUILT))
    lines = paragraphs(root)
    assert any(line.startswith("De inschrijvingen van Alfa Advies en Bravo Beheer eindigen gelijk op de "
                               "eerste plaats (76,00 punten)") for line in lines)
    assert not any(line.startswith("Op grond van deze beoordeling komt") for line in lines)
    lot = ("De volgorde tussen Alfa Advies en Bravo Beheer wordt bepaald door loting onder toezicht van een "
           "notaris; tot die loting delen zij rang 1.")
    assert any(lot in line for line in lines)
    assert not any("De regel maakt geen onderscheid" in line for line in lines)  # the rule is the lot
    assert ("De gunningsbeslissing wordt pas verzonden nadat de loting om de eerste plaats heeft "
            "plaatsgevonden.") in lines
    facts = [row for t in tables(root) for row in t if row and row[0] == "Uitkomst"]
    assert facts[:2] == [["Uitkomst", "Rang 1 van 3, gedeeld (loting)"]] * 2


def test_tie_decided_by_highest_quality_shows_the_measure():
    tender = weighted_tender(tie_break="highest_quality")
    alfa, bravo = bid("Alfa Advies", 225_000), bid("Bravo Beheer", 90_000)
    ev = evaluate(tender, [alfa, bravo], scores(tender, (alfa, (10, 10)), (bravo, (6, 6))))
    subs = [alfa, bravo]
    root = body(write_comparison_docx(ev, compliance(tender, subs), tender, subs, built=BUILT))
    lines = paragraphs(root)
    assert ("Alfa Advies en Bravo Beheer eindigen gelijk (76,00 punten). Volgens de aanbestedingsleidraad "
            "wordt dan gegund aan de inschrijving met de hoogste kwaliteitsscore. Kwaliteitspunten: Alfa "
            "Advies 60,00; Bravo Beheer 36,00. De regel beslist: de volgorde is 1. Alfa Advies, 2. Bravo "
            "Beheer.") in lines
    assert ("Op grond van deze beoordeling komt Alfa Advies in aanmerking voor gunning van de "
            "opdracht.") in lines


def test_tie_the_rule_cannot_break_goes_to_lots():
    tender = weighted_tender(tie_break="lowest_price")
    alfa, bravo = bid("Alfa Advies", 100_000), bid("Bravo Beheer", 100_000)
    subs = [alfa, bravo]
    ev = evaluate(tender, subs, scores(tender, (alfa, (8, 6)), (bravo, (6, 8))))
    root = body(write_comparison_docx(ev, compliance(tender, subs), tender, subs, built=BUILT))
    start = "Alfa Advies en Bravo Beheer eindigen gelijk"
    [ties] = [line for line in paragraphs(root) if line.startswith(start)]
    price = euro(100_000)
    assert ties == (f"{start} (82,00 punten). Volgens de aanbestedingsleidraad wordt dan gegund aan de "
                    f"inschrijving met de laagste prijs. Prijzen: Alfa Advies {price}; Bravo Beheer {price}. "
                    "De regel maakt geen onderscheid tussen Alfa Advies en Bravo Beheer. De volgorde tussen "
                    "Alfa Advies en Bravo Beheer wordt bepaald door loting onder toezicht van een notaris; "
                    "tot die loting delen zij rang 1.")


def test_award_on_value_shows_the_fictive_price_calculation():
    tender = value_tender()
    alfa, bravo = bid("Alfa Advies", 225_000), bid("Bravo Beheer", 90_000)
    ev = evaluate(tender, [alfa, bravo], scores(tender, (alfa, (3, 2)), (bravo, (2, 1))))
    subs = [alfa, bravo]
    root = body(write_comparison_docx(ev, compliance(tender, subs), tender, subs, built=BUILT))
    calculations = table_after(root, ["Onderdeel", "Invoer", "Berekening", "Uitkomst"])
    bravo_rows = calculations[[r.name for r in ev.ranking].index("Bravo Beheer")]
    assert bravo_rows[0][1:] == ["score 2 van 3: 60%", f"{euro(200_000)} × 60%", euro(120_000)]
    assert bravo_rows[-1] == ["Fictieve inschrijvingsprijs", "", f"{euro(90_000)} − {euro(145_000)}",
                              euro(-55_000)]
    assert ("Fictieve inschrijvingsprijs = prijs − som van de verdiende waarden; de laagste fictieve "
            "inschrijvingsprijs wint") in paragraphs(root, "TenderFormula")


def test_no_admitted_bid_gives_no_ranking_but_every_reason():
    tender = weighted_tender()
    subs = [bid("Alfa Advies", knockout=True), bid("Bravo Beheer", kpi=98.0)]
    matrix = compliance(tender, subs)
    ev = evaluate(tender, subs, scores(tender))
    root = body(write_comparison_docx(ev, matrix, tender, subs, built=BUILT))
    lines = paragraphs(root)
    assert "Er is geen rangschikking: geen enkele inschrijving is toegelaten." in lines
    assert any(line.startswith("Geen enkele inschrijving voldoet aan alle knock-outeisen") for line in lines)
    assert ("De volgende 2 inschrijvingen zijn ongeldig, zijn terzijde gelegd en zijn niet beoordeeld op de "
            "gunningscriteria:") in lines
    assert any(line.startswith("Bravo Beheer: KPI-01: het aanbod 98") for line in lines)


def test_parts_that_do_not_belong_together_are_refused():
    tender = weighted_tender()
    subs = [bid("Alfa Advies"), bid("Bravo Beheer")]
    ev = evaluate(tender, subs, scores(tender, (subs[0], (8, 8)), (subs[1], (6, 6))))
    matrix = compliance(tender, subs)
    other = tender.model_copy(update={"reference": "ANDER-2027"})
    with pytest.raises(InputError, match="evaluation is of tender TEST-2027-001"):
        write_comparison_docx(ev, matrix, other, subs, built=BUILT)
    with pytest.raises(InputError, match="different bidders"):
        write_comparison_docx(ev, matrix, tender, subs[:1], built=BUILT)
    stale = Evaluation.model_validate({**ev.model_dump(), "ranking": ev.model_dump()["ranking"][:1]})
    with pytest.raises(InputError, match="different bidders"):
        write_comparison_docx(stale, matrix, tender, subs, built=BUILT)


def test_many_bidders_continue_in_a_second_kpi_table():
    tender = weighted_tender()
    subs = [bid(f"Bieder {n}", 90_000 + n) for n in range(1, KPI_COLUMNS + 2)]
    ev = evaluate(tender, subs, scores(tender, *((s, (6, 6)) for s in subs)))
    root = body(write_comparison_docx(ev, compliance(tender, subs), tender, subs, built=BUILT))
    heads = [t[0] for t in tables(root) if t[0][:3] == ["KPI", "Minimum", "Streefwaarde"]]
    assert [h[3:] for h in heads] == [[r.name for r in ev.ranking[:KPI_COLUMNS]],
                                      [r.name for r in ev.ranking[KPI_COLUMNS:]]]
    assert {bidder_key(s) for s in subs} == {r.bidder for r in ev.ranking}


def test_an_authoritys_own_base_template_is_used(tmp_path):
    tender, subs, matrix, ev = sample("gemeente-it-beheer")
    path = tmp_path / "authority.docx"
    authority = docx.Document()
    authority.styles["Normal"].font.name = "Georgia"
    authority.save(path)
    data = write_comparison_docx(ev, matrix, tender, subs, built=BUILT, template=path)
    styles = etree.fromstring(parts(data)["word/styles.xml"])
    fonts = styles.xpath("//w:style[w:name/@w:val='Normal']/w:rPr/w:rFonts/@w:ascii", namespaces=W)
    assert fonts == ["Georgia"]
    assert "Samenvatting" in paragraphs(body(data))


def test_comparison_template_is_generated_by_the_script(tmp_path):
    script = TEMPLATES / "make_report_templates.py"
    spec = importlib.util.spec_from_file_location("make_report_templates", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert "comparison-report.docx" in module.TEMPLATES
    module.main(tmp_path)
    name = "comparison-report.docx"
    assert (tmp_path / name).read_bytes() == (TEMPLATES / name).read_bytes(), f"{name} is stale: run {script}"


@pytest.mark.parametrize("lang, excluded, invalid", [
    ("nl", r"uitgesloten|uitsluiting", ["ongeldig", "terzijde gelegd"]),
    ("en", r"exclu(de|sion)", ["invalid", "set aside"]),
])
def test_bids_failing_a_knock_out_are_invalid_and_set_aside_never_excluded(lang, excluded, invalid):
    tender, subs, matrix, ev = sample("gemeente-it-beheer", lang)
    data = write_comparison_docx(ev, matrix, tender, subs, built=BUILT)
    everything = all_text(data)
    assert not re.search(excluded, everything, re.I)
    for phrase in invalid:
        assert phrase in everything
    assert [c.item for c in matrix.columns if c.kind == "suitability"] == ["SEC-04"]


@pytest.mark.parametrize("lang, marking, letters", [
    ("nl", "Vertrouwelijk - uitsluitend voor intern gebruik", "afzonderlijke brief per inschrijver"),
    ("en", "Confidential - for internal use only", "separate letter to each bidder"),
])
def test_report_is_marked_confidential_and_is_not_the_award_notice(lang, marking, letters):
    tender, subs, matrix, ev = sample("gemeente-it-beheer", lang)
    root = body(write_comparison_docx(ev, matrix, tender, subs, built=BUILT))
    lines = paragraphs(root)
    # On the cover, right under the title and subtitle, in bold.
    assert lines[2] == marking
    strong = root.xpath("//w:body/w:p[3]/w:r/w:rPr/w:rStyle/@w:val", namespaces=W)
    assert strong == ["Strong"]
    everything = "\n".join(lines)
    assert letters in everything
    assert "Dit rapport bevat die gegevens" not in everything and "This report contains that information" not in everything
