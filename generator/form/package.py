"""Serialise a workbook the form writer built, faster than openpyxl's own writer does.

openpyxl's ``ExcelWriter`` writes every sheet to a temporary file on disk, reads it back and deletes
it, and writes every cell through lxml's incremental writer an element at a time (three for a text
cell); for a form, that was most of the time of writing it. :func:`save` writes the sheets in memory
and each sheet's cell table (``<sheetData>``) as one string. A sheet holding a cell of another kind
than the form writes (a date, a boolean, a formula, rich text, a comment), or text XML cannot hold,
has its table written by openpyxl's cell writer, which refuses such text as it always did.

The XML says what openpyxl's says (the same canonical XML); only the spelling of the table differs:
UTF-8 rather than character references, ``<c .../>`` rather than ``<c ...></c>``. Written against
openpyxl 3.1 (``ExcelWriter.write_worksheet``, ``WorksheetWriter.write_rows`` and
``openpyxl.cell._writer``).
"""

from __future__ import annotations

import io
import zipfile

from openpyxl.compat import safe_string
from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

_EMPTY = {"s": "inlineStr", "n": "n"}  # the cell type written for an empty text or number cell
_NUMBERS = (int, float)  # by type, not isinstance: a bool is an int, and openpyxl writes it as t="b"


def save(wb: Workbook) -> bytes:
    """``wb`` as .xlsx bytes, every entry stored (not deflated), with the properties' dates as set.

    ``Workbook.save()`` stamps ``properties.modified`` with the current time; this does not. The
    workbook must not be write-only.
    """
    buffer = io.BytesIO()
    _Writer(wb, zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED)).save()  # closes the zip
    return buffer.getvalue()


class _Writer(ExcelWriter):
    """``ExcelWriter`` writing each sheet to memory, through :class:`_SheetWriter`."""

    def write_worksheet(self, ws: Worksheet) -> None:
        # ExcelWriter.write_worksheet for a workbook that is not write-only, with a BytesIO as the
        # WorksheetWriter's output (which its read() supports) instead of a temporary file.
        ws._drawing = SpreadsheetDrawing()
        ws._drawing.charts = ws._charts
        ws._drawing.images = ws._images
        writer = _SheetWriter(ws, out=io.BytesIO())
        writer.write()
        ws._rels = writer._rels
        self._archive.writestr(ws.path[1:], writer.read())
        self.manifest.append(ws)


class _SheetWriter(WorksheetWriter):
    """``WorksheetWriter`` writing the cell table in one piece when it holds only text and numbers."""

    def write_rows(self) -> None:
        table = self._table()
        if table is None:
            super().write_rows()
            return
        xf = self.xf.send(True)  # as WorksheetWriter.write_rows: take lxml's stream, then hand it back
        xf.flush()  # what lxml holds goes to the file first, then the table, then the rest
        self.out.write(table)
        self.xf.send(None)

    def _table(self) -> bytes | None:
        """The ``<sheetData>`` element as UTF-8; ``None`` when a cell needs openpyxl's cell writer or
        holds text XML cannot.

        Cells and attributes as ``WorksheetWriter.write_row`` and ``lxml_write_cell`` write them:
        unstyled empty cells left out, text as inline strings (``xml:space="preserve"`` when it has
        leading or trailing whitespace), numbers formatted by ``safe_string``.
        """
        ws = self.ws
        add_style = ws.parent._cell_styles.add
        dimensions = ws.row_dimensions
        style_ids: dict[int, str] = {}
        links = []
        parts = ["<sheetData>"]
        for number, cells in self.rows():
            attributes = {"r": str(number), **dict(dimensions.get(number, ()))}
            parts.append("<row" + "".join(f' {k}="{_escape(v)}"' for k, v in attributes.items()) + ">")
            for cell in cells:
                value, style = cell._value, cell._style
                if cell._comment is not None:
                    return None
                styled = style is not None and any(style)
                if value is None and not styled:
                    continue
                head = f'<c r="{get_column_letter(cell.column)}{number}"'
                if styled:
                    # Cells of one style share its array (Styles.share): look each array up once.
                    known = style_ids.get(id(style))
                    if known is None:
                        known = style_ids[id(style)] = f' s="{add_style(style)}"'
                    head += known
                kind = cell.data_type
                if kind == "s" and type(value) is str and value:
                    space = ' xml:space="preserve"' if value != value.strip() else ""
                    parts.append(f'{head} t="inlineStr"><is><t{space}>{_escape(value)}</t></is></c>')
                elif kind in _EMPTY and (value is None or value == ""):
                    parts.append(f'{head} t="{_EMPTY[kind]}"/>')
                elif kind == "n" and type(value) in _NUMBERS:
                    parts.append(f'{head} t="n"><v>{safe_string(value)}</v></c>')
                else:
                    return None
                if cell.hyperlink:
                    links.append(cell.hyperlink)  # written after the table, as _set_attributes collects them
            parts.append("</row>")
        parts.append("</sheetData>")
        table = "".join(parts)
        # Besides the control characters openpyxl refuses when a cell's value is set (check_string),
        # XML 1.0 cannot hold the non-characters U+FFFE/U+FFFF (openpyxl's cell writer refuses them)
        # or surrogates, which UTF-8 cannot encode: the encoding raises the UnicodeEncodeError that
        # openpyxl's writer raises. Two substring searches find the others in a fifth of the time of
        # a regular expression over the table.
        if "\ufffe" in table or "\uffff" in table:
            return None
        data = table.encode("utf-8")
        ws._hyperlinks.extend(links)
        return data


def _escape(text: str) -> str:
    """``text`` as XML character data or a quoted attribute value.

    CR is written as a reference, as lxml writes it, since a parser reads a literal CR back as LF.
    A chain of ``str.replace`` costs a third of one ``str.translate`` on text that needs none.
    """
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
            .replace("\r", "&#13;"))
