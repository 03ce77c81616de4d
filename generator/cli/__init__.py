"""The ``tenderpack`` command line: a thin layer over the library.

Each command parses its arguments, calls one library function and prints the result; the library
never imports click. Exit codes: 0 success, 1 validation findings (all listed, each with its
location), 2 unusable input or usage (one line, no traceback). The commands live in modules by phase
of the tender: :mod:`.tender` (library, spec, build), :mod:`.bids` (parse, fill, import, export
commitments), :mod:`.award` (evaluate, export ocds, agreement) and :mod:`.contract` (measure, progress).
"""

from __future__ import annotations

import atexit
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .. import __version__
from ..characters import shown
from ..errors import InputError, TenderpackError, ValidationFailed

if TYPE_CHECKING:
    from ..library import Library
    from ..store import Store


class _Group(click.Group):
    """A click group that turns tenderpack errors into the documented exit codes."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except ValidationFailed as exc:
            for finding in exc.findings:
                say(finding, err=True)
            say(exc, err=True)
            ctx.exit(1)
        except (InputError, TenderpackError) as exc:
            say(f"error: {exc}", err=True)
            ctx.exit(2)
        except BrokenPipeError:
            # The reader of the output went away (`tenderpack library list | head`): nothing to say,
            # and nobody to say it to; exit 1 as Python's documentation advises for SIGPIPE.
            ctx.exit(1)
        except OSError as exc:
            where = f"{exc.filename}: " if exc.filename else ""
            say(f"error: {where}{exc.strerror or exc}", err=True)
            ctx.exit(2)
        except Exception as exc:
            message = _database_failure(exc)
            if message is None:
                raise
            say(f"error: database: {message}", err=True)
            ctx.exit(2)


def _database_failure(exc: Exception) -> str | None:
    """The one-line reason of a database error (locked, disk full, a damaged file) met while a command
    ran, or ``None`` for any other exception. Every write is one transaction, so nothing half-written
    stays behind. sqlalchemy is looked up, not imported: when it is not loaded, no database was used.
    """
    errors = sys.modules.get("sqlalchemy.exc")
    if errors is None or not isinstance(exc, errors.DBAPIError):
        return None
    from ..database import reason

    return reason(exc)


def say(line: object, *, err: bool = False) -> None:
    """Print ``line`` as one line through :func:`~generator.characters.shown`: every line the commands
    print goes through here, since file names, messages and values may hold bidder text, in which an
    escape sequence, a bidirectional control or a line break must not reach the terminal."""
    click.echo(shown(line), err=err)


def library_of(ctx: click.Context) -> Library:
    """The clause library in use (``--library`` or the bundled one), loaded once per invocation."""
    from ..library import load_library

    obj = ctx.ensure_object(dict)
    if "library" not in obj:
        obj["library"] = load_library(obj.get("library_path"))
    return obj["library"]


def open_store(url: str | None, *, create: bool = False, read_only: bool = False) -> Store:
    """The database at ``url`` (default: ``$TENDERPACK_DB`` or ``tenderpack.sqlite`` here); made when
    missing only with ``create`` (commands that write). Commands that only read pass ``read_only``."""
    from ..store import Store

    return Store(url, create=create, read_only=read_only)


db_option = click.option("--db", "db", metavar="URL", default=None,
                         help="Database: a SQLite file path or any SQLAlchemy URL (PostgreSQL: "
                              "postgresql+psycopg://user:pass@host/db). Default: $TENDERPACK_DB or tenderpack.sqlite.")


@click.group(cls=_Group)
@click.version_option(__version__, package_name="tenderpack")
@click.option("--library", "library_path", type=click.Path(path_type=Path), default=None,
              help="Clause library folder to use instead of the bundled one.")
@click.pass_context
def cli(ctx: click.Context, library_path: Path | None) -> None:
    """tenderpack: collaboration requirements, KPIs and responsibilities in public tenders.

    Exit codes: 0 success, 1 validation findings, 2 unusable input.
    """
    ctx.ensure_object(dict)["library_path"] = library_path


@cli.group()
def export() -> None:
    """Export data from the database: the commitments register, OCDS."""


def main() -> None:
    """Console-script entry point: run the command, then end the process without tearing it down.

    Freeing every object of a finished command one by one (lxml trees, pydantic schemas, thousands of
    modules' dictionaries) takes a quarter of a second of a `tenderpack build`; the operating system
    frees the memory at once. Output is flushed and ``atexit`` handlers run (``weakref.finalize``
    and logging register theirs there), as at a normal exit. Python does not promise to call
    ``__del__`` for objects alive at exit anyway, and the commands close their files and databases
    themselves. A bug's traceback is printed as usual.
    """
    try:
        cli(prog_name="tenderpack")
    except SystemExit as exc:
        status = exc.code
    else:
        status = 0
    if not isinstance(status, int):
        if status is not None:
            print(status, file=sys.stderr)
        status = 0 if status is None else 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (`tenderpack ... | head`) or a closed stream
            status = status or 1
    atexit._run_exitfuncs()
    os._exit(status)


from . import award, bids, contract, database, tender  # noqa: E402,F401  (registers the commands)

if __name__ == "__main__":
    sys.exit(main())
