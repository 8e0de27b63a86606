"""Dates and times as the portal's three languages write them in Belgium: day before month,
24-hour clock, weeks start on Monday. Each language's module takes these and sets its number
separators; month and day names come from Django's catalogues.

ISO comes first among the input formats, as date pickers send and expect it (Django's own
formats would render a date field as 15-05-2024 in Dutch, or May 15, 2024 in English, which
an `<input type="date">` cannot show); then the day-first forms people type.
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
NUMBER_GROUPING = 3
