"""Short dates with the month written as each language abbreviates it.

Django's `M` capitalises the month in every language ("29 Jan"); Dutch writes "29 jan" and
"5 mrt", French "29 jan." and "5 mars". The pages and charts use `short_month_date`
(the `local_date` filter); `apps/events/tests/test_dates_in_language.py` reads it on a page.
"""

from datetime import date

import pytest
from django.utils import translation

from apps.core.i18n import short_month_date


@pytest.mark.parametrize(
    ("language", "january", "march"),
    [
        ("en", "29 Jan 2031", "5 Mar 2031"),
        ("nl", "29 jan 2031", "5 mrt 2031"),
        ("fr", "29 jan. 2031", "5 mars 2031"),
    ],
)
def test_the_month_is_abbreviated_as_the_language_writes_it(language, january, march):
    with translation.override(language):
        assert short_month_date(date(2031, 1, 29), "j M Y") == january
        assert short_month_date(date(2031, 3, 5), "j M Y") == march
