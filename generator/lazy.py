"""Lazy re-exports for package ``__init__`` modules (PEP 562).

A package lists where each public name lives; the name's module is imported the first time the name is
used. Reading one bid form then does not pay for loading the Word and Excel writers, and the store
does not load the monitoring writers when it only needs their tables.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from importlib import import_module


def lazy_exports(package: str, homes: dict[str, str]) -> tuple[Callable[[str], object], Callable[[], list[str]]]:
    """The ``__getattr__`` and ``__dir__`` of ``package`` for the names in ``homes`` (name -> submodule).

    A name is imported from ``package.<submodule>`` on first use and then kept in the package's
    namespace; an unknown name raises ``AttributeError`` as a missing attribute would.
    """

    def __getattr__(name: str) -> object:
        home = homes.get(name)
        if home is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(f".{home}", package), name)
        setattr(sys.modules[package], name, value)
        return value

    def __dir__() -> list[str]:
        return sorted(set(vars(sys.modules[package])) | set(homes))

    return __getattr__, __dir__
