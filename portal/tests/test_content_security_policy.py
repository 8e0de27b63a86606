"""Every HTML page carries the Content-Security-Policy, and no template holds inline script.

The browser test (tests/e2e/test_content_security_policy.py) shows the pages work under
the policy; these tests show every page gets it and that nothing inline creeps back in.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from rest_framework.test import APIClient

from apps.accounts.tests.factories import UserFactory
from apps.events.tests.factories import EventFactory
from apps.organizations.tests.factories import MembershipFactory
from apps.vacancies.tests.factories import VacancyFactory

POLICY = "Content-Security-Policy"
INLINE_SCRIPT = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>", re.I
)
EVENT_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)


def directives(header: str) -> dict[str, list[str]]:
    parsed = {}
    for part in header.split(";"):
        name, *sources = part.split()
        parsed[name] = sources
    return parsed


def test_the_policy_allows_only_the_portals_own_files():
    policy = settings.CONTENT_SECURITY_POLICY
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]


@pytest.mark.django_db
def test_every_html_page_carries_it(client):
    owner = MembershipFactory(role="owner", organization__verified=True)
    vacancy = VacancyFactory(published=True, organization=owner.organization)
    event = EventFactory(organizer=owner.organization)
    anonymous = [
        reverse("home"),
        reverse("organizations:list"),
        reverse("organizations:detail", kwargs={"slug": owner.organization.slug}),
        reverse("vacancies:list"),
        reverse("vacancies:detail", kwargs={"slug": vacancy.slug}),
        reverse("events:list"),
        reverse("events:detail", kwargs={"slug": event.slug}),
        reverse("account_login"),
        reverse("account_signup"),
        "/api/docs/",
        "/no-such-page/",  # the 404 page
    ]
    signed_in = [
        reverse("dashboard"),
        reverse("staff:console"),
        "/admin/",
        "/admin/organizations/organization/",
    ]
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    seen = 0
    for path in anonymous + signed_in:
        response = client.get(path)
        assert response["Content-Type"].startswith("text/html"), path
        assert directives(response[POLICY])["script-src"] == ["'self'"], path
        html = response.content.decode()
        assert not INLINE_SCRIPT.search(html), path
        assert not EVENT_HANDLER.search(html), path
        seen += 1
    assert seen == len(anonymous) + len(signed_in)


@pytest.mark.django_db
def test_the_browsable_api_may_only_set_style_attributes():
    client = APIClient()
    response = client.get("/api/v1/organizations/", HTTP_ACCEPT="text/html")
    policy = directives(response[POLICY])
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["style-src-attr"] == ["'unsafe-inline'"]
    assert "<style>" not in response.content.decode()


@pytest.mark.django_db
def test_json_answers_need_no_policy():
    response = APIClient().get("/api/v1/organizations/")
    assert response["Content-Type"] == "application/json"
    assert POLICY not in response


def test_no_template_holds_inline_script():
    roots = [
        settings.BASE_DIR / "templates",
        *sorted((settings.BASE_DIR / "apps").glob("*/templates")),
    ]
    templates = [
        path
        for root in roots
        for path in Path(root).rglob("*.html")
        if "/email/" not in str(path)  # emails are not pages
    ]
    assert len(templates) > 40
    offenders = [
        str(path.relative_to(settings.BASE_DIR))
        for path in templates
        if INLINE_SCRIPT.search(path.read_text())
        or EVENT_HANDLER.search(path.read_text())
        or "javascript:" in path.read_text()
    ]
    assert offenders == []
