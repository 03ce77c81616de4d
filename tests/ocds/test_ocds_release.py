"""The OCDS export: every sample's release package is valid against the vendored OCDS 1.1.5 schemas with
the three extensions (:mod:`generator.ocds.check`), and says what the tender, the bids and the award say.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from functools import cache
from pathlib import Path
from typing import get_args

import pytest
import yaml

from generator.assemble import assemble
from generator.errors import InputError
from generator.library import load_library
from generator.models import tender as t
from generator.models.base import Text
from generator.models.clause import PARTIES, ChoiceAnswer, DateAnswer
from generator.models.spec import ContractType, Procedure
from generator.models.submission import (
    Answer, AnswerEntry, AnswerSet, Bidder, FormFinding, KpiEntry, KpiOffer, Responsibility, Source,
    Submission,
)
from generator.ocds import EXTENSIONS, PROCUREMENT_CATEGORY, PROCUREMENT_METHOD, AwardInfo, release_package
from generator.ocds.check import package_findings, release_schema
from generator.spec import load_spec
from generator.records import bidder_key
from factories import make_tender

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "samples").glob("*.yaml"))
PUBLISHED = dt.datetime(2027, 5, 12, 9, 30, tzinfo=dt.UTC)


def assert_valid(package: dict) -> None:
    findings = package_findings(package)
    assert not findings, "OCDS findings:\n" + "\n".join(map(str, findings))


# --- submissions built from the sample answer sets ------------------------------------------------

@cache
def sample(path: Path, lang: str | None = None):
    """A sample tender and its sample bids as :class:`Submission` objects, as the form parser would give."""
    library = load_library()
    tender = assemble(library, load_spec(path, library), lang)
    bids = sorted((ROOT / "samples" / "bids" / path.stem).glob("*.yaml"))
    return tender, [submission_from_answers(tender, bid) for bid in bids]


def submission_from_answers(tender, path: Path) -> Submission:
    """A Submission built by hand from a bidder's ANSWERS.yaml: values normalised, knock-outs recorded."""
    raw = path.read_bytes()
    data = AnswerSet.model_validate(yaml.safe_load(raw), strict=False)
    items = {item.id: item for item in [*tender.requirements, *tender.criteria]}
    answers, offers, findings = [], [], []
    for row, (item_id, entry) in enumerate(data.answers.items(), start=5):
        item = items.get(item_id)
        if item is None:  # a fixed KPI's acceptance, read below
            continue
        value = entry.answer if isinstance(entry, AnswerEntry) else entry
        if item.answer.type == "confirm":
            value = value in ("Ja", "Yes")
            if not value and item.kind == "requirement":
                findings.append(FormFinding(
                    severity="error", code="knockout", cell=f"Eisen!D{row}", item=item_id,
                    message="Eis met Nee beantwoord", message_en="Requirement answered No"))
        elif item.answer.type == "number":
            value = float(value)
        extra = entry if isinstance(entry, AnswerEntry) else AnswerEntry()
        answers.append(Answer(id=item_id, kind=item.kind, answer_type=item.answer.type, value=value,
                              raw=str(value), cell=f"Eisen!D{row}", remark=extra.remark,
                              attachment=extra.attachment))
    answers += [Answer(id=i.id, kind=i.kind, answer_type="raci", cell="Eisen!D4")
                for i in tender.requirements if i.answer.type == "raci"]
    for row, kpi in enumerate(tender.kpis, start=5):
        entry = data.kpis.get(kpi.id, data.answers.get(kpi.id))
        if entry is None:
            continue
        given = entry.value if isinstance(entry, KpiEntry) else entry
        value = float(given) if kpi.offer_allowed else None
        accepted = None if kpi.offer_allowed else given in ("Ja", "Yes")
        offers.append(KpiOffer(id=kpi.id, value=value, accepted=accepted, raw=str(given), unit=kpi.unit,
                               direction=kpi.direction, minimum=kpi.minimum, target=kpi.target,
                               cell=f"KPI!F{row}",
                               remark=entry.remark if isinstance(entry, KpiEntry) else None))
        if value is not None and not kpi.is_better_or_equal(value, kpi.minimum):
            findings.append(FormFinding(
                severity="error", code="kpi_below_minimum", cell=f"KPI!F{row}", item=kpi.id,
                message="KPI onder minimum", message_en="KPI below minimum"))
    responsibilities = [
        Responsibility(activity=a.id, party=party, cell=f"RACI!{'DEFG'[p]}{row}",
                       letters=data.responsibilities.get(a.id, a.roles).get(party, ""))
        for row, a in enumerate(tender.activities, start=5) for p, party in enumerate(PARTIES)
    ]
    return Submission(
        tender_reference=tender.reference, revision=tender.revision, form_version="1",
        language=tender.language, bidder=data.bidder, answers=answers, kpi_offers=offers,
        responsibilities=responsibilities, findings=findings,
        price_eur=None if data.price_eur is None else float(data.price_eur),
        source=Source(filename=path.with_suffix(".xlsx").name, sha256=hashlib.sha256(raw).hexdigest(),
                      size=len(raw)),
    )


def award_to_cheapest_valid(tender, submissions) -> tuple[AwardInfo, Submission]:
    winner = min((s for s in submissions if s.valid), key=lambda s: s.price_eur)
    award = AwardInfo(bidder_key=bidder_key(winner), date=tender.dates.award_decision,
                      value_eur=winner.price_eur)
    return award, winner


def package_for(path: Path, lang: str | None = None, *, with_award: bool = True):
    tender, subs = sample(path, lang)
    award, winner = award_to_cheapest_valid(tender, subs)
    return tender, subs, winner, release_package(tender, subs, published=PUBLISHED,
                                                 award=award if with_award else None)


def requirements_of(release: dict) -> dict[str, dict]:
    return {req["id"]: req for crit in release["tender"]["criteria"] for group in crit["requirementGroups"]
            for req in group["requirements"]}


# --- tests -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_sample_package_validates(path, lang):
    _, subs, _, package = package_for(path, lang)
    assert_valid(package)
    (release,) = package["releases"]
    assert release["language"] == lang and release["tag"] == ["tender", "award"]
    assert package["extensions"] == list(EXTENSIONS)
    assert len(release["bids"]["details"]) == len(subs) == release["tender"]["numberOfTenderers"]


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_sample_package_without_award_validates(path):
    *_, package = package_for(path, with_award=False)
    assert_valid(package)
    release = package["releases"][0]
    assert "awards" not in release and release["tag"] == ["tender"]
    assert all(party["roles"] != ["tenderer", "supplier"] for party in release["parties"])


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_requirement_responses_point_at_requirements(path):
    tender, subs, _, package = package_for(path)
    release = package["releases"][0]
    requirements = requirements_of(release)
    all_ids = [r["id"] for c in release["tender"]["criteria"] for g in c["requirementGroups"]
               for r in g["requirements"]]
    assert len(all_ids) == len(set(all_ids)), "requirement IDs must be unique"
    clause_ids = [i.id for i in [*tender.requirements, *tender.criteria, *tender.kpis]]
    assert [c["id"] for c in release["tender"]["criteria"]] == clause_ids
    response_ids = []
    for bid, sub in zip(release["bids"]["details"], sorted(subs, key=lambda s: bid_of(s))):
        assert bid["id"] == bid_of(sub)
        responses = {r["requirement"]["id"]: r for r in bid["requirementResponses"]}
        assert set(responses) <= set(requirements)
        response_ids += [r["id"] for r in bid["requirementResponses"]]
        for answer in sub.answers:
            if answer.answer_type != "raci":
                assert responses[answer.id]["value"] == answer.value
        for offer in sub.kpi_offers:
            assert responses[offer.id]["value"] == (offer.accepted if offer.value is None else offer.value)
        for activity in tender.activities:
            letters = {r.party: r.letters for r in sub.responsibilities if r.activity == activity.id}
            assert responses[activity.id]["value"] == ";".join(f"{p}={letters[p]}" for p in PARTIES)
        assert bid["status"] == ("disqualified" if sub.knocked_out else "valid")
    assert len(response_ids) == len(set(response_ids))


def bid_of(sub: Submission) -> str:
    return f"bid-NL-KVK-{sub.bidder.kvk}"


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_kpi_targets_and_minimums_match_the_tender(path):
    tender, _, _, package = package_for(path)
    release = package["releases"][0]
    targets = {m["id"]: m for m in release["tender"]["targets"]}
    requirements = requirements_of(release)
    assert list(targets) == [k.id for k in tender.kpis]
    for kpi in tender.kpis:
        levels = {o["dimensions"]["level"]: o for o in targets[kpi.id]["observations"]}
        assert levels["minimum"]["measure"] == kpi.minimum and levels["target"]["measure"] == kpi.target
        # The tender states the norm where it is a level of its own; an offered norm waits for the offer.
        assert ("norm" in levels) == (kpi.norm != "offered")
        assert levels["minimum"]["dimensions"]["direction"] == kpi.direction
        req = requirements[kpi.id]
        if not kpi.offer_allowed:
            assert (req["dataType"], req["expectedValue"]) == ("boolean", True)
        elif kpi.direction == "higher_is_better":
            assert req["dataType"] == "number"
            assert req["minValue"] == kpi.minimum and req.get("maxValue") == kpi.high
        else:
            assert req["dataType"] == "number"
            assert req["maxValue"] == kpi.minimum and req.get("minValue") == kpi.low
    units = {o["unit"].get("id") for m in targets.values() for o in m["observations"]}
    assert "P1" in units


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_agreed_metrics_are_the_winners_offers(path):
    *_, winner, package = package_for(path)
    (award,) = package["releases"][0]["awards"]
    agreed = {m["id"]: {o["dimensions"]["level"]: o["measure"] for o in m["observations"]}
              for m in award["agreedMetrics"]}
    # Per KPI offered or accepted: the tender's minimum and target, the value offered, and the binding norm.
    tender = package_for(path)[0]
    kpis = {k.id: k for k in tender.kpis}
    expected = {}
    for o in winner.kpi_offers:
        if o.value is None and not o.accepted:
            continue
        levels = {"minimum": o.minimum, "target": o.target}
        if o.value is not None:
            levels["offer"] = o.value
        levels["norm"] = kpis[o.id].binding_norm(o.value)
        expected[o.id] = levels
    assert agreed == expected
    assert award["suppliers"] == [{"id": f"NL-KVK-{winner.bidder.kvk}", "name": winner.bidder.name}]
    assert award["relatedBids"] == [bid_of(winner)]
    assert award["value"] == {"amount": winner.price_eur, "currency": "EUR"} and award["status"] == "pending"


def test_output_is_deterministic_json_and_ignores_submission_order():
    tender, subs = sample(SAMPLES[0])
    award, _ = award_to_cheapest_valid(tender, subs)
    first = json.dumps(release_package(tender, subs, published=PUBLISHED, award=award), allow_nan=False)
    again = json.dumps(release_package(tender, list(reversed(subs)), published=PUBLISHED, award=award))
    assert first == again


def test_fields_we_rely_on_are_declared_in_the_merged_schema():
    definitions = release_schema()["definitions"]
    relied_on = {
        "Tender": ["criteria", "targets", "procurementMethod", "awardCriteriaDetails"],
        "Criterion": ["requirementGroups"],
        "RequirementGroup": ["requirements"],
        "Requirement": ["dataType", "expectedValue", "minValue", "maxValue", "pattern"],
        "Bid": ["tenderers", "status", "value", "requirementResponses", "identifiers", "submissionType"],
        "RequirementResponse": ["requirement", "value"],
        "Award": ["agreedMetrics", "relatedBids"],
        "Metric": ["observations"],
        "Observation": ["measure", "unit", "dimensions"],
    }
    for definition, fields in relied_on.items():
        for name in fields:
            assert name in definitions[definition]["properties"], f"{definition}.{name}"
    assert "bids" in release_schema()["properties"]


# The rows of the OCDS extension registry (extension_versions.csv) for the three extensions the export uses:
# each extension's base URL at every version the registry lists. Only a listed version can be loaded by
# the community's validators; the metrics extension is not listed at ``master``.
REGISTRY = {
    "requirements": ("https://raw.githubusercontent.com/open-contracting-extensions/ocds_requirements_extension/",
                     ["master"]),
    "bids": ("https://raw.githubusercontent.com/open-contracting-extensions/ocds_bid_extension/",
             ["master", "v1.1.5", "v1.1.4", "v1.1.3", "v1.1.1", "v1.1"]),
    "metrics": ("https://raw.githubusercontent.com/open-contracting-extensions/ocds_metrics_extension/",
                ["1.1", "v1.1"]),
}


def test_extension_urls_are_pinned_to_versions_the_registry_lists():
    assert EXTENSIONS == (
        "https://raw.githubusercontent.com/open-contracting-extensions/ocds_requirements_extension/master/extension.json",
        "https://raw.githubusercontent.com/open-contracting-extensions/ocds_bid_extension/master/extension.json",
        "https://raw.githubusercontent.com/open-contracting-extensions/ocds_metrics_extension/1.1/extension.json",
    )
    for url, (base, versions) in zip(EXTENSIONS, REGISTRY.values(), strict=True):
        version, name = url.removeprefix(base).split("/")
        assert name == "extension.json" and version in versions, url
    *_, package = package_for(SAMPLES[0])
    assert package["extensions"] == list(EXTENSIONS)


def test_the_ocid_prefix_comes_from_the_caller_the_tender_or_the_placeholder():
    def ocid(tender, **kw) -> str:
        return release_package(tender, [bid()], published=PUBLISHED, **kw)["releases"][0]["ocid"]

    tender = make_tender()
    assert ocid(tender) == "ocds-tenderpack-TEST-2027-001"  # the placeholder, as before the option existed
    registered = tender.model_copy(update={"ocid_prefix": "ocds-x7y8z9"})
    assert ocid(registered) == "ocds-x7y8z9-TEST-2027-001"
    assert ocid(registered, ocid_prefix="ocds-abc123") == "ocds-abc123-TEST-2027-001"
    for wrong in ("ocds-tenderpack", "ocds-abc123-", "OCDS-abc123", ""):
        with pytest.raises(InputError, match=r"^ocid_prefix: .* is not a registered OCID prefix: 'ocds-' and"):
            ocid(tender, ocid_prefix=wrong)
    with pytest.raises(InputError, match="'ocds-1' is not a registered OCID prefix"):
        ocid(tender.model_copy(update={"ocid_prefix": "ocds-1"}))


def test_code_lists_cover_every_procedure_and_contract_type():
    tender_props = release_schema()["definitions"]["Tender"]["properties"]
    assert set(PROCUREMENT_METHOD) == set(get_args(Procedure))
    assert set(PROCUREMENT_METHOD.values()) <= set(tender_props["procurementMethod"]["enum"])
    assert set(PROCUREMENT_CATEGORY) == set(get_args(ContractType))
    assert set(PROCUREMENT_CATEGORY.values()) <= set(tender_props["mainProcurementCategory"]["enum"])


# --- a small tender built in code -----------------------------------------------------------------

def bid(name="Bouwbedrijf De Vries B.V.", kvk: str | None = "12345678", *, ko=False,
        reference="TEST-2027-001", findings=()) -> Submission:
    """A submission to :func:`small_tender`: REQ-03 unanswered, a knock-out on REQ-01 if ``ko``."""
    values = {"REQ-01": ("confirm", not ko), "REQ-02": ("confirm", True), "REQ-03": ("confirm", None),
              "REQ-90": ("number", 4.0), "REQ-91": ("date", dt.date(2027, 4, 1)), "REQ-92": ("choice", "b+"),
              "AWD-01": ("text", "Wij werken samen.")}
    answers = [Answer(id=i, kind="award_criterion" if i.startswith("AWD") else "requirement",
                      answer_type=kind, value=value, cell="Eisen!D5") for i, (kind, value) in values.items()]
    if ko:
        findings = [FormFinding(severity="error", code="knockout", item="REQ-01", message="Nee",
                                message_en="No")]
    return Submission(
        tender_reference=reference, revision=1, form_version="1", language="nl",
        bidder=Bidder(name=name, kvk=kvk, address="Dorpsstraat 5, 1234 AB Testdorp"), answers=answers,
        kpi_offers=[KpiOffer(id=f"KPI-0{i}", value=value, accepted=accepted, unit="percent",
                             direction="higher_is_better", minimum=99.0, target=99.8, cell=f"KPI!F{4 + i}")
                    for i, value, accepted in ((1, 99.5, None), (2, None, True))],
        responsibilities=[Responsibility(activity="RACI-02", party="contractor", letters="RA",
                                         cell="RACI!E6")],
        price_eur=100000.0, findings=list(findings),
        source=Source(filename=f"{name}.xlsx", sha256=name.encode().hex(), size=1),
    )


def small_tender() -> t.Tender:
    """:func:`factories.make_tender` plus a date and a choice requirement; KPI-02's levels are fixed."""
    tender = make_tender()
    base = tender.requirements[0]
    extra = [base.model_copy(update={"id": "REQ-91", "answer": DateAnswer(type="date")}),
             base.model_copy(update={"id": "REQ-92", "answer": ChoiceAnswer(
                 type="choice", options={"a": Text(nl="A"), "b+": Text(nl="B plus")})})]
    kpis = [tender.kpis[0], tender.kpis[1].model_copy(update={"offer_allowed": False, "norm": "minimum"})]
    return tender.model_copy(update={"requirements": [*tender.requirements, *extra], "kpis": kpis})


def test_small_tender_maps_answer_types_and_statuses():
    altered = FormFinding(severity="error", code="text_altered", item="REQ-02", message="Tekst gewijzigd",
                          message_en="Text altered")
    subs = [bid(), bid("Ander B.V.", None, ko=True), bid("Derde B.V.", "87654321", findings=[altered])]
    award = AwardInfo(bidder_key="kvk:12345678", date=dt.date(2027, 3, 20), value_eur=100000.0,
                      status="active")
    package = release_package(small_tender(), subs, published=PUBLISHED, award=award,
                              ocid_prefix="ocds-abc123", uri_prefix="https://example.org/ocds/")
    assert_valid(package)
    release = package["releases"][0]
    assert release["ocid"] == "ocds-abc123-TEST-2027-001"
    assert package["uri"] == "https://example.org/ocds/" + release["id"]
    assert release["tender"]["status"] == "complete" and release["awards"][0]["status"] == "active"
    reqs = requirements_of(release)
    assert reqs["REQ-01"]["dataType"] == "boolean" and reqs["REQ-01"]["expectedValue"] is True
    assert [reqs["REQ-90"][k] for k in ("dataType", "minValue", "maxValue")] == ["integer", 1, 48]
    assert reqs["AWD-01"]["dataType"] == "string" and "expectedValue" not in reqs["AWD-01"]
    assert reqs["REQ-91"]["dataType"] == "date-time"
    assert reqs["REQ-92"]["dataType"] == "string" and re.fullmatch(reqs["REQ-92"]["pattern"], "b+")
    assert not re.fullmatch(reqs["REQ-92"]["pattern"], "bb")
    assert reqs["RACI-01"]["expectedValue"] == "client=A;contractor=R;joint=;third_party="
    assert "expectedValue" not in reqs["RACI-02"]
    criterion = next(c for c in release["tender"]["criteria"] if c["id"] == "REQ-01")
    assert criterion["requirementGroups"][0]["id"] == "REQ-01-1"
    bids = {b["id"]: b for b in release["bids"]["details"]}
    assert {b: bids[b]["status"] for b in bids} == {"bid-NL-KVK-12345678": "valid",
                                                    "bid-tenderer-ander-b-v": "disqualified",
                                                    "bid-NL-KVK-87654321": "pending"}
    loser = bids["bid-tenderer-ander-b-v"]
    responses = {r["requirement"]["id"]: r["value"] for r in loser["requirementResponses"]}
    assert responses["REQ-01"] is False and "REQ-03" not in responses
    assert responses["RACI-02"] == "client=;contractor=RA;joint=;third_party="
    assert responses["REQ-91"] == "2027-04-01T00:00:00+02:00" and responses["REQ-92"] == "b+"
    assert responses["REQ-90"] == 4 and "RES-01" not in responses
    assert responses["KPI-01"] == 99.5 and responses["KPI-02"] is True
    assert [reqs["KPI-01"][k] for k in ("dataType", "minValue", "maxValue")] == ["number", 99, 100]
    assert reqs["KPI-02"]["dataType"] == "boolean" and reqs["KPI-02"]["expectedValue"] is True
    agreed = {m["id"]: {o["id"]: o["measure"] for o in m["observations"]}
              for m in release["awards"][0]["agreedMetrics"]}
    # Every level by name; the norm binds the offer of KPI-01 and the minimum of the fixed KPI-02.
    assert agreed == {"KPI-01": {"KPI-01-minimum": 99, "KPI-01-target": 99.8, "KPI-01-offer": 99.5,
                                 "KPI-01-norm": 99.5},
                      "KPI-02": {"KPI-02-minimum": 99, "KPI-02-target": 99.8, "KPI-02-norm": 99}}
    norm = next(o for m in release["awards"][0]["agreedMetrics"] if m["id"] == "KPI-02" for o in m["observations"]
                if o["dimensions"]["level"] == "norm")
    assert norm["dimensions"]["normLevel"] == "minimum"
    parties = {p["id"]: p for p in release["parties"]}
    assert parties["NL-KVK-12345678"]["identifier"] == {"scheme": "NL-KVK", "id": "12345678",
                                                          "legalName": "Bouwbedrijf De Vries B.V."}
    assert parties["NL-KVK-12345678"]["address"]["postalCode"] == "1234 AB"
    assert parties["NL-KVK-12345678"]["roles"] == ["tenderer", "supplier"]
    assert "identifier" not in parties["tenderer-ander-b-v"]
    assert parties["gemeente-testdorp"]["roles"] == ["buyer", "procuringEntity"]
    assert release["tender"]["tenderPeriod"] == {"startDate": "2027-01-10T00:00:00+01:00",
                                                  "endDate": "2027-03-01T12:00:00+01:00"}
    assert release["tender"]["contractPeriod"]["endDate"] == "2030-04-30T23:59:59+02:00"


UNKNOWN_WINNER = AwardInfo(bidder_key="kvk:99999999", date=dt.date(2027, 3, 20), value_eur=1.0)


@pytest.mark.parametrize("problem, subs, award", [
    ("is for tender OTHER-2027, not TEST-2027-001", [bid(reference="OTHER-2027")], None),
    ("a second submission of bidder NL-KVK-12345678", [bid(), bid(name="De Vries")], None),
    ("neither a KvK number nor a name", [bid(name="", kvk=None)], None),
    ("names a bidder without a submission", [bid()], UNKNOWN_WINNER),
])
def test_inconsistent_input_is_refused(problem, subs, award):
    with pytest.raises(InputError, match=problem):
        release_package(make_tender(), subs, published=PUBLISHED, award=award)


def test_published_needs_a_timezone():
    with pytest.raises(ValueError, match="timezone"):
        release_package(make_tender(), [bid()], published=dt.datetime(2027, 5, 12, 9, 30))
