"""Formatting of numbers, dates and parameter values in the tender's language.

Dutch writes a decimal comma and a point as thousands separator (``1.250,5``); English the reverse.
Clause texts refer to parameters as ``{{ name }}``; :func:`fill` replaces them by the formatted value.
These are plain string substitutions, never template rendering: clause text is data, not a template.
"""

from __future__ import annotations

import datetime as dt

from . import labels
from .models.base import Language
from .models.clause import PLACEHOLDER, Parameter
from .models.tender import Improvable

_MONTHS_NL = (
    "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
    "november", "december",
)
_MONTHS_EN = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
)


def format_number(value: float, lang: Language, decimals: int | None = None) -> str:
    """``value`` with the language's decimal and thousands separators.

    With ``decimals`` ``None`` a whole number shows no decimals and other numbers as many as needed
    (up to 4, trailing zeros dropped).
    """
    if decimals is not None:
        text = f"{value:,.{decimals}f}"
    elif float(value).is_integer():
        text = f"{value:,.0f}"
    else:
        text = f"{value:,.4f}".rstrip("0").rstrip(".")
    if lang == "nl":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def format_euro(value: float, lang: Language) -> str:
    """An amount in euros, e.g. ``€ 1.250.000,00`` (nl) or ``€1,250,000.00`` (en)."""
    amount = format_number(value, lang, 2)
    return f"€ {amount}" if lang == "nl" else f"€{amount}"


def format_date(value: dt.date, lang: Language) -> str:
    """A date written out, e.g. ``15 maart 2027`` (nl) or ``15 March 2027`` (en)."""
    months = _MONTHS_NL if lang == "nl" else _MONTHS_EN
    return f"{value.day} {months[value.month - 1]} {value.year}"


def format_datetime(value: dt.datetime, lang: Language) -> str:
    """A date and time, e.g. ``15 maart 2027, 12:00 uur`` (nl) or ``15 March 2027, 12:00`` (en)."""
    clock = f"{value.hour:02d}:{value.minute:02d}"
    return f"{format_date(value.date(), lang)}, {clock}" + (" uur" if lang == "nl" else "")


def format_value(param: Parameter, value: int | float | str, lang: Language) -> str:
    """A parameter value as it appears in clause text: numbers localised, choices as their label."""
    if param.type == "choice":
        assert param.choices is not None and isinstance(value, str)
        return param.choices[value].get(lang)
    if param.type in ("integer", "decimal") and not isinstance(value, str):
        return format_number(value, lang)
    return str(value)


def format_term(term: Improvable, value: int | float | str, lang: Language) -> str:
    """A value of an improvable term as shown: a frequency's label (``wekelijks``), a number with its unit."""
    if term.kind == "frequency":
        return labels.label(labels.FREQUENCY, value, lang)
    unit = labels.label(labels.UNIT, term.unit, lang) if term.unit else ""
    return f"{format_number(value, lang)} {unit}".strip()  # type: ignore[arg-type]


def fill(text: str, values: dict[str, str]) -> str:
    """Replace each ``{{ name }}`` in ``text`` by ``values[name]``; unknown names raise ``KeyError``."""
    return PLACEHOLDER.sub(lambda m: values[m.group(1)], text)
