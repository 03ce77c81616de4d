"""Who a bid is from and which of two bids is newer, decided from what the forms say, never from their order.

A form names its bidder by a registration number and a name; either alone is easy to type wrongly or to
copy from a competitor. A bid therefore replaces an earlier one only when both agree (a registration
number valid for its country and the same normalised name) and it is newer by the form's own revision
and date of signature. Every other bid that names the same number or the same name is kept beside the
earlier one, both current, with a finding for the committee; an older form that arrives after a newer
one is kept as history. Because "newer" is a strict partial order on (revision, date), the bids left
current are the same whatever order the forms are imported in.

No database library here: :mod:`generator.store` reads the current bids and writes what :func:`decide`
says, in one transaction.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from .form.findings import Findings
from .models.base import Language, Text
from .models.submission import FormFinding

CLAIM_CODE = "bidder_claimed_twice"
"""The finding by which the store marks each of two current bids that claim one bidder."""

COUNTRIES = frozenset(
    "AT BE BG CH CY CZ DE DK EE ES FI FR GB GR HR HU IE IS IT LI LT LU LV MT NL NO PL PT RO SE SI SK".split())
"""The countries whose registration numbers are recognised with a country prefix: the EU and EEA,
Switzerland and the United Kingdom, where the bidders of a Dutch public tender come from."""

_SEPARATORS = re.compile(r"[\s.\-/:]+")
_FOREIGN = re.compile(r"([A-Z]{2})([A-Z0-9]{4,30})")
_NAME_PUNCTUATION = re.compile(r"[.,'\u2019`]")
_NAME_SPACE = re.compile(r"[\W_]+")


def registration(number: str | None) -> str | None:
    """The bidder's registration as ``COUNTRY:NUMBER``, or ``None`` when the number is valid for no country.

    A Dutch KvK number is 8 digits (``NL`` before it allowed): ``NL:61834207``. A number of another
    country must carry its ISO country code (one of :data:`COUNTRIES`) and hold a digit; it is kept
    upper-case without spaces, dots, hyphens, slashes or colons (``DE HRB 12345`` gives ``DE:HRB12345``).
    Placeholders such as ``n.v.t.`` or ``-`` are no registration.
    """
    if not number:
        return None
    text = _SEPARATORS.sub("", unicodedata.normalize("NFKC", number).upper())
    digits = text.removeprefix("NL")
    if len(digits) == 8 and digits.isascii() and digits.isdigit():
        return f"NL:{digits}"
    found = _FOREIGN.fullmatch(text) if text.isascii() else None
    if found is None or found[1] not in COUNTRIES or found[1] == "NL":
        return None
    if not any(c.isdigit() for c in found[2]):
        return None
    return f"{found[1]}:{found[2]}"


def normal_name(name: str | None) -> str:
    """The bidder name as compared: Unicode-normalised, case-folded, without dots, commas and apostrophes
    (``B.V.`` and ``BV`` alike), other punctuation as spaces, spaces collapsed; ``""`` for no name."""
    text = _NAME_PUNCTUATION.sub("", unicodedata.normalize("NFKC", name or "").casefold())
    return " ".join(_NAME_SPACE.sub(" ", text).split())


def name_key(name: str | None) -> str | None:
    """A short digest of :func:`normal_name` (names are bidder text of any length), ``None`` for no name."""
    normal = normal_name(name)
    return hashlib.blake2b(normal.encode(), digest_size=16).hexdigest() if normal else None


@dataclass(frozen=True)
class Claim:
    """What a bid says about who it is from and when: one stored bid, or the one being imported
    (``id`` ``None``). ``revision`` counts only up to ``latest`` (the tender's latest registered
    revision): a form claiming a later one may not replace anything, nor be replaced by date."""

    id: int | None
    registration: str | None
    name_key: str | None
    revision: int
    signed_on: dt.date | None
    filename: str = ""
    bidder_name: str | None = None

    def same_bidder(self, other: Claim) -> bool:
        """Whether both forms name one bidder beyond doubt: a valid registration and the same name."""
        return (self.registration is not None and self.registration == other.registration
                and self.name_key is not None and self.name_key == other.name_key)


def newer(a: Claim, b: Claim, latest: int) -> bool:
    """Whether form ``a`` is newer than form ``b``: a later tender revision, or the same revision and a
    later date of signature. A missing date, or a revision after ``latest``, decides nothing."""
    if a.revision > latest or b.revision > latest:
        return False
    if a.revision != b.revision:
        return a.revision > b.revision
    return a.signed_on is not None and b.signed_on is not None and a.signed_on > b.signed_on


ClaimReason = Literal["registration", "name", "undecided"]
"""Why two current bids claim one bidder: the same registration under another name, the same name
under another (or no) registration, or the same bidder with neither form newer than the other."""


@dataclass(frozen=True)
class Decision:
    """What to store for a new bid.

    ``older_than`` is the current bid of the same bidder that is newer (the new one is then stored as
    history, superseded by it); otherwise the new bid is current, replaces ``supersedes`` and stands
    beside ``claims`` (id and reason). ``bidder_key`` is unique among a tender's current bids.
    """

    bidder_key: str
    older_than: Claim | None = None
    supersedes: tuple[int, ...] = ()
    claims: tuple[tuple[Claim, ClaimReason], ...] = ()


def decide(new: Claim, sha256: str, current: list[Claim], latest: int) -> Decision:
    """Decide how bid ``new`` (the file with digest ``sha256``) stands to the ``current`` bids of its tender
    that share its registration or its name; ``latest`` is the tender's latest registered revision.

    The key is the registration and name digest, with the file digest added while a bid of the same
    bidder stands beside it (neither newer); without a registration it is the file digest alone, so
    such a bid never replaces or is replaced by another.
    """
    same = [c for c in current if new.same_bidder(c)]
    newer_ones = [c for c in same if newer(c, new, latest)]
    if newer_ones:
        return Decision(_key(new, sha256, tie=False), older_than=min(newer_ones, key=lambda c: c.id or 0))
    supersedes = tuple(c.id for c in same if newer(new, c, latest) and c.id is not None)
    claims: list[tuple[Claim, ClaimReason]] = []
    for c in current:
        if c.id in supersedes:
            continue
        if new.same_bidder(c):
            claims.append((c, "undecided"))
        elif new.registration is not None and c.registration == new.registration:
            claims.append((c, "registration"))
        elif new.name_key is not None and c.name_key == new.name_key:
            claims.append((c, "name"))
    tie = any(reason == "undecided" for _, reason in claims)
    return Decision(_key(new, sha256, tie=tie), supersedes=supersedes, claims=tuple(claims))


def _key(claim: Claim, sha256: str, *, tie: bool) -> str:
    if claim.registration is None:
        return f"?|{sha256}"
    key = f"{claim.registration}|{claim.name_key or ''}"
    return f"{key}|{sha256}" if tie else key


_REASONS: dict[ClaimReason, Text] = {
    "registration": Text(nl="hetzelfde KvK- of registratienummer onder een andere naam",
                         en="the same Chamber of Commerce or registration number under another name"),
    "name": Text(nl="dezelfde naam met een ander of geen geldig KvK- of registratienummer",
                 en="the same name with another or no valid Chamber of Commerce or registration number"),
    "undecided": Text(nl="hetzelfde KvK-nummer en dezelfde naam, maar revisie en datum van ondertekening "
                         "wijzen geen van beide formulieren als het nieuwere aan",
                      en="the same Chamber of Commerce number and name, but neither form is the newer one by "
                         "revision and date of signature"),
}


def claim_finding(other: Claim, reason: ClaimReason, language: Language) -> FormFinding:
    """The ``bidder_claimed_twice`` finding of a bid that stands beside ``other`` (worded in ``language``)."""
    findings = Findings(language)
    findings.add(CLAIM_CODE, None, "bidder.kvk", other=other.filename, id=other.id,
                 name=other.bidder_name or "–", reason=_REASONS[reason])
    return findings.items[0]


def older_finding(newer_bid: Claim, language: Language) -> FormFinding:
    """The ``older_form_later`` finding of a bid stored as history because ``newer_bid`` is newer."""
    day = newer_bid.signed_on
    when = Text(nl=f"revisie {newer_bid.revision}" + (f", ondertekend op {day:%d-%m-%Y}" if day else ""),
                en=f"revision {newer_bid.revision}" + (f", signed on {day:%Y-%m-%d}" if day else ""))
    findings = Findings(language)
    findings.add("older_form_later", None, "bidder.date", other=newer_bid.filename, id=newer_bid.id,
                 newer=when)
    return findings.items[0]
