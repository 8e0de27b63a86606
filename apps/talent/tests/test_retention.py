"""The CV download log is kept 24 months; the clock is moved forward with time-machine."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.utils import timezone
from rest_framework.test import APIClient

from apps.core import retention
from apps.organizations.tests.factories import OrganizationFactory
from apps.talent import services
from apps.talent.models import CVAccess
from apps.talent.tests.factories import CVFactory

pytestmark = pytest.mark.django_db

DOWNLOADED = datetime(2026, 4, 30, 14, 0, tzinfo=UTC)
GOES = retention.goes_at(start=DOWNLOADED, months=24)


def run(moment: datetime, **kwargs):
    with time_machine.travel(moment, tick=False):
        [step] = services.cv_downloads_apply_retention(now=timezone.now(), **kwargs)
    return step.due, step.done


def log(cv, moment: datetime, organization=None) -> CVAccess:
    with time_machine.travel(moment, tick=False):
        return CVAccess.objects.create(
            cv=cv, organization=organization or OrganizationFactory(), reason="talent_pool"
        )


def test_download_records_go_24_months_after_the_download():
    cv = CVFactory()
    old = log(cv, DOWNLOADED)
    recent = log(cv, DOWNLOADED + timedelta(days=1))
    assert run(GOES - timedelta(seconds=1)) == (0, 0)
    assert run(GOES, dry_run=True) == (1, 0)
    assert CVAccess.objects.filter(pk=old.pk).exists()
    assert run(GOES) == (1, 1)
    assert not CVAccess.objects.filter(pk=old.pk).exists()
    assert CVAccess.objects.filter(pk=recent.pk).exists()


def test_the_person_sees_who_downloaded_their_cv_and_until_when():
    cv = CVFactory(original_name="cv-ada.pdf")
    log(cv, DOWNLOADED, organization=OrganizationFactory(name="Leie Biologics"))
    client = APIClient()
    client.force_authenticate(cv.profile.user)
    holdings = client.get("/api/v1/me/privacy/").json()["holdings"]
    [record] = [h for h in holdings if h["kind"] == "cv_download"]
    assert "Leie Biologics" in record["label"] and "cv-ada.pdf" in record["label"]
    assert datetime.fromisoformat(record["until"]) == GOES
    assert {h["kind"] for h in holdings} >= {"account", "talent_profile", "cv", "cv_download"}
