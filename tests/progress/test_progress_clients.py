"""The progress workbook's native charts survive a re-save by Gnumeric and by LibreOffice Calc."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from awarded import BUILT, MEASUREMENTS, submission, tender
from lxml import etree
from soffice import resave_xlsx

from generator.monitoring import fill_monitoring_workbook, load_measurement_set, read_monitoring_workbook
from generator.monitoring import write_monitoring_workbook
from generator.progress import progress_report, write_progress_workbook

CHART = "http://schemas.openxmlformats.org/drawingml/2006/chart"


def progress_workbook(tmp_path: Path) -> bytes:
    """The IT sample's progress workbook over the sample year of measurements."""
    t = tender()
    sub = submission(t)
    filled = tmp_path / "monitoring.xlsx"
    filled.write_bytes(fill_monitoring_workbook(write_monitoring_workbook(t, sub, built=BUILT),
                                                load_measurement_set(MEASUREMENTS)))
    return write_progress_workbook(progress_report(t, sub, read_monitoring_workbook(filled)), built=BUILT)


def charts(data: bytes) -> int:
    """How many chart parts the workbook ``data`` holds (each a ``c:chartSpace`` with a line chart)."""
    count = 0
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            if name.startswith("xl/charts/chart") and name.endswith(".xml"):
                root = etree.fromstring(z.read(name))
                assert root.tag == f"{{{CHART}}}chartSpace", name
                count += len(root.findall(f".//{{{CHART}}}lineChart"))
    return count


def test_drawing_and_chart_parts_declare_their_namespaces_on_the_root(tmp_path):
    data = progress_workbook(tmp_path)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        parts = [n for n in z.namelist() if n.startswith(("xl/drawings/drawing", "xl/charts/chart"))
                 and n.endswith(".xml")]
        assert len(parts) >= 2
        for name in parts:
            root = etree.fromstring(z.read(name))
            inner = [el.tag for el in root.iterdescendants() if set(el.nsmap.items()) != set(root.nsmap.items())]
            assert inner == [], f"{name}: namespaces declared below the root: {inner[:3]}"


@pytest.mark.gnumeric
def test_gnumeric_keeps_every_chart(tmp_path):
    ssconvert = shutil.which("ssconvert")
    if ssconvert is None:
        pytest.skip("Gnumeric (ssconvert) is not installed")
    data = progress_workbook(tmp_path)
    expected = charts(data)
    assert expected == 10  # one per measured KPI (9) and the collaboration scores
    source, target = tmp_path / "progress.xlsx", tmp_path / "gnumeric.xlsx"
    source.write_bytes(data)
    result = subprocess.run([ssconvert, str(source), str(target)], capture_output=True, text=True, timeout=180,
                            check=False)
    assert result.returncode == 0 and target.exists(), result.stderr
    assert "a:graphic" not in result.stderr and "Dropping missing object" not in result.stderr, result.stderr
    assert charts(target.read_bytes()) == expected


@pytest.mark.soffice
def test_libreoffice_keeps_every_chart(tmp_path):
    data = progress_workbook(tmp_path)
    assert charts(resave_xlsx(data, tmp_path, "progress.xlsx")) == charts(data) == 10
