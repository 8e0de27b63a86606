"""Short dates with the month written as each language abbreviates it.

Django's `M` capitalises the month in every language ("29 Jan"); Dutch writes "29 jan" and
"5 mrt", French "29 jan." and "5 mars". The pages and charts use `short_month_date`.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from apps.core.i18n import short_month_date
from apps.events.tests.factories import EventFactory

BRUSSELS = ZoneInfo("Europe/Brussels")


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


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("prefix", "shown", "not_shown"),
    [("/en", "Mar 2031", "mrt"), ("/nl", "mrt 2031", "Mar 2031"), ("/fr", "mars 2031", "Mar 2031")],
)
def test_the_events_page_writes_the_month_in_its_language(client, prefix, shown, not_shown):
    EventFactory(
        title="BioBizz Cafe Ghent",
        starts_at=datetime(2031, 3, 5, 18, 0, tzinfo=BRUSSELS),
        ends_at=datetime(2031, 3, 5, 20, 0, tzinfo=BRUSSELS),
    )
    page = client.get(f"{prefix}/events/").content.decode()
    assert "BioBizz Cafe Ghent" in page
    assert shown in page and not_shown not in page
