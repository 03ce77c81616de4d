"""Commands of the contract phase: record measurements and report progress."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import InputError, Location
from . import cli, db_option, open_store, say
from .award import file_name, requested_date, stored, write_out


@cli.group()
def measure() -> None:
    """Record KPI measurements, collaboration scores and actions during the contract."""


@measure.command("import")
@click.argument("workbook", type=click.Path(path_type=Path, dir_okay=False))
@db_option
def measure_import(workbook: Path, db: str | None) -> None:
    """Store the measurements of a filled monitoring workbook; a re-import replaces a period's values
    and keeps the earlier ones as history.
    """
    from ..monitoring import import_measurements, read_monitoring_workbook

    measurements = read_monitoring_workbook(workbook, name=str(workbook))
    for finding in measurements.findings:
        say(f"{workbook} {finding.cell or ''}: warning: {finding.message}", err=True)
    with open_store(db) as store:
        stored(store, measurements.tender_reference)
        result = import_measurements(store, measurements)
    if result.status == "duplicate":
        say(f"{workbook}: already imported (import #{result.import_id})")
    else:
        say(f"{workbook}: imported #{result.import_id}: {result.changed} value(s) added or changed, "
            f"{result.replaced} earlier value(s) kept as history")


@measure.command("fill")
@click.argument("workbook", type=click.Path(path_type=Path, dir_okay=False))
@click.argument("measurements_path", metavar="MEASUREMENTS.yaml", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--out", required=True, type=click.Path(path_type=Path, dir_okay=False),
              help="Where to write the filled workbook.")
def measure_fill(workbook: Path, measurements_path: Path, out: Path) -> None:
    """Type the values of a measurements file into a blank monitoring workbook (for scripted use)."""
    from ..monitoring import fill_monitoring_workbook, load_measurement_set, read_monitoring_workbook
    from ..pack import PackFile, write_files

    read_monitoring_workbook(workbook, name=str(workbook))  # refuses anything but a monitoring workbook
    data = fill_monitoring_workbook(workbook.read_bytes(), load_measurement_set(measurements_path))
    write_files(out.parent if str(out.parent) else Path("."), [PackFile(out.name, "monitoring_workbook", data)])
    say(f"wrote {out}")


@cli.command("progress")
@click.argument("reference", metavar="REF")
@db_option
@click.option("--workbook", type=click.Path(path_type=Path, dir_okay=False),
              help="Read the measurements from this monitoring workbook instead of the database.")
@click.option("--period", help="Report up to this period: YYYY-MM (end of month) or YYYY-MM-DD. "
                               "Default: the last period with a value.")
@click.option("--fee", type=float, help="Annual fee in euro for the bonus/malus amounts "
                                        "(default: bid price or estimated value per contract year).")
@click.option("--out", "out_dir", required=True, type=click.Path(path_type=Path, file_okay=False),
              help="Folder to write the progress report into.")
@click.option("--date", "date", help="Date of the report (YYYY-MM-DD); default the end of the reported period. "
                                     "Also dates the files' metadata.")
def progress_cmd(reference: str, db: str | None, workbook: Path | None, period: str | None, fee: float | None,
                 out_dir: Path, date: str | None) -> None:
    """The progress report of tender REF (.docx and .xlsx): KPI status against minimum and target,
    trends, bottlenecks, successes, collaboration scores and bonus/malus per period.
    """
    from ..agreement import select_bidder
    from ..monitoring import load_measurements, read_monitoring_workbook
    from ..pack import build_time
    from ..progress import progress_report, render_progress_docx, write_progress_workbook

    built = build_time(date)
    with open_store(db, read_only=True) as store:
        tender, submissions = stored(store, reference)
        if workbook is not None:
            measurements = read_monitoring_workbook(workbook, name=str(workbook))
        else:
            measurements = load_measurements(store, reference)
    if measurements is None:
        raise InputError("no measurements recorded yet (tenderpack measure import)", Location(item=reference))
    if measurements.tender_reference != reference:
        raise InputError(f"the measurements are for tender {measurements.tender_reference}, not {reference}",
                         Location(path=str(workbook) if workbook else None, item=reference))
    bidder = measurements.bidder_kvk or measurements.bidder_name
    submission = select_bidder(submissions, bidder) if bidder else None
    progress = progress_report(tender, submission, measurements, period, fee=fee)
    write_out(out_dir, [
        (file_name(tender, "progress_docx"), "progress_report",
         render_progress_docx(progress, tender, built=built, on=requested_date(date))),
        (file_name(tender, "progress_xlsx"), "progress_workbook", write_progress_workbook(progress, built=built)),
    ])
