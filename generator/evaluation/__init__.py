"""Evaluation of the bids: compliance matrix, the committee's scoring workbook, prices and the ranking.

Pure computation (:func:`compliance`, :func:`evaluate`, :func:`check_scores`) is separate from the
files it reads and writes (:func:`write_scoring_workbook`, :func:`read_scores`, :func:`read_prices_csv`,
:func:`write_compliance_xlsx`, :func:`write_comparison_xlsx`, :func:`write_comparison_docx`,
:func:`write_award_letters` (one award decision letter per bidder), and
:func:`load_scores` for scores in a YAML file).
The shapes are in :mod:`generator.models.evaluation`.
"""

from .comparison import write_comparison_xlsx, write_compliance_xlsx
from .compliance import bidder_name, compliance, in_order
from .compute import DECIMALS, check_scores, evaluate
from .letters import write_award_letters
from .prices import read_prices_csv
from .report import write_comparison_docx
from .scorefile import load_scores
from .scoring_read import read_scores
from .scoring_write import write_scoring_workbook

__all__ = [
    "DECIMALS",
    "bidder_name",
    "check_scores",
    "compliance",
    "evaluate",
    "in_order",
    "load_scores",
    "read_prices_csv",
    "read_scores",
    "write_award_letters",
    "write_comparison_docx",
    "write_comparison_xlsx",
    "write_compliance_xlsx",
    "write_scoring_workbook",
]
