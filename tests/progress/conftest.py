"""Make the shared after-award helpers (tests/agreement/awarded.py) importable."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "agreement"))
