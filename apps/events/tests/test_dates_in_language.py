"""The events page writes the month of a date as its language abbreviates it (the
`local_date` filter): "Mar 2031", "mrt 2031", "mars 2031"."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from apps.events.tests.factories import EventFactory

BRUSSELS = ZoneInfo("Europe/Brussels")


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
