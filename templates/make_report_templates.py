"""Regenerate the report templates: ``python templates/make_report_templates.py [OUT]``.

Writes ``agreement.docx``, ``progress-report.docx``, ``comparison-report.docx`` and ``award-letter.docx``:
docxtpl templates
of the bodies in ``report_bodies.py``, with the tender document's running header and footer and the
house styles. Deterministic like ``make_templates.py``, so a test checks the committed files are current.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from housestyle import sect_pr  # noqa: E402
from make_templates import _story, package, write  # noqa: E402
from report_bodies import agreement_body, comparison_body, letter_body, progress_body  # noqa: E402
from tender_body import footer_body, header_body, para  # noqa: E402

HERE = Path(__file__).resolve().parent
TEMPLATES = {"agreement.docx": agreement_body, "progress-report.docx": progress_body,
             "comparison-report.docx": comparison_body, "award-letter.docx": letter_body}


def parts(body: str, title: str) -> dict[str, str]:
    """The parts of one template: ``body`` with the tender document's headers and footers."""
    stories = {
        "footer1.xml": _story("ftr", footer_body()),
        "footer2.xml": _story("ftr", para("Footer")),
        "header1.xml": _story("hdr", header_body()),
        "header2.xml": _story("hdr", para("Header")),
    }
    refs = ('<w:headerReference w:type="default" r:id="rId7"/><w:headerReference w:type="first" r:id="rId8"/>'
            '<w:footerReference w:type="default" r:id="rId5"/><w:footerReference w:type="first" r:id="rId6"/>')
    return package("nl", f"<w:body>{body}{sect_pr(refs, title_page=True)}</w:body>", title, stories)


def main(out_dir: Path = HERE) -> None:
    """Write the templates into ``out_dir`` (default: next to this script)."""
    for name, body in TEMPLATES.items():
        write(out_dir / name, parts(body(), f"tenderpack {name.removesuffix('.docx')} template"))
    print(f"wrote {', '.join(TEMPLATES)} in {out_dir}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)
