"""The tender spec: what a procurement officer writes in YAML to describe one tender.

The spec picks clauses from the library and sets their parameters, the KPI levels, the award criteria
with their weights or euro values, the scoring method and the key dates. The checks that need the
library (unknown clause, parameter bounds, KPI floors) live in :mod:`generator.spec`; the checks here
need the spec alone.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import Field, model_validator

from .base import Language, Model, Text, XmlText
from .clause import CLAUSE_ID, Norm, Number, Party, RaciLetters

REFERENCE = r"^[A-Za-z0-9][A-Za-z0-9._/-]{2,63}$"
CPV = r"^[0-9]{8}-[0-9]$"
OCID_PREFIX = re.compile(r"ocds-[a-z0-9]{6}")
"""A registered OCID prefix: the issuer ``ocds`` (the Open Contracting Partnership, the only issuer so far),
a hyphen and six lowercase letters or digits (OCDS documentation, Identifiers, "OCID prefix")."""

# Dates may be written as YAML dates or as ISO text ("2027-03-15 12:00"); YAML 1.1 only recognises
# times with seconds, so accept both rather than fail on a common spelling.
LaxDate = Annotated[dt.date, Field(strict=False)]
LaxDateTime = Annotated[dt.datetime, Field(strict=False)]

Procedure = Literal[
    "open", "restricted", "competitive_dialogue", "competitive_negotiation", "innovation_partnership",
    "national_open", "multiple_private", "single_private",
]
ContractType = Literal["works", "services", "supplies"]


class Contact(Model):
    """A named contact person of the contracting authority."""

    name: XmlText
    role: Text | None = None
    email: Annotated[str, Field(pattern=r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$")]
    phone: XmlText | None = None


class Authority(Model):
    """The contracting authority (aanbestedende dienst)."""

    name: XmlText
    address: XmlText
    contact: Contact


class Dates(Model):
    """The key dates; they must follow each other in the order listed here."""

    publication: LaxDate
    questions_deadline: LaxDate
    submission_deadline: LaxDateTime
    award_decision: LaxDate | None = None
    standstill_days: Annotated[int, Field(ge=0, le=90)] = 20
    contract_start: LaxDate
    contract_end: LaxDate

    @property
    def standstill_end(self) -> dt.date | None:
        """The last day of the standstill period (opschortende termijn, art. 2.127 Aw): the award decision
        plus ``standstill_days``; the contract may start on it. ``None`` without an award decision date.
        """
        if self.award_decision is None:
            return None
        return self.award_decision + dt.timedelta(days=self.standstill_days)


class Revision(Model):
    """One revision of the tender documents: the first publication or a Nota van Inlichtingen."""

    revision: Annotated[int, Field(ge=1)]
    date: LaxDate
    description: Text


class ClauseChoice(Model):
    """A clause picked for this tender, with its parameter overrides.

    For a KPI, ``minimum`` and ``target`` override the library's levels; an override weaker than the
    library's minimum needs a ``reason``, which the tender document shows. ``norm`` chooses the level that
    binds the contractor (``None``: the library's choice for that KPI).
    """

    id: Annotated[str, Field(pattern=CLAUSE_ID)]
    parameters: dict[str, int | float | str] = {}
    minimum: Number | None = None
    target: Number | None = None
    norm: Norm | None = None
    reason: Text | None = None


class ActivityChoice(Model):
    """A RACI activity picked for this tender, optionally with other default roles or fixedness."""

    id: Annotated[str, Field(pattern=CLAUSE_ID)]
    roles: dict[Party, RaciLetters] | None = None
    fixed: bool | None = None


class ScaleStep(Model):
    """One score on the published scale, with the descriptor the evaluators apply.

    ``share`` is the part of a criterion's euro value a bid earns with this score (award on value);
    weighted scoring uses the score itself.
    """

    score: Annotated[int, Field(ge=0, le=100)]
    descriptor: Text
    share: Annotated[float, Field(ge=0, le=1)] | None = None


class Scale(Model):
    """A published scoring scale: at least two steps, scores strictly increasing."""

    steps: Annotated[list[ScaleStep], Field(min_length=2, max_length=11)]

    @model_validator(mode="after")
    def _increasing(self) -> "Scale":
        scores = [s.score for s in self.steps]
        if scores != sorted(set(scores)):
            raise ValueError("scale scores must be strictly increasing")
        return self

    @property
    def maximum(self) -> int:
        """The highest score on the scale."""
        return self.steps[-1].score


class Criterion(Model):
    """An award criterion (wens) used in this tender: a clause of kind ``award_criterion``.

    Weighted scoring needs ``weight`` (percent); award on value needs ``value_eur``. ``scale`` overrides
    the method's scale for this criterion.
    """

    id: Annotated[str, Field(pattern=CLAUSE_ID)]
    weight: Annotated[float, Field(gt=0, le=100)] | None = None
    value_eur: Annotated[float, Field(gt=0)] | None = None
    scale: Scale | None = None


class LinearPrice(Model):
    """Price scored linearly: ``best`` euros or less earns full points, ``worst`` or more earns none."""

    rule: Literal["linear"]
    best: Annotated[float, Field(ge=0)]
    worst: Annotated[float, Field(gt=0)]


class RelativePrice(Model):
    """Price scored relative to the lowest valid price: points = max × lowest / price."""

    rule: Literal["lowest_relative"]


PriceScoring = Annotated[LinearPrice | RelativePrice, Field(discriminator="rule")]


class Award(Model):
    """The award method (beoordelingsmethodiek).

    ``weighted_score``: quality scores times weights plus ``price_weight`` percent for price, weights
    summing to 100. ``award_on_value`` (gunnen op waarde): each criterion has a euro value; the fictive
    price is the price minus the value earned; the lowest fictive price wins.
    """

    method: Literal["weighted_score", "award_on_value"]
    scale: Scale
    criteria: Annotated[list[Criterion], Field(min_length=1)]
    price_weight: Annotated[float, Field(ge=0, le=100)] | None = None
    price_scoring: PriceScoring | None = None
    price_sheet: bool = True
    tie_break: Literal["highest_quality", "lowest_price", "lot"] = "highest_quality"


class TenderSpec(Model):
    """One tender as the officer describes it; :func:`generator.load_spec` reads and checks it.

    ``ocid_prefix`` is the OCID prefix the contracting authority registered for its OCDS data; without
    it the OCDS export uses a placeholder (see :func:`generator.ocds.release_package`).
    """

    reference: Annotated[str, Field(pattern=REFERENCE)]
    title: Text
    summary: Text
    authority: Authority
    procedure: Procedure
    cpv: Annotated[str, Field(pattern=CPV)]
    contract_type: ContractType
    language: Language = "nl"
    estimated_value_eur: Annotated[float, Field(gt=0)] | None = None
    ocid_prefix: str | None = None
    dates: Dates
    revisions: Annotated[list[Revision], Field(min_length=1)]
    clauses: Annotated[list[ClauseChoice], Field(min_length=1)]
    activities: list[ActivityChoice] = []
    award: Award

    @property
    def revision(self) -> int:
        """The current revision number: the last entry of the change log."""
        return self.revisions[-1].revision


def ocid_prefix_problem(prefix: str) -> str | None:
    """Why ``prefix`` is not a registered OCID prefix (see :data:`OCID_PREFIX`), or ``None`` if it is one."""
    if OCID_PREFIX.fullmatch(prefix):
        return None
    return (f"{prefix!r} is not a registered OCID prefix: 'ocds-' and the six lowercase letters or digits "
            "the Open Contracting Partnership registered for the publisher, e.g. 'ocds-abc123'")
