"""The binding norm of a KPI in words: the one name and phrasing every document gives it.

The number comes from :meth:`generator.models.tender.Kpi.binding_norm`; this module only says it, so the
tender document, the bid form, the agreement annex, the monitoring workbook and the progress report
name the same level the same way ("Bindende norm: 90% (minimumwaarde)").
"""

from __future__ import annotations

from typing import Callable

from . import labels
from .models.base import Language, Text
from .models.clause import Norm
from .models.tender import Kpi

HEADING = Text(nl="Bindende norm", en="Binding standard")
"""The name of the binding norm in every document, as a column heading or a label."""

RULE = Text(
    nl="Per prestatie-indicator gelden vier waarden. De minimumwaarde is de ondergrens die een inschrijving "
       "moet halen; een inschrijving die haar niet haalt, is ongeldig. De streefwaarde is het niveau dat "
       "partijen nastreven. De aangeboden waarde is de waarde die de inschrijver aanbiedt, waar de "
       "aanbestedingsleidraad een aanbod toestaat. De bindende norm is de waarde waaraan Opdrachtnemer "
       "tijdens de looptijd is gehouden: per prestatie-indicator de minimumwaarde, de aangeboden waarde of "
       "de streefwaarde, zoals de aanbestedingsleidraad bepaalt. Een gemeten waarde onder de bindende norm "
       "leidt tot de malus; een gemeten waarde die de bindende norm en de streefwaarde haalt, tot de bonus.",
    en="Each performance indicator has four values. The minimum is the floor a bid must reach; a bid that "
       "does not reach it is invalid. The target is the level the parties aim for. The offered value is "
       "the value the tenderer offers, where the tender document allows an offer. The binding standard is "
       "the value the Contractor is held to during the contract: per performance indicator the minimum, "
       "the offered value or the target, as the tender document sets. A measured value below the binding "
       "standard leads to the malus; a measured value that meets both the binding standard and the target "
       "leads to the bonus.",
)
"""Which number binds and what follows from a measurement, in the words every document uses."""

_AT_LEAST = Text(nl="aangeboden waarde, ten minste {minimum}", en="offered value, at least {minimum}")
_LEVEL = Text(nl="{value} ({level})", en="{value} ({level})")


def rule(lang: Language) -> str:
    """:data:`RULE` in ``lang``."""
    return RULE.get(lang)


def heading(lang: Language) -> str:
    """The name of the binding norm in ``lang``: "Bindende norm" / "Binding standard"."""
    return HEADING.get(lang)


def statement(level: Norm, value: float | None, minimum: float, shown: Callable[[float], str],
              lang: Language) -> str:
    """The binding norm as a document states it, ``shown`` formatting each number.

    ``level`` is the KPI's norm choice and ``value`` the binding norm's number; ``None`` for an
    ``offered`` norm before any offer (the tender document, the draft annex), which says that the offer
    binds and the least it may be ("aangeboden waarde, ten minste 90%"). Otherwise the number with the
    level's name ("90% (minimumwaarde)", "7,6 (aangeboden waarde)").
    """
    if value is None:
        return _AT_LEAST.get(lang).format(minimum=shown(minimum))
    return _LEVEL.get(lang).format(value=shown(value), level=labels.label(labels.NORM, level, lang))


def kpi_statement(kpi: Kpi, offered: float | None, shown: Callable[[float], str], lang: Language) -> str:
    """:func:`statement` for ``kpi`` with the bidder's ``offered`` value (``None``: no offer yet)."""
    pending = kpi.norm == "offered" and offered is None
    return statement(kpi.norm, None if pending else kpi.binding_norm(offered), kpi.minimum, shown, lang)
