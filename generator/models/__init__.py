"""The pydantic models: the single definition of every data shape tenderpack reads or writes."""
