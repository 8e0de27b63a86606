"""French as written in Brussels and Wallonia: "15 mai 2024" (`portal.formats.belgium`),
1 234,5."""

from portal.formats.belgium import *  # noqa: F403

DECIMAL_SEPARATOR = ","
# A non-breaking space, so a figure never breaks over two lines: 12 500.
THOUSAND_SEPARATOR = "\xa0"
