"""After award: the collaboration agreement annex (.docx) and the meeting schedule (.ics).

``render_agreement`` writes the annex "Samenwerkingsafspraken" (the draft for the tender pack when no
submission is given), ``meeting_calendar`` the recurring meetings; :mod:`generator.agreement.terms`
says what the winning bid makes binding.
"""

from .annex import render_agreement
from .ics import meeting_calendar
from .terms import KpiTerm, RaciTerm, check_submission, kpi_terms, raci_terms, select_bidder

__all__ = ["KpiTerm", "RaciTerm", "check_submission", "kpi_terms", "meeting_calendar", "raci_terms",
           "render_agreement", "select_bidder"]
