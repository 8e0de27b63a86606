"""The registration state machine and the event rules, at the service layer."""

from datetime import timedelta

import pytest
from django.utils import timezone

from apps.accounts.tests.factories import UserFactory
from apps.core.exceptions import ActionForbidden, ConflictError, ServiceError
from apps.events import selectors, services
from apps.events.models import Event, EventStatus, Registration, RegistrationStatus
from apps.events.tests.factories import EventFactory, RegistrationFactory
from apps.organizations.tests.factories import MembershipFactory, OrganizationFactory

pytestmark = pytest.mark.django_db

CONFIRMED = RegistrationStatus.CONFIRMED
WAITLISTED = RegistrationStatus.WAITLISTED
CANCELLED = RegistrationStatus.CANCELLED
ATTENDED = RegistrationStatus.ATTENDED


def register(event, user=None) -> Registration:
    return services.registration_create(user=user or UserFactory(), event=event)


def status_of(registration: Registration) -> str:
    registration.refresh_from_db()
    return registration.status


def position_of(registration: Registration) -> int | None:
    registration.refresh_from_db()
    return selectors.waitlist_position(registration=registration)


@pytest.fixture
def organizer():
    """A member of a verified organization: its events are published without review."""
    return MembershipFactory(organization__verified=True).user


def event_of(organizer, **fields) -> Event:
    return EventFactory(organizer=organizer.memberships.get().organization, **fields)


class TestRegistrationStateMachine:
    def test_confirmed_while_places_are_left_then_waitlisted_in_order(self):
        event = EventFactory(capacity=2)
        first, second, third, fourth = (register(event) for _ in range(4))
        assert [r.status for r in (first, second, third, fourth)] == [
            CONFIRMED,
            CONFIRMED,
            WAITLISTED,
            WAITLISTED,
        ]
        assert first.waitlisted_at is None and third.waitlisted_at is not None
        assert [position_of(r) for r in (first, second, third, fourth)] == [None, None, 1, 2]

    def test_no_capacity_means_everyone_is_confirmed(self):
        event = EventFactory(capacity=None)
        assert {register(event).status for _ in range(5)} == {CONFIRMED}

    def test_attended_registrations_take_a_place(self):
        event = EventFactory(capacity=1)
        RegistrationFactory(event=event, status=ATTENDED)
        assert register(event).status == WAITLISTED

    def test_cancelled_registrations_do_not_take_a_place(self):
        event = EventFactory(capacity=1)
        RegistrationFactory(event=event, status=CANCELLED)
        assert register(event).status == CONFIRMED

    def test_cancelling_promotes_the_first_waitlisted_at_once_fifo(self):
        event = EventFactory(capacity=2)
        first, second, third, fourth, fifth = (register(event) for _ in range(5))
        services.registration_cancel(user=first.user, event=event)
        assert status_of(first) == CANCELLED
        assert status_of(third) == CONFIRMED
        assert (status_of(fourth), position_of(fourth)) == (WAITLISTED, 1)
        assert (status_of(fifth), position_of(fifth)) == (WAITLISTED, 2)

        services.registration_cancel(user=second.user, event=event)
        assert status_of(fourth) == CONFIRMED
        assert (status_of(fifth), position_of(fifth)) == (WAITLISTED, 1)
        confirmed = event.registrations.filter(status=CONFIRMED)
        assert set(confirmed) == {third, fourth}

    def test_the_queue_follows_waitlisted_at_not_creation_order(self):
        event = EventFactory(capacity=1)
        holder = register(event)
        now = timezone.now()
        late = RegistrationFactory(event=event, status=WAITLISTED, waitlisted_at=now)
        early = RegistrationFactory(
            event=event, status=WAITLISTED, waitlisted_at=now - timedelta(minutes=5)
        )
        assert (position_of(early), position_of(late)) == (1, 2)
        services.registration_cancel(user=holder.user, event=event)
        assert (status_of(early), status_of(late)) == (CONFIRMED, WAITLISTED)

    def test_leaving_the_waiting_list_promotes_nobody_and_moves_the_queue_up(self):
        event = EventFactory(capacity=1)
        holder, first, second = (register(event) for _ in range(3))
        services.registration_cancel(user=first.user, event=event)
        assert status_of(holder) == CONFIRMED
        assert (status_of(first), status_of(second)) == (CANCELLED, WAITLISTED)
        assert position_of(second) == 1

    def test_raising_the_capacity_promotes_from_the_waiting_list(self, organizer):
        event = event_of(organizer, capacity=1)
        holder, first, second, third = (register(event) for _ in range(4))
        services.event_update(actor=organizer, event=event, capacity=3)
        assert [status_of(r) for r in (holder, first, second, third)] == [
            CONFIRMED,
            CONFIRMED,
            CONFIRMED,
            WAITLISTED,
        ]
        assert position_of(third) == 1

    def test_removing_the_limit_promotes_everyone(self, organizer):
        event = event_of(organizer, capacity=1)
        registrations = [register(event) for _ in range(3)]
        services.event_update(actor=organizer, event=event, capacity=None)
        assert {status_of(r) for r in registrations} == {CONFIRMED}

    def test_a_capacity_below_the_confirmed_count_is_refused_and_changes_nothing(self, organizer):
        event = event_of(organizer, capacity=3, title="Helis Academy")
        registrations = [register(event) for _ in range(3)]
        with pytest.raises(ServiceError) as refused:
            services.event_update(actor=organizer, event=event, capacity=2, title="Renamed")
        assert type(refused.value) is ServiceError
        assert "capacity" in refused.value.detail
        event.refresh_from_db()
        assert (event.capacity, event.title) == (3, "Helis Academy")
        assert {status_of(r) for r in registrations} == {CONFIRMED}

    def test_the_capacity_may_equal_the_confirmed_count(self, organizer):
        event = event_of(organizer, capacity=5)
        register(event), register(event)
        assert services.event_update(actor=organizer, event=event, capacity=2).capacity == 2


class TestRegistrationRefusals:
    def test_registering_twice_is_a_conflict(self):
        event = EventFactory(capacity=10)
        user = UserFactory()
        register(event, user)
        with pytest.raises(ConflictError):
            register(event, user)
        assert event.registrations.count() == 1

    def test_registering_twice_from_the_waiting_list_is_a_conflict(self):
        event = EventFactory(capacity=1)
        register(event)
        user = UserFactory()
        assert register(event, user).status == WAITLISTED
        with pytest.raises(ConflictError):
            register(event, user)
        assert event.registrations.filter(user=user).count() == 1

    def test_after_cancelling_a_person_may_register_again(self):
        event = EventFactory(capacity=10)
        user = UserFactory()
        first = register(event, user)
        services.registration_cancel(user=user, event=event)
        second = register(event, user)
        assert second.pk != first.pk and second.status == CONFIRMED
        assert status_of(first) == CANCELLED

    def test_a_full_event_without_a_waiting_list_is_refused(self):
        event = EventFactory(capacity=1, waitlist_enabled=False)
        register(event)
        with pytest.raises(ConflictError) as refused:
            register(event)
        assert "full" in str(refused.value.detail["detail"])
        assert event.registrations.count() == 1

    @pytest.mark.parametrize(
        ("fields", "reason"),
        [
            (
                {
                    "starts_at": timezone.now() - timedelta(days=3),
                    "ends_at": timezone.now() - timedelta(days=3, hours=-2),
                },
                "started",
            ),
            (
                {
                    "starts_at": timezone.now() - timedelta(hours=1),
                    "ends_at": timezone.now() + timedelta(hours=1),
                },
                "started",
            ),
            ({"status": EventStatus.CANCELLED}, "cancelled"),
            ({"status": EventStatus.DRAFT}, "not open"),
            ({"registration_opens_at": timezone.now() + timedelta(days=1)}, "opens"),
            ({"registration_closes_at": timezone.now() - timedelta(minutes=1)}, "closed"),
        ],
        ids=["past", "started", "cancelled", "draft", "not-yet-open", "closed"],
    )
    def test_refused_events(self, fields, reason):
        event = EventFactory(**fields)
        with pytest.raises(ConflictError) as refused:
            register(event)
        assert reason in str(refused.value.detail["detail"])
        assert not event.registrations.exists()

    def test_an_open_window_accepts(self):
        now = timezone.now()
        event = EventFactory(
            registration_opens_at=now - timedelta(days=1),
            registration_closes_at=now + timedelta(days=1),
        )
        assert register(event).status == CONFIRMED

    def test_anonymous_is_forbidden(self):
        from django.contrib.auth.models import AnonymousUser

        event = EventFactory()
        with pytest.raises(ActionForbidden):
            services.registration_create(user=AnonymousUser(), event=event)


class TestCancellingARegistration:
    def test_cancelling_after_the_start_is_refused(self):
        now = timezone.now()
        event = EventFactory(
            capacity=1, starts_at=now - timedelta(minutes=5), ends_at=now + timedelta(hours=2)
        )
        registration = RegistrationFactory(event=event)
        waiting = RegistrationFactory(event=event, status=WAITLISTED)
        with pytest.raises(ConflictError):
            services.registration_cancel(user=registration.user, event=event)
        assert (status_of(registration), status_of(waiting)) == (CONFIRMED, WAITLISTED)

    def test_cancelling_without_a_registration_is_refused(self):
        with pytest.raises(ServiceError):
            services.registration_cancel(user=UserFactory(), event=EventFactory())


class TestEventLifecycle:
    def test_cancelling_an_event_cancels_every_live_registration(self, organizer):
        event = event_of(organizer, capacity=1)
        confirmed, waitlisted = register(event), register(event)
        earlier = RegistrationFactory(event=event, status=CANCELLED)
        services.event_cancel(actor=organizer, event=event, reason="  Venue flooded  ")
        event.refresh_from_db()
        assert event.status == EventStatus.CANCELLED
        assert event.cancellation_reason == "Venue flooded"
        for registration in (confirmed, waitlisted, earlier):
            registration.refresh_from_db()
            assert registration.status == CANCELLED
        confirmed.refresh_from_db()
        assert confirmed.cancelled_at is not None
        with pytest.raises(ConflictError):
            services.event_cancel(actor=organizer, event=event)

    def test_a_stranger_cannot_cancel_edit_or_publish(self):
        event = EventFactory(title="BioBizz Cafe Ghent")
        stranger = UserFactory()
        with pytest.raises(ActionForbidden):
            services.event_cancel(actor=stranger, event=event)
        with pytest.raises(ActionForbidden):
            services.event_update(actor=stranger, event=event, title="Hijacked")
        with pytest.raises(ActionForbidden):
            services.event_publish(actor=stranger, event=EventFactory(status=EventStatus.DRAFT))
        event.refresh_from_db()
        assert (event.status, event.title) == (EventStatus.PUBLISHED, "BioBizz Cafe Ghent")

    def test_publishing_a_draft(self, organizer):
        event = event_of(organizer, status=EventStatus.DRAFT)
        assert services.event_publish(actor=organizer, event=event).status == "published"
        with pytest.raises(ConflictError):
            services.event_publish(actor=organizer, event=event)

    def test_a_cancelled_event_cannot_be_edited(self, organizer):
        event = event_of(organizer, status=EventStatus.CANCELLED, title="Old")
        with pytest.raises(ConflictError):
            services.event_update(actor=organizer, event=event, title="New")
        event.refresh_from_db()
        assert event.title == "Old"


class TestCheckIn:
    def test_a_confirmed_registration_is_checked_in(self, organizer):
        registration = RegistrationFactory(event=event_of(organizer))
        checked = services.registration_check_in(actor=organizer, registration=registration)
        assert checked.status == ATTENDED and checked.checked_in_at is not None
        with pytest.raises(ConflictError):
            services.registration_check_in(actor=organizer, registration=registration)

    @pytest.mark.parametrize("status", [WAITLISTED, CANCELLED])
    def test_only_confirmed_registrations_are_checked_in(self, organizer, status):
        registration = RegistrationFactory(event=event_of(organizer), status=status)
        with pytest.raises(ConflictError):
            services.registration_check_in(actor=organizer, registration=registration)
        registration.refresh_from_db()
        assert registration.status == status and registration.checked_in_at is None

    def test_a_stranger_cannot_check_in(self):
        registration = RegistrationFactory()
        with pytest.raises(ActionForbidden):
            services.registration_check_in(actor=UserFactory(), registration=registration)
        assert status_of(registration) == CONFIRMED


def valid_fields(**overrides) -> dict:
    starts = (timezone.now() + timedelta(days=20)).replace(microsecond=0)
    return {
        "title": "Helis Academy module: GMP",
        "kind": "training",
        "starts_at": starts,
        "ends_at": starts + timedelta(hours=7),
        "venue": "Ghent",
        "city": "Ghent",
        **overrides,
    }


class TestCreateAndValidate:
    def test_a_member_creates_a_draft_or_a_published_event(self, organizer):
        organization = organizer.memberships.get().organization
        draft = services.event_create(actor=organizer, organizer=organization, **valid_fields())
        assert draft.status == EventStatus.DRAFT and draft.slug.startswith("helis-academy")
        published = services.event_create(
            actor=organizer, organizer=organization, publish=True, **valid_fields()
        )
        assert published.status == EventStatus.PUBLISHED and published.slug != draft.slug

    def test_another_organizations_member_cannot_create(self, organizer):
        with pytest.raises(ActionForbidden):
            services.event_create(
                actor=organizer, organizer=OrganizationFactory(), **valid_fields()
            )
        assert not Event.objects.exists()

    def test_an_end_before_the_start_is_refused_on_create(self, organizer):
        fields = valid_fields()
        fields["ends_at"] = fields["starts_at"] - timedelta(hours=1)
        with pytest.raises(ServiceError) as refused:
            services.event_create(
                actor=organizer, organizer=organizer.memberships.get().organization, **fields
            )
        assert "ends_at" in refused.value.detail
        assert not Event.objects.exists()

    def test_an_end_before_the_start_is_refused_on_update(self, organizer):
        event = event_of(organizer)
        before = (event.starts_at, event.ends_at)
        with pytest.raises(ServiceError) as refused:
            services.event_update(
                actor=organizer, event=event, ends_at=event.starts_at - timedelta(minutes=1)
            )
        assert "ends_at" in refused.value.detail
        event.refresh_from_db()
        assert (event.starts_at, event.ends_at) == before

    def test_a_registration_window_closing_before_it_opens_is_refused(self, organizer):
        fields = valid_fields()
        fields["registration_opens_at"] = fields["starts_at"] - timedelta(days=2)
        fields["registration_closes_at"] = fields["starts_at"] - timedelta(days=3)
        with pytest.raises(ServiceError) as refused:
            services.event_create(
                actor=organizer, organizer=organizer.memberships.get().organization, **fields
            )
        assert "registration_closes_at" in refused.value.detail

    def test_a_venue_or_an_online_link_is_needed(self, organizer):
        with pytest.raises(ServiceError) as refused:
            services.event_create(
                actor=organizer,
                organizer=organizer.memberships.get().organization,
                **valid_fields(venue=""),
            )
        assert "venue" in refused.value.detail

    def test_fields_that_are_not_editable_are_refused(self, organizer):
        event = event_of(organizer)
        with pytest.raises(ServiceError) as refused:
            services.event_update(actor=organizer, event=event, status="draft")
        assert "status" in refused.value.detail

    def test_descriptions_are_sanitised(self, organizer):
        event = services.event_create(
            actor=organizer,
            organizer=organizer.memberships.get().organization,
            **valid_fields(description="<p>Hi</p><script>alert(1)</script>"),
        )
        assert "<script" not in event.description and "Hi" in event.description
