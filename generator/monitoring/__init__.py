"""KPI monitoring during the contract: measurement periods, the monitoring workbook, stored measurements.

``write_monitoring_workbook`` writes the workbook a contract manager fills; ``read_monitoring_workbook``
reads it back safely; ``import_measurements``/``load_measurements`` keep the values, with history, in
the store (tables in :mod:`generator.monitoring.db`, made by the database migrations).
"""

from ..lazy import lazy_exports

_HOMES = {
    "Action": "models", "MeasureImportResult": "db", "Measurement": "models", "MeasurementSet": "sample",
    "Measurements": "models", "Period": "periods", "Score": "models", "check_measurements": "check",
    "fill_monitoring_workbook": "sample", "import_measurements": "db", "load_measurement_set": "sample",
    "load_measurements": "db", "measurement_history": "db", "periods": "periods",
    "read_monitoring_workbook": "read", "write_monitoring_workbook": "write",
}
__all__ = sorted(_HOMES)
__getattr__, __dir__ = lazy_exports(__name__, _HOMES)

