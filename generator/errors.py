"""Errors raised by tenderpack, each carrying the location of the problem.

Every error names *where* the problem is: a file and line, a clause ID, a sheet cell (``Sheet!A1``) or a
template style. The CLI prints ``str(error)``, which puts the location first, as one readable line.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Location:
    """Where a problem sits. Every part is optional; ``str()`` joins the parts that are known.

    ``path`` and ``line`` locate a YAML or template file, ``item`` a clause, activity or answer ID,
    ``field`` the dotted field inside that item, ``cell`` a workbook cell as ``Sheet!A1``.
    """

    path: str | None = None
    line: int | None = None
    item: str | None = None
    field: str | None = None
    cell: str | None = None

    def __str__(self) -> str:
        parts: list[str] = []
        if self.path:
            parts.append(f"{self.path}:{self.line}" if self.line else self.path)
        if self.cell:
            parts.append(self.cell)
        if self.item:
            parts.append(f"{self.item}.{self.field}" if self.field else self.item)
        elif self.field:
            parts.append(self.field)
        return " ".join(parts)


@dataclass(frozen=True)
class Finding:
    """One located validation finding. ``severity`` is ``"error"`` or ``"warning"``."""

    location: Location
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        where = str(self.location)
        prefix = f"{where}: " if where else ""
        return f"{prefix}{self.severity}: {self.message}"

    def as_dict(self) -> dict[str, object]:
        """The finding as plain JSON-ready data (the stable ``--json`` shape)."""
        loc = self.location
        return {
            "severity": self.severity,
            "message": self.message,
            "path": loc.path,
            "line": loc.line,
            "item": loc.item,
            "field": loc.field,
            "cell": loc.cell,
        }


class TenderpackError(Exception):
    """Base class of every error tenderpack raises on purpose."""

    def __init__(self, message: str, location: Location | None = None) -> None:
        self.message = message
        self.location = location or Location()
        super().__init__(str(self))

    def __str__(self) -> str:
        where = str(self.location)
        return f"{where}: {self.message}" if where else self.message


class InputError(TenderpackError):
    """The input cannot be used at all: missing file, not YAML, wrong file type, unreadable template.

    The CLI maps it to exit code 2.
    """


@dataclass
class ValidationFailed(TenderpackError):
    """The input was read but breaks one or more rules; ``findings`` lists every problem found.

    The CLI maps it to exit code 1 and prints all findings.
    """

    findings: list[Finding] = field(default_factory=list)
    what: str = "input"

    def __post_init__(self) -> None:
        errors = sum(1 for f in self.findings if f.severity == "error")
        TenderpackError.__init__(self, f"{self.what}: {errors} error(s) found")


class TemplateError(InputError):
    """A Word base template cannot be used, for example because it lacks a required style."""
