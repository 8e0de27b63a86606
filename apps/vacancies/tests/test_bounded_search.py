"""The bounded search helpers of `apps.core.search`, on vacancies: capped counts, and relevance
over a window of the newest matches."""

import pytest
from django.db import connection, transaction

from apps.core.search import (
    CountedPaginator,
    capped_count,
    few_matches_plan,
    ranked_ids,
    search_matches,
)
from apps.organizations.tests.factories import OrganizationFactory
from apps.vacancies.models import Vacancy
from apps.vacancies.tests.factories import published_vacancy

pytestmark = pytest.mark.django_db
NEWEST = ("-published_at", "-pk")


@pytest.fixture
def matches():
    organization = OrganizationFactory(verified=True)
    for index in range(7):
        # Every other one has the word in its title (weight A), the rest in the text only.
        title = "Antibody scientist" if index % 2 else "Scientist"
        published_vacancy(
            organization=organization,
            title=f"{title} {index}",
            description="<p>Antibody work.</p>",
        )
    published_vacancy(organization=organization, title="Unrelated")
    return search_matches(Vacancy.objects.all(), "antibody")


def test_pages_cover_every_match_once_with_the_best_of_the_window_first(matches):
    pages = [
        ranked_ids(matches, text="antibody", newest=NEWEST, offset=offset, limit=2, window=4)
        for offset in range(0, 8, 2)
    ]
    ids = [pk for page in pages for pk in page]
    assert sorted(ids) == sorted(matches.values_list("pk", flat=True))
    window = list(matches.order_by(*NEWEST).values_list("pk", flat=True)[:4])
    titled = set(matches.filter(title__startswith="Antibody").values_list("pk", flat=True))
    # Within the window the title matches rank first; past it, newest first.
    assert set(ids[:2]) == titled & set(window)
    assert ids[4:] == list(matches.order_by(*NEWEST).values_list("pk", flat=True)[4:])


def test_a_page_across_the_window_edge(matches):
    ids = ranked_ids(matches, text="antibody", newest=NEWEST, offset=2, limit=3, window=4)
    newest = list(matches.order_by(*NEWEST).values_list("pk", flat=True))
    assert len(ids) == 3 and ids[2] == newest[4]


def test_counts_stop_past_the_cap(matches):
    assert capped_count(matches, cap=3) == 4  # "more than 3"
    assert capped_count(matches, cap=100) == 7
    paginator = CountedPaginator(matches, 2, count=10_001)
    assert paginator.count == 10_000 and paginator.count_is_capped
    assert paginator.num_pages == 5_000


def _setting(name: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting(%s)", [name])
        return cursor.fetchone()[0]


@pytest.mark.parametrize("counted", [7, None, 10_001])
def test_the_plan_for_few_matches_gives_the_same_pages_and_leaves_no_setting_behind(
    matches, counted
):
    """Few matches are collected through the indexes and sorted; many, or an unknown number,
    keep the walk along the newest-first index. Either way the same ids, and the planner is
    as it was once the page is read, also inside a longer transaction."""
    expected = [
        ranked_ids(matches, text="antibody", newest=NEWEST, offset=offset, limit=3, window=4)
        for offset in (0, 3, 6)
    ]
    with transaction.atomic():
        before = _setting("enable_indexscan"), _setting("enable_seqscan")
        for offset, page in zip((0, 3, 6), expected, strict=True):
            with few_matches_plan(counted):
                inside = _setting("enable_indexscan")
                ids = ranked_ids(
                    matches, text="antibody", newest=NEWEST, offset=offset, limit=3, window=4
                )
            assert ids == page
            assert (_setting("enable_indexscan"), _setting("enable_seqscan")) == before
        assert inside == ("off" if counted == 7 else before[0])


def test_the_portal_gives_a_search_room_for_its_bitmaps():
    """Under PostgreSQL's 4 MB default the bitmap of a filter and a word over a listing of
    1,000,000 vacancies turns lossy, and every row of its pages is tested again
    (`DATABASE_WORK_MEM`, docs/performance.md)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_size_bytes(current_setting('work_mem'))")
        assert cursor.fetchone()[0] >= 32 * 1024 * 1024
