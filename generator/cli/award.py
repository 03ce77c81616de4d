"""Commands of the award phase: evaluate the bids, export OCDS, draw up the collaboration agreement."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..errors import InputError, Location
from . import cli, db_option, export, open_store, say

if TYPE_CHECKING:
    from ..models.evaluation import Evaluation
    from ..models.submission import Submission
    from ..models.tender import Tender
    from ..store import Store

_NAMES = {
    "compliance": {"nl": "nalevingsmatrix.xlsx", "en": "compliance-matrix.xlsx"},
    "scoring": {"nl": "beoordelingsformulier.xlsx", "en": "scoring-workbook.xlsx"},
    "comparison_docx": {"nl": "vergelijkingsrapport.docx", "en": "comparison-report.docx"},
    "comparison_xlsx": {"nl": "vergelijkingsrapport.xlsx", "en": "comparison-report.xlsx"},
    "evaluation": {"nl": "evaluatie.json", "en": "evaluation.json"},
    "letter": {"nl": "gunningsbeslissing-{bidder}.docx", "en": "award-decision-{bidder}.docx"},
    "agreement": {"nl": "samenwerkingsafspraken.docx", "en": "collaboration-agreement.docx"},
    "calendar": {"nl": "overlegkalender.ics", "en": "meeting-calendar.ics"},
    "monitoring": {"nl": "monitoringsbestand.xlsx", "en": "monitoring-workbook.xlsx"},
    "progress_docx": {"nl": "voortgangsrapportage.docx", "en": "progress-report.docx"},
    "progress_xlsx": {"nl": "voortgangsrapportage.xlsx", "en": "progress-report.xlsx"},
}


def stored(store: Store, reference: str) -> tuple[Tender, list[Submission]]:
    """The registered tender ``reference`` and its current submissions; :class:`InputError` if unknown."""
    tender = store.tender(reference)
    if tender is None:
        raise InputError("tender is not in the database (build it with --db, or import with --spec)",
                         Location(item=reference))
    return tender, store.submissions(reference)


def read_evaluation(path: Path, tender: Tender) -> Evaluation:
    """The evaluation JSON written by ``evaluate --scores`` for ``tender`` (reference and revision);
    :class:`InputError` when it is not one, or belongs to another tender or revision.
    """
    from ..models.evaluation import Evaluation

    try:
        result = Evaluation.model_validate_json(path.read_bytes(), strict=False)
    except FileNotFoundError:
        raise InputError("file not found", Location(path=str(path))) from None
    except ValueError as exc:
        raise InputError(f"not an evaluation file: {str(exc).splitlines()[0]}", Location(path=str(path))) from None
    if (result.tender_reference, result.revision) != (tender.reference, tender.revision):
        raise InputError(f"the evaluation is of {result.tender_reference} revision {result.revision}, not of "
                         f"{tender.reference} revision {tender.revision}", Location(path=str(path)))
    return result


def requested_date(date: str | None) -> dt.date | None:
    """The document date asked for with ``--date`` (``None`` when not given: the timeline decides)."""
    from ..pack import build_time

    return build_time(date).date() if date else None


def file_name(tender: Tender, role: str, bidder: str = "") -> str:
    """The name of an output file of ``role`` for ``tender``, in its language; ``bidder`` names the
    addressee of a letter (reduced to lowercase letters, digits and hyphens)."""
    stem = re.sub(r"[^A-Za-z0-9._-]", "-", tender.reference)
    slug = re.sub(r"[^a-z0-9]+", "-", bidder.casefold()).strip("-")[:60] or "bidder"
    return f"{stem}-r{tender.revision}-{_NAMES[role][tender.language].format(bidder=slug)}"


def write_out(out_dir: Path, files: list[tuple[str, str, bytes]]) -> None:
    """Write ``(name, role, data)`` files atomically into ``out_dir`` and list them."""
    from ..pack import PackFile, write_files

    write_files(out_dir, [PackFile(name, role, data) for name, role, data in files])
    for name, role, data in files:
        say(f"{out_dir / name}  ({role}, {len(data):,} bytes)")


@cli.command("evaluate")
@click.argument("reference", metavar="REF")
@db_option
@click.option("--out", "out_dir", required=True, type=click.Path(path_type=Path, file_okay=False),
              help="Folder to write the evaluation files into.")
@click.option("--scores", "scores_path", type=click.Path(path_type=Path, dir_okay=False),
              help="The committee's filled scoring workbook (.xlsx) or a scores file (.yaml).")
@click.option("--prices", "prices_path", type=click.Path(path_type=Path, dir_okay=False),
              help="Prices as CSV (bidder,price_eur) when the bid form has no price sheet.")
@click.option("--evaluators", default=3, show_default=True, type=click.IntRange(1, 9),
              help="Number of evaluator columns in the scoring workbook.")
@click.option("--date", "date", help="Date of the comparison report (YYYY-MM-DD, after the submission deadline); "
                                     "default the planned award decision. Also dates the files' metadata.")
def evaluate_cmd(reference: str, db: str | None, out_dir: Path, scores_path: Path | None, prices_path: Path | None,
                 evaluators: int, date: str | None) -> None:
    """Evaluate the bids of tender REF.

    Without --scores: write the compliance matrix and the committee's scoring workbook. With --scores:
    compute the ranking with the tender's method and write the comparison report (.docx, .xlsx,
    confidential), the evaluation as JSON (every intermediate number) and one award decision letter per
    bidder. Exit 1 with located findings when the scores or prices are not usable, or a possible
    reservation is not decided (the bid is under review); nothing is written then.
    """
    from ..evaluation import (compliance, evaluate, load_scores, read_prices_csv, read_scores,
                              write_award_letters, write_comparison_docx, write_comparison_xlsx,
                              write_compliance_xlsx, write_scoring_workbook)
    from ..pack import build_time

    built = build_time(date)
    with open_store(db, read_only=True) as store:
        tender, submissions = stored(store, reference)
    if not submissions:
        raise InputError("no bids imported for this tender", Location(item=reference))
    matrix = compliance(tender, submissions)
    files = [(file_name(tender, "compliance"), "compliance_matrix",
              write_compliance_xlsx(matrix, tender, submissions, built=built))]
    if scores_path is None:
        files.append((file_name(tender, "scoring"), "scoring_workbook",
                      write_scoring_workbook(tender, submissions, built=built, evaluators=evaluators)))
        write_out(out_dir, files)
        return
    if scores_path.suffix.lower() in (".yaml", ".yml"):
        scores = load_scores(scores_path, tender, submissions)
    else:
        scores = read_scores(scores_path, tender, submissions, name=str(scores_path))
    prices = read_prices_csv(prices_path, submissions, name=str(prices_path)) if prices_path else None
    result = evaluate(tender, submissions, scores, prices)
    matrix = compliance(tender, submissions, scores.decisions)
    files = [(file_name(tender, "compliance"), "compliance_matrix",
              write_compliance_xlsx(matrix, tender, submissions, built=built))]
    files += [
        (file_name(tender, "comparison_docx"), "comparison_report",
         write_comparison_docx(result, matrix, tender, submissions, built=built, on=requested_date(date))),
        (file_name(tender, "comparison_xlsx"), "comparison_workbook",
         write_comparison_xlsx(result, matrix, tender, submissions, built=built)),
        (file_name(tender, "evaluation"), "evaluation",
         (json.dumps(result.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n").encode("utf-8")),
    ]
    letters, no_letters = [], None
    try:
        letters = write_award_letters(result, matrix, tender, submissions)
    except InputError as exc:  # the evaluation stands; the letters wait for a winner or the spec's dates
        no_letters = str(exc)
    names: set[str] = set()
    for letter in letters:
        name = file_name(tender, "letter", letter.name)
        if name in names:  # two bidders of one name: tell their letters apart by the bidder key
            name = file_name(tender, "letter", f"{letter.name} {letter.bidder}")
        names.add(name)
        files.append((name, "award_letter", letter.docx))
    write_out(out_dir, files)
    if no_letters:
        click.echo(f"  {no_letters}", err=True)
    for bid in result.ranking:
        say(f"  {bid.rank}. {bid.name}: {bid.total}", err=True)
    for bid in result.set_aside:
        say(f"  invalid, set aside: {bid.name}", err=True)
    for decided in result.reservations:
        say(f"  reservation of {decided.name} at {decided.item}: {decided.decision.replace('_', ' ')}", err=True)
    if result.winner is None and result.ranking:
        say("  first place is tied: it must be decided by drawing lots", err=True)


@export.command("ocds")
@click.argument("reference", metavar="REF")
@db_option
@click.option("--evaluation", "evaluation_path", type=click.Path(path_type=Path, dir_okay=False),
              help="The evaluation JSON written by `evaluate --scores`; adds the award and agreed metrics.")
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), help="File to write (default: standard output).")
@click.option("--date", "date", help="Publication date-time (ISO); default SOURCE_DATE_EPOCH or now.")
@click.option("--ocid-prefix", "ocid_prefix", metavar="PREFIX",
              help="The authority's registered OCID prefix (ocds-xxxxxx); default: the spec's ocid_prefix, "
                   "else the placeholder ocds-tenderpack.")
@click.option("--check", is_flag=True,
              help="Validate the package against the OCDS schemas first; exit 1 listing every violation, "
                   "writing nothing.")
def export_ocds(reference: str, db: str | None, evaluation_path: Path | None, out: Path | None,
                date: str | None, ocid_prefix: str | None, check: bool) -> None:
    """An OCDS 1.1 release package of tender REF: criteria, bids and KPI targets (and the award)."""
    from ..ocds import AwardInfo, release_package
    from ..pack import PackFile, build_time, write_files

    published = build_time(date).replace(tzinfo=dt.timezone.utc)
    with open_store(db, read_only=True) as store:
        tender, submissions = stored(store, reference)
    award = None
    if evaluation_path is not None:
        result = read_evaluation(evaluation_path, tender)
        winner = next((bid for bid in result.ranking if bid.bidder == result.winner), None)
        if winner is not None and winner.price_eur is not None:
            award = AwardInfo(bidder_key=winner.bidder, date=tender.dates.award_decision or published.date(),
                              value_eur=float(winner.price_eur))
    package = release_package(tender, submissions, published=published, award=award, ocid_prefix=ocid_prefix)
    if check:
        from ..ocds.check import check_package

        check_package(package)
    data = (json.dumps(package, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    if out is None:
        click.echo(data.decode("utf-8"), nl=False)
        return
    write_files(out.parent if str(out.parent) else Path("."), [PackFile(out.name, "ocds", data)])
    say(f"wrote {out}", err=True)


@cli.command("agreement")
@click.argument("reference", metavar="REF")
@click.option("--bidder", help="The winning bidder: its KvK number or its name.")
@click.option("--evaluation", "evaluation_path", type=click.Path(path_type=Path, dir_okay=False),
              help="Take the winner from this evaluation JSON (written by `evaluate --scores`) instead.")
@db_option
@click.option("--out", "out_dir", required=True, type=click.Path(path_type=Path, file_okay=False),
              help="Folder to write the agreement files into.")
@click.option("--date", "date", help="Date of the agreement (YYYY-MM-DD), not before the standstill period ends "
                                     "(the default). Also dates the files' metadata.")
def agreement_cmd(reference: str, bidder: str | None, evaluation_path: Path | None, db: str | None, out_dir: Path,
                  date: str | None) -> None:
    """The collaboration annex (.docx), meeting calendar (.ics) and monitoring workbook (.xlsx) for the
    winning bid of tender REF (named by --bidder, or the winner of --evaluation).
    """
    from ..agreement import meeting_calendar, render_agreement, select_bidder
    from ..monitoring import write_monitoring_workbook
    from ..pack import build_time
    from ..records import bidder_key

    if (bidder is None) == (evaluation_path is None):
        raise click.UsageError("give either --bidder or --evaluation")
    built = build_time(date)
    with open_store(db, read_only=True) as store:
        tender, submissions = stored(store, reference)
    if evaluation_path is not None:
        winner = read_evaluation(evaluation_path, tender).winner
        if winner is None:
            raise InputError("the evaluation has no single winner (no admitted bid, or a tie for lots)",
                             Location(path=str(evaluation_path)))
        submission = next((s for s in submissions if bidder_key(s) == winner), None)
        if submission is None:
            raise InputError(f"the winner {winner} has no current bid in the database", Location(item=reference))
    else:
        submission = select_bidder(submissions, bidder)
    write_out(out_dir, [
        (file_name(tender, "agreement"), "agreement",
         render_agreement(tender, submission, built=built, on=requested_date(date))),
        (file_name(tender, "calendar"), "meeting_calendar", meeting_calendar(tender, submission, built=built)),
        (file_name(tender, "monitoring"), "monitoring_workbook",
         write_monitoring_workbook(tender, submission, built=built)),
    ])
