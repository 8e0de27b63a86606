"""The vacancy view counter: the page counts in the cache, the flush moves it to the rows."""

import os
from datetime import timedelta
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from apps.accounts.tests.factories import UserFactory
from apps.organizations.tests.factories import MembershipFactory, OrganizationFactory
from apps.stats import services, tasks
from apps.stats.models import VacancyDailyViews
from apps.vacancies.tests.factories import VacancyFactory, published_vacancy

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/130.0 Safari/537.36"


# The suite's Redis database is flushed by every test of any concurrent run (conftest's
# cache.clear()); the counter tests keep their own database and remove only their own keys.
COUNTER_REDIS_DB = 11


def _own_redis_cache() -> dict:
    url = urlsplit(django_settings.REDIS_URL or "redis://127.0.0.1:6379/15")
    return {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": urlunsplit(url._replace(path=f"/{COUNTER_REDIS_DB}")),
        "KEY_PREFIX": f"stats-counter-test-{os.getpid()}",
    }


def _forget_own_keys(backend: str) -> None:
    if backend == "locmem":
        cache.clear()
        return
    client = cache._cache.get_client(write=True)
    for key in client.scan_iter(f"{cache.key_prefix}:*"):
        client.delete(key)


@pytest.fixture(params=["redis", "locmem"], autouse=True)
def cache_backend(request, settings):
    """Every counter test runs on a Redis cache and on the local-memory cache."""
    if request.param == "locmem":
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": "stats-counter-tests",
            }
        }
    else:
        settings.CACHES = {"default": _own_redis_cache()}
    _forget_own_keys(request.param)
    yield request.param
    _forget_own_keys(request.param)


@pytest.fixture
def acme():
    return OrganizationFactory(name="Acme Biologics", slug="acme", verified=True)


@pytest.fixture
def vacancy(acme):
    return published_vacancy(organization=acme, title="Bioinformatician", slug="bioinformatician")


def visit(vacancy, *, client=None, agent=BROWSER) -> None:
    client = client or Client()
    response = client.get(
        reverse("vacancies:detail", kwargs={"slug": vacancy.slug}), HTTP_USER_AGENT=agent
    )
    assert response.status_code == 200


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def pending(vacancy, day=None) -> int | None:
    return cache.get(services.view_key(vacancy_id=vacancy.pk, day=day or timezone.localdate()))


def rows(vacancy) -> dict:
    return dict(VacancyDailyViews.objects.filter(vacancy=vacancy).values_list("date", "count"))


def test_views_are_counted_in_the_cache_and_flushed_once(vacancy):
    today = timezone.localdate()
    for _ in range(3):
        visit(vacancy)
    visit(vacancy, client=signed_in(UserFactory()))
    assert pending(vacancy) == 4
    assert rows(vacancy) == {}

    assert services.vacancy_views_flush() == 4
    assert rows(vacancy) == {today: 4}
    assert pending(vacancy) == 0

    # A second run (a redelivered or overlapping beat tick) changes nothing.
    assert services.vacancy_views_flush() == 0
    assert rows(vacancy) == {today: 4}

    visit(vacancy)
    visit(vacancy)
    assert tasks.flush_vacancy_views.delay().get() == 2
    assert rows(vacancy) == {today: 6}
    assert services.vacancy_views_flush() == 0
    assert rows(vacancy) == {today: 6}


def test_the_vacancy_page_writes_nothing_to_the_database(vacancy):
    visit(vacancy)  # warm up: the day's key exists
    with CaptureQueriesContext(connection) as queries:
        visit(vacancy)
    writes = [
        q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE"))
    ]
    assert writes == []
    assert pending(vacancy) == 2


def test_members_bots_and_hidden_vacancies_are_not_counted(acme, vacancy):
    member = MembershipFactory(organization=acme, role="owner").user
    visit(vacancy, client=signed_in(member))
    for agent in (
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; Baiduspider/2.0)",
        "AhrefsCrawler/1.0",
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php) BOT",
    ):
        visit(vacancy, agent=agent)
    # Staff looking at a draft: the vacancy is not live, so nobody counts as a visitor.
    draft = VacancyFactory(organization=acme, slug="draft")
    visit(draft, client=signed_in(UserFactory(is_staff=True)))
    assert pending(vacancy) is None
    assert pending(draft) is None

    # A member of another organization is a visitor like any other.
    visit(vacancy, client=signed_in(MembershipFactory().user))
    assert pending(vacancy) == 1
    assert services.vacancy_views_flush() == 1
    assert rows(vacancy) == {timezone.localdate(): 1}
    assert rows(draft) == {}


def test_the_flush_adds_to_existing_rows_and_finds_yesterdays_counts(vacancy):
    today = timezone.localdate()
    yesterday = today - timedelta(days=1)
    VacancyDailyViews.objects.create(vacancy=vacancy, date=yesterday, count=10)
    # A view counted just before midnight and not flushed yet.
    cache.add(services.view_key(vacancy_id=vacancy.pk, day=yesterday), 2)
    visit(vacancy)
    assert services.vacancy_views_flush() == 3
    assert rows(vacancy) == {yesterday: 12, today: 1}
    assert services.vacancy_views_flush() == 0
    assert rows(vacancy) == {yesterday: 12, today: 1}


def test_a_vacancy_closed_after_its_views_still_gets_them(vacancy):
    visit(vacancy)
    vacancy.status = "closed"
    vacancy.save(update_fields=["status"])
    assert services.vacancy_views_flush() == 1
    assert rows(vacancy) == {timezone.localdate(): 1}


def test_a_running_flush_keeps_a_second_one_out(vacancy):
    visit(vacancy)
    cache.add(services.FLUSH_LOCK_KEY, "another-run", timeout=60)
    assert services.vacancy_views_flush() == 0
    assert pending(vacancy) == 1
    assert rows(vacancy) == {}
    cache.delete(services.FLUSH_LOCK_KEY)
    assert services.vacancy_views_flush() == 1
    assert cache.get(services.FLUSH_LOCK_KEY) is None


def test_a_failed_database_write_gives_the_counts_back(vacancy, monkeypatch):
    visit(vacancy)
    visit(vacancy)

    def broken(claimed):
        raise RuntimeError("database down")

    monkeypatch.setattr(services, "_write", broken)
    with pytest.raises(RuntimeError):
        services.vacancy_views_flush()
    assert pending(vacancy) == 2
    assert cache.get(services.FLUSH_LOCK_KEY) is None
    monkeypatch.undo()
    assert services.vacancy_views_flush() == 2
    assert rows(vacancy) == {timezone.localdate(): 2}


def test_a_cache_failure_does_not_break_the_page(vacancy, monkeypatch):
    class Down:
        def __getattr__(self, name):
            def fail(*args, **kwargs):
                raise ConnectionError("cache down")

            return fail

    monkeypatch.setattr(services, "cache", Down())
    visit(vacancy)
    assert rows(vacancy) == {}


def test_the_bot_check():
    assert services.is_bot("Googlebot/2.1")
    assert services.is_bot("Mozilla/5.0 (compatible; bingbot/2.0)")
    assert services.is_bot("Some-Spider")
    assert services.is_bot("CCBot crawler")
    assert not services.is_bot(BROWSER)
    assert not services.is_bot("")


def test_without_redis_each_view_goes_straight_to_the_database(vacancy, acme, settings):
    """The embedded default has no beat: the organization's figures are real at once."""
    settings.VACANCY_VIEWS_IN_CACHE = False
    visit(vacancy)
    visit(vacancy)
    visit(vacancy, agent="Googlebot/2.1")
    assert rows(vacancy) == {timezone.localdate(): 2}
    assert pending(vacancy) is None
    assert services.vacancy_views_flush() == 0
    member = MembershipFactory(organization=acme).user
    page = (
        signed_in(member)
        .get(reverse("stats:organization", kwargs={"slug": acme.slug}))
        .content.decode()
    )
    assert "Views are added every few minutes" not in page
    assert '<td class="number">2</td>' in page
