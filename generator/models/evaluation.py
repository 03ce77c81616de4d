"""The evaluation of the bids: compliance matrix, committee scores and the computed ranking.

:func:`generator.evaluation.compliance` builds a :class:`ComplianceMatrix` from the stored
submissions; the committee's scores arrive as :class:`Scores` (read from the scoring workbook, or from
a YAML scores file in the :class:`ScoreFile` format);
:func:`generator.evaluation.evaluate` turns tender, submissions, scores and prices into an
:class:`Evaluation`. Bidders are identified by their *bidder key* (``kvk:<digits>`` or
``name:<normalised name>``, see :func:`generator.records.bidder_key`), the same key the store uses.

Amounts and points are :class:`~decimal.Decimal` values as the published method computes them
(points to two decimals, euros to the cent), so a report shows exactly the numbers that were ranked
and anyone can recompute them by hand from the inputs kept next to them.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from .base import Model, RequiredText, XmlText
from .spec import PriceScoring
from .submission import FormFinding

Method = Literal["weighted_score", "award_on_value"]
TieBreak = Literal["highest_quality", "lowest_price", "lot"]


class ComplianceColumn(Model):
    """One column of the compliance matrix: a suitability requirement on the bidder (geschiktheidseis),
    a knock-out requirement on the bid, or a KPI with its minimum."""

    item: str
    kind: Literal["suitability", "requirement", "kpi"]
    title: str
    minimum: float | None = None


class ComplianceCell(Model):
    """One bidder's result on one column.

    ``value`` is what the bidder answered or offered, as typed (``None`` when blank). ``reasons`` are
    the error findings that make the cell fail (never empty when ``passed`` is false); ``notes`` are
    warnings the committee should read (a possible reservation, an ambiguous percentage).
    """

    item: str
    passed: bool
    value: str | None = None
    reasons: list[FormFinding] = []
    notes: list[FormFinding] = []


class ComplianceRow(Model):
    """One bidder across all columns. ``other`` holds error findings tied to no column (a form of the
    wrong tender, a deleted row, a bad KvK number...) and ``notes`` the warnings tied to no column (a
    possible reservation in an award-criterion answer...). ``admitted`` is true when every cell passes
    and ``other`` is empty: only admitted bids are scored and ranked."""

    bidder: str
    name: str
    kvk: str | None = None
    cells: list[ComplianceCell]
    other: list[FormFinding] = []
    notes: list[FormFinding] = []
    admitted: bool

    @property
    def reasons(self) -> list[FormFinding]:
        """Every reason this bid is not admitted: failing cells first, in column order, then ``other``."""
        return [r for cell in self.cells for r in cell.reasons] + list(self.other)


class ComplianceMatrix(Model):
    """Bidders (rows, in :func:`~generator.evaluation.compliance` order) by knock-out requirements and
    KPI minimums (columns, in tender order)."""

    tender_reference: str
    revision: int
    columns: list[ComplianceColumn]
    rows: list[ComplianceRow]


class ScoreEntry(Model):
    """The committee's scores for one bidder on one award criterion.

    ``evaluator_scores`` has one entry per evaluator (``None``: left blank; blanks are allowed, only the
    consensus counts). ``consensus`` is the agreed score, ``None`` when missing. Scores are numbers as
    read, so a score that is not on the published scale can be represented and reported. For messages,
    ``cell`` locates the consensus score in a scoring workbook (``Sheet!H7``) and ``line`` the entry in
    a YAML scores file.
    """

    bidder: str
    criterion: str
    evaluator_scores: list[float | None] = []
    consensus: float | None = None
    motivation: str | None = None
    cell: str | None = None
    line: int | None = None


Decision = Literal["not_material", "material"]
"""The committee's decision on a possible reservation (voorbehoud): ``not_material`` (the bid stands) or
``material`` (the bid is invalid and set aside)."""


class ReservationDecision(Model):
    """The committee's decision on the possible reservation of one bidder at one item.

    ``item`` is the ID the reservation finding is tied to (``CNT-01``), or its form cell when it has
    none. ``motivation`` gives the reasons (required: the decision can be challenged). For messages,
    ``cell`` locates the decision in a scoring workbook (``Voorbehouden!E5``) and ``line`` in a YAML
    scores file.
    """

    bidder: str
    item: str
    decision: Decision | None = None
    motivation: str | None = None
    cell: str | None = None
    line: int | None = None


class Scores(Model):
    """The committee's scores of one tender revision: one entry per admitted bidder and criterion.

    Read from the filled scoring workbook (:func:`generator.evaluation.read_scores`) or from a YAML
    scores file (:func:`generator.evaluation.load_scores`). ``source`` is the file the scores came from,
    named in findings.
    """

    tender_reference: str
    revision: int
    evaluators: int
    entries: list[ScoreEntry]
    decisions: list[ReservationDecision] = []
    source: str | None = None


class ScoreFileEntry(Model):
    """One bidder's scores on one award criterion in a :class:`ScoreFile`.

    ``evaluators`` has one score per evaluator named in the file, in that order (``null`` for a blank;
    left out entirely: all blank, only the consensus counts); ``consensus`` is the agreed score and
    ``motivation`` its reasons. A missing consensus or motivation is reported by the reader, located.
    """

    evaluators: list[float | None] = []
    consensus: float | None = None
    motivation: XmlText | None = None


class ReservationFileEntry(Model):
    """The committee's decision on one possible reservation in a :class:`ScoreFile`."""

    decision: Decision
    motivation: XmlText | None = None


class ScoreFile(Model):
    """The committee's scores as a YAML file, for scripted runs and demos (the workbook's alternative).

    ::

        tender: GZV-2027-ICT-014
        revision: 2
        evaluators: [A. de Boer, M. Yilmaz, P. Jansen]
        scores:
          "kvk:61834207":
            GOV-07: {evaluators: [8, 8, 10], consensus: 8, motivation: "..."}

    ``tender`` and ``revision`` name the tender revision scored; ``evaluators`` the evaluators, in the
    order of each entry's evaluator scores. ``scores`` maps a bidder to its scores per award criterion
    ID. The bidder is given by its bidder key (``kvk:<digits>`` or ``name:<lowercased name>``, see
    :func:`generator.records.bidder_key`), its plain KvK number or its name (ignoring case); write a key
    that YAML would read as a number, such as a plain KvK number, in quotes. ``reservations`` maps a
    bidder (named the same way) to the committee's decision per item with a possible reservation::

        reservations:
          "kvk:72019458":
            CNT-01: {decision: not_material, motivation: "..."}
    """

    tender: str
    revision: int
    evaluators: list[RequiredText]
    scores: dict[str, dict[str, ScoreFileEntry]] = {}
    reservations: dict[str, dict[str, ReservationFileEntry]] = {}


class CriterionResult(Model):
    """One bidder's result on one award criterion, with every input of its formula.

    Weighted score: ``points = round2(weight × score / max_score)``. Award on value:
    ``earned_eur = round2(value_eur × share)``, ``share`` the scale step's share.
    """

    criterion: str
    title: str
    score: int
    max_score: int
    weight: Decimal | None = None
    points: Decimal | None = None
    value_eur: Decimal | None = None
    share: Decimal | None = None
    earned_eur: Decimal | None = None
    evaluator_scores: list[float | None] = []
    motivation: str


class BidResult(Model):
    """One admitted bid's computed result.

    Weighted score: ``quality`` is the sum of the criterion points, ``price_points`` the price's points
    and ``total = quality + price_points`` (0..100; higher is better). Award on value: ``quality`` is the
    euro value earned, ``price_points`` is ``None`` and ``total`` is the fictive price
    ``price_eur − quality`` (lower is better). ``rank`` 1 is best; bids tied after the tie-break rule
    share a rank (1, 1, 3) and are listed in :attr:`Evaluation.ties`.
    """

    bidder: str
    name: str
    kvk: str | None = None
    price_eur: Decimal | None = None
    criteria: list[CriterionResult]
    quality: Decimal
    price_points: Decimal | None = None
    total: Decimal
    rank: int


class SetAside(Model):
    """An invalid bid, set aside and not ranked ("ongeldig, terzijde gelegd"), with every reason (from
    the compliance matrix, or the committee's decision that a reservation is material).

    Not an *exclusion*: in the Aanbestedingswet that word is reserved for the grounds about the bidder of
    art. 2.86-2.87; a bid that fails a knock-out on its offer is invalid and set aside.
    """

    bidder: str
    name: str
    kvk: str | None = None
    reasons: list[FormFinding]


class Reservation(Model):
    """A possible reservation found in a bid, with the committee's decision and its reasons.

    ``findings`` are the form's reservation findings at ``item`` (the phrase and the text around it,
    with their cells). ``decision`` is ``material`` (the bid is invalid and set aside) or
    ``not_material`` (the bid stands).
    """

    bidder: str
    name: str
    item: str
    findings: list[FormFinding]
    decision: Decision
    motivation: str


class AwardLetter(Model):
    """One bidder's award decision letter (gunningsbeslissing) as .docx bytes."""

    bidder: str
    name: str
    docx: bytes


class Tie(Model):
    """Bids with an equal ``total``, and what the tender's tie-break rule made of them.

    ``bidders`` are all bids with that total. ``lots`` are the groups the rule could not separate
    (equal on the rule's measure too, or the rule is ``lot``): each must be decided by drawing lots
    under a notary's supervision, which the tool never does; the group's members share a rank.
    ``decided`` is true when ``lots`` is empty.
    """

    rank: int
    bidders: list[str]
    rule: TieBreak
    decided: bool
    lots: list[list[str]]


class Evaluation(Model):
    """The computed ranking of one tender revision, with the parameters used.

    ``ranking`` lists the admitted bids best first. ``lowest_price_eur`` is the lowest valid price
    (the reference of ``lowest_relative`` price scoring). ``winner`` is the bidder key ranked first
    alone, ``None`` when no bid is admitted or the first place is tied and must go to lots.
    ``decimals`` is the precision points and euros are computed to.
    """

    tender_reference: str
    revision: int
    method: Method
    price_weight: Decimal | None = None
    price_scoring: PriceScoring | None = None
    tie_break: TieBreak
    decimals: int
    lowest_price_eur: Decimal | None = None
    ranking: list[BidResult]
    set_aside: list[SetAside]
    reservations: list[Reservation] = []
    ties: list[Tie]
    winner: str | None = None
