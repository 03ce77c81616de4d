"""The commented starter spec that ``tenderpack init`` writes."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import InputError, Location
from .resources import templates_dir

STARTER_NAME = "starter-spec.yaml"


def starter_text() -> str:
    """The starter spec: a complete, valid tender spec against the bundled library, with comments."""
    return (templates_dir() / STARTER_NAME).read_text(encoding="utf-8")


def write_starter(path: Path | str, *, overwrite: bool = False) -> None:
    """Write the starter spec to ``path``; refuse to replace an existing file unless ``overwrite``.

    The file is written to a temporary name first and renamed, so an interrupted write leaves nothing.
    """
    path = Path(path)
    if path.exists() and not overwrite:
        raise InputError("file exists; use --force to overwrite it", Location(path=str(path)))
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
    except OSError as exc:
        raise InputError(f"cannot write here: {exc.strerror}", Location(path=str(path))) from None
    from .pack import share_as_created

    share_as_created(tmp)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(starter_text())
    os.replace(tmp, path)
