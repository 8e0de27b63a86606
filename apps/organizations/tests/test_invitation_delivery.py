"""An invitation is never stuck: it goes through the notice pipeline, and inviting again
retries a notice that never got through, without ever sending one twice."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone
from kombu.exceptions import OperationalError

from apps.notifications import services as notification_services
from apps.notifications.models import DeliveryStatus, Notification
from apps.notifications.tasks import send_notification
from apps.organizations import services
from apps.organizations.models import OrganizationNotice
from apps.organizations.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner():
    return MembershipFactory(role="owner", organization__name="Leie Biologics")


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def invite(owner, email: str = "new@example.org"):
    return services.invitation_create(
        actor=owner.user, organization=owner.organization, email=email
    )


def test_an_invitation_made_while_the_broker_is_down_is_sent_once_it_is_back(
    owner, committed, monkeypatch
):
    def unreachable(*args, **kwargs):
        raise OperationalError("Connection refused.")

    monkeypatch.setattr(send_notification, "delay", unreachable)
    with committed():
        invite(owner)
    with committed():  # inviting again while nothing was sent: accepted, nothing doubled
        invite(owner)
    notice = Notification.objects.get(kind=OrganizationNotice.ORGANIZATION_INVITATION)
    assert notice.status == DeliveryStatus.PENDING and mail.outbox == []

    monkeypatch.undo()
    Notification.objects.filter(pk=notice.pk).update(
        created_at=timezone.now()
        - timedelta(minutes=settings.NOTIFICATION_REQUEUE_AFTER_MINUTES + 1)
    )
    assert notification_services.notifications_requeue_pending() == 1
    assert [m.to for m in mail.outbox] == [["new@example.org"]]
    with committed():
        invite(owner)
    assert len(mail.outbox) == 1


def test_inviting_again_retries_an_invitation_whose_email_failed_for_good(owner, committed):
    with committed():
        invite(owner)
    assert len(mail.outbox) == 1
    notice = Notification.objects.get(kind=OrganizationNotice.ORGANIZATION_INVITATION)
    Notification.objects.filter(pk=notice.pk).update(
        status=DeliveryStatus.FAILED, attempts=settings.NOTIFICATION_MAX_ATTEMPTS
    )
    mail.outbox.clear()

    with committed():
        invite(owner)
    notice.refresh_from_db()
    assert notice.status == DeliveryStatus.SENT
    assert [m.to for m in mail.outbox] == [["new@example.org"]]
    assert Notification.objects.filter(kind=OrganizationNotice.ORGANIZATION_INVITATION).count() == 1
