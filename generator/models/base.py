"""The base model and the small value types every other model shares."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict

from ..characters import XML_ILLEGAL

Language = Literal["nl", "en"]
LANGUAGES: tuple[Language, ...] = ("nl", "en")


def _xml_safe(value: str) -> str:
    bad = XML_ILLEGAL.search(value)
    if bad:
        raise ValueError(
            f"contains the control character U+{ord(bad.group()):04X} at position {bad.start()}, "
            "which Word and Excel cannot store; remove it (a manual line break from Word is U+000B: "
            "use a real line break instead)"
        )
    return value


XmlText = Annotated[str, AfterValidator(_xml_safe)]
"""A string that Word and Excel can store: no XML-illegal control characters."""


class Model(BaseModel):
    """Base of every tenderpack model: strict types, unknown keys rejected, immutable."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True, defer_build=True)


RequiredText = Annotated[XmlText, AfterValidator(lambda v: check_nonempty(v))]


class Text(Model):
    """A text in Dutch (required: the legally binding version) and, where given, English."""

    nl: RequiredText
    en: RequiredText | None = None

    def get(self, lang: Language) -> str:
        """The text in ``lang``; English falls back to the Dutch text when no translation exists."""
        if lang == "en" and self.en is not None:
            return self.en
        return self.nl


def check_nonempty(value: str) -> str:
    """Reject strings that are empty or only whitespace."""
    if not value.strip():
        raise ValueError("must not be empty")
    return value
