"""tenderpack (public API assembled later)."""
