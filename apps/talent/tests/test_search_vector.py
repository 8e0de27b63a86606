"""PostgreSQL keeps each talent profile's search vector, and the search uses its GIN index."""

import pytest
from django.db import connection

from apps.accounts.tests.factories import UserFactory
from apps.talent.models import TalentProfile, Visibility
from apps.talent.selectors import talent_pool, talent_search
from apps.talent.tests.factories import TalentProfileFactory

pytestmark = pytest.mark.django_db


def found(words: str) -> set:
    return set(talent_search(talent_pool(), words).values_list("headline", flat=True))


def test_a_bulk_insert_is_searchable_at_once():
    TalentProfile.objects.bulk_create(
        [
            TalentProfile(
                user=UserFactory(),
                headline="Bioinformatician",
                summary="Single-cell pipelines in Nextflow.",
                skills=["python", "crispr"],
                visibility=Visibility.VERIFIED_COMPANIES,
            ),
            TalentProfile(
                user=UserFactory(),
                headline="Process engineer",
                summary="Upstream bioreactors.",
                skills=["gmp"],
                visibility=Visibility.PUBLIC,
            ),
        ]
    )
    assert TalentProfile.objects.filter(search_vector__isnull=True).count() == 0
    assert found("crispr") == {"Bioinformatician"}  # a skill
    assert found("bioreactor") == {"Process engineer"}  # the summary, stemmed
    assert found("engineer") == {"Process engineer"}  # the headline


def test_a_raw_update_and_a_save_refresh_the_vector():
    profile = TalentProfileFactory(
        headline="Chemist", skills=["hplc"], visibility=Visibility.PUBLIC
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE talent_talentprofile SET skills = %s WHERE id = %s", ['["lc-ms"]', profile.pk]
        )
    assert found("lc-ms") == {"Chemist"}
    assert found("hplc") == set()
    profile.refresh_from_db()
    profile.headline = "Analytical chemist"
    profile.save()
    assert found("analytical") == {"Analytical chemist"}


def test_the_search_filters_on_the_indexed_vector():
    query = str(talent_search(talent_pool(), "python").query)
    assert '"talent_talentprofile"."search_vector" @@' in query
    assert "to_tsvector" not in query
