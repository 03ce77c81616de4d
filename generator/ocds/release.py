"""OCDS 1.1 export: a tender with its bids (and, once decided, its award) as one release package.

The release uses three extensions: requirements (``tender.criteria``: every requirement, award criterion
and KPI minimum as criterion -> requirement group -> requirement), bids (``bids.details`` with each
bidder's ``requirementResponses``) and metrics (``tender.targets`` for the KPI levels,
``awards[].agreedMetrics`` for the winner's offers). Requirement IDs are our own IDs, unchanged: a clause
ID (``GOV-03``) for a requirement, award criterion or KPI, an activity ID (``RACI-02``) for a row of the
responsibility matrix. A criterion has the clause's ID and one requirement group, ``<clause ID>-1``.

Every value is derived from the inputs alone and lists are ordered by ID or by the tender's order, never
by the order submissions arrive in, so the same inputs always give the same package.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any, Literal
from zoneinfo import ZoneInfo

from .. import labels
from ..errors import InputError, Location
from ..form.answers import asked, number_range
from ..models.base import Language, Model
from ..models.clause import PARTIES
from ..models.spec import ocid_prefix_problem
from ..models.submission import Bidder, Submission
from ..models.tender import Activity, Item, Kpi, Tender
from ..records import bidder_key, claimed
from ..text import format_euro, format_number

_EXTENSIONS_HOME = "https://raw.githubusercontent.com/open-contracting-extensions"
EXTENSIONS = (
    f"{_EXTENSIONS_HOME}/ocds_requirements_extension/master/extension.json",
    f"{_EXTENSIONS_HOME}/ocds_bid_extension/master/extension.json",
    f"{_EXTENSIONS_HOME}/ocds_metrics_extension/1.1/extension.json",
)
"""The extension.json URLs of the extensions the package uses, as listed in its ``extensions`` array: each
extension's base URL at the version the OCDS extension registry lists (its ``extension_versions.csv``).
The registry lists requirements only at ``master``, and metrics at ``1.1`` (its ``master`` is not listed,
so validators cannot load it); for bids the tagged versions (up to v1.1.5, 2020) predate the fields the
export uses, so ``master`` is the listed version that has them."""

DEFAULT_OCID_PREFIX = "ocds-tenderpack"
"""The OCID prefix when neither the caller nor the tender gives one: a placeholder, not registered; an
authority publishing OCDS data must use the prefix registered for it."""

TIMEZONE = ZoneInfo("Europe/Amsterdam")
"""The tender's dates are Dutch calendar dates and local times; OCDS needs date-times with an offset."""

PROCUREMENT_METHOD: dict[str, str] = {
    "open": "open",
    "national_open": "open",
    "restricted": "selective",
    "competitive_dialogue": "selective",
    "competitive_negotiation": "selective",
    "innovation_partnership": "selective",
    "multiple_private": "limited",
    "single_private": "direct",
}
"""Our procedure codes on the closed OCDS method codelist; ``procurementMethodDetails`` keeps ours."""

PROCUREMENT_CATEGORY: dict[str, str] = {"works": "works", "services": "services", "supplies": "goods"}
"""Our contract types on the closed OCDS procurementCategory codelist."""

UNCEFACT: dict[str, str] = {
    "percent": "P1", "hours": "HUR", "minutes": "MIN", "working_days": "E49", "calendar_days": "DAY",
    "weeks": "WEE", "count": "C62", "tonnes_co2": "TNE",
}
"""UN/CEFACT Recommendation 20 codes of our units; ``score`` and ``fte`` have none (name only) and
``euro`` is given as a monetary ``value`` instead of a measure."""

RACI_PATTERN = "^" + ";".join(f"{party}=R?A?C?I?" for party in PARTIES) + "$"
"""The form of a RACI response, the letters per party: ``client=C;contractor=RA;joint=I;third_party=``."""

_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_WORDS: dict[str, dict[Language, str]] = {
    "price": {"nl": "prijs", "en": "price"},
    "lowest_relative": {"nl": "relatief ten opzichte van de laagste prijs",
                        "en": "relative to the lowest price"},
    "linear": {"nl": "lineair tussen {best} en {worst}", "en": "linear between {best} and {worst}"},
    "scale": {"nl": "beoordelingsschaal", "en": "scoring scale"},
    "attachment": {"nl": "Bijlage bij {id}", "en": "Attachment to {id}"},
    "country": {"nl": "Nederland", "en": "Netherlands"},
}
_POSTAL_ADDRESS = re.compile(r"(?P<street>.+?),\s*(?P<postal>[1-9][0-9]{3}\s?[A-Z]{2})\s+(?P<city>.+)")


class AwardInfo(Model):
    """Who won and for how much, as the evaluation decided.

    ``bidder_key`` identifies the winning submission as :func:`generator.records.bidder_key` does
    (``kvk:12345678`` or ``name:<normalised name>``). ``status`` is ``pending`` while the award decision
    is in its standstill period and ``active`` once it is final.
    """

    bidder_key: str
    date: dt.date
    value_eur: float
    status: Literal["pending", "active"] = "pending"


def release_package(
    tender: Tender,
    submissions: list[Submission],
    *,
    published: dt.datetime,
    award: AwardInfo | None = None,
    ocid_prefix: str | None = None,
    uri_prefix: str = "urn:tenderpack:ocds:",
) -> dict[str, Any]:
    """The OCDS 1.1 release package of ``tender`` with its ``submissions`` (and ``award``), JSON-ready.

    ``published`` (timezone-aware) is the package's ``publishedDate`` and the release's ``date``; it also
    makes the release ID unique per export. The ocid is the OCID prefix, a hyphen and the tender
    reference; the prefix is ``ocid_prefix``, else the tender's own (from its spec), else the placeholder
    :data:`DEFAULT_OCID_PREFIX`. The package URI is ``uri_prefix`` + the release ID. Answers to IDs the
    tender does not define, and unanswered items, give no requirement response. Raises
    :class:`InputError` when the given or the tender's OCID prefix is not a registered prefix's form
    (``ocds-`` and six lowercase letters or digits), a submission belongs to another tender, two
    submissions come from the same bidder, a bidder has neither KvK number nor name, or the award names a
    bidder without a submission; ``ValueError`` when ``published`` has no timezone.
    """
    if published.tzinfo is None or published.utcoffset() is None:
        raise ValueError("published must be timezone-aware")
    prefix = ocid_prefix if ocid_prefix is not None else tender.ocid_prefix
    if prefix is not None and (problem := ocid_prefix_problem(prefix)):
        raise InputError(problem, Location(field="ocid_prefix"))
    lang = tender.language
    bidders = _bidders(tender, submissions)
    criteria = _criteria(tender)
    buyer = {"id": _slug(tender.authority.name) or "buyer", "name": tender.authority.name}
    winner = _winner(award, bidders) if award else None
    tags = ["tender", "award"] if award else ["tender"]
    stamp = published.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    release_id = f"{tender.reference}-r{tender.revision}-{'-'.join(tags)}-{stamp}"
    release = {
        "ocid": f"{prefix or DEFAULT_OCID_PREFIX}-{tender.reference}",
        "id": release_id,
        "date": published.isoformat(timespec="seconds"),
        "tag": tags,
        "initiationType": "tender",
        "language": lang,
        "parties": [_buyer_party(tender, buyer["id"])]
        + [_tenderer_party(party_id, sub.bidder, party_id == winner, lang) for party_id, sub in bidders],
        "buyer": buyer,
        "tender": _tender(tender, criteria, buyer, bidders, award),
        "bids": {"details": [_bid(criteria, party_id, sub, lang) for party_id, sub in bidders]},
        "awards": [_award(tender, award, winner, dict(bidders)[winner])] if award and winner else None,
    }
    package = {
        "uri": uri_prefix + release_id,
        "version": "1.1",
        "extensions": list(EXTENSIONS),
        "publishedDate": published.isoformat(timespec="seconds"),
        "publisher": {"name": tender.authority.name},
        "releases": [release],
    }
    return _prune(package)


def _bidders(tender: Tender, submissions: list[Submission]) -> list[tuple[str, Submission]]:
    """Each submission with its party ID, ordered by party ID."""
    seen: dict[str, Submission] = {}
    for sub in submissions:
        where = Location(path=sub.source.filename)
        if sub.tender_reference != tender.reference:
            raise InputError(f"the submission is for tender {sub.tender_reference}, not {tender.reference}",
                             where)
        party_id = _party_id(sub)
        if party_id in seen:
            raise InputError(f"a second submission of bidder {party_id} (the first is "
                             f"{seen[party_id].source.filename}); export current submissions only", where)
        seen[party_id] = sub
    return sorted(seen.items())


def _party_id(sub: Submission) -> str:
    """``NL-KVK-<number>`` for a bidder with a KvK number, else ``tenderer-<name slug>``; followed by
    ``-`` and 12 hex digits of the file's SHA-256 when another current bid claims the same bidder, so
    that both are exported as parties (their identifiers may then name one KvK number)."""
    kvk = _kvk(sub.bidder)
    slug = _slug(sub.bidder.name or "")
    if not kvk and not slug:
        raise InputError("the bidder has neither a KvK number nor a name", Location(path=sub.source.filename))
    party_id = f"NL-KVK-{kvk}" if kvk else f"tenderer-{slug}"
    return f"{party_id}-{sub.source.sha256[:12]}" if claimed(sub) else party_id


def _winner(award: AwardInfo, bidders: list[tuple[str, Submission]]) -> str:
    for party_id, sub in bidders:
        if bidder_key(sub) == award.bidder_key:
            return party_id
    raise InputError("the award names a bidder without a submission", Location(item=award.bidder_key))


def _buyer_party(tender: Tender, party_id: str) -> dict[str, Any]:
    authority = tender.authority
    contact = authority.contact
    return {
        "id": party_id,
        "name": authority.name,
        "address": _address(authority.address, tender.language),
        "contactPoint": {"name": contact.name, "email": contact.email, "telephone": contact.phone},
        "roles": ["buyer", "procuringEntity"],
    }


def _tenderer_party(party_id: str, bidder: Bidder, won: bool, lang: Language) -> dict[str, Any]:
    kvk = _kvk(bidder)
    return {
        "id": party_id,
        "name": bidder.name,
        "identifier": {"scheme": "NL-KVK", "id": kvk, "legalName": bidder.name} if kvk else None,
        "address": _address(bidder.address, lang) if bidder.address else None,
        "contactPoint": {"name": bidder.contact, "email": bidder.email, "telephone": bidder.phone},
        "roles": ["tenderer", "supplier"] if won else ["tenderer"],
    }


def _tender(tender: Tender, criteria: list[dict[str, Any]], buyer: dict[str, str],
            bidders: list[tuple[str, Submission]], award: AwardInfo | None) -> dict[str, Any]:
    lang = tender.language
    dates = tender.dates
    cpv = tender.cpv.split("-")[0]
    final = award is not None and award.status == "active"
    quality_only = tender.award.method == "weighted_score" and not tender.award.price_weight
    return {
        "id": tender.reference,
        "title": tender.title,
        "description": tender.summary,
        "status": "complete" if final else "active",
        "procuringEntity": buyer,
        "items": [{"id": cpv, "description": tender.title, "classification": {"scheme": "CPV", "id": cpv}}],
        "value": _euro(tender.estimated_value_eur),
        "procurementMethod": PROCUREMENT_METHOD[tender.procedure],
        "procurementMethodDetails": labels.label(labels.PROCEDURE, tender.procedure, lang),
        "mainProcurementCategory": PROCUREMENT_CATEGORY[tender.contract_type],
        "awardCriteria": "qualityOnly" if quality_only else "ratedCriteria",
        "awardCriteriaDetails": _award_details(tender),
        "tenderPeriod": {"startDate": _start(dates.publication),
                         "endDate": _local(dates.submission_deadline)},
        "enquiryPeriod": {"startDate": _start(dates.publication), "endDate": _end(dates.questions_deadline)},
        "awardPeriod": {"startDate": _local(dates.submission_deadline),
                        "endDate": _end(dates.award_decision) if dates.award_decision else None},
        "contractPeriod": _contract_period(tender),
        "numberOfTenderers": len(bidders),
        "tenderers": [{"id": party_id, "name": sub.bidder.name} for party_id, sub in bidders],
        "amendments": [{"id": f"{tender.reference}-r{r.revision}", "date": _start(r.date),
                        "description": r.description} for r in tender.revisions if r.revision > 1],
        "criteria": criteria,
        "targets": [_metric(k, _levels(k, None), lang) for k in tender.kpis],
    }


def _award_details(tender: Tender) -> str:
    """The award method in words: the method, each criterion's weight or euro value, price, the scale."""
    lang = tender.language
    method = tender.award
    parts = [labels.label(labels.METHOD, method.method, lang)]
    for c in tender.criteria:
        if method.method == "weighted_score" and c.weight is not None:
            parts.append(f"{c.id} {c.title}: {format_number(c.weight, lang)}%")
        elif c.value_eur is not None:
            parts.append(f"{c.id} {c.title}: {format_euro(c.value_eur, lang)}")
    if method.price_weight:
        rule = method.price_scoring
        if rule is None:
            how = ""
        elif rule.rule == "lowest_relative":
            how = f" ({_WORDS['lowest_relative'][lang]})"
        else:
            how = " (" + _WORDS["linear"][lang].format(best=format_euro(rule.best, lang),
                                                       worst=format_euro(rule.worst, lang)) + ")"
        parts.append(f"{_WORDS['price'][lang]}: {format_number(method.price_weight, lang)}%{how}")
    parts.append(f"{_WORDS['scale'][lang]}: " + ", ".join(str(step.score) for step in method.scale))
    return "; ".join(parts)


def _criteria(tender: Tender) -> list[dict[str, Any]]:
    """One criterion per requirement, award criterion and KPI, in the tender's order."""
    lang = tender.language
    out = []
    for item in [*tender.requirements, *tender.criteria]:
        assert item.answer is not None, f"{item.id} asks nothing"
        if item.answer.type == "raci":
            requirements = [_raci_requirement(a) for a in tender.activities]
        else:
            requirements = [_item_requirement(item, lang)]
        if requirements:
            out.append(_criterion(item.id, item.title, item.text, requirements))
    for kpi in tender.kpis:
        out.append(_criterion(kpi.id, kpi.title, kpi.text, [_kpi_requirement(kpi)]))
    return out


def _criterion(clause_id: str, title: str, text: str, requirements: list[dict[str, Any]]) -> dict[str, Any]:
    # No relatesToTenderer: the library does not record whether a clause judges the tenderer or the bid.
    return {"id": clause_id, "title": title, "description": text,
            "requirementGroups": [{"id": f"{clause_id}-1", "requirements": requirements}]}


def _item_requirement(item: Item, lang: Language) -> dict[str, Any]:
    """A requirement or award criterion's question; only a knock-out confirmation has an expected value."""
    answer = item.answer
    assert answer is not None
    req: dict[str, Any] = {"id": item.id, "title": item.title, "description": asked(answer, lang)}
    if answer.type == "confirm":
        req["dataType"] = "boolean"
        if item.kind == "requirement":
            req["expectedValue"] = True
    elif answer.type == "choice":
        req["dataType"] = "string"
        req["pattern"] = "^(" + "|".join(re.escape(key) for key in answer.options) + ")$"
    elif answer.type == "number":
        low, high = number_range(answer)
        req.update(dataType="integer" if answer.decimals == 0 else "number",
                   minValue=_num(low), maxValue=_num(high))
    elif answer.type == "date":
        req["dataType"] = "date-time"
    else:
        req["dataType"] = "string"
    return req


def _kpi_requirement(kpi: Kpi) -> dict[str, Any]:
    """The KPI's knock-out floor: an offer must reach the minimum in the KPI's direction, within bounds.

    A KPI whose levels are fixed asks the bidder to accept minimum and target (Ja), as the form does.
    """
    req = {"id": kpi.id, "title": kpi.title, "description": kpi.definition}
    if not kpi.offer_allowed:
        return req | {"dataType": "boolean", "expectedValue": True}
    if kpi.direction == "higher_is_better":
        low, high = kpi.minimum, kpi.high
    else:
        low, high = kpi.low, kpi.minimum
    return req | {"dataType": "number", "minValue": _num(low), "maxValue": _num(high)}


def _raci_requirement(activity: Activity) -> dict[str, Any]:
    """A row of the responsibility matrix; a fixed activity expects the tender's own letters."""
    return {"id": activity.id, "title": activity.title, "description": activity.description,
            "dataType": "string", "pattern": RACI_PATTERN,
            "expectedValue": _raci(activity.roles) if activity.fixed else None}


def _raci(roles: dict[str, str]) -> str:
    return ";".join(f"{party}={roles.get(party, '')}" for party in PARTIES)


def _bid(criteria: list[dict[str, Any]], party_id: str, sub: Submission, lang: Language) -> dict[str, Any]:
    """A bid: tenderer, status, price, the returned form and attachments, and the requirement responses."""
    bid_id = f"bid-{party_id}"
    answers = {a.id: a for a in sub.answers}
    offers = {k.id: k for k in sub.kpi_offers}
    letters: dict[str, dict[str, str]] = {}
    for r in sub.responsibilities:
        letters.setdefault(r.activity, {})[r.party] = r.letters
    responses = []
    for crit in criteria:
        for req in crit["requirementGroups"][0]["requirements"]:
            rid = req["id"]
            if rid in answers:
                value, remark = _json_value(answers[rid].value), answers[rid].remark
            elif rid in offers:
                offer = offers[rid]
                value, remark = offer.accepted if offer.value is None else _num(offer.value), offer.remark
            elif rid in letters:
                value, remark = _raci(letters[rid]), sub.activity_remarks.get(rid)
            else:
                continue
            if value is not None and value != "":
                responses.append({"id": f"{bid_id}-{rid}", "requirement": {"id": rid, "title": req["title"]},
                                  "value": value, "description": remark})
    documents = [{"id": f"{bid_id}-form", "documentType": "submissionDocuments", "title": sub.source.filename,
                  "format": _XLSX}]
    documents += [{"id": f"{bid_id}-{a.id}-attachment", "documentType": "submissionDocuments",
                   "title": a.attachment, "description": _WORDS["attachment"][lang].format(id=a.id)}
                  for a in sorted(sub.answers, key=lambda a: a.id) if a.attachment]
    return {
        "id": bid_id,
        # The SHA-256 of the returned form: the key the store keeps each submitted file under.
        "identifiers": [{"scheme": "SHA-256", "id": sub.source.sha256}],
        "submissionType": "bid",
        "status": "disqualified" if sub.knocked_out else "valid" if sub.valid else "pending",
        "tenderers": [{"id": party_id, "name": sub.bidder.name}],
        "value": _euro(sub.price_eur),
        "documents": documents,
        "requirementResponses": responses,
    }


def _award(tender: Tender, award: AwardInfo, party_id: str, sub: Submission) -> dict[str, Any]:
    """The award to the winner, with the KPI levels agreed: per KPI the winner offered or accepted, the
    minimum, the target, the value offered (where offered) and the binding norm."""
    offers = {o.id: o for o in sub.kpi_offers}
    agreed = []
    for kpi in tender.kpis:
        offer = offers.get(kpi.id)
        offered = offer.value if offer is not None and kpi.offer_allowed else None
        if offered is not None or (offer is not None and offer.accepted):
            agreed.append(_metric(kpi, _levels(kpi, offered), tender.language))
    return {
        "id": f"award-{party_id}",
        "status": award.status,
        "date": _start(award.date),
        "value": _euro(award.value_eur),
        "suppliers": [{"id": party_id, "name": sub.bidder.name}],
        "relatedBids": [f"bid-{party_id}"],
        "contractPeriod": _contract_period(tender),
        "agreedMetrics": agreed,
    }


def _levels(kpi: Kpi, offered: float | None) -> list[tuple[str, float]]:
    """A KPI's named levels: minimum, target, the ``offered`` value when given, and the binding norm
    (:meth:`Kpi.binding_norm`), which the tender alone cannot state when the offer binds."""
    levels = [("minimum", kpi.minimum), ("target", kpi.target)]
    if offered is not None:
        levels.append(("offer", offered))
    if kpi.norm != "offered" or offered is not None:
        levels.append(("norm", kpi.binding_norm(offered)))
    return levels


def _metric(kpi: Kpi, levels: list[tuple[str, float]], lang: Language) -> dict[str, Any]:
    """A KPI as a metric with an observation per level: ``minimum``, ``target``, the bidder's ``offer``
    and the binding ``norm``."""
    observations = []
    for level, value in levels:
        dimensions = {"level": level, "direction": kpi.direction, "frequency": kpi.frequency}
        if level == "norm":
            dimensions["normLevel"] = kpi.norm
        obs: dict[str, Any] = {"id": f"{kpi.id}-{level}", "dimensions": dimensions}
        if kpi.unit == "euro":
            obs["value"] = _euro(value)
        else:
            code = UNCEFACT.get(kpi.unit)
            obs["measure"] = _num(value)
            obs["unit"] = {"name": labels.label(labels.UNIT, kpi.unit, lang),
                           "scheme": "UNCEFACT" if code else None, "id": code}
        observations.append(obs)
    return {"id": kpi.id, "title": kpi.title, "description": kpi.definition, "observations": observations}


def _contract_period(tender: Tender) -> dict[str, str]:
    return {"startDate": _start(tender.dates.contract_start), "endDate": _end(tender.dates.contract_end)}


def _address(text: str, lang: Language) -> dict[str, str]:
    """A Dutch one-line address split into street, postcode and place when it has that shape."""
    match = _POSTAL_ADDRESS.fullmatch(text.strip())
    if not match:
        return {"streetAddress": text}
    return {"streetAddress": match["street"], "postalCode": match["postal"], "locality": match["city"],
            "countryName": _WORDS["country"][lang]}


def _kvk(bidder: Bidder) -> str:
    return "".join(ch for ch in bidder.kvk or "" if ch.isdigit())


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def _start(day: dt.date) -> str:
    return dt.datetime.combine(day, dt.time(0, 0), TIMEZONE).isoformat()


def _end(day: dt.date) -> str:
    return dt.datetime.combine(day, dt.time(23, 59, 59), TIMEZONE).isoformat()


def _local(moment: dt.datetime) -> str:
    """A naive date-time read as Dutch local time; an aware one as is."""
    return (moment if moment.tzinfo else moment.replace(tzinfo=TIMEZONE)).isoformat(timespec="seconds")


def _euro(amount: float | None) -> dict[str, Any] | None:
    return None if amount is None else {"amount": _num(amount), "currency": "EUR"}


def _num(value: float | None) -> int | float | None:
    """A number as JSON shows it best: whole numbers without ``.0``."""
    if value is None or isinstance(value, bool):
        return value
    return int(value) if float(value).is_integer() else value


def _json_value(value: object) -> object:
    if isinstance(value, dt.date):
        return _start(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _num(value)
    return value


def _prune(value: Any) -> Any:
    """``value`` without ``None`` fields and empty lists or objects (OCDS arrays must not be empty)."""
    if isinstance(value, dict):
        pruned = {k: _prune(v) for k, v in value.items()}
        return {k: v for k, v in pruned.items() if v is not None and v != [] and v != {}}
    if isinstance(value, list):
        return [_prune(v) for v in value]
    return value
