"""The bid-response form: its layout (shared with the parser), its writer, its reader and the filler.

``write_form`` builds the form of a tender; ``read_form`` reads a returned one into a Submission with
findings; ``fill_form`` pre-fills a blank form from a bidder's answer file (``load_answers``).

Names are imported on first use (PEP 562), as in the top-level package: reading a form does not load
openpyxl, which only the writer and the filler need.
"""

from typing import TYPE_CHECKING

from ..lazy import lazy_exports

_HOMES = {
    "FillResult": "fill",
    "fill_form": "fill",
    "load_answers": "fill",
    "read_form": "read",
    "write_form": "write",
}

__all__ = ["FillResult", "fill_form", "load_answers", "read_form", "write_form"]
__getattr__, __dir__ = lazy_exports(__name__, _HOMES)


if TYPE_CHECKING:
    from .fill import FillResult, fill_form, load_answers
    from .read import read_form
    from .write import write_form
