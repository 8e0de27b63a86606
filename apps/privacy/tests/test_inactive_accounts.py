"""Accounts nobody uses: warned by email a month before, then erased, unless the person
signs in. The clock is moved forward with time-machine."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from apps.accounts.models import ErasedAccount, ErasureReason, User
from apps.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from apps.core import retention
from apps.core.models import AuditEntry
from apps.core.services import audit_record
from apps.notifications.models import DeliveryStatus, Notification, NotificationPreference
from apps.privacy.models import InactivityWarning, PrivacyNotice
from apps.privacy.services import accounts_apply_inactivity

pytestmark = pytest.mark.django_db

JOINED = datetime(2026, 1, 10, 9, 0, tzinfo=UTC)
ERASE_AT = retention.goes_at(start=JOINED, months=24)  # 10 January 2028, 09:00


def run(when: datetime, **kwargs):
    with time_machine.travel(when, tick=False):
        return accounts_apply_inactivity(now=timezone.now(), **kwargs)


def counts(steps) -> dict[str, tuple[int, int]]:
    return {str(step.action): (step.due, step.done) for step in steps}


def new_account(**kwargs) -> User:
    with time_machine.travel(JOINED, tick=False):
        return UserFactory(**kwargs)


def sign_in(user: User, when: datetime) -> None:
    with time_machine.travel(when, tick=False):
        assert Client().login(email=user.email, password=DEFAULT_PASSWORD)


def test_an_unused_account_is_warned_a_month_before_then_erased(
    django_capture_on_commit_callbacks,
):
    user = new_account(email="sleeper@example.org")
    with time_machine.travel(JOINED + timedelta(days=3), tick=False):
        audit_record(actor=user, action="test.action", target=user)

    assert counts(run(ERASE_AT - timedelta(days=31))) == {
        "warned by email": (0, 0),
        "erased": (0, 0),
    }
    assert not mail.outbox

    with django_capture_on_commit_callbacks(execute=True):
        steps = run(ERASE_AT - timedelta(days=30))
    assert counts(steps) == {"warned by email": (1, 1), "erased": (0, 0)}
    warning = InactivityWarning.objects.get(user=user)
    assert warning.erase_at == ERASE_AT
    [message] = mail.outbox
    assert message.to == ["sleeper@example.org"]
    assert "10 January 2028" in message.body
    assert reverse("account_login") in message.body

    # Running again the same day, or a week later, warns nobody twice.
    with django_capture_on_commit_callbacks(execute=True):
        assert counts(run(ERASE_AT - timedelta(days=30)))["warned by email"] == (0, 0)
        assert counts(run(ERASE_AT - timedelta(days=23)))["warned by email"] == (0, 0)
    assert len(mail.outbox) == 1

    assert counts(run(ERASE_AT - timedelta(seconds=1)))["erased"] == (0, 0)
    assert User.objects.filter(pk=user.pk).exists()

    assert counts(run(ERASE_AT))["erased"] == (1, 1)
    assert not User.objects.filter(pk=user.pk).exists()
    # The same path as a person's own erasure: every app's eraser ran, the counts stay.
    entry = AuditEntry.objects.get(action="test.action")
    assert entry.actor_id is None and entry.actor_email == "(erased account)"
    erased = ErasedAccount.objects.get()
    assert erased.reason == ErasureReason.INACTIVE
    assert erased.joined_on == timezone.localdate(JOINED)


def test_a_warned_account_whose_owner_signs_in_stays(django_capture_on_commit_callbacks):
    user = new_account()
    with django_capture_on_commit_callbacks(execute=True):
        run(ERASE_AT - timedelta(days=30))
    assert InactivityWarning.objects.filter(user=user).exists()

    sign_in(user, ERASE_AT - timedelta(days=10))
    assert counts(run(ERASE_AT + timedelta(days=1))) == {
        "warned by email": (0, 0),
        "erased": (0, 0),
    }
    assert User.objects.filter(pk=user.pk).exists()

    # Two more years away: a new warning (a new email), then erasure.
    back = ERASE_AT - timedelta(days=10)
    next_erase = retention.goes_at(start=back, months=24)
    with django_capture_on_commit_callbacks(execute=True):
        assert counts(run(next_erase - timedelta(days=30)))["warned by email"] == (1, 1)
    assert len(mail.outbox) == 2
    assert InactivityWarning.objects.get(user=user).erase_at == next_erase
    assert counts(run(next_erase))["erased"] == (1, 1)
    assert not User.objects.filter(pk=user.pk).exists()


def test_asking_for_an_api_token_counts_as_signing_in():
    user = new_account()
    with time_machine.travel(ERASE_AT - timedelta(days=60), tick=False):
        response = Client().post(
            "/api/v1/auth/token/",
            {"email": user.email, "password": DEFAULT_PASSWORD},
            content_type="application/json",
        )
    assert response.status_code == 200
    assert counts(run(ERASE_AT - timedelta(days=30)))["warned by email"] == (0, 0)


def test_the_warning_is_emailed_even_to_someone_who_turned_email_off(
    django_capture_on_commit_callbacks,
):
    user = new_account()
    # Even a stored "no email" for this kind (it is not offered) does not hold it back.
    NotificationPreference.objects.create(
        user=user, kind=PrivacyNotice.ACCOUNT_INACTIVE, email=False
    )
    with django_capture_on_commit_callbacks(execute=True):
        run(ERASE_AT - timedelta(days=30))
    notice = Notification.objects.get(kind=PrivacyNotice.ACCOUNT_INACTIVE)
    assert notice.status == DeliveryStatus.SENT
    client = Client()
    client.force_login(user)
    page = client.get(reverse("notifications:preferences")).content.decode()
    assert "account_inactive" not in page


def test_the_dry_run_changes_nothing():
    warned = new_account()
    waiting = new_account()
    InactivityWarning.objects.create(
        user=warned, warned_at=ERASE_AT - timedelta(days=30), erase_at=ERASE_AT
    )
    steps = run(ERASE_AT + timedelta(days=1), dry_run=True)
    assert counts(steps) == {"warned by email": (1, 0), "erased": (1, 0)}
    assert User.objects.filter(pk__in=[warned.pk, waiting.pk]).count() == 2
    assert not InactivityWarning.objects.filter(user=waiting).exists()
    assert not Notification.objects.exists()
    assert not ErasedAccount.objects.exists()


@override_settings(RETENTION_ACCOUNTS_MONTHS=6, RETENTION_ACCOUNT_WARNING_DAYS=7)
def test_the_periods_are_settings():
    user = new_account()
    erase_at = retention.goes_at(start=JOINED, months=6)
    assert counts(run(erase_at - timedelta(days=8)))["warned by email"] == (0, 0)
    assert counts(run(erase_at - timedelta(days=7)))["warned by email"] == (1, 1)
    assert counts(run(erase_at))["erased"] == (1, 1)
    assert not User.objects.filter(pk=user.pk).exists()


def test_an_account_found_long_unused_gets_its_full_warning_period():
    user = new_account()
    # The rule starts running years after the last sign-in: a month's notice all the same.
    late = ERASE_AT + timedelta(days=400)
    assert counts(run(late))["warned by email"] == (1, 1)
    assert InactivityWarning.objects.get(user=user).erase_at == late + timedelta(days=30)
    assert counts(run(late + timedelta(days=29)))["erased"] == (0, 0)
    assert counts(run(late + timedelta(days=30)))["erased"] == (1, 1)


def test_the_privacy_page_tells_when_the_account_goes():
    user = new_account()
    signed_in = JOINED + timedelta(days=1)
    client = Client()
    with time_machine.travel(signed_in, tick=False):
        client.force_login(user)  # signing in starts the 24 months again
        data = client.get("/api/v1/me/privacy/").json()
    [account] = [h for h in data["holdings"] if h["kind"] == "account"]
    assert account["holder"] is None
    until = datetime.fromisoformat(account["until"])
    assert until == retention.goes_at(start=signed_in, months=24)
    assert "24 months without signing in" in account["kept"]
