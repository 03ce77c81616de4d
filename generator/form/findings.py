"""The findings the form parser reports: stable codes, their severity and their wording in both languages.

A code never changes meaning once released: the store, exports and other tools key on it. Every
message is a :class:`~generator.models.base.Text` whose ``{placeholders}`` :class:`Findings` fills;
placeholder values are formatted per language by the caller (numbers with a decimal comma in Dutch).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..models.base import Language, Text
from ..models.submission import FormFinding, Severity

_T = Text

CATALOGUE: dict[str, tuple[Severity, Text]] = {
    # The form as a whole.
    "reference_mismatch": ("error", _T(
        nl="Dit formulier hoort bij aanbesteding {form}, niet bij {tender}; het is alleen tegen zijn eigen "
           "metadata gecontroleerd.",
        en="This form belongs to tender {form}, not to {tender}; it was checked against its own metadata "
           "only.")),
    "revision_outdated": ("error", _T(
        nl="Dit formulier is van revisie {form}, maar de aanbesteding is bij revisie {tender}: de inschrijver "
           "heeft een verouderd formulier gebruikt.",
        en="This form is of revision {form}, but the tender is at revision {tender}: the bidder used an "
           "outdated form.")),
    "revision_unknown": ("error", _T(
        nl="Dit formulier is van revisie {form}, maar de aanbesteding kent alleen revisies tot en met {tender}.",
        en="This form is of revision {form}, but the tender has no revision later than {tender}.")),
    "language_mismatch": ("error", _T(
        nl="Dit formulier is in taal '{form}', de aanbesteding is gegeven in taal '{tender}'; het is alleen "
           "tegen zijn eigen metadata gecontroleerd.",
        en="This form is in language '{form}', the tender was given in language '{tender}'; it was checked "
           "against its own metadata only.")),
    "identity_mismatch": ("warning", _T(
        nl="{what} in {where} ({found}) wijkt af van het metadatablad ({expected}).",
        en="{what} in {where} ({found}) differs from the metadata sheet ({expected}).")),
    "metadata_altered": ("error", _T(
        nl="De verborgen metadata van {item} wijkt af van de aanbesteding ({field}): het formulier is bewerkt.",
        en="The hidden metadata of {item} differs from the tender ({field}): the form was edited.")),
    "sheet_renamed": ("warning", _T(
        nl="Het blad '{expected}' heet nu '{found}'; het is herkend aan de ID's erop.",
        en="The sheet '{expected}' is now called '{found}'; it was recognised by the IDs on it.")),
    "sheet_missing": ("error", _T(
        nl="Het blad '{expected}' ontbreekt; de antwoorden erop zijn niet gelezen.",
        en="The sheet '{expected}' is missing; the answers on it were not read.")),
    "sheet_added": ("warning", _T(
        nl="Het blad '{found}' hoort niet bij het formulier; de inhoud ervan is niet gelezen.",
        en="The sheet '{found}' is not part of the form; its content was not read.")),
    # Rows.
    "row_deleted": ("error", _T(
        nl="De rij van {item} ontbreekt op blad '{sheet}'.",
        en="The row of {item} is missing from the sheet '{sheet}'.")),
    "row_moved": ("warning", _T(
        nl="De rij van {item} is verplaatst (rij {row}, was {expected}); het antwoord is op ID gelezen.",
        en="The row of {item} was moved (row {row}, was {expected}); the answer was read by ID.")),
    "row_inserted": ("error", _T(
        nl="Rij {row} hoort niet bij het formulier (ingevoegd of overschreven); de inhoud is niet gelezen: "
           "'{text}'.",
        en="Row {row} is not part of the form (inserted or overwritten); its content was not read: '{text}'.")),
    "row_duplicated": ("error", _T(
        nl="{item} staat nogmaals in rij {row}; alleen rij {used} is gelezen.",
        en="{item} appears again in row {row}; only row {used} was read.")),
    "text_altered": ("error", _T(
        nl="De tekst van {item} is gewijzigd ten opzichte van de aanbesteding; een gewijzigde eis kan een "
           "voorbehoud zijn.",
        en="The text of {item} was changed from the tender's; an altered requirement can be a reservation.")),
    # Answers.
    "knockout": ("error", _T(
        nl="{item} is met '{raw}' beantwoord: niet voldaan aan een knock-outeis.",
        en="{item} was answered '{raw}': a knock-out requirement is not met.")),
    "knockout_unanswered": ("error", _T(
        nl="{item} is niet beantwoord; zonder antwoord is niet voldaan aan deze knock-outeis.",
        en="{item} is not answered; left blank, this knock-out requirement is not met.")),
    "criterion_unanswered": ("warning", _T(
        nl="Gunningscriterium {item} is niet beantwoord.",
        en="Award criterion {item} is not answered.")),
    "missing_answer": ("error", _T(
        nl="{field} is niet ingevuld.",
        en="{field} is not filled in.")),
    "not_yes_no": ("error", _T(
        nl="'{raw}' is geen Ja of Nee.",
        en="'{raw}' is not Yes or No.")),
    "not_an_option": ("error", _T(
        nl="'{raw}' is geen optie uit de lijst ({options}).",
        en="'{raw}' is not an option from the list ({options}).")),
    "not_a_number": ("error", _T(
        nl="'{raw}' is geen getal.",
        en="'{raw}' is not a number.")),
    "not_a_date": ("error", _T(
        nl="'{raw}' is geen datum (dd-mm-jjjj).",
        en="'{raw}' is not a date (dd-mm-yyyy).")),
    "out_of_bounds": ("error", _T(
        nl="{value} ligt buiten de grenzen: {bounds}.",
        en="{value} is outside the limits: {bounds}.")),
    "knockout_below_minimum": ("error", _T(
        nl="Knock-outeis: het minimum is {bound} ({unit}); met {value} is de inschrijving ongeldig.",
        en="Knock-out requirement: the minimum is {bound} ({unit}); with {value} the bid is invalid.")),
    "knockout_above_maximum": ("error", _T(
        nl="Knock-outeis: het maximum is {bound} ({unit}); met {value} is de inschrijving ongeldig.",
        en="Knock-out requirement: the maximum is {bound} ({unit}); with {value} the bid is invalid.")),
    "kpi_below_minimum": ("error", _T(
        nl="Het aanbod {value} ({unit}) haalt het minimum {minimum} niet ({direction}).",
        en="The offer {value} ({unit}) does not meet the minimum {minimum} ({direction}).")),
    "percent_as_fraction": ("warning", _T(
        nl="{raw} is gelezen als {value}% (een spreadsheet slaat '{value}%' op als {raw}).",
        en="{raw} was read as {value}% (a spreadsheet stores '{value}%' as {raw}).")),
    "percent_ambiguous": ("warning", _T(
        nl="{raw} kan {raw}% of {value}% betekenen; gelezen als {raw}%. Controleer het aanbod.",
        en="{raw} may mean {raw}% or {value}%; read as {raw}%. Check the offer.")),
    "too_long": ("error", _T(
        nl="De tekst heeft {length} tekens; het maximum is {max_length}.",
        en="The text has {length} characters; the maximum is {max_length}.")),
    "unsafe_characters": ("warning", _T(
        nl="De tekst bevatte tekens die niet veilig kunnen worden opgeslagen of getoond (stuurtekens of tekens "
           "die de leesrichting omkeren); elk is vervangen door \ufffd: '{excerpt}'.",
        en="The text held characters that cannot be stored or shown safely (control characters or characters "
           "that reverse the reading direction); each was replaced by \ufffd: '{excerpt}'.")),
    "line_break": ("warning", _T(
        nl="{field} hoort op één regel te staan; de regelovergangen en tabs zijn vervangen door een spatie.",
        en="{field} belongs on one line; the line breaks and tabs were replaced by a space.")),
    "reservation": ("warning", _T(
        nl="Mogelijk voorbehoud ('{phrase}'): '{excerpt}'. De beoordelingscommissie beoordeelt dit.",
        en="Possible reservation ('{phrase}'): '{excerpt}'. The evaluation committee must judge it.")),
    "raci_invalid": ("error", _T(
        nl="'{raw}' is geen combinatie van R, A, C en I.",
        en="'{raw}' is not a combination of R, A, C and I.")),
    "raci_accountable": ("error", _T(
        nl="Activiteit {item} heeft {count} partijen met A; precies één is vereist.",
        en="Activity {item} has {count} parties with A; exactly one is required.")),
    "raci_responsible": ("error", _T(
        nl="Activiteit {item} heeft geen partij met R; ten minste één is vereist.",
        en="Activity {item} has no party with R; at least one is required.")),
    "raci_fixed_changed": ("error", _T(
        nl="De vaste rol van {party} bij {item} is gewijzigd van '{expected}' in '{raw}'.",
        en="The fixed role of {party} in {item} was changed from '{expected}' to '{raw}'.")),
    "invalid_kvk": ("error", _T(
        nl="'{raw}' is geen KvK-nummer van 8 cijfers.",
        en="'{raw}' is not a Chamber of Commerce number of 8 digits.")),
    "invalid_email": ("error", _T(
        nl="'{raw}' is geen geldig e-mailadres.",
        en="'{raw}' is not a valid email address.")),
    "not_positive": ("error", _T(
        nl="De prijs moet groter zijn dan 0, niet {value}.",
        en="The price must be greater than 0, not {value}.")),
    # Only from the store: how a bid stands to the bids of the same tender imported before it.
    "bidder_claimed_twice": ("warning", _T(
        nl="Twee formulieren claimen dezelfde inschrijver: {other} (inschrijving #{id}, {name}) heeft {reason}. "
           "Beide inschrijvingen zijn naast elkaar opgeslagen en gelden als actueel; de commissie beoordeelt "
           "van wie welke inschrijving is.",
        en="Two forms claim one bidder: {other} (submission #{id}, {name}) has {reason}. Both submissions are "
           "stored side by side as current; the committee judges whose each one is.")),
    "older_form_later": ("warning", _T(
        nl="Een ouder formulier is later binnengekomen: {other} (inschrijving #{id}) van dezelfde inschrijver "
           "is nieuwer ({newer}); dit formulier is als geschiedenis opgeslagen en geldt niet.",
        en="An older form arrived later: {other} (submission #{id}) of the same bidder is newer ({newer}); "
           "this form is stored as history and does not count.")),
    # Only from fill_form: answers that cannot be placed in the form.
    "no_column": ("error", _T(
        nl="Blad '{sheet}' heeft geen kolom voor een {what}; '{raw}' is niet geschreven.",
        en="The sheet '{sheet}' has no column for a {what}; '{raw}' was not written.")),
    "wrong_answer_type": ("error", _T(
        nl="{item} vraagt {expected}; het antwoord '{raw}' past daar niet.",
        en="{item} asks for {expected}; the answer '{raw}' does not fit.")),
}
"""Code -> (severity, message). The codes are stable; the wording may improve."""

_EXCERPT = 80


def excerpt(value: object) -> str:
    """``value`` as one short line for a message: whitespace collapsed, cut at 80 characters."""
    text = " ".join(str(value).split())
    return text if len(text) <= _EXCERPT else text[: _EXCERPT - 1] + "…"


@dataclass
class Findings:
    """The findings of one form, in the order found, worded in ``lang`` and English."""

    lang: Language
    items: list[FormFinding] = field(default_factory=list)

    def add(self, code: str, cell: str | None = None, item: str | None = None, **values: object) -> None:
        """Record finding ``code`` at ``cell`` (``Sheet!E7``) for ``item``.

        ``values`` fill the message's placeholders; a value may be a ``Text`` (worded per language)
        or anything else (``str()`` in both). ``KeyError`` for an unknown code (a programming error).
        """
        severity, text = CATALOGUE[code]
        own = {k: v.get(self.lang) if isinstance(v, Text) else v for k, v in values.items()}
        english = {k: v.get("en") if isinstance(v, Text) else v for k, v in values.items()}
        self.items.append(FormFinding.model_construct(
            severity=severity, code=code, cell=cell, item=item,
            message=text.get(self.lang).format(item=item, **own),
            message_en=text.get("en").format(item=item, **english),
        ))
