"""English as written in Belgium: "15 May 2024" (`portal.formats.belgium`), 1,234.5.

Django's "en" formats are American (Nov. 30, 2026, 1:05 p.m.); the admin and any date shown
without an explicit format use these instead.
"""

from portal.formats.belgium import *  # noqa: F403

DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
