"""The body, header and footer of the tender-document template, as WordprocessingML with docxtpl tags.

Used by ``make_templates.py`` only. The tags read the context built by
``generator.document.context``; all wording comes from it (``w.*``), so one template serves both
languages. Every tag sits in a single run (docxtpl only joins tags that Word split across runs, and
not reliably: python-docx-template #81, #71); control tags use ``{%p``/``{%tr`` so they take their
whole paragraph or row with them. Tables repeat their header row (``w:tblHeader``), rows do not split
across pages (``w:cantSplit``) and every cell carries its width (Word and LibreOffice disagree on
column-only widths: python-docx #360).
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from housestyle import TEXT_WIDTH, sect_pr

TOC_INSTRUCTION = ' TOC \\o "1-2" \\h \\z \\u '


def run(text: str, style: str | None = None) -> str:
    """A run of ``text`` (XML-escaped), optionally in a character style."""
    rpr = f'<w:rPr><w:rStyle w:val="{style}"/></w:rPr>' if style else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


TAB = "<w:r><w:tab/></w:r>"


def para(style: str | None, *runs: str, ppr: str = "") -> str:
    """A paragraph in ``style`` holding ``runs``."""
    style_xml = f'<w:pStyle w:val="{style}"/>' if style else ""
    props = f"<w:pPr>{style_xml}{ppr}</w:pPr>" if style_xml or ppr else ""
    return f"<w:p>{props}{''.join(runs)}</w:p>"


def text(style: str | None, expression: str, ppr: str = "") -> str:
    """A paragraph showing one Jinja expression."""
    return para(style, run("{{ " + expression + " }}"), ppr=ppr)


def tag(statement: str) -> str:
    """A paragraph holding only a ``{%p ... %}`` control tag; docxtpl removes the paragraph."""
    return para(None, run("{%p " + statement + " %}"))


def block(statement: str, *body: str, end: str) -> str:
    """``body`` wrapped in a paragraph-level control block (``for``/``if``)."""
    return tag(statement) + "".join(body) + tag(end)


def loop(statement: str, *body: str) -> str:
    """``body`` repeated by a paragraph-level ``for`` loop."""
    return block(f"for {statement}", *body, end="endfor")


def fact(label: str, value: str) -> str:
    """A label/value line: the label in bold, then a tab to the value column."""
    return para("TenderFact", run("{{ " + label + " }}", "Strong"), TAB, run("{{ " + value + " }}"))


def facts(expression: str) -> str:
    """One fact line per ``{label, value}`` in ``expression``."""
    return loop(f"f in {expression}", fact("f.label", "f.value"))


def paras(expression: str, style: str | None = None) -> str:
    """One paragraph per string in ``expression`` (clause texts split on blank lines)."""
    return loop(f"x in {expression}", text(style, "x"))


def _cell(width: int, content: str, style: str) -> str:
    return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
            f'{para(style, content)}</w:tc>')


def _data_cell(width: int, expression: str | tuple[str, str], style: str,
               run_style: str | None = None) -> str:
    """A cell showing ``expression``.

    ``"*list"`` shows one paragraph per item of a (non-empty) list; a pair ``(title, list)`` shows
    the title in bold with one paragraph per item of the (possibly empty) list below it.
    """
    if isinstance(expression, tuple):
        title, details = expression
        body = para(style, run("{{ " + title + " }}", "Strong")) + loop(f"x in {details}", text(style, "x"))
    elif expression.startswith("*"):
        body = loop(f"x in {expression[1:]}", text(style, "x"))
    else:
        body = para(style, run("{{ " + expression + " }}", run_style))
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{body}</w:tc>'


def _row(cells: str, *, header: bool = False) -> str:
    props = "<w:cantSplit/><w:tblHeader/>" if header else "<w:cantSplit/>"
    return f"<w:tr><w:trPr>{props}</w:trPr>{cells}</w:tr>"


def _tag_row(statement: str, widths: list[int]) -> str:
    first = _cell(widths[0], run("{%tr " + statement + " %}"), "TenderTableText")
    rest = "".join(_cell(w, "", "TenderTableText") for w in widths[1:])
    return f"<w:tr>{first}{rest}</w:tr>"


def table(fractions: list[float], head: list[str] | None, statement: str, cells: list,
          *, strong_rows: tuple[str, list[str]] | None = None, first_column: bool = False) -> str:
    """A table of the house style: an optional repeated header row, one row per item of a loop.

    ``fractions`` are column widths as shares of the text width; ``head`` the header expressions;
    ``cells`` the expressions of one row (see :func:`_data_cell`); ``strong_rows`` an optional second
    loop of rows in bold (totals). ``first_column`` switches on the style's first-column look
    (label/value tables).
    """
    widths = [int(TEXT_WIDTH * f) for f in fractions]
    widths[-1] = TEXT_WIDTH - sum(widths[:-1])
    # tblLook switches the table style's conditional formats on: 0x0020 first row, 0x0080 first
    # column, 0x0200/0x0400 no banding.
    look = ('w:val="0680" w:firstRow="0" w:firstColumn="1"' if first_column
            else 'w:val="0620" w:firstRow="1" w:firstColumn="0"')
    out = [
        f'<w:tbl><w:tblPr><w:tblStyle w:val="TenderTable"/><w:tblW w:w="{TEXT_WIDTH}" w:type="dxa"/>'
        f'<w:tblLayout w:type="fixed"/><w:tblLook {look} w:lastRow="0" w:lastColumn="0" w:noHBand="1"'
        ' w:noVBand="1"/></w:tblPr><w:tblGrid>'
        + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths) + "</w:tblGrid>"
    ]
    if head is not None:
        out.append(_row("".join(_cell(w, run("{{ " + h + " }}"), "TenderTableHeading")
                                for w, h in zip(widths, head)), header=True))
    out.append(_tag_row(f"for {statement}", widths))
    out.append(_row("".join(_data_cell(w, c, "TenderTableText") for w, c in zip(widths, cells))))
    out.append(_tag_row("endfor", widths))
    if strong_rows is not None:
        loop_statement, strong_cells = strong_rows
        out.append(_tag_row(f"for {loop_statement}", widths))
        out.append(_row("".join(_data_cell(w, c, "TenderTableText", "Strong")
                                for w, c in zip(widths, strong_cells))))
        out.append(_tag_row("endfor", widths))
    out.append("</w:tbl>")
    return "".join(out)


def label_table(expression: str) -> str:
    """A two-column label/value table, one row per ``{label, value}`` in ``expression``."""
    return table([0.3, 0.7], None, f"f in {expression}", ["f.label", "f.value"], first_column=True)


def item_block(expression: str) -> str:
    """One clause: heading with its ID, its text and its facts (answer asked, evidence, ...)."""
    heading = para("Heading3", run("{{ i.id }}"), TAB, run("{{ i.title }}"))
    return loop(f"i in {expression}", heading, paras("i.paras"), facts("i.facts"))


def _field(instruction: str, cached: str) -> str:
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve">{escape(instruction)}</w:instrText></w:r>'
        f'<w:r><w:fldChar w:fldCharType="separate"/></w:r>{run(cached)}'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


PAGE_BREAK = "<w:pageBreakBefore/>"


def title_page() -> str:
    """Title, subtitle and the cover facts (reference, authority, revision, date...)."""
    return text("Title", "t.title") + text("Subtitle", "w.doc_kind") + facts("cover")


def toc() -> str:
    """The table of contents: a real TOC field, filled by Word on open (settings ``w:updateFields``).

    The field result holds one placeholder paragraph that the renderer replaces by the headings, so
    readers that do not update fields (LibreOffice) still show the contents.
    """
    begin = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve">{escape(TOC_INSTRUCTION)}</w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
    )
    return (
        text("TOCHeading", "w.toc", ppr=PAGE_BREAK)
        + para("TOC1", begin, run("{{ w.toc_placeholder }}"))
        + para(None, '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
    )


def chapter_intro() -> str:
    """Chapter 1: about this tender and the reading guide."""
    return (
        text("Heading1", "w.h_intro", ppr=PAGE_BREAK)
        + text("Heading2", "w.h_about")
        + paras("intro.summary")
        + label_table("intro.facts")
        + text(None, "w.principles")
        + text("Heading2", "w.h_reading")
        + text(None, "w.reading_intro")
        + loop("g in w.reading_guide", para("ListBullet", run("{{ g[0] }}", "Strong"), run(": {{ g[1] }}")))
        + text(None, "w.reading_ids")
        + text("Heading2", "w.h_documents")
        + block("if documents", text(None, "w.documents_intro"),
                table([0.3, 0.5, 0.2], ["w.col_document", "w.col_description", "w.col_document_clauses"],
                      "d in documents", ["d.title", "d.description", "d.clauses"]),
                end="else")
        + text(None, "w.documents_none")
        + tag("endif")
    )


def chapter_respond() -> str:
    """Chapter 2: the form, the timetable, questions and the contact person."""
    return (
        text("Heading1", "w.h_respond")
        + text("Heading2", "w.h_form")
        + text(None, "w.form_intro")
        + loop("s in w.form_steps", text("ListNumber", "s"))
        + text(None, "w.form_integrity")
        + text("Heading2", "w.h_timetable")
        + table([0.6, 0.4], ["w.col_milestone", "w.col_date"], "d in respond.dates", ["d.label", "d.value"])
        + text(None, "respond.deadline", ppr='<w:spacing w:before="120"/>')
        + text("Heading2", "w.h_questions")
        + text(None, "respond.questions")
        + facts("respond.contact")
        + text(None, "w.nvi")
    )


def chapter_requirements() -> str:
    """Chapter 3: the suitability requirements on the bidder in their own section, then the knock-out
    requirements on the bid grouped by category."""
    return (
        text("Heading1", "w.h_requirements")
        + text(None, "w.requirements_intro")
        + block("if suitability",
                text("Heading2", "w.h_suitability"), text(None, "w.suitability_intro"),
                item_block("suitability"),
                block("if requirements", text("Heading2", "w.h_offer_requirements"),
                      text(None, "w.offer_requirements_intro"), end="endif"),
                end="endif")
        + block("if requirements",
                loop("g in requirements", text("Heading2", "g.label"), item_block("g.clauses")),
                end="elif not suitability")
        + text(None, "w.requirements_none")
        + tag("endif")
    )


def chapter_award() -> str:
    """Chapter 4: the method, the weights, the scale, the formula with a worked example, the criteria."""
    a = "award"
    scale2 = table([0.15, 0.85], ["w.col_score", "w.col_descriptor"], f"s in {a}.scale",
                   ["s.score", "s.descriptor"])
    scale3 = table([0.15, 0.6, 0.25], ["w.col_score", "w.col_descriptor", "w.col_share"], f"s in {a}.scale",
                   ["s.score", "s.descriptor", "s.share"])
    head = [f"{a}.example.head[{i}]" for i in range(6)]
    cells = [f"row[{i}]" for i in range(6)]
    example = table([0.16, 0.12, 0.18, 0.18, 0.18, 0.18], head, f"row in {a}.example.rows", cells,
                    strong_rows=(f"row in {a}.example.totals", cells))
    criterion_scale = block("if i.scale",
                            text(None, "w.own_scale"),
                            table([0.15, 0.85], ["w.col_score", "w.col_descriptor"], "s in i.scale",
                                  ["s.score", "s.descriptor"]),
                            end="endif")
    criterion = loop("i in criteria",
                     para("Heading3", run("{{ i.id }}"), TAB, run("{{ i.title }}")),
                     paras("i.paras"), facts("i.facts"), criterion_scale)
    return (
        text("Heading1", "w.h_award")
        + paras(f"{a}.method")
        + text("Heading2", f"{a}.h_weights")
        + text(None, f"{a}.weights_intro")
        + table([0.16, 0.59, 0.25], ["w.col_id", "w.col_criterion", f"{a}.amount_head"], f"c in {a}.rows",
                ["c.id", "c.title", "c.amount"],
                strong_rows=(f"c in {a}.totals", ["c.id", "c.title", "c.amount"]))
        + text("Heading2", "w.h_scale")
        + text(None, f"{a}.scale_intro")
        + block(f"if {a}.on_value", scale3, end="else") + scale2 + tag("endif")
        + text("Heading2", "w.h_calculation")
        + paras(f"{a}.formula", "TenderFormula")
        + paras(f"{a}.example.intro")
        + example
        + paras(f"{a}.example.conclusion")
        + text(None, f"{a}.tie_break")
        + text("Heading3", f"{a}.h_rounding") + text(None, f"{a}.rounding")
        + block("if criteria", text("Heading2", "w.h_criteria"), text(None, "w.criteria_intro"), criterion,
                end="endif")
    )


def chapter_kpis() -> str:
    """Chapter 5: the KPI overview and one table per KPI."""
    overview = table([0.10, 0.28, 0.14, 0.14, 0.20, 0.14],
                     ["w.col_id", "w.col_kpi", "w.col_minimum", "w.col_target", "w.col_norm", "w.col_frequency"],
                     "k in kpis", ["k.id", "k.title", "k.minimum", "k.target", "k.norm", "k.frequency"])
    detail = loop("k in kpis", para("Heading3", run("{{ k.id }}"), TAB, run("{{ k.title }}")),
                  paras("k.paras"), label_table("k.rows"))
    return (
        text("Heading1", "w.h_kpis")
        + text(None, "w.kpi_intro")
        + block("if kpis", text("Heading2", "w.h_kpi_overview"), overview,
                text("Heading2", "w.h_kpi_details"), text(None, "w.kpi_details_intro"), detail, end="else")
        + text(None, "w.kpi_none")
        + tag("endif")
    )


def chapter_raci() -> str:
    """Chapter 6: the responsibility matrix with its legend."""
    matrix = table([0.10, 0.36, 0.115, 0.115, 0.115, 0.115, 0.08],
                   ["w.col_id", "w.col_activity", *(f"raci.parties[{i}]" for i in range(4)), "w.col_status"],
                   "a in raci.rows",
                   ["a.id", ("a.title", "a.details"), *(f"a.roles[{i}]" for i in range(4)), "a.status"])
    return (
        text("Heading1", "w.h_raci")
        + text(None, "w.raci_intro")
        + block("if raci.rows", matrix, text(None, "w.raci_legend_intro", ppr='<w:spacing w:before="120"/>'),
                loop("x in w.raci_legend",
                     para("ListBullet", run("{{ x[0] }}", "Strong"), run(" {{ x[1] }}"))),
                text(None, "w.raci_fixed"), end="else")
        + text(None, "w.raci_none")
        + tag("endif")
    )


def chapter_collaboration() -> str:
    """Chapter 7: meeting structure, escalation ladder and contract clauses per category."""
    meetings = table([0.20, 0.14, 0.24, 0.09, 0.33],
                     ["w.col_meeting", "w.col_frequency", "w.col_participants", "w.col_duration",
                      "w.col_agenda"],
                     "m in meetings", ["m.name", "m.frequency", "m.participants", "m.duration", "*m.agenda"])
    ladder = table([0.12, 0.48, 0.22, 0.18], ["w.col_level", "w.col_who", "w.col_term", "w.col_clause"],
                   "e in escalation", ["e.level", "e.who", "e.term", "e.clause"])
    return (
        text("Heading1", "w.h_collaboration")
        + text(None, "w.collaboration_intro")
        + block("if meetings", text("Heading2", "w.h_meetings"), text(None, "w.meetings_intro"), meetings,
                end="endif")
        + block("if escalation", text("Heading2", "w.h_escalation"), text(None, "w.escalation_intro"), ladder,
                end="endif")
        + loop("g in clause_groups", text("Heading2", "g.label"), item_block("g.clauses"))
        + block("if not (meetings or escalation or clause_groups)", text(None, "w.collaboration_none"),
                end="endif")
    )


def chapter_glossary_and_changes() -> str:
    """Chapters 8 and 9: the glossary and the change log."""
    return (
        text("Heading1", "w.h_glossary")
        + text(None, "w.glossary_intro")
        + table([0.3, 0.7], ["w.col_term_glossary", "w.col_meaning"], "g in glossary", ["g[0]", "g[1]"])
        + text("Heading1", "w.h_changes")
        + text(None, "w.changes_intro")
        + table([0.12, 0.22, 0.66], ["w.col_revision", "w.col_date", "w.col_description"], "r in revisions",
                ["r.revision", "r.date", "r.description"])
        + text(None, "colophon", ppr='<w:spacing w:before="240"/>')
    )


def body_xml(header_ids: dict[str, str], footer_ids: dict[str, str]) -> str:
    """The ``w:body`` of the template; the ids name the header/footer relationships per type."""
    refs = "".join(f'<w:headerReference w:type="{t}" r:id="{rid}"/>' for t, rid in header_ids.items())
    refs += "".join(f'<w:footerReference w:type="{t}" r:id="{rid}"/>' for t, rid in footer_ids.items())
    return (
        "<w:body>" + title_page() + toc() + chapter_intro() + chapter_respond() + chapter_requirements()
        + chapter_award() + chapter_kpis() + chapter_raci() + chapter_collaboration()
        + chapter_glossary_and_changes() + sect_pr(refs, title_page=True) + "</w:body>"
    )


def header_body() -> str:
    """The running header: the reference and document kind, and right-aligned the authority."""
    return para("Header", run("{{ t.reference }} \u00b7 {{ w.doc_kind }}"), "<w:r><w:tab/><w:tab/></w:r>",
                run("{{ t.authority }}"))


def footer_body() -> str:
    """The running footer: revision and date, and right-aligned "Pagina X van Y" (PAGE, NUMPAGES)."""
    return para(
        "Footer", run("{{ w.revision }} {{ t.revision }} \u00b7 {{ t.date }}"), "<w:r><w:tab/><w:tab/></w:r>",
        run("{{ w.page }} "), _field(" PAGE ", "1"), run(" {{ w.page_of }} "), _field(" NUMPAGES ", "1"),
    )
