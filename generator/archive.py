"""Zip-level handling of OOXML packages (.docx, .xlsx).

python-docx and openpyxl stamp each zip entry with the current time, so two builds of the same content
differ byte for byte. :func:`normalize` rewrites a package with one fixed timestamp per entry, keeping
the entry order (``[Content_Types].xml`` must stay first for some readers).
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile


def normalize(data: bytes, when: dt.datetime) -> bytes:
    """Return the package ``data`` with every entry dated ``when`` and deflate-compressed.

    Zip timestamps cannot hold dates before 1980; earlier dates are clamped to 1 January 1980.
    """
    stamp = max(when.replace(tzinfo=None), dt.datetime(1980, 1, 1)).timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()
