"""The scope × endpoint matrix of organization API keys.

Every endpoint a key may call, with the one scope it needs: a key with that scope alone gets
through, a key with every other scope gets a 403 and changes nothing. Every other endpoint
refuses keys whatever their scopes. A key acts for its own organization only (another's is a
404) and never as the person who made it.
"""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from apps.apikeys.models import Scope
from apps.apikeys.tests.factories import api_key_for, key_header
from apps.events.models import EventStatus
from apps.events.tests.factories import EventFactory, RegistrationFactory
from apps.organizations.tests.factories import MembershipFactory, OrganizationFactory
from apps.talent.tests.factories import CVFactory
from apps.vacancies.models import Application, Vacancy
from apps.vacancies.tests.factories import ApplicationFactory, VacancyFactory, published_vacancy
from apps.webhooks.tests.factories import WebhookEndpointFactory

pytestmark = pytest.mark.django_db

ANY = "any key"


@pytest.fixture
def world(monkeypatch):
    """Two verified organizations, each with vacancies, an application, events, a webhook."""
    import socket

    monkeypatch.setattr(
        socket,
        "getaddrinfo",
        lambda host, port, *a, **k: [(socket.AF_INET, 1, 6, "", ("93.184.215.14", port))],
    )
    data = {}
    for name in ("ours", "theirs"):
        organization = OrganizationFactory(verified=True, slug=f"{name}-org")
        owner = MembershipFactory(organization=organization, role="owner").user
        live = published_vacancy(organization=organization, slug=f"{name}-live")
        draft = VacancyFactory(organization=organization, slug=f"{name}-draft")
        application = ApplicationFactory(vacancy=live)
        event = EventFactory(organizer=organization, slug=f"{name}-event")
        draft_event = EventFactory(
            organizer=organization, slug=f"{name}-draft-event", status=EventStatus.DRAFT
        )
        registration = RegistrationFactory(event=event)
        endpoint = WebhookEndpointFactory(organization=organization)
        data[name] = {
            "org": organization.slug,
            "owner": owner,
            "live": live.slug,
            "draft": draft.slug,
            "app": application.pk,
            "event": event.slug,
            "draft_event": draft_event.slug,
            "reg": registration.pk,
            "hook": endpoint.pk,
        }
    return data


def new_vacancy(org: str) -> dict:
    return {
        "organization": org,
        "title": "Lab technician",
        "description": "<p>Cell culture.</p>",
        "city": "Ghent",
        "workplace": "onsite",
        "contract": "permanent",
        "experience": "junior",
        "discipline": "molecular_biology",
        "draft": True,
    }


def new_event(org: str) -> dict:
    starts = timezone.now() + timedelta(days=40)
    return {
        "organizer": org,
        "title": "Open lab day",
        "kind": "networking",
        "starts_at": starts.isoformat(),
        "ends_at": (starts + timedelta(hours=3)).isoformat(),
        "venue": "Technologiepark",
        "city": "Ghent",
    }


# (method, path, body, scope it needs, status with that scope)
ALLOWED = [
    ("get", "vacancies/", None, Scope.VACANCIES_READ, 200),
    ("get", "vacancies/{live}/", None, Scope.VACANCIES_READ, 200),
    ("get", "vacancies/{draft}/", None, Scope.VACANCIES_READ, 200),
    ("post", "vacancies/", "new_vacancy", Scope.VACANCIES_WRITE, 201),
    ("patch", "vacancies/{draft}/", {"title": "Senior lab technician"}, Scope.VACANCIES_WRITE, 200),
    ("delete", "vacancies/{draft}/", None, Scope.VACANCIES_WRITE, 204),
    ("post", "vacancies/{draft}/submit/", None, Scope.VACANCIES_WRITE, 200),
    ("post", "vacancies/{live}/close/", None, Scope.VACANCIES_WRITE, 200),
    ("post", "vacancies/{live}/extend/", None, Scope.VACANCIES_WRITE, 200),
    ("get", "vacancies/{live}/applications/", None, Scope.APPLICATIONS_READ, 200),
    ("get", "applications/", None, Scope.APPLICATIONS_READ, 200),
    ("get", "applications/{app}/", None, Scope.APPLICATIONS_READ, 200),
    ("patch", "applications/{app}/", {"status": "in_review"}, Scope.APPLICATIONS_WRITE, 200),
    ("get", "events/", None, ANY, 200),
    ("get", "events/{event}/", None, ANY, 200),
    ("post", "events/", "new_event", Scope.EVENTS_WRITE, 201),
    ("patch", "events/{event}/", {"venue": "Ghent ICC"}, Scope.EVENTS_WRITE, 200),
    ("post", "events/{draft_event}/publish/", None, Scope.EVENTS_WRITE, 200),
    ("post", "events/{event}/cancel/", {"reason": "Storm"}, Scope.EVENTS_WRITE, 200),
    ("get", "events/{event}/registrations/", None, Scope.EVENTS_WRITE, 200),
    ("post", "events/{event}/registrations/{reg}/check-in/", None, Scope.EVENTS_WRITE, 200),
    ("get", "organizations/", None, ANY, 200),
    ("get", "organizations/{org}/", None, ANY, 200),
    ("get", "organizations/{org}/webhooks/", None, Scope.WEBHOOKS_MANAGE, 200),
    (
        "post",
        "organizations/{org}/webhooks/",
        {"url": "https://ats.example.com/h", "events": ["vacancy.closed"]},
        Scope.WEBHOOKS_MANAGE,
        201,
    ),
    ("get", "organizations/{org}/webhooks/{hook}/", None, Scope.WEBHOOKS_MANAGE, 200),
    (
        "patch",
        "organizations/{org}/webhooks/{hook}/",
        {"description": "x"},
        Scope.WEBHOOKS_MANAGE,
        200,
    ),
    ("get", "organizations/{org}/webhooks/{hook}/deliveries/", None, Scope.WEBHOOKS_MANAGE, 200),
    ("post", "organizations/{org}/webhooks/{hook}/ping/", None, Scope.WEBHOOKS_MANAGE, 202),
    ("delete", "organizations/{org}/webhooks/{hook}/", None, Scope.WEBHOOKS_MANAGE, 204),
    ("get", "webhooks/events/", None, ANY, 200),
]

# Endpoints no key may call, whatever its scopes.
REFUSED = [
    ("get", "me/", None),
    ("patch", "me/", {"first_name": "Key"}),
    ("delete", "me/", None),
    ("get", "me/export/", None),
    ("get", "me/profile/", None),
    ("get", "me/cvs/", None),
    ("get", "me/notifications/", None),
    ("get", "me/alerts/", None),
    ("get", "me/registrations/", None),
    ("get", "talent/", None),
    ("get", "organizations/{org}/members/", None),
    ("get", "organizations/{org}/api-keys/", None),
    ("post", "organizations/{org}/api-keys/", {"name": "x", "scopes": ["vacancies:read"]}),
    ("patch", "organizations/{org}/", {"city": "Leuven"}),
    ("post", "organizations/", {"name": "Shell company", "kind": "company"}),
    ("post", "vacancies/{live}/applications/", {"cover_letter": "Hi"}),
    ("post", "vacancies/{live}/approve/", None),
    ("get", "moderation/vacancies/", None),
    ("post", "events/{event}/registrations/", None),
    ("post", "applications/{app}/withdraw/", None),
    ("get", "webhooks/", None),
    ("get", "news/", None),
    ("post", "auth/token/", {"email": "a@b.c", "password": "x"}),
]


def call(world, method, path, body, raw_key, side="ours"):
    values = world[side]
    if body == "new_vacancy":
        body = new_vacancy(values["org"])
    elif body == "new_event":
        body = new_event(values["org"])
    url = "/api/v1/" + path.format(**values)
    kwargs = {"format": "json"} if body is not None else {}
    return getattr(APIClient(), method)(url, body, **kwargs, **key_header(raw_key))


def state() -> tuple:
    return (
        sorted(Vacancy.objects.values_list("slug", "status", "title", "expires_at")),
        sorted(Application.objects.values_list("pk", "status")),
    )


@pytest.mark.parametrize(("method", "path", "body", "scope", "status"), ALLOWED)
def test_a_key_with_the_scope_gets_through(world, method, path, body, scope, status):
    scopes = [] if scope == ANY else [scope]
    _api_key, raw = api_key_for(
        OrganizationFactory._meta.model.objects.get(slug="ours-org"), scopes=scopes
    )
    response = call(world, method, path, body, raw)
    assert response.status_code == status, (response.status_code, getattr(response, "data", ""))


@pytest.mark.parametrize(
    ("method", "path", "body", "scope", "status"), [row for row in ALLOWED if row[3] != ANY]
)
def test_a_key_without_the_scope_is_refused_and_changes_nothing(
    world, method, path, body, scope, status
):
    others = [s for s in Scope.values if s != scope]
    _api_key, raw = api_key_for(
        OrganizationFactory._meta.model.objects.get(slug="ours-org"), scopes=others
    )
    before = state()
    response = call(world, method, path, body, raw)
    assert response.status_code == 403
    assert scope in response.json()["detail"]
    assert state() == before


@pytest.mark.parametrize(("method", "path", "body"), REFUSED)
def test_endpoints_outside_every_scope_refuse_keys(world, method, path, body):
    _api_key, raw = api_key_for(
        OrganizationFactory._meta.model.objects.get(slug="ours-org"), scopes=list(Scope.values)
    )
    before = state()
    response = call(world, method, path, body, raw)
    assert response.status_code == 403, response.status_code
    assert state() == before


OTHER_ORGANIZATION = [
    ("patch", "vacancies/{draft}/", {"title": "Hijacked"}),
    ("post", "vacancies/{live}/close/", None),
    ("delete", "vacancies/{draft}/", None),
    ("get", "vacancies/{live}/applications/", None),
    ("get", "applications/{app}/", None),
    ("patch", "applications/{app}/", {"status": "rejected"}),
    ("patch", "events/{event}/", {"venue": "Elsewhere"}),
    ("post", "events/{event}/cancel/", None),
    ("get", "events/{event}/registrations/", None),
    ("post", "vacancies/", "new_vacancy"),
    ("post", "events/", "new_event"),
    ("get", "organizations/{org}/webhooks/", None),
    ("get", "organizations/{org}/webhooks/{hook}/deliveries/", None),
]


@pytest.mark.parametrize(("method", "path", "body"), OTHER_ORGANIZATION)
def test_another_organizations_data_is_not_found(world, method, path, body):
    _api_key, raw = api_key_for(
        OrganizationFactory._meta.model.objects.get(slug="ours-org"), scopes=list(Scope.values)
    )
    before = state()
    response = call(world, method, path, body, raw, side="theirs")
    assert response.status_code == 404, response.status_code
    assert state() == before


def test_a_key_never_acts_as_the_person_who_made_it(world):
    """The owner who made the key also applied elsewhere as a job seeker: the key sees the
    applications to its organization's vacancies, never the owner's own."""
    owner = world["ours"]["owner"]
    ApplicationFactory(applicant=owner, cv=CVFactory(profile__user=owner))
    ours = OrganizationFactory._meta.model.objects.get(slug="ours-org")
    _api_key, raw = api_key_for(ours, scopes=list(Scope.values), created_by=owner)
    listed = APIClient().get("/api/v1/applications/", **key_header(raw)).json()
    assert [row["id"] for row in listed["results"]] == [str(world["ours"]["app"])]
    assert owner.email not in str(listed)
    assert APIClient().get("/api/v1/me/", **key_header(raw)).status_code == 403
    # What a key writes is recorded as no one's.
    response = call(world, "post", "vacancies/", "new_vacancy", raw)
    assert Vacancy.objects.get(slug=response.json()["slug"]).created_by is None
