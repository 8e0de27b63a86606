"""Dutch as written in Flanders: "15 mei 2024" (`portal.formats.belgium`), 1.234,5."""

from portal.formats.belgium import *  # noqa: F403
from portal.formats.belgium import DATETIME_INPUT_FORMATS as BELGIAN_DATETIME_INPUT_FORMATS

DATETIME_INPUT_FORMATS = [*BELGIAN_DATETIME_INPUT_FORMATS, "%d-%m-%Y %H:%M"]
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
