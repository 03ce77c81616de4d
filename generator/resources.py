"""Where the bundled clause library and Word templates live, in a checkout and in an installed wheel.

The wheel carries ``clause_library/`` and ``templates/`` under ``generator/_data/`` (see
``pyproject.toml``); a checkout or editable install finds them at the top of the source tree.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _find(name: str) -> Path:
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"the bundled {name}/ folder is missing from this installation")


def library_dir() -> Path:
    """The folder of the bundled clause library."""
    return _find("clause_library")


def templates_dir() -> Path:
    """The folder of the bundled Word base templates."""
    return _find("templates")
