"""The retention calendar: the date shown to a person and the run that deletes agree."""

from datetime import UTC, datetime, timedelta

import pytest

from apps.core import retention


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (datetime(2026, 1, 15, 10, 30, tzinfo=UTC), 12, datetime(2027, 1, 15, 10, 30, tzinfo=UTC)),
        # 31 March + 1 month: no 31 April, so a whole month has passed on 1 May only.
        (datetime(2026, 3, 31, 10, 0, tzinfo=UTC), 1, datetime(2026, 5, 1, 0, 0, tzinfo=UTC)),
        # 29 February + 12 months: the next year has no 29 February.
        (datetime(2028, 2, 29, 8, 0, tzinfo=UTC), 12, datetime(2029, 3, 1, 0, 0, tzinfo=UTC)),
        (datetime(2026, 8, 31, 23, 59, tzinfo=UTC), 24, datetime(2028, 8, 31, 23, 59, tzinfo=UTC)),
    ],
)
def test_goes_at_is_the_first_moment_the_cutoff_reaches_the_start(start, months, expected):
    goes = retention.goes_at(start=start, months=months)
    assert goes == expected
    assert retention.cutoff(at=goes, months=months) >= start
    assert retention.cutoff(at=goes - timedelta(seconds=1), months=months) < start


def test_every_day_of_two_years_round_trips():
    start = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
    for day in range(731):
        moment = start + timedelta(days=day)
        for months in (1, 12, 24):
            goes = retention.goes_at(start=moment, months=months)
            assert retention.cutoff(at=goes, months=months) >= moment
            assert retention.cutoff(at=goes - timedelta(microseconds=1), months=months) < moment


def test_an_unknown_rule_is_named_in_the_error():
    with pytest.raises(LookupError, match="no-such-rule"):
        retention.rule("no-such-rule")
