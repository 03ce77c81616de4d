"""Commands of the tender phase: the clause library, tender specs, the starter spec and the pack."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import click

from ..errors import InputError
from . import cli, library_of, open_store, say

# The library's modules are imported inside the commands: the command line starts faster for the
# commands that do not need them (parse, fill), which bidders run one file at a time.


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
    from .. import labels

    lib = library_of(ctx)
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
        say(f"{c.id:<9} {c.kind:<16} {c.category:<17} {c.title.get(lang)}")
    for a in activities:
        say(f"{a.id:<9} {'activity':<16} {a.category:<17} {a.title.get(lang)}")
    say(f"{len(clauses)} clauses, {len(activities)} activities", err=True)


@library.command("show")
@click.argument("clause_id")
@click.option("--lang", type=click.Choice(["nl", "en"]), default="nl", show_default=True)
@click.pass_context
def library_show(ctx: click.Context, clause_id: str, lang: str) -> None:
    """Show one clause or RACI activity in full."""
    from ..describe import describe

    lib = library_of(ctx)
    click.echo(describe(lib, clause_id.upper(), lang))


@library.command("check")
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.pass_context
def library_check(ctx: click.Context, path: Path | None) -> None:
    """Check a clause library folder (default: the one in use) and report every problem."""
    from ..library import load_library

    lib = load_library(path if path is not None else ctx.obj.get("library_path"))
    for warning in lib.warnings:
        say(warning, err=True)
    kpis = sum(c.kind == "kpi" for c in lib.clauses.values())
    say(f"{lib.path}: OK: {len(lib.clauses)} clauses ({kpis} KPIs), {len(lib.activities)} RACI activities, "
        f"library {lib.name} {lib.version}")


@cli.group()
def spec() -> None:
    """Check tender specs."""


@spec.command("check")
@click.argument("spec_path", metavar="SPEC", type=click.Path(path_type=Path))
@click.pass_context
def spec_check(ctx: click.Context, spec_path: Path) -> None:
    """Check a tender spec against the clause library; list every finding with its location."""
    from ..spec import check_spec

    lib = library_of(ctx)
    parsed, findings = check_spec(spec_path, lib)
    for finding in findings:
        say(str(finding), err=True)
    errors = sum(f.severity == "error" for f in findings)
    documents = lib.referred_documents([c.id for c in parsed.clauses]) if parsed is not None else []
    if parsed is None or errors:
        say(f"{spec_path}: {errors} error(s)", err=True)
        ctx.exit(1)
    say(f"{spec_path}: OK: {parsed.reference} revision {parsed.revision}, {len(parsed.clauses)} clauses, "
        f"{len(parsed.award.criteria)} award criteria, {len(parsed.activities)} activities, "
        f"{len(documents)} document(s) to attach")
    for key, document, ids in documents:
        say(f"  attach {key}: {document.title.get(parsed.language)} (referred to by {', '.join(ids)})")


@cli.command("init")
@click.argument("spec_path", metavar="SPEC", type=click.Path(path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
def init(spec_path: Path, force: bool) -> None:
    """Write a commented starter tender spec to SPEC."""
    from ..starter import write_starter

    write_starter(spec_path, overwrite=force)
    say(f"wrote {spec_path}; edit it, then run: tenderpack spec check {spec_path}")


@cli.command("build")
@click.argument("spec_path", metavar="SPEC", type=click.Path(path_type=Path))
@click.option("--out", "out_dir", required=True, type=click.Path(path_type=Path, file_okay=False),
              help="Folder to write the pack into (created if missing).")
@click.option("--lang", type=click.Choice(["nl", "en"]), default=None,
              help="Language of the pack (default: the spec's language, Dutch unless set).")
@click.option("--template", type=click.Path(path_type=Path, dir_okay=False),
              help="Your own Word base template (.docx) with the required styles.")
@click.option("--date", "date", help="Build date (YYYY-MM-DD or ISO date-time); default SOURCE_DATE_EPOCH or now.")
@click.option("--db", "db", metavar="URL", default=None,
              help="Also register the tender in this database, so returned forms can be imported against it.")
@click.pass_context
def build(ctx: click.Context, spec_path: Path, out_dir: Path, lang: str | None, template: Path | None,
          date: str | None, db: str | None) -> None:
    """Build the tender pack for SPEC: tender document and draft collaboration annex (.docx), bid form
    (.xlsx) and manifest.json. With --db the tender is registered for `tenderpack import`.
    """
    from ..database import safe_url
    from ..pack import build_pack, build_registered_pack, build_time

    built = build_time(date)
    options = {"lang": lang, "template": template, "built": built, "parallel": True}
    if db is None:
        files = build_pack(spec_path, out_dir, library_of(ctx), **options)
    else:
        with open_store(db, create=True) as store:
            files, registered = build_registered_pack(spec_path, out_dir, library_of(ctx), store, **options)
    for f in files:
        say(f"{out_dir / f.name}  ({f.role}, {len(f.data):,} bytes)")
    if db is not None:
        state = "registered in" if registered else "already registered, unchanged, in"
        say(f"{state} {safe_url(store.url)}", err=True)
