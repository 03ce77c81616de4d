"""OCDS export: the release package of a tender (:mod:`.release`) and its check against the official
schemas vendored in ``data/`` (:mod:`.check`, imported on its own: only checking needs jsonschema).
"""

from .release import EXTENSIONS, PROCUREMENT_CATEGORY, PROCUREMENT_METHOD, AwardInfo, release_package

__all__ = ["EXTENSIONS", "PROCUREMENT_CATEGORY", "PROCUREMENT_METHOD", "AwardInfo", "release_package"]
