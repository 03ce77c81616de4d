"""The ``tenderpack`` command line: a thin layer over the library.

Each command parses its arguments, calls one library function and prints the result. Exit codes:
0 success, 1 validation findings (all listed, each with its location), 2 unusable input or usage (one
line, no traceback).
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from . import labels
from .errors import InputError, TenderpackError, ValidationFailed
from .library import Library, load_library
from .spec import check_spec

if TYPE_CHECKING:
    from .models.tender import Tender


class _Group(click.Group):
    """A click group that turns tenderpack errors into the documented exit codes."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except ValidationFailed as exc:
            for finding in exc.findings:
                click.echo(str(finding), err=True)
            click.echo(f"{exc}", err=True)
            ctx.exit(1)
        except (InputError, TenderpackError) as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(2)
        except OSError as exc:
            where = f"{exc.filename}: " if exc.filename else ""
            click.echo(f"error: {where}{exc.strerror or exc}", err=True)
            ctx.exit(2)


def _library(ctx: click.Context) -> Library:
    obj = ctx.ensure_object(dict)
    if "library" not in obj:
        obj["library"] = load_library(obj.get("library_path"))
    return obj["library"]


@click.group(cls=_Group)
@click.version_option(package_name="tenderpack")
@click.option("--library", "library_path", type=click.Path(path_type=Path), default=None,
              help="Clause library folder to use instead of the bundled one.")
@click.pass_context
def cli(ctx: click.Context, library_path: Path | None) -> None:
    """tenderpack: collaboration requirements, KPIs and responsibilities in public tenders.

    Exit codes: 0 success, 1 validation findings, 2 unusable input.
    """
    ctx.ensure_object(dict)["library_path"] = library_path


@cli.group()
def library() -> None:
    """Browse and check the clause library."""


@library.command("list")
@click.option("--category", help="Only clauses of this category (e.g. governance).")
@click.option("--kind", type=click.Choice(["requirement", "award_criterion", "contract_clause", "kpi", "activity"]),
              help="Only clauses of this kind; 'activity' lists the RACI activities.")
@click.option("--lang", type=click.Choice(["nl", "en"]), default="nl", show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON (stable shape, see README).")
@click.pass_context
def library_list(ctx: click.Context, category: str | None, kind: str | None, lang: str, as_json: bool) -> None:
    """List the clauses and RACI activities of the library."""
    lib = _library(ctx)
    if category is not None and category not in labels.CATEGORY:
        raise InputError(f"unknown category {category!r}; choose from {', '.join(labels.CATEGORY)}")
    clauses = [c for c in lib.clauses.values()
               if (category is None or c.category == category) and kind in (None, c.kind)]
    activities = [a for a in lib.activities.values()
                  if (category is None or a.category == category) and kind in (None, "activity")]
    if as_json:
        kinds = Counter(c.kind for c in clauses)
        data = {
            "library": {"name": lib.name, "version": lib.version, "path": lib.path},
            "counts": {
                "clauses": len(clauses),
                "kpis": kinds.get("kpi", 0),
                "activities": len(activities),
                "categories": len({c.category for c in clauses} | {a.category for a in activities}),
                "by_kind": {k: kinds.get(k, 0) for k in labels.KIND},
                "by_category": {k: sum(c.category == k for c in clauses) for k in labels.CATEGORY},
            },
            "clauses": [
                {"id": c.id, "version": c.version, "category": c.category, "kind": c.kind,
                 "principles": list(c.principles), "title": c.title.get(lang), "obligation": c.obligation}
                for c in clauses
            ],
            "activities": [
                {"id": a.id, "version": a.version, "category": a.category, "title": a.title.get(lang),
                 "fixed": a.fixed, "roles": dict(a.roles)}
                for a in activities
            ],
        }
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    for c in clauses:
        click.echo(f"{c.id:<9} {c.kind:<16} {c.category:<17} {c.title.get(lang)}")
    for a in activities:
        click.echo(f"{a.id:<9} {'activity':<16} {a.category:<17} {a.title.get(lang)}")
    click.echo(f"{len(clauses)} clauses, {len(activities)} activities", err=True)


@library.command("show")
@click.argument("clause_id")
@click.option("--lang", type=click.Choice(["nl", "en"]), default="nl", show_default=True)
@click.pass_context
def library_show(ctx: click.Context, clause_id: str, lang: str) -> None:
    """Show one clause or RACI activity in full."""
    from .describe import describe

    lib = _library(ctx)
    click.echo(describe(lib, clause_id.upper(), lang))


@library.command("check")
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.pass_context
def library_check(ctx: click.Context, path: Path | None) -> None:
    """Check a clause library folder (default: the one in use) and report every problem."""
    lib = load_library(path if path is not None else ctx.obj.get("library_path"))
    for warning in lib.warnings:
        click.echo(warning, err=True)
    kpis = sum(c.kind == "kpi" for c in lib.clauses.values())
    click.echo(f"{lib.path}: OK: {len(lib.clauses)} clauses ({kpis} KPIs), {len(lib.activities)} RACI activities, "
               f"library {lib.name} {lib.version}")


@cli.group()
def spec() -> None:
    """Check tender specs."""


@spec.command("check")
@click.argument("spec_path", metavar="SPEC", type=click.Path(path_type=Path))
@click.pass_context
def spec_check(ctx: click.Context, spec_path: Path) -> None:
    """Check a tender spec against the clause library; list every finding with its location."""
    lib = _library(ctx)
    parsed, findings = check_spec(spec_path, lib)
    for finding in findings:
        click.echo(str(finding), err=True)
    errors = sum(f.severity == "error" for f in findings)
    if parsed is None or errors:
        click.echo(f"{spec_path}: {errors} error(s)", err=True)
        ctx.exit(1)
    click.echo(f"{spec_path}: OK: {parsed.reference} revision {parsed.revision}, {len(parsed.clauses)} clauses, "
               f"{len(parsed.award.criteria)} award criteria, {len(parsed.activities)} activities")


@cli.command("init")
@click.argument("spec_path", metavar="SPEC", type=click.Path(path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
def init(spec_path: Path, force: bool) -> None:
    """Write a commented starter tender spec to SPEC."""
    from .starter import write_starter

    write_starter(spec_path, overwrite=force)
    click.echo(f"wrote {spec_path}; edit it, then run: tenderpack spec check {spec_path}")


@cli.command("build")
@click.argument("spec_path", metavar="SPEC", type=click.Path(path_type=Path))
@click.option("--out", "out_dir", required=True, type=click.Path(path_type=Path, file_okay=False),
              help="Folder to write the pack into (created if missing).")
@click.option("--lang", type=click.Choice(["nl", "en"]), default=None,
              help="Language of the pack (default: the spec's language, Dutch unless set).")
@click.option("--template", type=click.Path(path_type=Path, dir_okay=False),
              help="Your own Word base template (.docx) with the required styles.")
@click.option("--date", "date", help="Build date (YYYY-MM-DD or ISO date-time); default SOURCE_DATE_EPOCH or now.")
@click.pass_context
def build(ctx: click.Context, spec_path: Path, out_dir: Path, lang: str | None, template: Path | None,
          date: str | None) -> None:
    """Build the tender pack for SPEC: tender document (.docx), bid form (.xlsx) and manifest.json."""
    from .pack import build_pack, build_time

    files = build_pack(spec_path, out_dir, _library(ctx), lang=lang, template=template, built=build_time(date))
    for f in files:
        click.echo(f"{out_dir / f.name}  ({f.role}, {len(f.data):,} bytes)")


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
    from .form import read_form

    tender: Callable[[str], Tender] | None = None
    if spec_path is not None:
        from .assemble import assemble
        from .spec import load_spec

        library = _library(ctx)
        parsed = load_spec(spec_path, library)

        def tender(lang: str) -> Tender:  # assembled in the language of the form, once it is known
            return assemble(library, parsed, lang)
    submission = read_form(form, tender=tender)
    if as_json:
        click.echo(json.dumps(submission.model_dump(mode="json"), ensure_ascii=False, indent=2))
    else:
        from .form.report import describe_submission

        click.echo(describe_submission(submission))
    errors = sum(f.severity == "error" for f in submission.findings)
    warnings = len(submission.findings) - errors
    click.echo(f"{form}: {'INVALID' if errors else 'valid'}: {errors} error(s), {warnings} warning(s)", err=True)
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
    from .form import fill_form, load_answers
    from .pack import PackFile, write_files

    result = fill_form(form, load_answers(answers_path))
    write_files(out.parent if str(out.parent) else Path("."), [PackFile(out.name, "filled_form", result.data)])
    for item_id in result.unknown:
        click.echo(f"{answers_path}: {item_id}: not in this form; answer not written", err=True)
    for finding in result.unplaced:
        click.echo(f"{finding.cell}: {finding.item}: not written: {finding.message_en}", err=True)
    click.echo(f"wrote {out}")
    if not result.complete:
        click.echo(f"{len(result.unknown) + len(result.unplaced)} answer(s) not written", err=True)
        ctx.exit(1)


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="tenderpack")


if __name__ == "__main__":
    sys.exit(main())
