"""Read a returned bid-response form into a :class:`~generator.models.submission.Submission`.

The pipeline: open the file safely (:mod:`generator.workbook`), read its metadata
(:mod:`generator.form.meta`), choose the authority to check against (the tender when given and the
form is of its reference, language and revision; else the form's own metadata), cross-check the
form's identity, locate every answer row (:mod:`generator.form.locate`) and read and check every
answer (:mod:`generator.form.check`). Only a file that is no readable bid form raises; everything
wrong inside a bid form is a finding.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from ..archive import read_file
from ..models.base import Language, Text
from ..models.submission import Source, Submission
from ..workbook import Workbook, open_workbook
from . import layout as L
from .check import Checker
from .findings import Findings
from .locate import locate
from .meta import FormMeta, read_meta, tender_meta

if TYPE_CHECKING:  # the tender models are not needed to read a form against its own metadata
    from ..models.tender import Tender

TenderSource: TypeAlias = "Tender | Callable[[str, Language], Tender | None]"
"""A tender, or a function giving the tender for a reference in a language (called with the form's own
reference and language; ``None`` when it knows no such tender)."""


def read_form(source: Path | str | bytes, *, tender: TenderSource | None = None,
              filename: str | None = None) -> Submission:
    """Read and check the returned bid form ``source`` (a path or the file's bytes).

    ``filename`` names the file in messages and in ``Submission.source`` (default: the path's name;
    for bytes without a name, ``form.xlsx``).

    With ``tender`` (the authoritative one, from the spec or the database) the form is checked against
    it: its reference must match (else ``reference_mismatch``), its revision must be the tender's
    (an older one is ``revision_outdated``, naming both), and the hashes of the shown texts, the
    levels, bounds and fixed RACI rows are the tender's, recomputed from it, not the form's own
    metadata, which a bidder could edit (an edit is ``metadata_altered``). When the identity does
    not match, the form is checked against its own metadata after the error. Without ``tender`` the
    form's own metadata is the authority.

    Raises :class:`~generator.errors.InputError` (one line) when ``source`` is no readable bid form:
    a missing, hostile or broken file, not an .xlsx, macros, no metadata sheet, an unknown form
    format or hash scheme, damaged metadata. Every other problem is a finding in the result.
    """
    if isinstance(source, (bytes, bytearray)):
        name = shown = filename or "form.xlsx"
        data = bytes(source)
    else:
        name = filename or Path(source).name
        shown = filename or os.fspath(source)
        data = read_file(source, shown)  # once: the bytes are opened and hashed
    # Lazy: the instructions and the lists are never read (nor inflated); only the sheets the
    # metadata names with answer rows are.
    wb = open_workbook(data, name=shown, lazy=True)
    own = read_meta(wb)
    findings = Findings(own.language)  # type: ignore[arg-type]
    authority = _authority(own, tender, findings)
    _check_identity(wb, own, findings)
    located = locate(wb, authority, findings)
    checker = Checker(wb, authority, located, findings)
    bidder = checker.bidder()
    answers = checker.answers(L.REQUIREMENTS) + checker.answers(L.CRITERIA)
    kpi_offers = checker.kpi_offers()
    responsibilities, remarks = checker.responsibilities()
    promises = checker.promises()
    price = checker.price()
    return Submission(
        tender_reference=own.reference, revision=own.revision, form_version=own.form_format,
        language=own.language, bidder=bidder, answers=answers, kpi_offers=kpi_offers,
        responsibilities=responsibilities, activity_remarks=remarks, promises=promises, price_eur=price, findings=findings.items,
        source=Source(filename=name, sha256=hashlib.sha256(data).hexdigest(), size=len(data)),
    )


def _authority(own: FormMeta, tender: TenderSource | None, findings: Findings) -> FormMeta:
    """The metadata to check the form against: the tender's when it is the form's tender, else the form's."""
    if tender is None:
        return own
    given = tender(own.reference, own.language) if callable(tender) else tender
    if given is None:
        return own
    if given.reference != own.reference:
        findings.add("reference_mismatch", form=own.reference, tender=given.reference)
        return own
    if given.language != own.language:
        findings.add("language_mismatch", form=own.language, tender=given.language)
        return own
    if own.revision != given.revision:
        code = "revision_outdated" if own.revision < given.revision else "revision_unknown"
        findings.add(code, f"{L.META_SHEET}!A1", form=own.revision, tender=given.revision)
        return own
    expected = tender_meta(given)  # cached per tender object
    _compare(own, expected, findings)
    return expected


def _compare(own: FormMeta, expected: FormMeta, findings: Findings) -> None:
    """A ``metadata_altered`` finding for each item whose hidden record differs from the tender's."""
    cell = f"{L.META_SHEET}!A1"
    if own.sheets != expected.sheets:
        findings.add("metadata_altered", cell, None, field="sheet")
    mine = {item.id: item for item in own.items}
    for item in expected.items:
        other = mine.pop(item.id, None)
        if other is None:
            findings.add("metadata_altered", cell, item.id, field="record")
            continue
        theirs, ours = item.record, other.record
        for key in L.META_FIELDS:  # every field of the record but its kind and key
            value, found = theirs.get(key), ours.get(key)
            # Equal values of one type normalise alike: only the others (1 and 1.0, None and "",
            # changed text) need the normalisation, which is the cost of this comparison.
            if type(value) is type(found) and value == found:
                continue
            if _norm(value) != _norm(found):
                findings.add("metadata_altered", cell, item.id, field=key)
                break
        else:
            if own.options.get(item.id) != expected.options.get(item.id):
                findings.add("metadata_altered", cell, item.id, field="option")
    for item_id in mine:
        findings.add("metadata_altered", cell, item_id, field="record")


def _norm(value: object) -> str:
    """A metadata value compared as the hash compares text: numbers to 12 digits, "" and None alike."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str, type(None))):
        return str(value)
    return L.normalize_part(value)


_REFERENCE = Text(nl="Kenmerk", en="Reference")
_REVISION = Text(nl="Revisie", en="Revision")
_PROPERTIES = Text(nl="de documenteigenschappen", en="the document properties")
_NAMES = Text(nl="de gedefinieerde namen", en="the defined names")


def _check_identity(wb: Workbook, own: FormMeta, findings: Findings) -> None:
    """Warn when the custom properties or defined names contradict the metadata sheet (X8).

    Either may be missing (some programs drop custom properties); only a different value counts.
    LibreOffice writes the integer revision property back as a float (1.0), which is equal.
    """
    props, names = wb.properties, wb.defined_names
    checks = (
        (_REFERENCE, _PROPERTIES, props.get(L.PROP_REFERENCE), own.reference),
        (_REVISION, _PROPERTIES, props.get(L.PROP_REVISION), own.revision),
        (_REFERENCE, _NAMES, _constant(names.get(L.NAME_REFERENCE)), own.reference),
        (_REVISION, _NAMES, _constant(names.get(L.NAME_REVISION)), own.revision),
    )
    for what, where, found, expected in checks:
        if found is not None and _norm(found) != _norm(expected):
            findings.add("identity_mismatch", f"{L.META_SHEET}!A1", what=what, where=where, found=found,
                         expected=expected)


def _constant(formula: str | None) -> str | int | float | None:
    """The value of a defined name holding a constant: ``"TEST"`` (quotes doubled inside) or a number."""
    if formula is None:
        return None
    text = formula.strip().removeprefix("=")
    if len(text) >= 2 and text.startswith('"') and text.endswith('"'):
        return text[1:-1].replace('""', '"')
    try:
        return float(text)
    except ValueError:
        return text
