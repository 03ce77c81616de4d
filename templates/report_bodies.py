"""The bodies of the agreement-annex, progress-report and comparison-report templates, as WordprocessingML
with docxtpl tags.

Used by ``make_report_templates.py`` only. Built from the same helpers as the tender document
(``tender_body.py``), so tables, facts and clause blocks look the same; the wording comes from the
render contexts of ``generator.agreement.annex``, ``generator.progress.document`` and
``generator.evaluation.report``. Status cells are shaded with docxtpl's ``{% cellbg %}``; the renderer
moves the shading into schema order afterwards.
"""

from __future__ import annotations

from housestyle import TEXT_WIDTH
from tender_body import (
    PAGE_BREAK, TAB, block, facts, item_block, label_table, loop, para, paras, run, table, tag, text,
)

KPI_COLUMNS = 4  # generator.evaluation.report.KPI_COLUMNS: bidders side by side in one KPI table
SPACER = para(None, ppr='<w:spacing w:after="0"/>')  # keeps consecutive tables apart (Word would join them)


def _bg_table(fractions: list[float], head: list[str], statement: str, cells: list[str], bg: dict[int, str]) -> str:
    """A house-style table like ``tender_body.table`` whose columns in ``bg`` are shaded per row.

    ``bg`` maps a column index to the expression of its fill colour (hex, no ``#``).
    """
    widths = [int(TEXT_WIDTH * f) for f in fractions]
    widths[-1] = TEXT_WIDTH - sum(widths[:-1])

    def cell(width: int, content: str, style: str) -> str:
        return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{para(style, content)}</w:tc>'

    def tag_row(statement: str) -> str:
        return ("<w:tr>" + cell(widths[0], run("{%tr " + statement + " %}"), "TenderTableText")
                + "".join(cell(x, "", "TenderTableText") for x in widths[1:]) + "</w:tr>")

    header = "".join(cell(x, run("{{ " + h + " }}"), "TenderTableHeading") for x, h in zip(widths, head))
    body = "".join(cell(x, (run("{% cellbg " + bg[i] + " %}") if i in bg else "") + run("{{ " + c + " }}"),
                        "TenderTableText") for i, (x, c) in enumerate(zip(widths, cells)))
    return (f'<w:tbl><w:tblPr><w:tblStyle w:val="TenderTable"/><w:tblW w:w="{TEXT_WIDTH}" w:type="dxa"/>'
            '<w:tblLayout w:type="fixed"/><w:tblLook w:val="0620" w:firstRow="1" w:lastRow="0" w:firstColumn="0"'
            ' w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>'
            + "".join(f'<w:gridCol w:w="{x}"/>' for x in widths) + "</w:tblGrid>"
            + f"<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>{header}</w:tr>"
            + tag_row(f"for {statement}") + f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{body}</w:tr>"
            + tag_row("endfor") + "</w:tbl>")


def _signals(expression: str, heading: str, none: str) -> str:
    """A heading with one bullet per signal (bold title, then the detail), or a line saying there are none."""
    bullet = para("ListBullet", run("{{ s.title }}", "Strong"), run(": {{ s.detail }}"))
    return text("Heading3", heading) + block(f"if {expression}", loop(f"s in {expression}", bullet),
                                             end="else") + text(None, none) + tag("endif")


def agreement_body() -> str:
    """The annex: cover, status and origin, meetings and escalation, RACI, KPIs, incentives, clauses."""
    meetings = table([0.17, 0.13, 0.25, 0.08, 0.27, 0.10],
                     ["w.col_meeting", "w.col_frequency", "w.col_participants", "w.col_duration", "w.col_agenda",
                      "w.col_clause"],
                     "m in meetings", ["m.name", "m.frequency", "m.participants", "m.duration", "*m.agenda",
                                       "m.clause"])
    schedule = table([0.3, 0.3, 0.4], ["w.col_meeting", "w.col_first", "w.col_rhythm"], "m in meetings",
                     ["m.name", "m.first", "m.rhythm"])
    ladder = table([0.10, 0.52, 0.2, 0.18], ["w.col_level", "w.col_who", "w.col_term", "w.col_clause"],
                   "e in escalation", ["e.level", "e.who", "e.term", "e.clause"])
    raci = table([0.10, 0.30, 0.09, 0.09, 0.09, 0.09, 0.24],
                 ["w.col_id", "w.col_activity", *(f"parties[{i}]" for i in range(4)), "w.col_origin"],
                 "a in raci", ["a.id", "a.title", *(f"a.roles[{i}]" for i in range(4)), "a.origin"])
    kpis = table([0.09, 0.25, 0.11, 0.11, 0.17, 0.14, 0.13],
                 ["w.col_id", "w.col_kpi", "w.col_minimum", "w.col_target", "w.col_standard", "w.col_origin",
                  "w.col_frequency"],
                 "k in kpis", ["k.id", "k.title", "k.minimum", "k.target", "k.standard", "k.origin", "k.frequency"])
    incentives = table([0.10, 0.34, 0.32, 0.24], ["w.col_id", "w.col_kpi", "w.col_type", "w.col_cap"],
                       "k in incentives", ["k.id", "k.title", "*k.rules", "k.cap"])
    commitments = table([0.2, 0.2, 0.4, 0.2], ["w.col_commitment_id", "w.col_item", "w.col_commitment", "w.col_cell"],
                        "c in bid_commitments", ["c.id", "c.title", "c.text", "c.origin"])
    return (
        text("Title", "w.doc_kind") + text("Subtitle", "subtitle")
        + block("if draft", para(None, run("{{r draft_mark }}")), text(None, "w.draft_notice"), end="endif")
        + facts("cover")
        + text("Heading1", "w.h_intro", ppr=PAGE_BREAK) + text(None, "w.intro") + text(None, "w.precedence")
        + label_table("origin")
        + text("Heading1", "w.h_governance")
        + text("Heading2", "w.h_meetings") + block("if meetings", text(None, "w.meetings_intro"), meetings,
                                                   text(None, "w.schedule_intro", ppr='<w:spacing w:before="120"/>'),
                                                   schedule, end="else") + text(None, "w.none") + tag("endif")
        + text("Heading2", "w.h_escalation") + block("if escalation", text(None, "w.escalation_intro"), ladder,
                                                     end="else") + text(None, "w.none") + tag("endif")
        + text("Heading1", "w.h_raci") + block("if raci", text(None, "w.raci_intro"), raci, end="else")
        + text(None, "w.none") + tag("endif")
        + text("Heading1", "w.h_kpis") + block("if kpis", text(None, "w.kpi_intro"), kpis, end="else")
        + text(None, "w.none") + tag("endif")
        + block("if remarks", text(None, "w.kpi_remarks", ppr='<w:spacing w:before="120"/>'),
                loop("r in remarks", para("ListBullet", run("{{ r.id }}", "Strong"), run(": {{ r.text }}"))),
                end="endif")
        + text("Heading1", "w.h_incentives") + block("if incentives", text(None, "w.incentives_intro"), incentives,
                                                     end="else") + text(None, "w.incentives_none") + tag("endif")
        + item_block("incentive_clauses")
        + text("Heading1", "w.h_facilitation") + block("if facilitation", item_block("facilitation"), end="else")
        + text(None, "w.facilitation_none") + tag("endif")
        + block("if clause_groups", text("Heading1", "w.h_clauses"),
                loop("g in clause_groups", text("Heading2", "g.label"), item_block("g.clauses")), end="endif")
        + block("if bid_answers or bid_commitments", text("Heading1", "w.h_commitments"),
                text(None, "w.commitments_intro"), end="endif")
        + block("if bid_answers", text("Heading2", "w.h_bid_answers"), item_block("bid_answers"), end="endif")
        + block("if bid_commitments", text("Heading2", "w.h_other_commitments"), text(None, "w.other_commitments_intro"),
                commitments, end="endif")
        + text("Heading1", "w.h_origin") + text(None, "w.origin_intro") + label_table("sources")
    )


def progress_body() -> str:
    """The report: the one-glance first page, then per-KPI tables and charts, incentives, scores, actions."""
    status = _bg_table([0.29, 0.12, 0.08, 0.08, 0.09, 0.08, 0.14, 0.12],
                       ["w.col_kpi", "w.col_latest", "w.col_value", "w.col_minimum", "w.col_standard",
                        "w.col_target", "w.col_status", "w.col_trend"],
                       "k in glance", ["k.name", "k.period", "k.value", "k.minimum", "k.norm", "k.target",
                                       "k.status", "k.trend"], {6: "k.color"})
    commitments = _bg_table([0.18, 0.30, 0.14, 0.14, 0.24],
                            ["w.col_commitment", "w.col_subject", "w.col_quarter", "w.col_status", "w.col_evidence"],
                            "c in commitments", ["c.id", "c.title", "c.period", "c.status", "c.evidence"],
                            {3: "c.color"})
    periods = _bg_table([0.22, 0.14, 0.22, 0.42], ["w.col_period", "w.col_value", "w.col_status", "w.col_remark"],
                        "r in k.rows", ["r.period", "r.value", "r.status", "r.remark"], {2: "r.color"})
    money = table([0.12, 0.16, 0.14, 0.14, 0.18, 0.13, 0.13],
                  ["w.col_id", "w.col_period", "w.col_value", "w.col_fee", "w.col_rule", "w.col_amount",
                   "w.col_settled"],
                  "c in consequences", ["c.id", "c.period", "c.value", "c.fee", "c.rule", "c.amount", "c.settled"],
                  strong_rows=("c in year_totals", ["c.id", "c.period", "c.value", "c.fee", "c.rule", "c.amount",
                                                    "c.settled"]))
    scores = table([0.14, 0.09, 0.34, 0.09, 0.34],
                   ["w.col_quarter", "w.col_client", "w.col_reasons", "w.col_contractor", "w.col_reasons"],
                   "q in score_rows", ["q.quarter", "q.client", "q.client_reasons", "q.contractor",
                                       "q.contractor_reasons"])
    actions = _bg_table([0.10, 0.38, 0.10, 0.16, 0.13, 0.13],
                        ["w.col_id", "w.col_action", "w.col_kpi", "w.col_owner", "w.col_due", "w.col_status"],
                        "a in actions", ["a.id", "a.description", "a.kpi", "a.owner", "a.due", "a.status"],
                        {5: "a.color"})
    kpi_section = loop("k in kpis", text("Heading2", "k.heading"), label_table("k.facts"),
                       block("if k.chart", para(None, run("{{ k.chart }}")), end="endif"), periods)
    return (
        text("Title", "w.doc_kind", ppr='<w:spacing w:before="0"/>') + text("Subtitle", "subtitle") + facts("cover")
        + text("Heading1", "w.h_glance", ppr='<w:pageBreakBefore w:val="0"/>') + loop("g in glance_lines", text("ListBullet", "g"))
        + block("if glance", status, end="else") + text(None, "none_measured") + tag("endif")
        + _signals("bottlenecks", "w.h_bottlenecks", "w.no_bottlenecks")
        + _signals("successes", "w.h_successes", "w.no_successes")
        + block("if commitments", text("Heading3", "w.h_commitments"), text(None, "w.commitments_intro"), commitments,
                end="endif")
        + text("Heading1", "w.h_kpis", ppr=PAGE_BREAK) + text(None, "w.kpis_intro") + kpi_section
        + text("Heading1", "w.h_consequences") + text(None, "fee_line") + text(None, "w.consequences_intro")
        + block("if consequences", money, end="else") + text(None, "w.no_consequences") + tag("endif")
        + text("Heading1", "w.h_scores") + text(None, "w.scores_intro")
        + block("if score_chart", para(None, run("{{ score_chart }}")), end="endif") + scores
        + text("Heading1", "w.h_actions") + block("if actions", actions, end="else") + text(None, "w.no_actions")
        + tag("endif")
        + text("Heading1", "w.h_method") + paras("method")
    )


def _bullets(expression: str, intro: str) -> str:
    """An introduction and one bullet per string in ``expression``, both left out when it is empty."""
    return block(f"if {expression}", text(None, intro, ppr='<w:spacing w:before="120"/>'),
                 loop(f"x in {expression}", text("ListBullet", "x")), end="endif")


def _kpi_table(n: int) -> str:
    """The KPI offers of ``g.size == n`` bidders side by side, each offer shaded by how it compares."""
    share = round(0.46 / n, 4)
    return _bg_table([0.32, 0.11, 0.11] + [share] * n,
                     ["w.col_kpi", "w.col_minimum", "w.col_target", *(f"g.names[{i}]" for i in range(n))],
                     "k in g.rows",
                     ["k.title", "k.minimum", "k.target", *(f"k.offers[{i}]" for i in range(n))],
                     {3 + i: f"k.colors[{i}]" for i in range(n)})


def _ranking() -> str:
    """The ranking table: points for the weighted score method, euros and the fictive price on value."""
    weighted = table([0.07, 0.33, 0.18, 0.14, 0.14, 0.14],
                     ["w.col_rank", "w.col_bidder", "w.col_price", "w.col_quality", "w.col_price_points",
                      "w.col_total"],
                     "r in ranking",
                     ["r.rank", "r.name", "r.price", "r.quality", "r.price_points", "r.total"])
    on_value = table([0.07, 0.33, 0.20, 0.20, 0.20],
                     ["w.col_rank", "w.col_bidder", "w.col_price", "w.col_earned", "w.col_fictive"],
                     "r in ranking", ["r.rank", "r.name", "r.price", "r.quality", "r.total"])
    return block("if weighted", weighted, end="else") + on_value + tag("endif")


def _bid() -> str:
    """One bid: facts, the knock-out check with reasons and notes, the scores with their reasons."""
    knockout = _bg_table([0.11, 0.37, 0.14, 0.38],
                         ["w.col_id", "w.col_item", "w.col_answer", "w.col_outcome"], "c in b.cells",
                         ["c.id", "c.title", "c.value", "c.outcome"], {3: "c.color"})
    scores = table([0.18, 0.11, 0.12, 0.16, 0.43],
                   ["w.col_criterion", "w.col_score", "w.col_evaluators", "points_head", "w.col_motivation"],
                   "s in b.scores", ["s.criterion", "s.score", "s.evaluators", "s.points", "s.motivation"])
    suitability = _bg_table([0.11, 0.37, 0.14, 0.38],
                            ["w.col_id", "w.col_suitability", "w.col_answer", "w.col_outcome"],
                            "c in b.suitability", ["c.id", "c.title", "c.value", "c.outcome"], {3: "c.color"})
    return loop("b in bids", text("Heading2", "b.name"), label_table("b.facts"),
                block("if b.suitability", text("Heading3", "w.h_suitability"), text(None, "b.suitable"),
                      suitability, end="endif"),
                text("Heading3", "w.h_knockout"), text(None, "b.knockout"), knockout,
                _bullets("b.other", "w.other_intro"), _bullets("b.notes", "w.notes_intro"),
                block("if b.reservations", text("Heading3", "w.h_reservations"), paras("b.reservations"),
                      end="endif"),
                block("if b.scores", text("Heading3", "w.h_scores"), scores, end="else")
                + text(None, "w.not_scored", ppr='<w:spacing w:before="120"/>') + tag("endif"))


def letter_body() -> str:
    """The award decision letter: facts, the decision and its reasons, the addressee's own scores, the
    characteristics and relative advantages of the winning bid, the standstill period, the closing."""
    heading = '<w:pageBreakBefore w:val="0"/><w:numPr><w:numId w:val="0"/></w:numPr><w:spacing w:before="360"/>'
    own = table([0.24, 0.12, 0.12, 0.52], ["w.col_criterion", "w.col_score", "points_head", "w.col_motivation"],
                "s in own_scores", ["s.criterion", "s.score", "s.points", "s.motivation"])
    winner = table([0.24, 0.13, 0.13, 0.50],
                   ["w.col_criterion", "w.col_winner", "w.col_yours", "w.col_winner_motivation"],
                   "c in comparison", ["c.criterion", "c.winner", "c.yours", "c.motivation"])
    return (
        text("Title", "w.doc_kind", ppr='<w:spacing w:before="0"/>') + facts("facts")
        + text(None, "w.salutation", ppr='<w:spacing w:before="240"/>') + text(None, "intro")
        + text("Heading1", "w.h_decision", ppr=heading) + text(None, "decision")
        + loop("r in reasons", text("ListBullet", "r"))
        + block("if own_scores", text("Heading1", "w.h_own", ppr=heading), text(None, "w.own_intro"), own,
                text(None, "own_total", ppr='<w:spacing w:before="120"/>'), end="endif")
        + block("if comparison", text("Heading1", "w.h_winner", ppr=heading), paras("winner_intro"), winner,
                paras("winner_total"), end="endif")
        + text("Heading1", "w.h_standstill", ppr=heading) + paras("standstill")
        + text(None, "questions") + text(None, "w.closing", ppr='<w:spacing w:before="240"/>')
        + text(None, "authority")
    )


def comparison_body() -> str:
    """The report: cover and summary, ranking with its calculation, each bid, KPI offers, RACI, standstill."""
    parameters = table([0.12, 0.40, 0.18, 0.30],
                       ["w.col_id", "w.col_component", "method.amount_head", "method.scale_head"],
                       "c in method.rows", ["c.id", "c.title", "c.amount", "c.scale"])
    cells = ["r.component", "r.input", "r.calculation", "r.outcome"]
    calculation = loop("b in calculations", para("Heading3", run("{{ b.rank }}"), TAB, run("{{ b.name }}")),
                       table([0.27, 0.20, 0.35, 0.18],
                             ["w.col_component", "w.col_input", "w.col_calculation", "w.col_outcome"],
                             "r in b.rows", cells, strong_rows=("r in b.total", cells)))
    kpis = loop("g in kpi_groups", *(block(f"if g.size == {n}", _kpi_table(n), end="endif")
                                     for n in range(1, KPI_COLUMNS + 1)), SPACER)
    raci = loop("b in raci", text("Heading2", "b.name"),
                block("if b.rows", table([0.46, 0.22, 0.16, 0.16],
                                         ["w.col_activity", "w.col_party", "w.col_default", "w.col_offered"],
                                         "r in b.rows", ["r.activity", "r.party", "r.default", "r.offered"]),
                      end="else"),
                text(None, "w.raci_same"), tag("endif"))
    set_aside = loop("x in set_aside",
                    para("ListBullet", run("{{ x.name }}", "Strong"), run(": {{ x.reasons }}")))
    return (
        text("Title", "w.doc_kind", ppr='<w:spacing w:before="0"/>') + text("Subtitle", "subtitle")
        + para(None, run("{{ w.confidential }}", "Strong")) + facts("cover")
        + text("Heading1", "w.h_summary", ppr='<w:pageBreakBefore w:val="0"/>') + paras("summary") + set_aside
        + block("if decisions", text(None, "decisions"), end="endif") + paras("conclusion")
        + text("Heading1", "w.h_ranking") + text("Heading2", "w.h_method") + text(None, "method.intro")
        + paras("method.formulas", "TenderFormula") + paras("method.notes") + parameters
        + text("Heading2", "w.h_ranking_table")
        + block("if ranking", _ranking(), text("Heading2", "w.h_calculation"),
                text(None, "w.calculation_intro"), calculation, text("Heading2", "w.h_ties"), paras("ties"),
                end="else")
        + text(None, "w.no_ranking") + tag("endif")
        + text("Heading1", "w.h_bids") + text(None, "w.bids_intro") + _bid()
        + block("if kpi_groups", text("Heading1", "w.h_kpis"), text(None, "w.kpis_intro"), kpis, end="endif")
        + block("if raci", text("Heading1", "w.h_raci"), text(None, "w.raci_intro"), raci, end="endif")
        + text("Heading1", "w.h_standstill") + paras("standstill")
    )
