"""Commands of the bid phase: parse and fill forms, import them, export the commitments register."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..characters import shown
from . import cli, db_option, export, library_of, open_store, say

if TYPE_CHECKING:
    from ..models.tender import Tender


@cli.command("parse")
@click.argument("form", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the Submission as JSON (stable shape, see README).")
@click.option("--spec", "spec_path", type=click.Path(path_type=Path, dir_okay=False),
              help="Check against this tender spec (assembled in the form's language) instead of the form's own "
                   "metadata.")
@click.pass_context
def parse(ctx: click.Context, form: Path, as_json: bool, spec_path: Path | None) -> None:
    """Read a returned bid form and print what the bidder committed to and every problem found.

    Exit 0: valid (warnings allowed); 1: the form has errors, all listed; 2: not a readable bid form.
    """
    from ..form import read_form

    tender: Callable[[str, str], Tender] | None = None
    if spec_path is not None:
        from ..assemble import assemble
        from ..spec import load_spec

        library = library_of(ctx)
        parsed = load_spec(spec_path, library)

        def tender(reference: str, lang: str) -> Tender:  # assembled in the form's language, once known
            return assemble(library, parsed, lang)
    submission = read_form(form, tender=tender)
    if as_json:
        click.echo(json.dumps(submission.model_dump(mode="json"), ensure_ascii=False, indent=2))
    else:
        from ..form.report import describe_submission

        click.echo(describe_submission(submission))
    errors = sum(f.severity == "error" for f in submission.findings)
    warnings = len(submission.findings) - errors
    say(f"{form}: {'INVALID' if errors else 'valid'}: {errors} error(s), {warnings} warning(s)", err=True)
    if errors:
        ctx.exit(1)


@cli.command("fill")
@click.argument("form", type=click.Path(path_type=Path))
@click.argument("answers_path", metavar="ANSWERS.yaml", type=click.Path(path_type=Path))
@click.option("--out", "out", required=True, type=click.Path(path_type=Path, dir_okay=False),
              help="Where to write the filled form (.xlsx); written atomically.")
@click.pass_context
def fill(ctx: click.Context, form: Path, answers_path: Path, out: Path) -> None:
    """Pre-fill a blank bid form from an answer file keyed by ID.

    Answers for IDs the form does not have, and answers that do not fit their cell, are listed; the
    exit code is then 1 (the filled form is written all the same). Check the result with `parse`.
    """
    from ..form import fill_form, load_answers
    from ..pack import PackFile, write_files

    result = fill_form(form, load_answers(answers_path))
    write_files(out.parent if str(out.parent) else Path("."), [PackFile(out.name, "filled_form", result.data)])
    for item_id in result.unknown:
        say(f"{answers_path}: {item_id}: not in this form; answer not written", err=True)
    for finding in result.unplaced:
        say(f"{finding.cell}: {finding.item}: not written: {finding.message_en}", err=True)
    say(f"wrote {out}")
    if not result.complete:
        say(f"{len(result.unknown) + len(result.unplaced)} answer(s) not written", err=True)
        ctx.exit(1)


@cli.command("import")
@click.argument("paths", metavar="FORM_OR_DIR...", nargs=-1, required=True, type=click.Path(path_type=Path))
@db_option
@click.option("--spec", "spec_path", type=click.Path(path_type=Path, dir_okay=False),
              help="Register this tender spec first (in the language of the forms), so its forms can be imported.")
@click.option("--lang", type=click.Choice(["nl", "en"]), default=None,
              help="Language to register --spec in (default: the spec's language).")
@click.pass_context
def import_(ctx: click.Context, paths: tuple[Path, ...], db: str | None, spec_path: Path | None,
            lang: str | None) -> None:
    """Read returned bid forms (files or folders) and store them in the database.

    Each form is stored in one transaction. One bad file never stops the batch: the table at the end
    says per file whether it was imported, a duplicate, or rejected and why. The same file twice is
    stored once. A form supersedes an earlier one (kept as history) only when both give the same valid
    KvK number and name and it is newer by tender revision and date of signature; an older form that
    arrives later is kept as history, and forms that claim one bidder otherwise stand side by side,
    each with a finding for the committee.
    Forms with findings (a knock-out, a possible reservation) are stored with them for the committee.
    Exit 0: every file stored (or already there); 1: some file was rejected; 2: unusable input.
    """
    from ..importer import collect_forms, import_forms

    files = collect_forms(paths)
    if not files:
        raise click.UsageError("no forms found in the given paths")
    with open_store(db, create=True) as store:
        if spec_path is not None:
            from ..assemble import assemble
            from ..spec import load_spec

            library = library_of(ctx)
            store.register_tender(assemble(library, load_spec(spec_path, library), lang))
        with click.progressbar(length=len(files), label="importing", file=sys.stderr, show_pos=True) as bar:
            results = import_forms(store, files, on_file=lambda result: bar.update(1))
        url = store.url
    paths = [shown(r.path) for r in results]  # escaped before they are measured for the column width
    width = min(60, max(map(len, paths)))
    say(f"{'file':<{width}}  {'status':<9} {'errors':>6} {'warn':>4}  bidder / reason")
    for r, path in zip(results, paths):
        detail = r.reason if r.status == "rejected" else (r.bidder or "")
        if r.knocked_out:
            detail += "  [knock-out]"
        if r.superseded:
            detail += f"  [supersedes {_ids(r.superseded)}]"
        if r.older_than:
            detail += f"  [an older form arrived later: #{r.older_than} stays current]"
        if r.claims:
            detail += f"  [two forms claim one bidder: side by side with {_ids(r.claims)}]"
        say(f"{path:<{width}}  {r.status:<9} {r.errors:>6} {r.warnings:>4}  {detail}")
    counts = {s: sum(r.status == s for r in results) for s in ("imported", "duplicate", "rejected")}
    say(f"{counts['imported']} imported, {counts['duplicate']} duplicate(s), {counts['rejected']} rejected "
        f"into {url}", err=True)
    if counts["rejected"]:
        ctx.exit(1)


def _ids(ids: tuple[int, ...]) -> str:
    return ", ".join(f"#{i}" for i in ids)


@export.command("commitments")
@click.argument("reference", metavar="REF")
@db_option
@click.option("--format", "fmt", type=click.Choice(["xlsx", "csv", "json"]), default="json", show_default=True)
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False),
              help="File to write (required for xlsx; csv and json go to standard output without it).")
def export_commitments(reference: str, db: str | None, fmt: str, out: Path | None) -> None:
    """The committed responsibilities and KPI offers of every current bid for tender REF."""
    from ..export import commitments, write_commitments
    from ..pack import PackFile, build_time, write_files

    with open_store(db, read_only=True) as store:
        rows = commitments(store, reference)
        tender = store.tender(reference)
    data = write_commitments(rows, fmt, tender=tender, built=build_time())  # type: ignore[arg-type]
    if out is None:
        if fmt == "xlsx":
            raise click.UsageError("--out is required for --format xlsx")
        click.echo(data.decode("utf-8-sig"), nl=False)
        return
    write_files(out.parent if str(out.parent) else Path("."), [PackFile(out.name, "commitments", data)])
    say(f"wrote {out} ({len(rows)} rows)", err=True)
