"""Commands on the database itself: ``db upgrade``."""

from __future__ import annotations

from . import cli, db_option, say


@cli.group("db")
def db_group() -> None:
    """Look after the database: migrate it to this release's schema."""


@db_group.command("upgrade")
@db_option
def db_upgrade(db: str | None) -> None:
    """Migrate the database to the schema of this release, keeping every row. Back it up first."""
    from ..database import safe_url, upgrade_database
    from ..store import database_url

    url = database_url(db)
    before, after = upgrade_database(url)
    if before == after:
        say(f"{safe_url(url)}: already at schema {after}")
    else:
        say(f"{safe_url(url)}: upgraded from schema {before or '(before schema versions)'} to {after}")
