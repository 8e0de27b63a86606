"""The statistics pages: who sees them, the exact figures shown, the CSV, query counts."""

import csv
import io
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from apps.accounts.tests.factories import UserFactory
from apps.events.tests.factories import EventFactory, RegistrationFactory
from apps.organizations.tests.factories import MembershipFactory, OrganizationFactory
from apps.stats.tests.factories import (
    VacancyDailyViewsFactory,
    first_of_month,
    organization_data_set,
    portal_data_set,
)
from apps.vacancies.tests.factories import ApplicationFactory, published_vacancy

pytestmark = pytest.mark.django_db


class _Tables(HTMLParser):
    """The rows of every table with an id, as lists of cell texts."""

    def __init__(self):
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self._table = None
        self._row = None
        self._cell = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "table" and attributes.get("id"):
            self._table = self.tables.setdefault(attributes["id"], [])
        elif tag == "tr" and self._table is not None:
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []
        elif tag == "br" and self._cell is not None:
            self._cell.append(" ")

    def handle_endtag(self, tag):
        if tag == "table":
            self._table = None
        elif tag == "tr" and self._row is not None:
            self._table.append(self._row)
            self._row = None
        elif tag in ("td", "th") and self._cell is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def tables(html: str) -> dict[str, list[list[str]]]:
    parser = _Tables()
    parser.feed(html)
    return parser.tables


def day(moment) -> str:
    return f"{timezone.localtime(moment):%-d %b %Y}"


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def data():
    return organization_data_set()


@pytest.fixture
def staff():
    return UserFactory(is_staff=True)


# --- Who sees what --------------------------------------------------------------------


def test_an_organizations_statistics_are_for_its_members_and_staff(data, staff):
    url = reverse("stats:organization", kwargs={"slug": "acme"})
    assert Client().get(url).status_code == 403
    assert signed_in(UserFactory()).get(url).status_code == 403
    other_member = MembershipFactory(organization=data.other, role="owner").user
    refused = signed_in(other_member).get(url)
    assert refused.status_code == 403
    assert "Only members of Acme Biologics and staff" in refused.content.decode()
    assert signed_in(data.member).get(url).status_code == 200
    owner = MembershipFactory(organization=data.acme, role="owner").user
    assert signed_in(owner).get(url).status_code == 200
    assert signed_in(staff).get(url).status_code == 200
    assert (
        signed_in(staff).get(reverse("stats:organization", kwargs={"slug": "nobody"})).status_code
        == 404
    )


def test_portal_statistics_are_for_staff_only(data, staff):
    for url in (reverse("stats:portal"), reverse("stats:portal_csv")):
        assert Client().get(url).status_code == 403
        assert signed_in(UserFactory()).get(url).status_code == 403
        assert signed_in(data.member).get(url).status_code == 403
        inactive = UserFactory(is_staff=True, is_active=False)
        assert signed_in(inactive).get(url).status_code == 403
        assert signed_in(staff).get(url).status_code == 200


def test_the_dashboard_links_to_the_statistics(data, staff):
    member_page = signed_in(data.member).get(reverse("dashboard")).content.decode()
    assert 'href="/en/stats/organizations/acme/"' in member_page
    assert 'href="/en/stats/"' not in member_page
    staff_page = signed_in(staff).get(reverse("dashboard")).content.decode()
    assert 'href="/en/stats/"' in staff_page
    seeker_page = signed_in(UserFactory()).get(reverse("dashboard")).content.decode()
    assert reverse("stats:portal") not in seeker_page


# --- The figures shown ----------------------------------------------------------------


def test_the_organization_page_shows_the_known_figures(data):
    response = signed_in(data.member).get(reverse("stats:organization", kwargs={"slug": "acme"}))
    html = response.content.decode()
    found = tables(html)
    assert found["vacancy-table"] == [
        [
            "Vacancy",
            "Views",
            "Submitted",
            "In review",
            "Shortlisted",
            "Hired",
            "Not selected",
            "Withdrawn",
            "Total",
        ],
        [f"Lab technician Published · {day(data.technician.published_at)}"]
        + ["8", "1", "0", "0", "0", "1", "0", "2"],
        [f"Bioinformatician Published · {day(data.bioinformatician.published_at)}"]
        + ["12", "2", "1", "1", "1", "1", "1", "7"],
        [f"Closed position Closed · {day(data.closed.published_at)}"]
        + ["7", "0", "0", "0", "1", "0", "0", "1"],
    ]
    assert found["funnel-table"][1] == ["3", "1", "1", "2", "2", "1"]
    assert found["event-table"][1:] == [
        [f"BioBizz Cafe Ghent {day(data.cafe.starts_at)} · Published"] + ["2", "1", "1", "0", "–"],
        [f"Knowledge for Growth {day(data.conference.starts_at)} · Published"]
        + ["1", "0", "1", "3", "75%"],
    ]
    weekly = [row[1:] for row in found["weekly-table"][1:]]
    assert weekly == [["0", "0"]] * 8 + [["2", "1"], ["5", "3"], ["9", "3"], ["4", "2"]]
    assert "Draft position" not in html and "Elsewhere" not in html and "Other event" not in html
    # Summary figures: views, applications, hired, events.
    for figure in ("<strong>27</strong>", "<strong>10</strong>", "<strong>2</strong>"):
        assert figure in html
    # The charts: a line and bars for the weeks, bars for the funnel and the events.
    assert html.count("<svg") == 4
    assert '<title id="chart-weekly-views-title">Vacancy views per week</title>' in html
    assert "<polyline" in html and "<rect" in html
    assert "<title>Bioinformatician" not in html  # vacancy titles are in tables, not charts
    assert "<title>Knowledge for Growth · Attended: 3</title>" in html


def test_an_organization_without_activity_sees_empty_states():
    membership = MembershipFactory(organization=OrganizationFactory(slug="quiet"), role="owner")
    html = (
        signed_in(membership.user)
        .get(reverse("stats:organization", kwargs={"slug": "quiet"}))
        .content.decode()
    )
    assert "No vacancy of yours has been published yet." in html
    assert "has not organized an event yet." in html
    assert "No applications yet." in html
    assert html.count("<svg") == 2  # the weekly charts, all zeros


def test_the_portal_page_and_its_csv(staff):
    portal_data_set()
    # The staff user joined this month too: one more new user than the data set has.
    expected = [["0"] * 6] * 9 + [
        ["2", "1", "1", "1", "1", "0"],
        ["3", "1", "1", "2", "1", "2"],
        ["3", "1", "1", "2", "2", "0"],
    ]
    client = signed_in(staff)
    html = client.get(reverse("stats:portal")).content.decode()
    rows = tables(html)["month-table"]
    assert [row[1:] for row in rows[1:]] == expected
    assert rows[-1][0] == f"{first_of_month(0):%B %Y}"
    assert 'href="/en/stats/portal.csv"' in html
    assert html.count("<svg") == 3

    response = client.get(reverse("stats:portal_csv"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="portal-statistics-{timezone.localdate().isoformat()}.csv"'
    )
    lines = list(csv.reader(io.StringIO(response.content.decode())))
    assert lines[0] == [
        "month",
        "new_users",
        "new_organizations",
        "vacancies_published",
        "applications",
        "event_registrations",
        "event_attended",
    ]
    assert [line[0] for line in lines[1:]] == [
        f"{first_of_month(n):%Y-%m}" for n in range(11, -1, -1)
    ]
    assert [line[1:] for line in lines[1:]] == expected


def test_user_text_is_escaped_in_the_pages_and_charts(data):
    published_vacancy(
        organization=data.acme,
        title='<script>alert("job")</script>',
        slug="script-job",
    )
    EventFactory(organizer=data.acme, title="<script>alert('event')</script>", slug="script-event")
    html = (
        signed_in(data.member)
        .get(reverse("stats:organization", kwargs={"slug": "acme"}))
        .content.decode()
    )
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;job&quot;)&lt;/script&gt;" in html
    assert "&lt;script&gt;alert(&#x27;event&#x27;)" in html


# --- A bounded number of queries ------------------------------------------------------


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _more_activity(organization) -> None:
    for _ in range(3):
        vacancy = published_vacancy(organization=organization)
        VacancyDailyViewsFactory(vacancy=vacancy, count=9)
        for status in ("submitted", "hired", "withdrawn"):
            ApplicationFactory(vacancy=vacancy, status=status)
        event = EventFactory(organizer=organization)
        for status in ("confirmed", "attended", "cancelled"):
            RegistrationFactory(event=event, status=status)


def test_the_organization_page_needs_the_same_queries_as_data_grows(data, staff):
    for user in (data.member, staff):
        client = signed_in(user)
        before = _queries(client, reverse("stats:organization", kwargs={"slug": "acme"}))
        _more_activity(data.acme)
        assert _queries(client, reverse("stats:organization", kwargs={"slug": "acme"})) == before
    # Session, user, organization, memberships and the six figure queries.
    assert before <= 11


def test_the_portal_page_and_csv_need_the_same_queries_as_data_grows(staff):
    client = signed_in(staff)
    before = {
        url: _queries(client, url) for url in (reverse("stats:portal"), reverse("stats:portal_csv"))
    }
    portal_data_set()
    _more_activity(OrganizationFactory())
    after = {
        url: _queries(client, url) for url in (reverse("stats:portal"), reverse("stats:portal_csv"))
    }
    assert after == before
    # Session, user, and seven figure queries (new members also count erased accounts).
    assert before[reverse("stats:portal_csv")] <= 9
