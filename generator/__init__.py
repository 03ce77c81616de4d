"""tenderpack: collaboration requirements, KPIs and responsibilities in public tenders.

The public API. Typical use::

    from generator import load_library, load_spec, assemble, build_pack

    library = load_library()                      # the bundled clause library
    spec = load_spec("samples/gemeente-it-beheer.yaml", library)
    tender = assemble(library, spec, "nl")         # resolved: one language, parameters filled
    build_pack("samples/gemeente-it-beheer.yaml", "out/pack", library)
"""

from .assemble import assemble
from .document import check_template, render_tender_document
from .errors import Finding, InputError, Location, TemplateError, TenderpackError, ValidationFailed
from .form import write_form
from .library import Library, load_library
from .models.spec import TenderSpec
from .models.tender import Tender
from .pack import PackFile, build_pack, build_time, render_pack
from .spec import check_spec, load_spec

__all__ = [
    "Finding",
    "InputError",
    "Library",
    "Location",
    "PackFile",
    "TemplateError",
    "Tender",
    "TenderSpec",
    "TenderpackError",
    "ValidationFailed",
    "assemble",
    "build_pack",
    "build_time",
    "check_spec",
    "check_template",
    "load_library",
    "load_spec",
    "render_pack",
    "render_tender_document",
    "write_form",
]
