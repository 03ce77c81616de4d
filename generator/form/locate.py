"""Find every answer row of a returned form by its ID, and detect how the form's structure was changed.

Sheets are found by the names the metadata gives them; a sheet under another name is recognised by
the IDs in its column A (renamed). Rows are found by the ID in column A, never by position, so rows
moved intact still map to their answers. What does not fit is reported: a missing sheet or row, a row
inserted (an unknown ID, or content where the form has none), an ID twice, rows out of order, and
any row whose shown text no longer hashes to what the tender showed.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from .. import labels
from ..workbook import Sheet, Workbook, cell_ref
from . import layout as L
from .findings import Findings, excerpt
from .meta import FormMeta, ItemMeta

# Category bands between answer rows: column A empty, the category's label in column B (either language).
_CATEGORY_LABELS = frozenset(label for text in labels.CATEGORY.values() for label in (text.nl, text.en))


@dataclass(frozen=True)
class Located:
    """Where a form's answers are: the sheet per key (``None`` if missing) and the row per item ID.

    ``names`` holds the sheet name to use in cell references for each key (the expected name when
    the sheet is missing); ``rows`` only holds items whose row was found.
    """

    sheets: dict[str, Sheet | None]
    names: dict[str, str]
    rows: dict[str, int]

    def cell(self, item: ItemMeta, col: int) -> str:
        """``Sheet!E7``: column ``col`` of ``item``'s row as found (as expected when not found)."""
        return f"{self.names[item.sheet]}!{cell_ref(self.rows.get(item.id, item.row), col)}"


def locate(wb: Workbook, meta: FormMeta, findings: Findings) -> Located:
    """Map ``meta``'s sheets and items onto ``wb``, adding a finding for every structural change."""
    expected = {name.casefold() for name in meta.sheets.values()} | {L.META_SHEET.casefold()}
    spare = [sheet for sheet in wb.sheets if sheet.name.casefold() not in expected]
    sheets: dict[str, Sheet | None] = {}
    names: dict[str, str] = {}
    rows: dict[str, int] = {}
    for key, name in meta.sheets.items():
        items = meta.on_sheet(key)
        sheet = wb.get(name)
        if sheet is None and items:
            sheet = _renamed(spare, items)
            if sheet is None:
                findings.add("sheet_missing", f"{name}!A1", expected=name)
            else:
                spare.remove(sheet)
                findings.add("sheet_renamed", f"{sheet.name}!A1", expected=name, found=sheet.name)
        sheets[key] = sheet
        names[key] = sheet.name if sheet is not None else name
        if sheet is not None and items:
            rows.update(_rows(sheet, key, items, findings))
    for sheet in spare:
        findings.add("sheet_added", f"{sheet.name}!A1", found=sheet.name)
    return Located(sheets, names, rows)


def _renamed(candidates: list[Sheet], items: list[ItemMeta]) -> Sheet | None:
    """The candidate sheet holding the most of ``items``' IDs in column A, if it holds any."""
    ids = {item.id for item in items}
    best, score = None, 0
    for sheet in candidates:
        found = sum(1 for cells in sheet.rows.values() if _id(cells.get(1)) in ids)
        if found > score:
            best, score = sheet, found
    return best


def _id(value: object) -> str | None:
    return value.strip() if isinstance(value, str) else None


def _rows(sheet: Sheet, key: str, items: list[ItemMeta], findings: Findings) -> dict[str, int]:
    """The row of each of ``items`` on ``sheet``, with findings for rows deleted, inserted, doubled, moved
    or altered."""
    known = {item.id for item in items}
    at: dict[str, list[int]] = {}
    for number, cells in sheet.rows.items():
        if number < L.FIRST_ROW:
            continue
        item_id = _id(cells.get(1))
        if item_id in known:
            at.setdefault(item_id, []).append(number)
        elif not _category_band(cells):
            content = " | ".join(str(cells[col]) for col in sorted(cells))
            findings.add("row_inserted", f"{sheet.name}!A{number}", row=number, text=excerpt(content))
    found: dict[str, int] = {}
    for item in items:
        candidates = at.get(item.id)
        if not candidates:
            findings.add("row_deleted", f"{sheet.name}!A{item.row}", item.id, sheet=sheet.name)
            continue
        row = item.row if item.row in candidates else candidates[0]
        found[item.id] = row
        for other in candidates:
            if other != row:
                findings.add("row_duplicated", f"{sheet.name}!A{other}", item.id, row=other, used=row)
    in_order = _in_order([found[item.id] for item in items if item.id in found])
    placed = [item for item in items if item.id in found]
    for index, item in enumerate(placed):
        row = found[item.id]
        if index not in in_order:
            findings.add("row_moved", f"{sheet.name}!A{row}", item.id, row=row, expected=item.row)
        cells = sheet.rows[row]
        if any(isinstance(value, bool) for value in cells.values()):
            # The writer never puts a boolean in a shown cell; one typed there (TRUE) only needs to hash
            # differently, and normalize_part refuses booleans.
            cells = {col: str(value) if isinstance(value, bool) else value for col, value in cells.items()}
        if L.row_hash(key, cells) != item.hash:
            findings.add("text_altered", f"{sheet.name}!A{row}", item.id)
    return found


def _category_band(cells: dict[int, object]) -> bool:
    """Whether a row without an ID is one of the form's category bands (only a category label in B)."""
    return cells.keys() == {2} and cells[2] in _CATEGORY_LABELS


def _in_order(rows: list[int]) -> set[int]:
    """The indexes of a longest increasing run (not necessarily contiguous) of ``rows``.

    Rows found in form order are all in it; when rows were moved, the items outside it are the fewest
    that explain the new order, so moving one row flags that row and not every row it jumped over.
    """
    tails: list[int] = []  # tails[k]: the smallest last row of an increasing run of length k + 1
    tail_index: list[int] = []
    previous = [-1] * len(rows)
    for index, row in enumerate(rows):
        k = bisect.bisect_left(tails, row)
        if k == len(tails):
            tails.append(row)
            tail_index.append(index)
        else:
            tails[k] = row
            tail_index[k] = index
        previous[index] = tail_index[k - 1] if k else -1
    keep: set[int] = set()
    index = tail_index[-1] if tail_index else -1
    while index >= 0:
        keep.add(index)
        index = previous[index]
    return keep
