"""KPI monitoring during the contract: the monitoring workbook and stored measurements (the periods are
:mod:`generator.periods`).

``write_monitoring_workbook`` writes the workbook a contract manager fills; ``read_monitoring_workbook``
reads it back safely; ``import_measurements``/``load_measurements`` keep the values, with history, in
the store (:mod:`generator.monitoring.db`; the tables are in :mod:`generator.tables`).
"""

from ..lazy import lazy_exports

_HOMES = {
    "Action": "models", "MeasureImportResult": "db", "Measurement": "models", "MeasurementSet": "sample",
    "Measurements": "models", "Score": "models", "check_measurements": "check",
    "fill_monitoring_workbook": "sample", "import_measurements": "db", "load_measurement_set": "sample",
    "load_measurements": "db", "measurement_history": "db",
    "read_monitoring_workbook": "read", "write_monitoring_workbook": "write",
}
__all__ = sorted(_HOMES)
__getattr__, __dir__ = lazy_exports(__name__, _HOMES)

