"""What the winning bid makes binding: per KPI the levels and the binding norm, per activity the roles.

The agreement annex, the monitoring workbook and the progress report all read the terms from here, and
the binding norm of every KPI from :meth:`generator.models.tender.Kpi.binding_norm`, so "the norm" is the
same number everywhere: the level the tender chose (minimum, offered value or target), with the
winner's offer where the tender binds the offer. Without a submission (the draft annex in the tender
pack) the tender's levels and default roles stand in for the winner's.
"""

from __future__ import annotations

from ..errors import InputError, Location
from ..models.base import Model
from ..models.clause import Party
from ..models.submission import Submission
from ..models.tender import Kpi, Tender
from ..periods import periods
from ..records import bidder_key

PARTIES: tuple[Party, ...] = ("client", "contractor", "joint", "third_party")


class KpiTerm(Kpi):
    """One KPI as agreed: the tender's KPI with the winner's ``offered`` value and where it was read.

    ``offered`` is the value the bid offered where the tender allowed an offer (``None``: no offer
    allowed, none made, or no submission), ``offer_cell`` the form cell it was read from
    (``KPI-aanbod!H7``). :attr:`norm_value` is the binding norm, from :meth:`Kpi.binding_norm`.
    """

    offered: float | None = None
    offer_cell: str | None = None

    @property
    def norm_value(self) -> float:
        """The binding norm (bindende norm) of this agreement; see :meth:`Kpi.binding_norm`."""
        return self.binding_norm(self.offered)


class RaciTerm(Model):
    """One activity of the responsibility matrix as committed.

    ``roles`` are the committed letters per party (``""``: not involved), ``default`` the tender's;
    ``changed`` lists the parties whose letters differ from the tender's default (open activities only
    can differ). ``cell`` is the form row the commitment was read from, when there is a submission.
    """

    id: str
    title: str
    fixed: bool
    roles: dict[Party, str]
    default: dict[Party, str]
    changed: list[Party]
    cell: str | None = None


def check_submission(tender: Tender, submission: Submission) -> None:
    """Refuse a submission that cannot become the agreement of ``tender``.

    Raises :class:`InputError` when the submission belongs to another tender or is knocked out (a
    requirement answered No, a KPI offer below the minimum): such a bid cannot be awarded.
    """
    where = Location(path=submission.source.filename)
    if submission.tender_reference != tender.reference:
        raise InputError(f"the bid is for tender {submission.tender_reference}, not {tender.reference}", where)
    if submission.knocked_out:
        raise InputError(f"the bid of {submission.bidder.name or 'this bidder'} is knocked out; it cannot "
                         "become the agreement", where)


def kpi_terms(tender: Tender, submission: Submission | None) -> list[KpiTerm]:
    """The agreed KPIs in tender order; see :class:`KpiTerm`. An offer is used only where allowed."""
    offers = {o.id: o for o in submission.kpi_offers} if submission else {}
    out = []
    for kpi in tender.kpis:
        offer = offers.get(kpi.id)
        offered = offer is not None and offer.value is not None and kpi.offer_allowed
        out.append(KpiTerm(**dict(kpi), offered=offer.value if offered else None,
                           offer_cell=offer.cell if offered else None))
    return out


def raci_terms(tender: Tender, submission: Submission | None) -> list[RaciTerm]:
    """The committed responsibility matrix in tender order; see :class:`RaciTerm`.

    A submission lists only non-empty letters; an activity it does not mention at all keeps the
    tender's default (a fixed row the form did not echo back), one it mentions gets exactly its letters.
    """
    committed: dict[str, dict[Party, str]] = {}
    cells: dict[str, str] = {}
    for r in submission.responsibilities if submission else []:
        committed.setdefault(r.activity, {})[r.party] = r.letters
        cells.setdefault(r.activity, r.cell)
    out = []
    for activity in tender.activities:
        default = {p: activity.roles.get(p, "") for p in PARTIES}
        given = committed.get(activity.id)
        roles = default if given is None or activity.fixed else {p: given.get(p, "") for p in PARTIES}
        out.append(RaciTerm(id=activity.id, title=activity.title, fixed=activity.fixed, roles=roles,
                            default=default, changed=[p for p in PARTIES if roles[p] != default[p]],
                            cell=cells.get(activity.id)))
    return out


def contract_years(tender: Tender) -> float:
    """The contract's length in years (months/12 plus the days of a last part month); at least a day."""
    return sum(p.fee_share for p in periods(tender.dates.contract_start, tender.dates.contract_end, "yearly"))


def select_bidder(submissions: list[Submission], bidder: str) -> Submission:
    """The submission of ``bidder``: its bidder key as the evaluation shows it, its KvK number (digits
    compared) or its name (case and spaces ignored).

    Raises :class:`InputError` naming the bidders and their keys when none or more than one match (as
    for two bids that claim one bidder: the key tells them apart).
    """
    by_key = [s for s in submissions if bidder_key(s) == bidder]
    if len(by_key) == 1:
        return by_key[0]
    digits = "".join(ch for ch in bidder if ch.isdigit())
    name = " ".join(bidder.casefold().split())
    matches = [s for s in submissions
               if (digits and s.bidder.kvk and "".join(c for c in s.bidder.kvk if c.isdigit()) == digits)
               or " ".join((s.bidder.name or "").casefold().split()) == name]
    if len(matches) != 1:
        known = "; ".join(f"{s.bidder.name} (KvK {s.bidder.kvk}, {bidder_key(s)})"
                          for s in submissions) or "none"
        what = "no bid" if not matches else "more than one bid"
        raise InputError(f"{what} matches bidder '{bidder}' (bidders: {known})")
    return matches[0]
