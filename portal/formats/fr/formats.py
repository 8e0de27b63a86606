"""French as written in Brussels and Wallonia: "15 mai 2024", 24-hour clock, weeks start on
Monday.

Month and day names come from Django's French catalogue; the order, the separators and the
input formats are set here, ISO first among the input formats, as date pickers send and
expect it.
"""

DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
FIRST_DAY_OF_WEEK = 1
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y"]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y",
]
DECIMAL_SEPARATOR = ","
# A non-breaking space, so a figure never breaks over two lines: 12 500.
THOUSAND_SEPARATOR = "\xa0"
NUMBER_GROUPING = 3
