"""Progress of the collaboration: status, trends, bottlenecks and incentives, as .docx and .xlsx reports.

``progress_report`` computes a :class:`Progress` (pure); ``render_progress_docx`` and
``write_progress_workbook`` lay it out.
"""

from .compute import progress_report, report_date
from .document import render_progress_docx
from .models import KpiProgress, PeriodResult, Progress
from .workbook import write_progress_workbook

__all__ = ["KpiProgress", "PeriodResult", "Progress", "progress_report", "render_progress_docx", "report_date",
           "write_progress_workbook"]
