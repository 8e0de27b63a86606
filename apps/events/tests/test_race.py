"""The race for the last place, on PostgreSQL: threads with their own connections."""

import threading
from collections.abc import Callable

import pytest
from django.conf import settings
from django.db import connection

from apps.accounts.tests.factories import UserFactory
from apps.core.exceptions import ConflictError
from apps.events import selectors, services
from apps.events.models import Registration, RegistrationStatus
from apps.events.tests.factories import EventFactory, RegistrationFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not settings.USES_POSTGRES, reason="row locks need PostgreSQL"),
]

CONFIRMED = RegistrationStatus.CONFIRMED
WAITLISTED = RegistrationStatus.WAITLISTED


def run_together(calls: list[Callable[[], object]], allow_errors: bool = False) -> list[object]:
    """Start every call at the same moment, each in a thread with its own connection."""
    barrier = threading.Barrier(len(calls))
    results: list[object] = [None] * len(calls)

    def worker(index: int, call: Callable[[], object]) -> None:
        try:
            barrier.wait(timeout=10)
            results[index] = call()
        except BaseException as error:  # reported by the test
            results[index] = error
        finally:
            connection.close()

    threads = [
        threading.Thread(target=worker, args=(index, call)) for index, call in enumerate(calls)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads), "a thread hung"
    if not allow_errors:
        errors = [result for result in results if isinstance(result, BaseException)]
        assert not errors, errors
    return results


def registrar(event, user) -> Callable[[], Registration]:
    return lambda: services.registration_create(user=user, event=event)


def test_two_people_for_the_last_place():
    event = EventFactory(capacity=1)
    users = [UserFactory(), UserFactory()]
    run_together([registrar(event, user) for user in users])
    statuses = sorted(event.registrations.values_list("status", flat=True))
    assert statuses == [CONFIRMED, WAITLISTED]
    waiting = event.registrations.get(status=WAITLISTED)
    assert selectors.waitlist_position(registration=waiting) == 1


def test_ten_people_for_three_places():
    event = EventFactory(capacity=3)
    users = [UserFactory() for _ in range(10)]
    run_together([registrar(event, user) for user in users])
    registrations = list(event.registrations.all())
    assert len(registrations) == 10
    confirmed = [r for r in registrations if r.status == CONFIRMED]
    waiting = [r for r in registrations if r.status == WAITLISTED]
    assert (len(confirmed), len(waiting)) == (3, 7)
    assert all(r.waitlisted_at is None for r in confirmed)
    assert len({r.waitlisted_at for r in waiting}) == 7
    positions = sorted(selectors.waitlist_position(registration=r) for r in waiting)
    assert positions == list(range(1, 8))


def test_one_person_registering_twice_at_the_same_moment_gets_one_registration():
    event = EventFactory(capacity=5)
    user = UserFactory()
    results = run_together([registrar(event, user) for _ in range(4)], allow_errors=True)
    assert event.registrations.get(user=user).status == CONFIRMED
    refused = [result for result in results if isinstance(result, BaseException)]
    assert len(refused) == 3
    assert all(isinstance(error, ConflictError) for error in refused), refused


@pytest.mark.parametrize("attempt", range(3))
def test_a_cancel_racing_a_register_never_double_books(attempt):
    event = EventFactory(capacity=1)
    holder = RegistrationFactory(event=event)
    waiting = RegistrationFactory(event=event, status=WAITLISTED)
    newcomer = UserFactory()
    run_together(
        [
            lambda: services.registration_cancel(user=holder.user, event=event),
            registrar(event, newcomer),
        ]
    )
    assert event.registrations.filter(status=CONFIRMED).count() == 1
    waiting.refresh_from_db()
    # The first on the waiting list gets the freed place, whoever ran first.
    assert waiting.status == CONFIRMED
    assert event.registrations.get(user=newcomer).status == WAITLISTED


@pytest.mark.parametrize("attempt", range(3))
def test_a_cancel_racing_a_register_with_an_empty_queue(attempt):
    event = EventFactory(capacity=1)
    holder = RegistrationFactory(event=event)
    newcomer = UserFactory()
    run_together(
        [
            lambda: services.registration_cancel(user=holder.user, event=event),
            registrar(event, newcomer),
        ]
    )
    # Either the newcomer took the freed place, or joined the queue and was promoted at once.
    assert list(event.registrations.filter(status=CONFIRMED).values_list("user", flat=True)) == [
        newcomer.pk
    ]
    assert not event.registrations.filter(status=WAITLISTED).exists()
