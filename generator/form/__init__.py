"""The bid-response form: its layout (shared with the parser) and its writer."""

from .write import write_form

__all__ = ["write_form"]
