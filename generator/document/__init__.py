"""The Word documents tenderpack writes; for now the tender document (aanbestedingsleidraad).

``render_tender_document`` renders a :class:`~generator.models.tender.Tender` into .docx bytes on a base
template (the bundled house style or an authority's own); ``check_template`` tells whether a Word
file can serve as base template.
"""

from .render import render_tender_document
from .styles import REQUIRED_STYLES, check_template

__all__ = ["REQUIRED_STYLES", "check_template", "render_tender_document"]
