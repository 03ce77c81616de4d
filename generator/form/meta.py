"""The form's metadata as the parser uses it: from a returned form's ``_tenderpack`` sheet, or from a tender.

The metadata sheet (see :mod:`generator.form.layout`) says which tender and revision a form belongs
to, what each sheet was called and, per answer row, its ID, row, answer column, answer type, levels
and the hash of its shown text. It holds one row per record: the kind in column A, the key in B and
the other fields as a JSON object in C. :func:`read_meta` reads it from a returned form, treating the
JSON as hostile, and refuses a form that lacks it or whose format the parser does not know;
:func:`tender_meta` computes the same from the authoritative tender, so that a bidder who edits the
hidden sheet cannot move the goalposts.
"""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, get_args

from ..errors import InputError, Location
from ..models.base import LANGUAGES
from ..models.clause import Unit
from ..workbook import Value, Workbook, parse_ref
from . import layout as L
from .values import whole_number

if TYPE_CHECKING:  # only annotations: reading a form needs no tender models
    from ..models.tender import Tender


@dataclass(frozen=True)
class ItemMeta:
    """One answer row of the form: its ID, place, answer type and what the type needs.

    ``columns`` are the 1-based answer columns (empty when the answer is given elsewhere, as for a
    requirement answered on the responsibilities sheet; four for a RACI row). ``record`` is the
    metadata record as read (``record``, ``key`` and :data:`layout.META_FIELDS`), for the
    type-specific fields.
    """

    id: str
    sheet: str
    row: int
    columns: tuple[int, ...]
    answer_type: str
    hash: str
    record: dict[str, Value]

    def number(self, key: str) -> float | None:
        """The numeric field ``key`` of the record (``minimum``, ``low``...), ``None`` when empty."""
        value = self.record.get(key)
        return None if value is None or value == "" else float(value)  # type: ignore[arg-type]


@dataclass(frozen=True)
class FormMeta:
    """Everything the metadata of one form says: identity, sheet names and answer rows in form order.

    ``options`` maps a choice item's ID to its options as ``{label: key}``.
    """

    reference: str
    revision: int
    language: str
    form_format: str
    sheets: dict[str, str]
    items: tuple[ItemMeta, ...]
    options: dict[str, dict[str, str]] = field(default_factory=dict)

    def on_sheet(self, key: str) -> list[ItemMeta]:
        """The items of sheet ``key``, in form order."""
        return [item for item in self.items if item.sheet == key]


def read_meta(wb: Workbook) -> FormMeta:
    """The metadata of the returned form ``wb``; :class:`InputError` when it is not a usable bid form.

    Refused: no metadata sheet (the file is not a tenderpack form, or its metadata sheet was deleted
    or renamed: the message says which, judging by the form's document properties and defined
    names); a damaged header row; a data cell (column C) that is not a JSON object of known fields
    with text, number or boolean values (located at its cell); a form format or hash scheme this
    version does not read (a form of format 1, with a column per field, says so rather than that its
    header is damaged); a missing reference, revision or language; an item record without ID, sheet
    key, row or hash. The sheet may be visible, hidden or veryHidden (LibreOffice saves veryHidden as
    hidden).
    """
    sheet = wb.get(L.META_SHEET)
    where = Location(path=wb.name)
    if sheet is None:
        if L.PROP_REFERENCE in wb.properties or L.NAME_REFERENCE in wb.defined_names:
            raise InputError(f"a tenderpack bid form whose metadata sheet '{L.META_SHEET}' was deleted or renamed; "
                             "it cannot be read reliably: ask the bidder to fill in the original form", where)
        raise InputError(f"not a tenderpack bid form: the workbook has no metadata sheet '{L.META_SHEET}'", where)
    rows = sheet.rows
    header = rows.get(1, {})
    if len(header) != len(L.META_HEADER) or any(header.get(i) != name
                                                for i, name in enumerate(L.META_HEADER, start=1)):
        fmt = _column_format(rows)
        if fmt and fmt != L.FORM_FORMAT_VERSION:
            raise _format_error(fmt, Location(path=wb.name, cell=f"{L.META_SHEET}!A1"))
        raise InputError(f"the metadata sheet '{sheet.name}' is damaged (its header row was changed)",
                         Location(path=wb.name, cell=f"{sheet.name}!A1"))
    records = [_record(cells, number, wb.name) for number, cells in sorted(rows.items()) if number > 1]
    return build_meta(records, wb.name)


def _column_format(rows: dict[int, dict[int, Value]]) -> str:
    """The form format of a metadata sheet of format 1 (a column per field), ``""`` when it is none.

    Format 1 had the header ``record | key | value | label | ...`` and held a ``property`` record's
    value as a plain cell in column C; this is only asked when :data:`layout.META_HEADER` is not found.
    """
    if rows.get(1, {}).get(3) != "value":
        return ""
    for number, cells in rows.items():
        if number > 1 and cells.get(1) == "property" and cells.get(2) == "form_format":
            return _text(cells.get(3))
    return ""


def _record(cells: dict[int, Value], row: int, name: str | None) -> dict[str, Value]:
    """The record of metadata row ``row``: kind (A), key (B) and the fields of the JSON object in C.

    The JSON is untrusted: any bidder can unhide the sheet and type into it. It must be an object of
    :data:`layout.META_FIELDS` whose values are text, finite numbers, booleans or ``null`` (which
    counts as absent); anything else, malformed or nested too deep for the parser included, is an
    :class:`InputError` located at the cell.
    """
    record: dict[str, Value] = {"record": cells.get(1), "key": cells.get(2)}  # type: ignore[dict-item]
    data = cells.get(3)
    if data is None:
        return record
    where = Location(path=name, cell=f"{L.META_SHEET}!C{row}")

    def damaged(what: str) -> InputError:
        return InputError(f"the metadata sheet is damaged: the data of row {row} {what}", where)

    if not isinstance(data, str):
        raise damaged("is not a JSON object")
    try:
        fields = _DECODER.decode(data)
    except RecursionError:
        raise damaged("is nested too deeply") from None
    except json.JSONDecodeError as exc:
        raise damaged(f"is not valid JSON ({exc.msg} at character {exc.pos})") from None
    except ValueError:  # NaN or Infinity, or a number of more than 4,300 digits, which int() refuses
        raise damaged("is not valid JSON") from None
    if not isinstance(fields, dict):
        raise damaged("is not a JSON object")
    for key, value in fields.items():
        if key not in _FIELDS:
            raise damaged(f"has an unknown field '{key}'")
        if value is None:
            continue
        if not isinstance(value, (str, int, float)) or isinstance(value, float) and not math.isfinite(value):
            raise damaged(f"has a field '{key}' that is not a text, a number or a boolean")
        record[key] = value
    return record


_FIELDS = frozenset(L.META_FIELDS)


def _refuse_constant(constant: str) -> float:
    """``parse_constant`` of :func:`json.loads`: Python's JSON accepts NaN and Infinity, JSON does not."""
    raise ValueError(f"{constant} is not a JSON number")


# One decoder for every record: json.loads() with an option builds a new decoder per call.
_DECODER = json.JSONDecoder(parse_constant=_refuse_constant)


def build_meta(records: list[dict[str, Value]], name: str | None = None) -> FormMeta:
    """A :class:`FormMeta` from metadata ``records``: dicts of ``record`` (kind), ``key`` and fields of
    :data:`layout.META_FIELDS`, as :func:`read_meta` reads them or ``form_metadata`` composes them.

    ``name`` is the file named in the :class:`InputError` raised for unusable records.
    """
    where = Location(path=name, cell=L.META_SHEET + "!A1")
    props = {str(r.get("key")): r.get("value") for r in records if r.get("record") == "property"}
    fmt = _text(props.get("form_format"))
    if not fmt:
        raise InputError("the metadata sheet is damaged: it names no form format", where)
    if fmt != L.FORM_FORMAT_VERSION:
        raise _format_error(fmt, where)
    scheme = _text(props.get("hash_scheme"))
    if scheme != L.HASH_SCHEME:
        raise InputError(f"the form's text hashes use scheme '{scheme or '(none)'}'; this version of tenderpack "
                         f"knows '{L.HASH_SCHEME}'", where)
    reference, language = _text(props.get("reference")), _text(props.get("language"))
    revision = whole_number(props.get("revision"))
    if not reference or revision is None or language not in LANGUAGES:
        raise InputError("the metadata sheet is damaged: it lacks the tender reference, revision or language",
                         where)
    sheets = {str(r["key"]): str(r["value"]) for r in records
              if r.get("record") == "sheet" and r.get("key") and r.get("value")}
    items: list[ItemMeta] = []
    options: dict[str, dict[str, str]] = {}
    for record in records:
        kind = record.get("record")
        if kind == "item":
            items.append(_item(record, where))
        elif kind == "option" and record.get("key") and record.get("label") is not None:
            options.setdefault(str(record["key"]), {})[_text(record["label"])] = _text(record.get("value"))
    seen: set[str] = set()
    for item in items:
        if item.id in seen or item.sheet not in sheets:
            raise InputError(f"the metadata sheet is damaged: '{item.id}' is recorded twice or on an unnamed sheet",
                             where)
        seen.add(item.id)
    return FormMeta(reference, revision, str(language), fmt, sheets, tuple(items), options)


def _format_error(fmt: str, where: Location) -> InputError:
    return InputError(f"the form has format '{fmt}'; this version of tenderpack reads format "
                      f"'{L.FORM_FORMAT_VERSION}': read it with the tenderpack version that built it", where)


_CLAUSE_TYPES = frozenset({"confirm", "choice", "number", "text", "date", "raci"})
_TYPES: dict[str, frozenset[str]] = {
    L.BIDDER: frozenset({"text", L.KVK, L.EMAIL, "date"}),
    L.REQUIREMENTS: _CLAUSE_TYPES,
    L.CRITERIA: _CLAUSE_TYPES,
    L.KPIS: frozenset({L.KPI_OFFER, L.KPI_ACCEPT}),
    L.RACI: frozenset({L.RACI_ROLES}),
    L.PROMISES: frozenset({L.PROMISE_NUMBER, L.PROMISE_FREQUENCY}),
    L.PRICE: frozenset({L.PRICE_EUR}),
}
"""The answer types each sheet may hold."""
_NUMERIC = ("minimum", "target", "low", "high", "decimals", "max_length", "fixed")
_UNITS = frozenset(get_args(Unit))
_DIRECTIONS = frozenset({"higher_is_better", "lower_is_better"})


def _item(record: dict[str, Value], where: Location) -> ItemMeta:
    """One ``item`` record, checked so far that every rule of its answer type can be applied to it."""
    item_id, sheet, row = _text(record.get("key")), _text(record.get("sheet")), whole_number(record.get("row"))
    digest, answer_type = _text(record.get("hash")), _text(record.get("answer_type"))

    def damaged(what: str) -> InputError:
        return InputError(f"the metadata sheet is damaged: the record of '{item_id or '?'}' {what}", where)

    if not item_id or row is None or row < 1 or not digest:
        raise damaged("is incomplete")
    if answer_type not in _TYPES.get(sheet, ()):
        raise damaged(f"has answer type '{answer_type}' on sheet '{sheet}'")
    for key in _NUMERIC:
        value = record.get(key)
        if value not in (None, "") and (isinstance(value, bool) or not isinstance(value, (int, float))):
            raise damaged(f"has a {key} that is not a number")
    if sheet == L.KPIS and (record.get("unit") not in _UNITS or record.get("direction") not in _DIRECTIONS
                            or not all(isinstance(record.get(k), (int, float)) for k in ("minimum", "target"))):
        raise damaged("lacks the KPI's unit, direction, minimum or target")
    span = _text(record.get("column"))
    columns = _columns(span)
    wanted = len(L.RACI_PARTIES) if answer_type == L.RACI_ROLES else 0 if answer_type == "raci" else 1
    if columns is None or len(columns) != wanted:
        raise damaged(f"has answer column '{span}'")
    return ItemMeta(item_id, sheet, row, columns, answer_type, digest, record)


@functools.lru_cache(maxsize=256)
def _columns(span: str) -> tuple[int, ...] | None:
    """``"E"`` -> ``(5,)``, ``"E:H"`` -> ``(5, 6, 7, 8)``, ``""`` -> ``()``; ``None`` when malformed."""
    try:
        bounds = [parse_ref(f"{letters}1")[1] for letters in span.split(":")] if span else []
    except ValueError:
        return None
    return tuple(range(bounds[0], bounds[-1] + 1)) if bounds else ()


def _text(value: object) -> str:
    """A record value as stripped text: ``""`` for ``None``, ``"1"`` for ``1.0``."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # LibreOffice may store a number the writer wrote as "1" as 1.0
    return str(value).strip()


_CACHE: dict[int, tuple[Tender, FormMeta]] = {}
_CACHE_SIZE = 16


def tender_meta(tender: Tender) -> FormMeta:
    """The metadata a form of ``tender`` carries, computed from the tender (see :func:`form_metadata`).

    Composing a form takes a noticeable fraction of a second, so the result is cached per tender
    object (the 16 most recent): a batch of forms checked against one tender composes it once.
    """
    from .write import form_metadata  # openpyxl: imported only when a tender is checked against

    cached = _CACHE.get(id(tender))
    if cached is not None and cached[0] is tender:
        return cached[1]
    meta = build_meta(form_metadata(tender))  # type: ignore[arg-type]
    if len(_CACHE) >= _CACHE_SIZE:
        _CACHE.pop(next(iter(_CACHE)))
    _CACHE[id(tender)] = (tender, meta)  # the tender is kept, so its id is not reused while cached
    return meta
