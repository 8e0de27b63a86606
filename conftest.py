"""Fixtures shared by every app's tests and the cross-app tests."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation
from rest_framework.test import APIClient

from apps.core import broker
from apps.core import cache as fail_safe_cache


def pytest_collection_modifyitems(config, items):
    """The suite runs on PostgreSQL; tests marked `sqlite` run when the database is SQLite.

    `make test` runs both: everything on PostgreSQL, then the `sqlite` tests (the embedded
    default's full-text search) with DATABASE_URL=sqlite://.
    """
    on_sqlite = settings.DATABASES["default"]["ENGINE"].endswith("sqlite3")
    keep, drop = [], []
    for item in items:
        (keep if (item.get_closest_marker("sqlite") is not None) == on_sqlite else drop).append(
            item
        )
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


@pytest.fixture(autouse=True)
def _clear_cache():
    # Throttling and allauth keep state in the (shared Redis) cache: start each test clean.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language_again():
    # A request under /nl/ or /fr/ leaves its language active in the thread; the next test's
    # reverse() must give the English pages again.
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _services_reachable_again():
    # A test that took Redis or the broker away must not leave the next one waiting out
    # the pause the portal takes after a failure.
    yield
    broker.forget_unreachable()
    fail_safe_cache.forget_unreachable()


@pytest.fixture
def api_client() -> APIClient:
    return APIClient()


@pytest.fixture
def user(db):
    from apps.accounts.tests.factories import UserFactory

    return UserFactory()


@pytest.fixture
def staff_user(db):
    from apps.accounts.tests.factories import UserFactory

    return UserFactory(is_staff=True)


@pytest.fixture
def owner_client(db):
    """An API client signed in as the owner of a verified organization."""
    from apps.organizations.tests.factories import MembershipFactory

    membership = MembershipFactory(role="owner", organization__verified=True)
    client = APIClient()
    client.force_authenticate(membership.user)
    client.membership = membership
    return client
