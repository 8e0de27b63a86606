"""English, Dutch and French: the language in the address, the person's choice, the API's
Accept-Language, the hreflang links and the sitemap, notices in the recipient's language,
and dates as each language writes them, in Brussels time."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from rest_framework.exceptions import NotAuthenticated
from rest_framework.test import APIClient

from apps.accounts.models import User
from apps.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from apps.events.tests.factories import EventFactory
from apps.notifications.models import Notification
from apps.organizations.tests.factories import MembershipFactory, OrganizationFactory
from apps.vacancies.alerts import unsubscribe_token
from apps.vacancies.models import ApplicationStatus, VacancyNotice
from apps.vacancies.tests.factories import (
    ApplicationFactory,
    JobAlertFactory,
    VacancyFactory,
    cv_for,
    published_vacancy,
)

pytestmark = pytest.mark.django_db

COOKIE = settings.LANGUAGE_COOKIE_NAME
ALTERNATE = r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)"'


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = "https://portal.example.be"


def in_language(language: str, viewname: str, **kwargs) -> str:
    with translation.override(language):
        return reverse(viewname, kwargs=kwargs or None)


class TestAddresses:
    def test_pages_live_under_each_language(self, client):
        for language in ("en", "nl", "fr"):
            response = client.get(in_language(language, "vacancies:list"))
            assert response.status_code == 200
            assert f'<html lang="{language}">' in response.content.decode()
            assert response["Content-Language"] == language

    def test_a_bare_path_follows_accept_language(self, client):
        response = client.get("/jobs/?q=antibody", HTTP_ACCEPT_LANGUAGE="nl-BE,nl;q=0.9,en;q=0.5")
        assert response.status_code == 302
        assert response["Location"] == "/nl/jobs/?q=antibody"
        assert client.get("/", HTTP_ACCEPT_LANGUAGE="fr")["Location"] == "/fr/"
        assert client.get("/", HTTP_ACCEPT_LANGUAGE="de")["Location"] == "/en/"

    def test_the_cookie_comes_before_accept_language(self, client):
        client.cookies[COOKIE] = "fr"
        response = client.get("/events/", HTTP_ACCEPT_LANGUAGE="nl")
        assert response["Location"] == "/fr/events/"

    def test_the_saved_choice_comes_before_the_cookie(self, client):
        client.force_login(UserFactory(preferred_language="nl"))
        client.cookies[COOKIE] = "fr"
        response = client.get("/dashboard/", HTTP_ACCEPT_LANGUAGE="fr")
        assert response["Location"] == "/nl/dashboard/"

    def test_links_already_given_out_still_work(self, client):
        vacancy = published_vacancy(title="Antibody engineer")
        event = EventFactory()
        # A page: GET redirects to it in the visitor's language.
        response = client.get(f"/jobs/{vacancy.slug}/", HTTP_ACCEPT_LANGUAGE="nl")
        assert response["Location"] == in_language("nl", "vacancies:detail", slug=vacancy.slug)
        assert client.get(response["Location"]).status_code == 200
        # Feeds and calendars answer where they always did, without a redirect.
        for path in ("/jobs/feed/", "/news/feed/", "/events/calendar.ics"):
            assert client.get(path).status_code == 200, path
        assert client.get(f"/events/{event.slug}/calendar.ics").status_code == 200
        # ...and in each language too.
        feed = client.get(in_language("fr", "vacancies:feed"))
        assert feed.status_code == 200 and "Antibody engineer" in feed.content.decode()

    def test_one_click_unsubscribe_from_an_email_sent_before_the_prefixes(self, client):
        alert = JobAlertFactory()
        path = f"/alerts/{alert.pk}/unsubscribe/{unsubscribe_token(alert)}/"
        assert client.get(path).status_code == 200
        response = client.post(path, {"List-Unsubscribe": "One-Click"})
        assert response.status_code == 200
        alert.refresh_from_db()
        assert not alert.is_active

    def test_what_programs_call_stays_unprefixed(self, client):
        assert client.get("/healthz").status_code in (200, 503)
        assert client.get("/api/v1/vacancies/").status_code == 200
        assert client.get("/api/schema/").status_code == 200
        assert client.get("/nl/api/v1/vacancies/").status_code == 404

    def test_the_admin_keeps_its_address(self, client):
        client.force_login(UserFactory(is_staff=True, is_superuser=True))
        assert client.get("/admin/").status_code == 200


class TestApiLanguage:
    def test_messages_follow_accept_language_not_the_cookie(self):
        api = APIClient()
        api.cookies[COOKIE] = "fr"
        body = {"title": "x"}
        answers = {}
        for language in ("en", "nl", "fr"):
            response = api.post("/api/v1/vacancies/", body, HTTP_ACCEPT_LANGUAGE=language)
            assert response.status_code in (401, 403)
            assert response["Content-Language"] == language
            answers[language] = response.json()["detail"]
            with translation.override(language):
                assert answers[language] == str(NotAuthenticated.default_detail)
        assert answers["nl"] != answers["en"] and answers["fr"] != answers["en"]


class TestAlternatesAndSitemap:
    def test_every_page_names_its_other_languages(self, client):
        vacancy = published_vacancy()
        for path in (
            in_language("nl", "home"),
            in_language("nl", "vacancies:detail", slug=vacancy.slug) + "?from=alert",
            in_language("fr", "account_login"),
        ):
            html = client.get(path).content.decode()
            links = dict(
                re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)"', html)
            )
            rest = path[3:]
            assert links == {
                "en": f"{settings.SITE_URL}/en{rest}",
                "nl": f"{settings.SITE_URL}/nl{rest}",
                "fr": f"{settings.SITE_URL}/fr{rest}",
                "x-default": f"{settings.SITE_URL}{rest}",
            }

    def test_the_sitemap_lists_the_public_pages_in_every_language(self, client):
        vacancy = published_vacancy()
        draft = VacancyFactory()
        event = EventFactory()
        hidden = EventFactory(status="draft")
        response = client.get("/sitemap.xml")
        assert response.status_code == 200
        xml = response.content.decode()
        locations = set(re.findall(r"<loc>([^<]+)</loc>", xml))
        for language in ("en", "nl", "fr"):
            for viewname, kwargs in (
                ("home", {}),
                ("vacancies:list", {}),
                ("vacancies:detail", {"slug": vacancy.slug}),
                ("events:list", {}),
                ("events:detail", {"slug": event.slug}),
                ("organizations:list", {}),
                ("content:news_list", {}),
                ("content:about", {}),
                ("content:privacy", {}),
                ("content:terms", {}),
            ):
                url = settings.SITE_URL + in_language(language, viewname, **kwargs)
                assert url in locations, url
        assert draft.slug not in xml and hidden.slug not in xml
        detail = in_language("fr", "vacancies:detail", slug=vacancy.slug)
        assert f'hreflang="fr" href="{settings.SITE_URL}{detail}"' in xml
        assert f'hreflang="x-default" href="{settings.SITE_URL}{detail[3:]}"' in xml

    def test_the_sitemap_reads_the_same_number_of_queries_for_more_rows(self, client):
        published_vacancy()
        EventFactory()
        client.get("/sitemap.xml")  # the site's row, read once and cached
        with CaptureQueriesContext(connection) as few:
            assert client.get("/sitemap.xml").status_code == 200
        for _ in range(6):
            published_vacancy()
            EventFactory()
        with CaptureQueriesContext(connection) as more:
            response = client.get("/sitemap.xml")
        assert response.content.decode().count("<url>") == 3 * (8 + 7 + 7)
        assert len(more.captured_queries) == len(few.captured_queries)


class TestPreferredLanguage:
    def test_chosen_on_the_settings_page(self, client):
        user = UserFactory()
        client.force_login(user)
        page = client.get(in_language("en", "account_settings")).content.decode()
        assert 'name="language"' in page
        response = client.post(in_language("en", "account_language"), {"language": "fr"})
        assert response.status_code == 302
        assert response["Location"] == in_language("fr", "account_settings")
        assert response.cookies[COOKIE].value == "fr"
        user.refresh_from_db()
        assert user.preferred_language == "fr"
        bad = client.post(in_language("fr", "account_language"), {"language": "de"})
        assert bad.status_code == 400
        user.refresh_from_db()
        assert user.preferred_language == "fr"

    def test_the_language_switcher_saves_it_for_signed_in_people(self, client):
        user = UserFactory()
        client.force_login(user)
        jobs = in_language("en", "vacancies:list")
        response = client.post(reverse("set_language"), {"language": "nl", "next": jobs + "?q=cel"})
        assert response["Location"] == in_language("nl", "vacancies:list") + "?q=cel"
        user.refresh_from_db()
        assert user.preferred_language == "nl"
        # Anonymous visitors get the cookie only, whatever language it said before.
        anonymous = Client()
        anonymous.cookies[COOKIE] = "nl"
        response = anonymous.post(reverse("set_language"), {"language": "fr", "next": jobs})
        assert response["Location"] == in_language("fr", "vacancies:list")
        assert response.cookies[COOKIE].value == "fr"

    def test_in_the_api(self):
        user = UserFactory(preferred_language="nl")
        api = APIClient()
        api.force_authenticate(user)
        assert api.get("/api/v1/me/").json()["preferred_language"] == "nl"
        response = api.patch("/api/v1/me/", {"preferred_language": "fr"}, format="json")
        assert response.status_code == 200 and response.json()["preferred_language"] == "fr"
        response = api.patch(
            "/api/v1/me/", {"preferred_language": "de", "first_name": "Zoë"}, format="json"
        )
        assert response.status_code == 400 and "preferred_language" in response.json()
        user.refresh_from_db()
        assert user.preferred_language == "fr" and user.first_name != "Zoë"
        schema = Client().get("/api/schema/?format=json").json()
        me = schema["components"]["schemas"]["Me"]["properties"]
        assert "preferred_language" in me

    def test_set_at_sign_up_from_the_language_used(self, client):
        response = client.post(
            in_language("fr", "account_signup"),
            {
                "first_name": "Camille",
                "email": "camille@example.org",
                "password1": "a-long-portal-passphrase",
                "password2": "a-long-portal-passphrase",
            },
        )
        assert response.status_code == 302
        assert User.objects.get(email="camille@example.org").preferred_language == "fr"

    def test_signing_in_switches_to_it(self, client):
        user = UserFactory(preferred_language="nl")
        response = client.post(
            in_language("en", "account_login"),
            {"login": user.email, "password": DEFAULT_PASSWORD},
        )
        assert response.status_code == 302
        assert response["Location"] == in_language("nl", "dashboard")
        assert response.cookies[COOKIE].value == "nl"
        # A `next` page opens in the saved language too.
        client.logout()
        jobs = in_language("en", "vacancies:list")
        response = client.post(
            in_language("en", "account_login") + f"?next={jobs}",
            {"login": user.email, "password": DEFAULT_PASSWORD, "next": jobs},
        )
        assert response["Location"] == in_language("nl", "vacancies:list")


class TestNoticesInTheRecipientsLanguage:
    def test_a_french_applicant_hears_in_french_from_a_dutch_recruiter(
        self, client, django_capture_on_commit_callbacks
    ):
        organization = OrganizationFactory(verified=True)
        recruiter = MembershipFactory(organization=organization, role="owner").user
        recruiter.preferred_language = "nl"
        recruiter.save()
        applicant = UserFactory(preferred_language="fr")
        vacancy = published_vacancy(organization=organization, title="Bio-informaticien")
        application = ApplicationFactory(vacancy=vacancy, applicant=applicant)
        client.force_login(recruiter)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                in_language("nl", "vacancies:application_status", application_id=application.pk),
                {"status": ApplicationStatus.SHORTLISTED},
                HTTP_ACCEPT_LANGUAGE="nl",
            )
        assert response.status_code == 302
        notice = Notification.objects.get(kind=VacancyNotice.APPLICATION_STATUS)
        with translation.override("fr"):
            status = str(ApplicationStatus.SHORTLISTED.label)
            subject = translation.gettext("Your application to %(title)s: %(status)s") % {
                "title": vacancy.title,
                "status": status,
            }
        assert notice.subject == subject
        assert notice.url == in_language("fr", "vacancies:my_applications")
        email = mail.outbox[-1]
        assert email.to == [applicant.email]
        assert email.subject.endswith(subject)
        french_link = f"{settings.SITE_URL}{in_language('fr', 'vacancies:my_applications')}"
        assert french_link in email.body
        html = email.alternatives[0][0]
        assert f'href="{french_link}"' in html and '<html lang="fr"' in html
        assert status in email.body and status in notice.message
        # French, not the English source, nor the recruiter's Dutch.
        assert subject.startswith(f"Votre candidature à {vacancy.title}")
        assert subject.endswith("Présélectionné")
        assert f"Bonjour {applicant.display_name}," in email.body

    def test_a_dutch_recruiter_hears_in_dutch_from_a_french_applicant(
        self, client, django_capture_on_commit_callbacks
    ):
        organization = OrganizationFactory(verified=True)
        MembershipFactory(organization=organization, role="owner", user__preferred_language="nl")
        applicant = UserFactory(preferred_language="fr")
        vacancy = published_vacancy(organization=organization, title="Labo-assistent")
        with django_capture_on_commit_callbacks(execute=True):
            from apps.vacancies import services

            with translation.override("fr"):
                services.application_create(
                    applicant=applicant, vacancy=vacancy, cv=cv_for(applicant)
                )
        notice = Notification.objects.get(kind=VacancyNotice.APPLICATION_RECEIVED)
        with translation.override("nl"):
            assert notice.subject == translation.gettext("New application: %(title)s") % {
                "title": vacancy.title
            }
        assert notice.url == in_language("nl", "vacancies:applications", slug=vacancy.slug)

    def test_job_alert_digests_follow_the_recipient(self, django_capture_on_commit_callbacks):
        from apps.vacancies import alerts

        alert = JobAlertFactory(user__preferred_language="nl", filters={}, frequency="instant")
        vacancy = published_vacancy(title="Onderzoeker")
        with django_capture_on_commit_callbacks(execute=True):
            alerts.job_alerts_match(vacancy_ids=[vacancy.pk])
            alerts.job_alerts_deliver_instant(vacancy_ids=[vacancy.pk])
        notice = Notification.objects.get(kind=VacancyNotice.JOB_ALERT)
        assert notice.url == in_language("nl", "alerts:list")
        detail = settings.SITE_URL + in_language("nl", "vacancies:detail", slug=vacancy.slug)
        assert detail in notice.body
        unsubscribe = in_language(
            "nl", "alerts:unsubscribe", alert_id=alert.pk, token=unsubscribe_token(alert)
        )
        assert settings.SITE_URL + unsubscribe in notice.body

    def test_event_reminders_follow_the_recipient(self, django_capture_on_commit_callbacks):
        from apps.events import services as event_services
        from apps.events.models import EventNotice
        from apps.events.tests.factories import RegistrationFactory

        event = EventFactory(starts_at=timezone.now() + timedelta(hours=20))
        RegistrationFactory(event=event, user__preferred_language="fr")
        with django_capture_on_commit_callbacks(execute=True):
            event_services.events_send_reminders()
        notice = Notification.objects.get(kind=EventNotice.EVENT_REMINDER)
        assert notice.url == in_language("fr", "events:detail", slug=event.slug)
        with translation.override("fr"):
            assert notice.subject == translation.gettext("Tomorrow: %(event)s") % {
                "event": event.title
            }

    def test_an_invitation_without_an_account_uses_the_inviters_language(self):
        organization = OrganizationFactory(verified=True)
        owner = MembershipFactory(organization=organization, role="owner").user
        from apps.organizations import services as organization_services

        with translation.override("nl"):
            organization_services.invitation_create(
                actor=owner, organization=organization, email="nieuw@example.org"
            )
        notice = Notification.objects.get(email="nieuw@example.org")
        assert notice.url.startswith("/nl/")
        assert f"{settings.SITE_URL}/nl/accounts/signup/" in notice.body


class TestDatesAndNumbers:
    @pytest.mark.parametrize(
        ("language", "day"),
        [("en", "15 May 2030"), ("nl", "15 mei 2030"), ("fr", "15 mai 2030")],
    )
    def test_an_event_date_in_each_language_in_brussels_time(self, client, language, day):
        # 12:30 UTC is 14:30 in Brussels in May (summer time).
        starts = datetime(2030, 5, 15, 12, 30, tzinfo=UTC)
        event = EventFactory(starts_at=starts, ends_at=starts + timedelta(hours=2))
        html = client.get(in_language(language, "events:detail", slug=event.slug)).content.decode()
        assert day in html
        assert "14:30" in html and "12:30" not in html

    def test_numbers_follow_the_locale(self):
        from django.utils.formats import number_format

        with translation.override("nl"):
            assert number_format(1234.5, 1, force_grouping=True) == "1.234,5"
        with translation.override("fr"):
            assert number_format(1234.5, 1, force_grouping=True) == "1\xa0234,5"
        with translation.override("en"):
            assert number_format(1234.5, 1, force_grouping=True) == "1,234.5"
