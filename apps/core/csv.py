"""CSV that is safe to open in a spreadsheet."""

from typing import Any


def csv_safe(value: Any) -> str:
    """A cell starting with =, +, -, @, tab or CR would run as a formula: neutralise it."""
    text = "" if value is None else str(value)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
