"""Job alerts: saved searches, matching, instant mails and digests, one-click unsubscribe."""

import re
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from apps.accounts.tests.factories import UserFactory
from apps.core.exceptions import ConflictError
from apps.notifications import services as notification_services
from apps.notifications.models import DeliveryStatus, Notification
from apps.organizations.models import Sector
from apps.organizations.tests.factories import MembershipFactory, OrganizationFactory
from apps.vacancies import alerts as alert_services
from apps.vacancies import services as vacancy_services
from apps.vacancies import tasks
from apps.vacancies.models import JobAlert, JobAlertMatch, Vacancy, VacancyNotice
from apps.vacancies.tests.factories import JobAlertFactory, VacancyFactory, published_vacancy

pytestmark = pytest.mark.django_db

SITE_URL = "https://portal.example.be"
ALERTS_API = "/api/v1/me/alerts/"


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE_URL


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def seeker():
    return UserFactory()


@pytest.fixture
def seeker_api(seeker):
    client = APIClient()
    client.force_authenticate(seeker)
    return client


@pytest.fixture
def seeker_client(seeker):
    client = Client()
    client.force_login(seeker)
    return client


@pytest.fixture
def staff():
    return UserFactory(is_staff=True)


@pytest.fixture
def publish(committed, staff):
    """Publish a vacancy the way staff do, in a committed transaction."""

    def publish(**fields) -> Vacancy:
        vacancy = VacancyFactory(pending=True, **fields)
        with committed():
            vacancy_services.vacancy_approve(actor=staff, vacancy=vacancy)
        return Vacancy.objects.get(pk=vacancy.pk)

    return publish


@pytest.fixture
def digest(committed):
    """Run the beat's digest task for a frequency, as the worker does (committed)."""

    def digest(frequency: str) -> int:
        with committed():
            return tasks.send_alert_digests.apply(args=[frequency]).get()

    return digest


def alert_mails(user) -> list:
    return [m for m in mail.outbox if m.to == [user.email]]


def member_of(vacancy: Vacancy):
    return MembershipFactory(organization=vacancy.organization, role="recruiter").user


def html_of(message) -> str:
    return next(content for content, mimetype in message.alternatives if mimetype == "text/html")


def unsubscribe_path(message) -> str:
    found = re.search(rf"{re.escape(SITE_URL)}(/alerts/[0-9a-f-]+/unsubscribe/\S+/)", message.body)
    assert found, message.body
    return found.group(1)


class FormFields(HTMLParser):
    """The fields of the first form posting to `action`."""

    def __init__(self, action: str):
        super().__init__()
        self.action, self.inside, self.done, self.fields = action, False, False, {}
        self.select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("action") == self.action and not self.done:
            self.inside = True
        elif self.inside and tag == "input" and attrs.get("name"):
            self.fields[attrs["name"]] = attrs.get("value", "")
        elif self.inside and tag == "select":
            self.select = attrs["name"]
        elif self.inside and tag == "option" and "selected" in attrs and self.select:
            self.fields[self.select] = attrs["value"]

    def handle_endtag(self, tag):
        if tag == "form" and self.inside:
            self.inside, self.done = False, True
        elif tag == "select":
            self.select = None


# --- Saving an alert ----------------------------------------------------------------------


class TestCreate:
    def test_through_the_api(self, seeker, seeker_api):
        response = seeker_api.post(
            ALERTS_API,
            {
                "filters": {"q": "antibody", "sector": "health", "city": "Ghent"},
                "frequency": "instant",
            },
            format="json",
        )
        assert response.status_code == 201, response.data
        alert = JobAlert.objects.get(user=seeker)
        assert response.data["id"] == str(alert.pk)
        assert alert.filters == {"q": "antibody", "sector": "health", "city": "Ghent"}
        assert alert.frequency == "instant"
        assert alert.is_active
        assert alert.name == "antibody, Health, Ghent"
        listed = seeker_api.get(ALERTS_API).json()
        assert listed["count"] == 1
        assert listed["results"][0]["filters"] == alert.filters

    def test_the_default_is_a_daily_digest_of_everything(self, seeker, seeker_api):
        response = seeker_api.post(ALERTS_API, {}, format="json")
        assert response.status_code == 201
        alert = JobAlert.objects.get(user=seeker)
        assert (alert.frequency, alert.filters) == ("daily", {})

    def test_anonymous_callers_cannot_save_alerts(self, api_client):
        response = api_client.post(ALERTS_API, {"filters": {"q": "x"}}, format="json")
        assert response.status_code in (401, 403)
        response = Client().post("/alerts/new/", {"q": "x", "frequency": "daily"})
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
        assert not JobAlert.objects.exists()

    def test_with_one_click_from_the_jobs_page(self, seeker, seeker_client):
        published_vacancy(title="Antibody engineer", contract="permanent")
        page = seeker_client.get("/jobs/?q=antibody&sector=health&contract=permanent&page=1")
        assert page.status_code == 200
        form = FormFields("/alerts/new/")
        form.feed(page.content.decode())
        assert "Save as alert" in page.content.decode()
        assert {k: v for k, v in form.fields.items() if k != "csrfmiddlewaretoken"} == {
            "q": "antibody",
            "sector": "health",
            "contract": "permanent",
            "frequency": "daily",
        }
        form.fields["frequency"] = "weekly"
        response = seeker_client.post("/alerts/new/", form.fields)
        assert response.status_code == 302
        assert response["Location"] == "/alerts/"
        alert = JobAlert.objects.get(user=seeker)
        assert alert.filters == {"q": "antibody", "sector": "health", "contract": "permanent"}
        assert alert.frequency == "weekly"
        alerts_page = seeker_client.get("/alerts/").content.decode()
        assert alert.name in alerts_page

    def test_at_most_20_alerts(self, seeker, seeker_api):
        JobAlertFactory.create_batch(alert_services.MAX_ALERTS_PER_USER, user=seeker)
        response = seeker_api.post(ALERTS_API, {"filters": {"q": "x"}}, format="json")
        assert response.status_code == 400
        assert JobAlert.objects.filter(user=seeker).count() == alert_services.MAX_ALERTS_PER_USER


class TestBadFilters:
    @pytest.mark.parametrize(
        ("filters", "parameter"),
        [
            ({"contract": "forever"}, "contract"),
            ({"experience": "wizard"}, "experience"),
            ({"workplace": "moon"}, "workplace"),
            ({"discipline": "alchemy"}, "discipline"),
            ({"sector": "mining"}, "sector"),
            ({"organization": "no-such-organization"}, "organization"),
            ({"salary": "100000"}, "salary"),
            ({"q": "antibody", "posted_after": "2026-01-01"}, "posted_after"),
        ],
    )
    def test_the_api_answers_400_naming_the_parameter_and_stores_nothing(
        self, seeker_api, filters, parameter
    ):
        response = seeker_api.post(
            ALERTS_API, {"filters": filters, "frequency": "daily"}, format="json"
        )
        assert response.status_code == 400
        assert parameter in response.json()
        assert not JobAlert.objects.exists()

    def test_an_unknown_frequency_is_a_400(self, seeker_api):
        response = seeker_api.post(
            ALERTS_API, {"filters": {"q": "x"}, "frequency": "hourly"}, format="json"
        )
        assert response.status_code == 400
        assert "frequency" in response.json()
        assert not JobAlert.objects.exists()

    def test_filters_must_be_an_object(self, seeker_api):
        response = seeker_api.post(ALERTS_API, {"filters": ["q"]}, format="json")
        assert response.status_code == 400
        assert "filters" in response.json()
        assert not JobAlert.objects.exists()

    def test_the_page_answers_400_and_stores_nothing(self, seeker_client):
        response = seeker_client.post(
            "/alerts/new/", {"q": "antibody", "contract": "forever", "frequency": "daily"}
        )
        assert response.status_code == 400
        assert "forever" in response.content.decode()
        response = seeker_client.post("/alerts/new/", {"q": "antibody", "frequency": "hourly"})
        assert response.status_code == 400
        assert not JobAlert.objects.exists()

    def test_a_patch_with_bad_filters_changes_nothing(self, seeker, seeker_api):
        alert = JobAlertFactory(user=seeker, filters={"q": "antibody"})
        response = seeker_api.patch(
            f"{ALERTS_API}{alert.pk}/", {"filters": {"sector": "mining"}}, format="json"
        )
        assert response.status_code == 400
        assert "sector" in response.json()
        response = seeker_api.patch(
            f"{ALERTS_API}{alert.pk}/", {"frequency": "hourly"}, format="json"
        )
        assert response.status_code == 400
        alert.refresh_from_db()
        assert (alert.filters, alert.frequency) == ({"q": "antibody"}, "daily")


# --- Matching -----------------------------------------------------------------------------


class TestMatching:
    def test_every_filter_is_applied(self):
        janssen = OrganizationFactory(name="Janssen Pharmaceutica", slug="janssen", verified=True)
        OrganizationFactory(name="BASF", slug="basf", verified=True)
        vacancy = published_vacancy(
            organization=janssen,
            title="Antibody engineer",
            sectors=["health", "digital"],
            contract="fixed_term",
            experience="senior",
            workplace="hybrid",
            discipline="immunology",
            city="Beerse",
        )
        expected = {
            "all": ({}, True),
            "q yes": ({"q": "antibody"}, True),
            "q no": ({"q": "crystallography"}, False),
            "organization yes": ({"organization": "janssen"}, True),
            "organization no": ({"organization": "basf"}, False),
            "sector yes": ({"sector": "digital"}, True),
            "sector no": ({"sector": "agrifood"}, False),
            "contract yes": ({"contract": "fixed_term"}, True),
            "contract no": ({"contract": "permanent"}, False),
            "experience yes": ({"experience": "senior"}, True),
            "experience no": ({"experience": "junior"}, False),
            "workplace yes": ({"workplace": "hybrid"}, True),
            "workplace no": ({"workplace": "remote"}, False),
            "discipline yes": ({"discipline": "immunology"}, True),
            "discipline no": ({"discipline": "chemistry"}, False),
            "city yes, any case": ({"city": "beerse"}, True),
            "city no": ({"city": "Ghent"}, False),
            "everything": (
                {
                    "q": "antibody",
                    "organization": "janssen",
                    "sector": "health",
                    "contract": "fixed_term",
                    "experience": "senior",
                    "workplace": "hybrid",
                    "discipline": "immunology",
                    "city": "Beerse",
                },
                True,
            ),
            "everything but one": (
                {
                    "q": "antibody",
                    "organization": "janssen",
                    "sector": "health",
                    "contract": "fixed_term",
                    "experience": "senior",
                    "workplace": "onsite",
                    "discipline": "immunology",
                    "city": "Beerse",
                },
                False,
            ),
        }
        alerts = {}
        for name, (filters, _matches) in expected.items():
            # Through the service, so every filter set is also a valid one.
            alerts[name] = alert_services.job_alert_create(
                user=UserFactory(), filters=filters, frequency="daily", name=name
            )
        paused = JobAlertFactory(filters={}, is_active=False)

        alert_services.job_alerts_match(vacancy_ids=[vacancy.pk])
        matched = set(
            JobAlertMatch.objects.filter(vacancy=vacancy).values_list("alert__name", flat=True)
        )
        assert matched == {name for name, (_f, matches) in expected.items() if matches}
        assert not JobAlertMatch.objects.filter(alert=paused).exists()

    def test_only_the_vacancies_given_are_matched(self):
        alert = JobAlertFactory(filters={})
        new = published_vacancy()
        published_vacancy()  # published earlier, not part of this batch
        alert_services.job_alerts_match(vacancy_ids=[new.pk])
        assert list(alert.matches.values_list("vacancy_id", flat=True)) == [new.pk]


class TestInstant:
    def test_one_email_per_matching_published_vacancy_and_none_otherwise(
        self, seeker, publish, committed
    ):
        instant = JobAlertFactory(user=seeker, filters={"q": "antibody"}, frequency="instant")
        daily = JobAlertFactory(filters={"q": "antibody"}, frequency="daily")
        first = publish(title="Antibody engineer")
        second = publish(title="Antibody discovery scientist", city="Leuven")
        publish(title="Greenhouse technician")
        draft = VacancyFactory(title="Antibody draft")
        with committed():
            vacancy_services.vacancy_submit(actor=member_of(draft), vacancy=draft)

        messages = alert_mails(seeker)
        assert len(messages) == 2
        assert [
            "Antibody engineer" in messages[0].body,
            "Antibody engineer" in messages[1].body,
        ] == [
            True,
            False,
        ]
        assert "Antibody discovery scientist" in messages[1].body
        assert f"{SITE_URL}{first.get_absolute_url()}" in messages[0].body
        assert f"{SITE_URL}{second.get_absolute_url()}" in messages[1].body
        assert "Greenhouse technician" not in "".join(m.body for m in messages)
        assert messages[0].subject == (
            f"[{settings.SITE_NAME}] New vacancy for “{instant.name}”: Antibody engineer"
        )
        notices = Notification.objects.filter(recipient=seeker, kind=VacancyNotice.JOB_ALERT)
        assert notices.count() == 2
        assert set(notices.values_list("status", flat=True)) == {DeliveryStatus.SENT}
        # The daily alert matched too, but waits for its digest.
        assert daily.matches.count() == 2
        assert alert_mails(daily.user) == []
        assert not daily.matches.filter(notification__isnull=False).exists()

    def test_the_email_has_unsubscribe_and_edit_links_and_the_list_unsubscribe_header(
        self, seeker, publish
    ):
        alert = JobAlertFactory(user=seeker, filters={"q": "antibody"}, frequency="instant")
        publish(title="Antibody engineer")
        [message] = alert_mails(seeker)
        unsubscribe = f"{SITE_URL}{unsubscribe_path(message)}"
        assert unsubscribe == alert_services.unsubscribe_url(alert)
        html = html_of(message)
        assert f'href="{unsubscribe}"' in html
        assert f"{SITE_URL}/alerts/" in message.body
        assert f'href="{SITE_URL}/alerts/"' in html
        assert message.extra_headers["List-Unsubscribe"] == f"<{unsubscribe}>"
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        # The headers survive into the MIME message a mail server sees.
        mime = message.message()
        assert mime["List-Unsubscribe"] == f"<{unsubscribe}>"
        assert mime.get_content_type() == "multipart/alternative"

    def test_a_user_who_turned_job_alert_email_off_gets_the_inbox_row_only(self, seeker, publish):
        notification_services.preferences_set(
            user=seeker, email_by_kind={VacancyNotice.JOB_ALERT: False}
        )
        JobAlertFactory(user=seeker, filters={}, frequency="instant")
        publish(title="Antibody engineer")
        notice = Notification.objects.get(recipient=seeker)
        assert notice.status == DeliveryStatus.SKIPPED
        assert alert_mails(seeker) == []


class TestNeverTwice:
    def test_rerunning_the_matching_sends_nothing_new(self, seeker, publish, committed):
        alert = JobAlertFactory(user=seeker, filters={"q": "antibody"}, frequency="instant")
        vacancy = publish(title="Antibody engineer")
        assert len(alert_mails(seeker)) == 1
        with committed():
            alert_services.job_alerts_match(vacancy_ids=[vacancy.pk])
            alert_services.job_alerts_deliver_instant(vacancy_ids=[vacancy.pk])
            assert tasks.match_job_alerts.apply(args=[[vacancy.pk]]).get() == 0
            alert_services.job_alerts_on_publish(vacancy_ids=[vacancy.pk])
        assert alert.matches.count() == 1
        assert len(alert_mails(seeker)) == 1

    def test_approving_again_is_refused_and_sends_nothing(self, seeker, publish, committed, staff):
        JobAlertFactory(user=seeker, filters={"q": "antibody"}, frequency="instant")
        vacancy = publish(title="Antibody engineer")
        with committed(), pytest.raises(ConflictError):
            vacancy_services.vacancy_approve(actor=staff, vacancy=vacancy)
        assert len(alert_mails(seeker)) == 1

    def test_running_the_digest_twice_sends_one(self, seeker, publish, digest):
        alert = JobAlertFactory(user=seeker, filters={}, frequency="daily")
        publish(title="Antibody engineer")
        assert digest("daily") == 1
        assert digest("daily") == 0
        assert len(alert_mails(seeker)) == 1
        # A later vacancy comes in the next digest, alone.
        publish(title="Bioinformatician")
        assert digest("daily") == 1
        assert len(alert_mails(seeker)) == 2
        assert "Antibody engineer" not in alert_mails(seeker)[1].body
        assert alert.matches.filter(notification__isnull=True).count() == 0

    def test_an_alert_switched_from_daily_to_instant_does_not_resend(
        self, seeker, publish, digest, committed
    ):
        alert = JobAlertFactory(user=seeker, filters={}, frequency="daily")
        vacancy = publish(title="Antibody engineer")
        digest("daily")
        alert.frequency = "instant"
        alert.save()
        with committed():
            alert_services.job_alerts_deliver_instant(vacancy_ids=[vacancy.pk])
        assert len(alert_mails(seeker)) == 1


class TestDigests:
    def test_daily_and_weekly_alerts_get_one_digest_of_all_their_matches(self, publish, digest):
        daily = JobAlertFactory(filters={"sector": "health"}, frequency="daily", name="Health")
        weekly = JobAlertFactory(filters={"q": "antibody"}, frequency="weekly", name="Antibodies")
        other_daily = JobAlertFactory(filters={"sector": "agrifood"}, frequency="daily")
        instant = JobAlertFactory(filters={}, frequency="instant")
        publish(title="Antibody engineer", sectors=["health"])
        publish(title="Antibody purification lead", sectors=["health"])
        publish(title="Clinical data manager", sectors=["health", "digital"])
        publish(title="Greenhouse technician", sectors=["agrifood"])
        mail.outbox.clear()  # the instant alert's four mails

        assert digest("daily") == 2
        [sent] = alert_mails(daily.user)
        assert sent.subject == f"[{settings.SITE_NAME}] 3 new vacancies for “Health”"
        for title in ("Antibody engineer", "Antibody purification lead", "Clinical data manager"):
            assert title in sent.body
            assert title in html_of(sent)
        assert "Greenhouse technician" not in sent.body
        assert "New vacancies that match your alert" in sent.body
        [agrifood] = alert_mails(other_daily.user)
        assert "Greenhouse technician" in agrifood.body
        assert alert_mails(weekly.user) == []
        assert alert_mails(instant.user) == []
        assert Notification.objects.filter(kind=VacancyNotice.JOB_ALERT).count() == 4 + 2

        assert digest("weekly") == 1
        [weekly_digest] = alert_mails(weekly.user)
        assert "2 new vacancies" in weekly_digest.subject
        assert "Antibody engineer" in weekly_digest.body
        assert "Antibody purification lead" in weekly_digest.body
        assert "Clinical data manager" not in weekly_digest.body
        assert len(mail.outbox) == 3
        assert unsubscribe_path(weekly_digest).startswith(f"/alerts/{weekly.pk}/unsubscribe/")

    def test_closed_and_expired_vacancies_are_dropped_from_a_digest(self, seeker, publish, digest):
        alert = JobAlertFactory(user=seeker, filters={}, frequency="weekly")
        live = publish(title="Antibody engineer")
        closed = publish(title="Closed position")
        expired = publish(title="Expired position")
        vacancy_services.vacancy_close(actor=member_of(closed), vacancy=closed)
        Vacancy.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(hours=1))

        assert digest("weekly") == 1
        [sent] = alert_mails(seeker)
        assert "Antibody engineer" in sent.body
        assert "Closed position" not in sent.body
        assert "Expired position" not in sent.body
        assert sent.subject.endswith(f"New vacancy for “{alert.name}”: Antibody engineer")
        assert live.pk in alert.matches.values_list("vacancy_id", flat=True)
        assert digest("weekly") == 0

    def test_a_digest_with_nothing_live_left_sends_nothing(self, seeker, publish, digest):
        alert = JobAlertFactory(user=seeker, filters={}, frequency="daily")
        vacancy = publish(title="Closed position")
        vacancy_services.vacancy_close(actor=member_of(vacancy), vacancy=vacancy)
        assert digest("daily") == 0
        assert alert_mails(seeker) == []
        assert not Notification.objects.filter(kind=VacancyNotice.JOB_ALERT).exists()
        assert not alert.matches.exists()

    def test_a_paused_alert_gets_no_digest(self, seeker, publish, digest):
        alert = JobAlertFactory(user=seeker, filters={}, frequency="daily")
        publish(title="Antibody engineer")
        JobAlert.objects.filter(pk=alert.pk).update(is_active=False)
        assert digest("daily") == 0
        assert alert_mails(seeker) == []


# --- Unsubscribe --------------------------------------------------------------------------


class TestUnsubscribe:
    def test_get_confirms_and_post_unsubscribes_without_signing_in(self, seeker, publish):
        alert = JobAlertFactory(user=seeker, filters={"q": "antibody"}, frequency="instant")
        publish(title="Antibody engineer")
        path = unsubscribe_path(alert_mails(seeker)[0])
        anonymous = Client(enforce_csrf_checks=True)

        page = anonymous.get(path)
        assert page.status_code == 200
        assert alert.name in page.content.decode()
        assert '<form method="post"' in page.content.decode()
        alert.refresh_from_db()
        assert alert.is_active  # a link preview or a GET changes nothing

        done = anonymous.post(path)  # no cookie, no CSRF token: the signed link is the proof
        assert done.status_code == 200
        assert "no longer receive" in done.content.decode()
        alert.refresh_from_db()
        assert not alert.is_active
        assert anonymous.post(path).status_code == 200  # clicking twice is fine

        publish(title="Antibody purification lead")
        assert len(alert_mails(seeker)) == 1

    def test_a_tampered_token_is_a_400_and_changes_nothing(self, seeker):
        alert = JobAlertFactory(user=seeker)
        token = alert_services.unsubscribe_token(alert)
        tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
        for bad in (tampered, "not-a-token", token.split(":")[0]):
            path = f"/alerts/{alert.pk}/unsubscribe/{bad}/"
            assert Client().get(path).status_code == 400
            assert Client().post(path).status_code == 400
        alert.refresh_from_db()
        assert alert.is_active

    def test_a_token_for_another_alert_is_a_400_and_changes_nothing(self, seeker):
        mine = JobAlertFactory(user=seeker)
        theirs = JobAlertFactory()
        path = f"/alerts/{theirs.pk}/unsubscribe/{alert_services.unsubscribe_token(mine)}/"
        assert Client().get(path).status_code == 400
        assert Client().post(path).status_code == 400
        theirs.refresh_from_db()
        mine.refresh_from_db()
        assert theirs.is_active and mine.is_active

    def test_a_token_made_with_another_salt_is_refused(self, seeker):
        from django.core import signing

        alert = JobAlertFactory(user=seeker)
        forged = signing.dumps(str(alert.pk))  # the default salt, as other features sign with
        assert Client().post(f"/alerts/{alert.pk}/unsubscribe/{forged}/").status_code == 400
        alert.refresh_from_db()
        assert alert.is_active

    def test_a_deleted_alert(self, seeker):
        alert = JobAlertFactory(user=seeker)
        path = f"/alerts/{alert.pk}/unsubscribe/{alert_services.unsubscribe_token(alert)}/"
        alert.delete()
        assert Client().get(path).status_code == 404
        assert Client().post(path).status_code == 400


# --- Managing alerts ----------------------------------------------------------------------


class TestManage:
    def test_patch_and_delete_ones_own_alert(self, seeker, seeker_api):
        alert = JobAlertFactory(user=seeker, filters={"q": "antibody"})
        response = seeker_api.patch(
            f"{ALERTS_API}{alert.pk}/",
            {"frequency": "weekly", "filters": {"q": "antibody", "city": "Leuven"}},
            format="json",
        )
        assert response.status_code == 200, response.data
        assert response.data["frequency"] == "weekly"
        alert.refresh_from_db()
        assert alert.frequency == "weekly"
        assert alert.filters == {"q": "antibody", "city": "Leuven"}

        response = seeker_api.patch(f"{ALERTS_API}{alert.pk}/", {"is_active": False}, format="json")
        assert response.status_code == 200
        alert.refresh_from_db()
        assert (alert.is_active, alert.frequency) == (False, "weekly")

        assert seeker_api.delete(f"{ALERTS_API}{alert.pk}/").status_code == 204
        assert not JobAlert.objects.filter(pk=alert.pk).exists()

    def test_someone_elses_alert_is_a_404_and_unchanged(self, seeker_api, seeker_client):
        theirs = JobAlertFactory(filters={"q": "antibody"}, frequency="daily")
        url = f"{ALERTS_API}{theirs.pk}/"
        assert seeker_api.patch(url, {"frequency": "weekly"}, format="json").status_code == 404
        assert seeker_api.delete(url).status_code == 404
        assert seeker_api.get(ALERTS_API).json()["count"] == 0
        page = f"/alerts/{theirs.pk}/"
        assert seeker_client.post(page, {"action": "delete"}).status_code == 404
        assert seeker_client.post(page, {"frequency": "weekly"}).status_code == 404
        theirs.refresh_from_db()
        assert (theirs.frequency, theirs.is_active) == ("daily", True)

    def test_the_alerts_page_pauses_resumes_and_deletes(self, seeker, seeker_client):
        alert = JobAlertFactory(user=seeker, name="Antibodies")
        page = seeker_client.get("/alerts/")
        assert page.status_code == 200
        assert "Antibodies" in page.content.decode()
        response = seeker_client.post(
            f"/alerts/{alert.pk}/", {"frequency": "instant", "is_active": "true"}
        )
        assert response.status_code == 302
        alert.refresh_from_db()
        assert (alert.frequency, alert.is_active) == ("instant", True)
        seeker_client.post(f"/alerts/{alert.pk}/", {"action": "delete"})
        assert not JobAlert.objects.filter(pk=alert.pk).exists()

    def test_the_alerts_page_names_each_filter_and_value_in_words(
        self, seeker, seeker_client, django_assert_max_num_queries
    ):
        organization = OrganizationFactory(name="Leie Biologics", slug="leie")
        Sector.objects.get_or_create(slug="health", defaults={"name": "Health"})
        JobAlertFactory(
            user=seeker,
            filters={"organization": organization.slug, "sector": "health", "contract": "phd"},
        )
        JobAlertFactory(user=seeker, filters={"city": "Ghent", "experience": "medior"})
        JobAlertFactory(user=seeker, filters={"organization": organization.slug})

        with django_assert_max_num_queries(12):
            page = seeker_client.get("/alerts/").content.decode()

        described = re.findall(r'<p class="meta">(.*?)</p>', page)
        assert len(described) == 3
        assert sorted(described[2].split(" · ")) == [
            "Contract: PhD position",
            "Organization: Leie Biologics",
            f"Sector: {Sector.objects.get(slug='health').name}",
        ]
        assert "City: Ghent · Experience: Medior" in described
        assert "Organization: Leie Biologics" in described
        assert "experience: medior" not in page


def test_a_job_alert_for_a_vacancy_published_while_the_broker_is_down_is_not_lost(
    django_capture_on_commit_callbacks, monkeypatch
):
    from kombu.exceptions import OperationalError

    from apps.notifications.tasks import send_notification

    def committed():
        return django_capture_on_commit_callbacks(execute=True)

    def age(notification, minutes):
        Notification.objects.filter(pk=notification.pk).update(
            created_at=timezone.now() - timedelta(minutes=minutes)
        )

    def unreachable(*args, **kwargs):
        raise OperationalError("Connection refused.")

    monkeypatch.setattr(send_notification, "delay", unreachable)
    monkeypatch.setattr(tasks.match_job_alerts, "delay", unreachable)
    alert = JobAlertFactory(filters={"q": "antibody"}, frequency="instant")
    vacancy = VacancyFactory(pending=True, title="Antibody discovery scientist")
    with committed():
        vacancy_services.vacancy_approve(actor=UserFactory(is_staff=True), vacancy=vacancy)
    notice = Notification.objects.get(kind=VacancyNotice.JOB_ALERT)
    assert notice.recipient == alert.user
    assert notice.status == DeliveryStatus.PENDING
    assert mail.outbox == []

    monkeypatch.undo()
    age(notice, settings.NOTIFICATION_REQUEUE_AFTER_MINUTES + 1)
    Notification.objects.exclude(pk=notice.pk).delete()  # the vacancy-approved notices
    assert notification_services.notifications_requeue_pending() == 1
    assert len(mail.outbox) == 1
    assert "Antibody discovery scientist" in mail.outbox[0].body
