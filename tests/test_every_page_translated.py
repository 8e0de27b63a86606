"""Every page of every role, in Dutch and in French, shows no English interface string.

The pages come from the URL resolver, so a new page is checked as soon as it exists: the
test fails for a URL it cannot open until `KWARGS` says which object it shows, or
`NOT_PAGES` says why it is not a page. Each page is opened by every role (a visitor, a job
seeker, a recruiter and an owner of a verified organization, staff) in English; where a
role gets an HTML page, the same page in Dutch and in French must not show any text of the
English render again, with these exceptions:
- user content: any text held in the database (names, titles, descriptions, the about
  page…) and the site's name, since translating the interface leaves it as written;
- numbers, email addresses and web addresses;
- the few words that are the same in the other language (`SAME_WORDS`);
- what is marked as being in another language (`lang` attribute) or as code (`<code>`,
  `<pre>`), and what people type (`<textarea>`).
The world is the demo cluster (`seed --demo`) with what it lacks added, built once for the
module inside a transaction that is rolled back at the end.
"""

import re
from collections.abc import Callable
from html.parser import HTMLParser
from io import StringIO
from types import SimpleNamespace
from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import models, transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation

LANGUAGES = ["nl", "fr"]
ROLES = ["visitor", "seeker", "recruiter", "owner", "staff"]

# Words the Dutch or French interface rightly writes as in English. Keep it short: each is
# either spelled the same in that language, or the loanword its job ads and events use.
SAME_WORDS = {
    "nl": {
        # the glossary keeps these
        *("dashboard", "inbox", "recruiter", "recruiters"),
        # spelled the same in Dutch
        *("account", "contract", "discipline", "disciplines", "filters", "hindi", "logo", "menu"),
        *("open", "partner", "privacy", "sector", "status", "type", "bytes"),
        # loanwords of Flemish job ads, events and the web
        *("bachelor", "master", "junior", "medior", "senior", "postdoc", "freelance"),
        *("check", "in", "website", "webhook", "webhooks"),
    },
    "fr": {
        # spelled the same in French
        *("actions", "description", "discipline", "disciplines", "hindi", "invitation"),
        *("invitations", "logo", "menu", "message", "note", "pages", "places", "total", "type"),
        # loanwords of Belgian job ads, events and the web
        *("junior", "senior", "master", "postdoc", "networking", "webhook", "webhooks"),
    },
}

# URLs that are no page, and why. Anything else that no role can open fails the test.
NOT_PAGES = {
    "set_language": "changes the language and redirects back",
    "notifications:open": "marks a notice read and redirects to what it is about",
    "account_confirm_login_code": "only while signing in by a code sent by email",
    "account_set_password": "only for an account without a password, which sign-up never makes",
}


def _walk(patterns: list, prefix: str = "", namespace: str | None = None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern, namespace


def portal_urls() -> list[tuple[str, str]]:
    """(name, route) of every URL the portal serves, but the admin's, the API's and files."""
    found = {}
    for route, pattern, namespace in _walk(get_resolver().url_patterns):
        if route.startswith(("admin/", "api/", "^media/")):
            continue  # Django's admin, the JSON API (its messages are tested there), files
        assert pattern.name, f"{route} has no name: give it one so this test can open it"
        name = f"{namespace}:{pattern.name}" if namespace else pattern.name
        found.setdefault(name, route)
    return sorted(found.items())


# How to open each URL that takes arguments: the object of the world it shows.
KWARGS: dict[str, Callable[[Any], dict]] = {
    "apikeys:list": lambda w: {"slug": w.company.slug},
    "apikeys:revoke": lambda w: {"slug": w.company.slug, "key_id": w.api_key.pk},
    "organizations:invitation": lambda w: {"invitation_id": w.org_invitation.pk},
    "organizations:detail": lambda w: {"slug": w.company.slug},
    "organizations:edit": lambda w: {"slug": w.company.slug},
    "organizations:members": lambda w: {"slug": w.company.slug},
    "organizations:member_update": lambda w: {
        "slug": w.company.slug,
        "membership_id": w.recruiter_membership.pk,
    },
    "organizations:invitation_withdraw": lambda w: {
        "slug": w.company.slug,
        "invitation_id": w.org_invitation.pk,
    },
    "organizations:join": lambda w: {"slug": w.other_company.slug},
    "organizations:membership_request_approve": lambda w: {
        "slug": w.company.slug,
        "request_id": w.membership_request.pk,
    },
    "organizations:membership_request_decline": lambda w: {
        "slug": w.company.slug,
        "request_id": w.membership_request.pk,
    },
    "organizations:verification": lambda w: {"slug": w.unverified.slug},
    "organizations:verification_approve": lambda w: {"slug": w.unverified.slug},
    "organizations:verification_decline": lambda w: {"slug": w.unverified.slug},
    "webhooks:list": lambda w: {"slug": w.company.slug},
    "webhooks:detail": lambda w: {"slug": w.company.slug, "endpoint_id": w.endpoint.pk},
    "webhooks:ping": lambda w: {"slug": w.company.slug, "endpoint_id": w.endpoint.pk},
    "webhooks:toggle": lambda w: {"slug": w.company.slug, "endpoint_id": w.endpoint.pk},
    "webhooks:delete": lambda w: {"slug": w.company.slug, "endpoint_id": w.endpoint.pk},
    "webhooks:redeliver": lambda w: {
        "slug": w.company.slug,
        "endpoint_id": w.endpoint.pk,
        "delivery_id": w.delivery.pk,
    },
    "webhooks:portal_detail": lambda w: {"endpoint_id": w.portal_endpoint.pk},
    "webhooks:portal_ping": lambda w: {"endpoint_id": w.portal_endpoint.pk},
    "webhooks:portal_toggle": lambda w: {"endpoint_id": w.portal_endpoint.pk},
    "webhooks:portal_delete": lambda w: {"endpoint_id": w.portal_endpoint.pk},
    "webhooks:portal_redeliver": lambda w: {
        "endpoint_id": w.portal_endpoint.pk,
        "delivery_id": w.portal_delivery.pk,
    },
    "talent:my_cv_update": lambda w: {"cv_id": w.cv.pk},
    "talent:cv_download": lambda w: {"cv_id": w.cv.pk},
    "talent:profile_detail": lambda w: {"profile_id": w.profile.pk},
    "vacancies:application_status": lambda w: {"application_id": w.application.pk},
    "vacancies:application_withdraw": lambda w: {"application_id": w.application.pk},
    "vacancies:talent_pool_join": lambda w: {"application_id": w.application.pk},
    "vacancies:talent_pool": lambda w: {"slug": w.company.slug},
    "vacancies:detail": lambda w: {"slug": w.vacancy.slug},
    "vacancies:edit": lambda w: {"slug": w.pending_vacancy.slug},
    "vacancies:apply": lambda w: {"slug": w.open_vacancy.slug},
    "vacancies:applications": lambda w: {"slug": w.vacancy.slug},
    "vacancies:submit": lambda w: {"slug": w.pending_vacancy.slug},
    "vacancies:approve": lambda w: {"slug": w.pending_vacancy.slug},
    "vacancies:reject": lambda w: {"slug": w.pending_vacancy.slug},
    "vacancies:close": lambda w: {"slug": w.vacancy.slug},
    "vacancies:extend": lambda w: {"slug": w.vacancy.slug},
    "vacancies:delete": lambda w: {"slug": w.pending_vacancy.slug},
    "events:detail": lambda w: {"slug": w.event.slug},
    "events:event_calendar": lambda w: {"slug": w.event.slug},
    "events:edit": lambda w: {"slug": w.event.slug},
    "events:register": lambda w: {"slug": w.event.slug},
    "events:unregister": lambda w: {"slug": w.event.slug},
    "events:visibility": lambda w: {"slug": w.event.slug},
    "events:registrations": lambda w: {"slug": w.event.slug},
    "events:check_in": lambda w: {"slug": w.event.slug},
    "events:check_in_person": lambda w: {
        "slug": w.event.slug,
        "registration_id": w.registration.pk,
    },
    "events:publish": lambda w: {"slug": w.event.slug},
    "events:cancel": lambda w: {"slug": w.event.slug},
    "events:approve": lambda w: {"slug": w.event.slug},
    "events:reject": lambda w: {"slug": w.event.slug},
    "events:participation": lambda w: {
        "slug": w.event.slug,
        "organization": w.company.slug,
        "decision": "accept",
    },
    "stats:organization": lambda w: {"slug": w.company.slug},
    "notifications:open": lambda w: {"notification_id": w.notification.pk},
    "alerts:update": lambda w: {"alert_id": w.alert.pk},
    "alerts:unsubscribe": lambda w: {"alert_id": w.alert.pk, "token": w.alert_token},
    "content:news_detail": lambda w: {"slug": w.news.slug},
    "content:page": lambda w: {"slug": "about"},
    "jobfair:cancel": lambda w: {"meeting_id": w.meeting.pk},
    "jobfair:book": lambda w: {"slot_id": w.free_slot.pk},
    "jobfair:close_slot": lambda w: {"slot_id": w.free_slot.pk},
    "jobfair:schedule": lambda w: {"slug": w.event.slug, "organization_slug": w.company.slug},
    "jobfair:attendees": lambda w: {"slug": w.event.slug},
    "invitations:invite": lambda w: {"profile_id": w.pool_profile.pk},
    "invitations:accept": lambda w: {"invitation_id": w.invitation_to_apply.pk},
    "invitations:decline": lambda w: {"invitation_id": w.invitation_to_apply.pk},
    "staff:report_resolve": lambda w: {"report_id": w.report.pk},
    "staff:report_create": lambda w: {"target_type": "vacancy", "target_key": w.vacancy.slug},
    "privacy:consent_withdraw": lambda w: {"consent_id": w.consent.pk},
    "account_confirm_email": lambda w: {"key": w.email_key},
    "account_reset_password_from_key": lambda w: {"uidb36": w.reset_uid, "key": w.reset_key},
}


def _build_world() -> SimpleNamespace:
    """The demo cluster, and what it lacks for some pages."""
    from allauth.account.forms import default_token_generator
    from allauth.account.models import EmailAddress, EmailConfirmationHMAC
    from allauth.account.utils import user_pk_to_url_str

    from apps.accounts.models import User
    from apps.accounts.tests.factories import UserFactory
    from apps.apikeys.tests.factories import api_key_for
    from apps.content.models import NewsItem
    from apps.events.models import Registration
    from apps.invitations.services import invitation_send
    from apps.jobfair.models import Meeting, MeetingSlot
    from apps.notifications.models import Notification
    from apps.organizations.models import Membership, MembershipRequest, Organization
    from apps.organizations.services import invitation_create
    from apps.privacy.models import Consent
    from apps.staff.services import report_create
    from apps.vacancies.alerts import unsubscribe_token
    from apps.vacancies.models import Application, JobAlert, Vacancy
    from apps.webhooks.services import webhook_endpoint_create, webhook_ping

    call_command("seed", "--demo", stdout=StringIO(), stderr=StringIO())
    owner = User.objects.get(email="recruiter@example.org")
    seeker = User.objects.get(email="seeker@example.org")
    staff = User.objects.get(email="admin@example.org")
    company = Organization.objects.get(slug="leie-biologics")
    recruiter = UserFactory(first_name="Rita", last_name="Recruiter")
    recruiter_membership = Membership.objects.create(
        user=recruiter, organization=company, role="recruiter"
    )
    vacancies = Vacancy.objects.filter(organization=company)
    vacancy = vacancies.filter(status="published", applications__isnull=False).distinct()[0]
    applied_to = Application.objects.filter(applicant=seeker).values("vacancy")
    open_vacancy = (
        Vacancy.objects.filter(status="published", apply_url="")
        .exclude(pk__in=applied_to)
        .order_by("pk")[0]
    )
    endpoint, _secret = webhook_endpoint_create(
        actor=owner,
        organization=company,
        url="https://hooks.example.com/leie",
        events=["vacancy.published"],
    )
    portal_endpoint, _secret = webhook_endpoint_create(
        actor=staff,
        organization=None,
        url="https://hooks.example.com/all",
        events=["vacancy.published"],
    )
    seeker_profile = seeker.talent_profile
    meeting = Meeting.objects.filter(attendee=seeker).select_related("slot__event").first()
    event = meeting.slot.event
    invitable = (
        Vacancy.objects.filter(organization=company, status="published")
        .exclude(pk__in=applied_to)
        .order_by("pk")[0]
    )
    alert = JobAlert.objects.filter(user=seeker).first()
    confirmation = EmailConfirmationHMAC(
        EmailAddress.objects.get_or_create(
            user=UserFactory(), email="new.person@example.org", defaults={"verified": False}
        )[0]
    )
    return SimpleNamespace(
        users={"seeker": seeker, "recruiter": recruiter, "owner": owner, "staff": staff},
        company=company,
        other_company=Organization.objects.filter(verified=True, memberships__isnull=True)
        .order_by("name")
        .first(),
        unverified=Organization.objects.filter(memberships__user=owner, verified=False).first(),
        recruiter_membership=recruiter_membership,
        org_invitation=invitation_create(
            actor=owner, organization=company, email=seeker.email, role="recruiter"
        ),
        membership_request=MembershipRequest.objects.filter(
            organization=company, status="pending"
        ).first(),
        api_key=api_key_for(company, name="Applicant tracking system")[0],
        endpoint=endpoint,
        delivery=webhook_ping(actor=owner, endpoint=endpoint),
        portal_endpoint=portal_endpoint,
        portal_delivery=webhook_ping(actor=staff, endpoint=portal_endpoint),
        cv=seeker_profile.cvs.get(is_primary=True),
        profile=seeker_profile,
        pool_profile=User.objects.get(email="student@example.org").talent_profile,
        application=Application.objects.filter(applicant=seeker, vacancy__organization=company)
        .order_by("created_at")
        .first()
        or Application.objects.filter(applicant=seeker).first(),
        vacancy=vacancy,
        pending_vacancy=vacancies.filter(status="pending_review").first(),
        open_vacancy=open_vacancy,
        event=event,
        registration=Registration.objects.filter(event=event, user=seeker).first(),
        meeting=meeting,
        free_slot=MeetingSlot.objects.filter(event=event, meetings__isnull=True).first(),
        notification=Notification.objects.filter(recipient=seeker).first(),
        alert=alert,
        alert_token=unsubscribe_token(alert),
        news=NewsItem.objects.order_by("-published_at").first(),
        invitation_to_apply=invitation_send(
            actor=owner,
            profile=seeker_profile,
            vacancy=invitable,
            message="We think you would fit this role.",
        ),
        report=report_create(
            reporter=seeker,
            target_type="vacancy",
            target_key=vacancy.slug,
            reason="spam",
            message="This looks like an advertisement.",
        ),
        consent=Consent.objects.filter(user=seeker).first(),
        email_key=confirmation.key,
        reset_uid=user_pk_to_url_str(seeker),
        reset_key=default_token_generator.make_token(seeker),
    )


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once for the module; every test runs in a savepoint inside this transaction."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            built = _build_world()
            built.content = user_content()
            yield built
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


# --- what a page says -------------------------------------------------------------------

SKIPPED_ELEMENTS = {"script", "style", "code", "pre", "textarea"}
VOID_ELEMENTS = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}
TEXT_ATTRIBUTES = ("placeholder", "title", "aria-label", "alt")


class _Texts(HTMLParser):
    """The texts a person reads or hears: text nodes and the attributes that are read out."""

    def __init__(self, page_language: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page_language = page_language
        self.texts: list[str] = []
        self.open: list[tuple[str, bool]] = []  # (tag, whether its text is left out)

    def _left_out(self) -> bool:
        return any(skipped for _tag, skipped in self.open)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        other_language = bool(attributes.get("lang")) and not attributes["lang"].startswith(
            self.page_language
        )
        if tag == "html":
            other_language = False
        skipped = tag in SKIPPED_ELEMENTS or other_language
        if not (self._left_out() or skipped):
            for name in TEXT_ATTRIBUTES:
                if attributes.get(name):
                    self.texts.append(attributes[name])
            if tag == "input" and attributes.get("type") in ("submit", "button", "reset"):
                self.texts.append(attributes.get("value", ""))
        if tag not in VOID_ELEMENTS:
            self.open.append((tag, skipped))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID_ELEMENTS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index][0] == tag:
                del self.open[index:]
                return

    def handle_data(self, data: str) -> None:
        if not self._left_out():
            self.texts.append(data)


def texts_of(html: str, language: str) -> set[str]:
    parser = _Texts(language)
    parser.feed(html)
    parser.close()
    return {text for text in (" ".join(raw.split()) for raw in parser.texts) if text}


MONTHS = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
NOT_WORDS = re.compile(
    # Email and web addresses; abbreviations (CV, PDF, a monogram such as "LB"), the same in
    # every language; short month names, which Django's own complete catalogues translate
    # (and "Nov" is also Dutch); numbers; punctuation.
    rf"\S+@\S+|https?://\S+|\b[A-Z]{{2,5}}s?\b|\b(?:{MONTHS})\b\.?|\d[\d.,:/-]*|[^\w\s]"
)


def _strings_in(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _strings_in(item)]
    if isinstance(value, list | tuple):
        return [text for item in value for text in _strings_in(item)]
    return []


def user_content() -> list[str]:
    """Every text the database holds (and the site's name), longest first."""
    values: set[str] = {settings.SITE_NAME}
    for model in apps.get_models():
        fields = [
            field.attname
            for field in model._meta.concrete_fields
            if isinstance(field, models.CharField | models.TextField | models.JSONField)
            and not field.choices
            or type(field).__name__ == "ArrayField"
        ]
        if not fields:
            continue
        for row in model._default_manager.values_list(*fields):
            for value in (text for column in row for text in _strings_in(column)):
                if not value.strip():
                    continue
                values.add(" ".join(value.split()))
                values.update(" ".join(line.split()) for line in value.splitlines())
                if "<" in value:
                    values.update(texts_of(value, "en"))
    return sorted((value for value in values if len(value) >= 2), key=len, reverse=True)


def interface_words(text: str, content: list[str]) -> list[str]:
    """The words of a text that the interface wrote: no user content, number or address."""
    if text.endswith("…") and any(text[:-1].rstrip() in value for value in content):
        return []  # user content, shortened
    for value in content:
        if len(value) <= len(text) and value in text:
            # Whole words only: a language code such as "en" is no part of "Senior".
            text = re.sub(rf"(?<!\w){re.escape(value)}(?!\w)", " ", text)
    return re.findall(r"[^\W\d_]{2,}", NOT_WORDS.sub(" ", text))


# --- opening pages ----------------------------------------------------------------------


def client_for(world, role: str) -> Client:
    client = Client(raise_request_exception=False)
    if role != "visitor":
        client.force_login(world.users[role])
    return client


def open_page(client: Client, name: str, kwargs: dict, language: str):
    """The page in a language: its URL as reversed in that language, the language cookie
    and Accept-Language, so it works with and without language prefixes in the URLs."""
    with translation.override(language):
        url = reverse(name, kwargs=kwargs)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client.get(url, HTTP_ACCEPT_LANGUAGE=language)


def is_page(response) -> bool:
    return response.status_code == 200 and response.get("Content-Type", "").startswith("text/html")


_english: dict[tuple[str, str], Any] = {}


def english(world, role: str, name: str, kwargs: dict):
    """The English render of a page for a role, opened once for both languages."""
    key = (role, name)
    if key not in _english:
        response = open_page(client_for(world, role), name, kwargs, "en")
        strings = None
        if is_page(response):
            strings = {
                text
                for text in texts_of(response.content.decode(), "en")
                if interface_words(text, world.content)
            }
        _english[key] = (response, strings)
    return _english[key]


def leftovers(world, language: str, english_strings: set[str], html: str) -> list[str]:
    """The English interface strings still on the translated page."""
    found = []
    for text in sorted(english_strings & texts_of(html, language)):
        words = interface_words(text, world.content)
        if all(word.lower() in SAME_WORDS[language] for word in words):
            continue
        found.append(text)
    return found


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("name", "route"), portal_urls(), ids=[n for n, _ in portal_urls()])
def test_page_shows_no_english_interface_string(world, db, name, route, language):
    kwargs = KWARGS[name](world) if name in KWARGS else {}
    if not kwargs and re.search(r"<|\(\?P<", route):
        pytest.fail(f"{name} ({route}) takes arguments: add how to open it to KWARGS")
    if name in NOT_PAGES:
        pytest.skip(NOT_PAGES[name])

    opened, problems, statuses = [], [], {}
    for role in ROLES:
        response, strings = english(world, role, name, kwargs)
        statuses[role] = response.status_code
        if strings is None:
            continue
        translated = open_page(client_for(world, role), name, kwargs, language)
        assert is_page(translated), (role, translated.status_code)
        opened.append(role)
        assert strings, f"{name} shows {role} no text at all"
        for text in leftovers(world, language, strings, translated.content.decode()):
            problems.append(f"{role}: {text!r}")

    if not opened:
        # Not a page: an action that takes POST only (405 to everyone), or a file such as a
        # CSV, a calendar, a feed or a CV (not HTML).
        files = [r for r in ROLES if statuses[r] == 200]
        assert files or set(statuses.values()) == {405}, (
            f"no role can open {name}: {statuses}; give it an object in KWARGS, "
            "or say in NOT_PAGES why it is no page"
        )
    assert not problems, f"English on {name} in {language}:\n" + "\n".join(problems)


@pytest.mark.parametrize("language", LANGUAGES)
def test_error_pages_show_no_english_interface_string(world, db, language):
    from apps.core.views import error_500

    pages = []
    for lang in ("en", language):
        client = client_for(world, "seeker")
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
        with translation.override(lang):
            not_found = client.get(
                reverse("vacancies:detail", kwargs={"slug": "no-such-vacancy"}),
                HTTP_ACCEPT_LANGUAGE=lang,
            )
            forbidden = client.get(reverse("vacancies:create"), HTTP_ACCEPT_LANGUAGE=lang)
            request = client.get("/", HTTP_ACCEPT_LANGUAGE=lang).wsgi_request
            server_error = error_500(request)
        assert (not_found.status_code, forbidden.status_code) == (404, 403)
        pages.append([not_found, forbidden, server_error])
    for english_page, translated in zip(*pages, strict=True):
        strings = {
            text
            for text in texts_of(english_page.content.decode(), "en")
            if interface_words(text, world.content)
        }
        assert strings
        problems = leftovers(world, language, strings, translated.content.decode())
        assert not problems, problems
