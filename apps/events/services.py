"""Every write to events and registrations; places are given under a lock on the event."""

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.accounts.models import User
from apps.core import retention
from apps.core.exceptions import ActionForbidden, ConflictError, ServiceError
from apps.core.html import sanitize_html
from apps.core.i18n import lazy_format
from apps.core.languages import in_every_language
from apps.core.services import audit_record
from apps.events import hooks, permissions, selectors
from apps.events.models import (
    LIVE_STATUSES,
    Event,
    EventNotice,
    EventParticipant,
    EventStatus,
    ParticipantRole,
    ParticipationStatus,
    Registration,
    RegistrationStatus,
)
from apps.events.webhooks import (
    REGISTRATION_CANCELLED,
    REGISTRATION_CREATED,
    registration_changed,
)
from apps.notifications.services import notify, notify_all
from apps.organizations.agents import person
from apps.organizations.models import Organization
from apps.privacy.models import Consent
from apps.privacy.services import consent_end, consent_give, consents_forget

EDITABLE_FIELDS = (
    "title",
    "kind",
    "starts_at",
    "ends_at",
    "venue",
    "address",
    "city",
    "online_url",
    "description",
    "agenda",
    "audience",
    "capacity",
    "waitlist_enabled",
    "registration_opens_at",
    "registration_closes_at",
    # The title and description as written in each language (translation.py).
    *in_every_language("title", "description"),
)


def _touch(event: Event) -> None:
    """A registration changes the places the event shows: its update time moves with it, so
    `updated_since` and `Last-Modified` see the change."""
    event.updated_at = timezone.now()
    Event.objects.filter(pk=event.pk).update(updated_at=event.updated_at)


def _members(organization: Organization) -> list[User]:
    return [membership.user for membership in organization.memberships.select_related("user")]


def _unique_slug(title: str, starts_at: Any) -> str:
    base = slugify(f"{title} {starts_at:%Y}")[:200] or "event"
    slug, counter = base, 2
    while Event.objects.filter(slug=slug).exists():
        slug, counter = f"{base}-{counter}", counter + 1
    return slug


def _confirmed_count(event: Event) -> int:
    return event.registrations.filter(
        status__in=(RegistrationStatus.CONFIRMED, RegistrationStatus.ATTENDED)
    ).count()


def _validate(event: Event, *, start_changed: bool = True) -> None:
    errors: dict[str, list[str]] = {}
    if start_changed and event.starts_at and event.starts_at < timezone.now():
        errors["starts_at"] = [_("An event cannot start in the past.")]
    if event.starts_at and event.ends_at and event.ends_at < event.starts_at:
        errors["ends_at"] = [_("The end is before the start.")]
    opens, closes = event.registration_opens_at, event.registration_closes_at
    if opens and closes and closes <= opens:
        errors["registration_closes_at"] = [_("Registration closes before it opens.")]
    if closes and event.starts_at and closes > event.ends_at:
        errors["registration_closes_at"] = [_("Registration cannot close after the event.")]
    if not event.venue and not event.online_url:
        errors["venue"] = [_("Give a venue or an online link.")]
    if errors:
        raise ServiceError(errors)
    event.full_clean(exclude=["slug", "organizer"])


def _clean(fields: dict) -> dict:
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ServiceError({name: [_("This field cannot be changed.")] for name in sorted(unknown)})
    cleaned = {k: v.strip() if isinstance(v, str) else v for k, v in fields.items()}
    for name in ("description", "agenda", *in_every_language("description")):
        if cleaned.get(name):
            cleaned[name] = sanitize_html(cleaned[name])
    return cleaned


@transaction.atomic
def event_create(
    *, actor: User, organizer: Organization, publish: bool = False, **fields: Any
) -> Event:
    if not permissions.can_organize_for(actor, organizer):
        raise ActionForbidden(_("Only staff and members of the organizer create its events."))
    event = Event(organizer=organizer, **_clean(fields))
    _validate(event)
    event.slug = _unique_slug(event.title, event.starts_at)
    event.status = EventStatus.DRAFT
    event.save()
    if publish:
        event = event_publish(actor=actor, event=event)
    return event


@transaction.atomic
def event_update(*, actor: User, event: Event, **fields: Any) -> Event:
    if not permissions.can_organize(actor, event):
        raise ActionForbidden(_("Only the event's organizers edit it."))
    locked = Event.objects.select_for_update().get(pk=event.pk)
    if locked.status == EventStatus.CANCELLED:
        raise ConflictError({"detail": _("A cancelled event cannot be edited.")})
    previous_start = locked.starts_at
    for name, value in _clean(fields).items():
        setattr(locked, name, value)
    _validate(locked, start_changed=locked.starts_at != previous_start)
    if locked.capacity is not None:
        confirmed = _confirmed_count(locked)
        if locked.capacity < confirmed:
            raise ServiceError(
                {
                    "capacity": [
                        _("%(n)d people are confirmed: the capacity cannot be lower.")
                        % {"n": confirmed}
                    ]
                }
            )
    locked.updated_at = timezone.now()
    locked.save()
    _promote_waitlisted(locked)
    return locked


@transaction.atomic
def event_publish(*, actor: User, event: Event) -> Event:
    """Publish at once for staff and verified organizers; otherwise staff review it first."""
    if not permissions.can_organize(actor, event):
        raise ActionForbidden(_("Only the event's organizers publish it."))
    locked = Event.objects.select_for_update().select_related("organizer").get(pk=event.pk)
    if locked.status not in (EventStatus.DRAFT, EventStatus.REJECTED):
        raise ConflictError({"detail": _("Only a draft can be published.")})
    if locked.starts_at < timezone.now():
        raise ConflictError({"detail": _("An event cannot start in the past.")})
    if permissions.publishes_without_review(actor, locked):
        locked.status = EventStatus.PUBLISHED
    else:
        locked.status = EventStatus.PENDING_REVIEW
        locked.submitted_at = timezone.now()
    locked.updated_at = timezone.now()
    locked.save(update_fields=["status", "submitted_at", "updated_at"])
    return locked


def _tell_organizers(event: Event, subject: Any, template: str, **context: Any) -> None:
    notify_all(
        recipients=_members(event.organizer),
        kind=EventNotice.EVENT_REVIEWED,
        subject=lazy_format(subject, event=event.title),
        template=f"events/email/{template}",
        context={"event": event, **context},
        url=event.get_absolute_url(),
        dedupe_key=f"{template}:{event.pk}:{timezone.now():%Y%m%d%H%M%S%f}",
    )


@transaction.atomic
def event_approve(*, actor: User, event: Event) -> Event:
    if not permissions.can_review(actor):
        raise ActionForbidden(_("Only staff review events."))
    locked = Event.objects.select_for_update().get(pk=event.pk)
    if locked.status != EventStatus.PENDING_REVIEW:
        raise ConflictError({"detail": _("This event is not waiting for review.")})
    locked.status = EventStatus.PUBLISHED
    locked.review_note = ""
    locked.updated_at = timezone.now()
    locked.save(update_fields=["status", "review_note", "updated_at"])
    audit_record(actor=actor, action="event.approve", target=locked)
    _tell_organizers(locked, gettext_lazy("Published: %(event)s"), "event_approved")
    return locked


@transaction.atomic
def event_reject(*, actor: User, event: Event, reason: str) -> Event:
    if not permissions.can_review(actor):
        raise ActionForbidden(_("Only staff review events."))
    reason = (reason or "").strip()[:2000]
    if not reason:
        raise ServiceError({"reason": [_("Tell the organizers what to change.")]})
    locked = Event.objects.select_for_update().get(pk=event.pk)
    if locked.status != EventStatus.PENDING_REVIEW:
        raise ConflictError({"detail": _("This event is not waiting for review.")})
    locked.status = EventStatus.REJECTED
    locked.review_note = reason
    locked.updated_at = timezone.now()
    locked.save(update_fields=["status", "review_note", "updated_at"])
    audit_record(actor=actor, action="event.reject", target=locked, note=reason)
    _tell_organizers(
        locked, gettext_lazy("Changes needed: %(event)s"), "event_rejected", reason=reason
    )
    return locked


@transaction.atomic
def event_cancel(*, actor: User, event: Event, reason: str = "") -> Event:
    """Cancel the event; every live registration is cancelled with it."""
    if not permissions.can_organize(actor, event):
        raise ActionForbidden(_("Only the event's organizers cancel it."))
    locked = Event.objects.select_for_update().get(pk=event.pk)
    if locked.status == EventStatus.CANCELLED:
        raise ConflictError({"detail": _("This event is already cancelled.")})
    if locked.is_past:
        raise ConflictError({"detail": _("A past event cannot be cancelled.")})
    locked.status = EventStatus.CANCELLED
    locked.cancellation_reason = (reason or "").strip()[:2000]
    locked.updated_at = timezone.now()
    locked.save(update_fields=["status", "cancellation_reason", "updated_at"])
    if actor.is_staff:
        audit_record(
            actor=actor, action="event.cancel", target=locked, note=locked.cancellation_reason
        )
    live = list(locked.registrations.filter(status__in=LIVE_STATUSES).select_related("user"))
    cancelled_at = timezone.now()
    locked.registrations.filter(pk__in=[r.pk for r in live]).update(
        status=RegistrationStatus.CANCELLED, cancelled_at=cancelled_at
    )
    hooks.event_cancelled(event=locked)
    for registration in live:
        if registration.user_id is None:
            continue  # anonymised: nobody to tell, nothing to tell about
        registration.event = locked
        registration.status, registration.cancelled_at = RegistrationStatus.CANCELLED, cancelled_at
        registration_changed(registration=registration, event_type=REGISTRATION_CANCELLED)
        _tell(
            registration,
            EventNotice.EVENT_CANCELLED,
            gettext_lazy("Cancelled: %(event)s"),
            "event_cancelled",
            reason=locked.cancellation_reason,
        )
    return locked


@transaction.atomic
def event_set_participants(
    *, actor: User, event: Event, participants: Iterable[tuple[Organization, str]]
) -> None:
    """Set who takes part. An organization the actor does not belong to is only invited: it
    shows once one of its members accepts. Unchanged participations keep their answer."""
    if not permissions.can_organize(actor, event):
        raise ActionForbidden(_("Only the event's organizers change who takes part."))
    participants = list(participants)
    organizations = [organization.pk for organization, _role in participants]
    if len(set(organizations)) != len(organizations):
        raise ServiceError({"participants": [_("Each organization takes part once.")]})
    if any(role not in ParticipantRole.values for _organization, role in participants):
        raise ServiceError({"participants": [_("Unknown role.")]})
    _touch(event)
    kept = {
        (participation.organization_id, participation.role): participation
        for participation in event.participations.all()
    }
    wanted = {(organization.pk, role) for organization, role in participants}
    event.participations.exclude(pk__in=[p.pk for key, p in kept.items() if key in wanted]).delete()
    now = timezone.now()
    invited = []
    for organization, role in participants:
        if (organization.pk, role) in kept:
            continue
        speaks_for = permissions.can_answer_participation(actor, organization)
        participation = EventParticipant.objects.create(
            event=event,
            organization=organization,
            role=role,
            status=ParticipationStatus.ACCEPTED if speaks_for else ParticipationStatus.INVITED,
            answered_by=person(actor) if speaks_for else None,
            answered_at=now if speaks_for else None,
        )
        if not speaks_for:
            invited.append(participation)
    for participation in invited:
        notify_all(
            recipients=_members(participation.organization),
            kind=EventNotice.EVENT_PARTICIPATION,
            subject=lazy_format(
                gettext_lazy("%(organizer)s invites %(organization)s to %(event)s"),
                organizer=event.organizer.name,
                organization=participation.organization.name,
                event=event.title,
            ),
            template="events/email/participation_invited",
            context={"event": event, "participation": participation},
            url=event.get_absolute_url(),
            dedupe_key=f"participation:{participation.pk}",
        )


@transaction.atomic
def participation_answer(
    *, actor: User, event: Event, organization: Organization, accept: bool
) -> EventParticipant:
    """A member of the invited organization accepts or declines taking part."""
    if not permissions.can_answer_participation(actor, organization):
        raise ActionForbidden(_("Only members of the invited organization answer."))
    participation = (
        EventParticipant.objects.select_for_update()
        .filter(event=event, organization=organization)
        .first()
    )
    if participation is None:
        raise ServiceError({"detail": _("This organization is not invited to this event.")})
    wanted = ParticipationStatus.ACCEPTED if accept else ParticipationStatus.DECLINED
    if participation.status == wanted:
        raise ConflictError({"detail": _("This invitation has already been answered.")})
    participation.status = wanted
    participation.answered_by = person(actor)
    participation.answered_at = timezone.now()
    participation.save(update_fields=["status", "answered_by", "answered_at"])
    _touch(event)
    return participation


def _tell(
    registration: Registration, kind: str, subject: Any, template: str, **context: Any
) -> None:
    user = registration.user
    if user is None:
        return  # anonymised: nobody to tell
    event = registration.event
    notify(
        recipient=user,
        kind=kind,
        subject=lazy_format(subject, event=event.title),
        template=f"events/email/{template}",
        context={"event": event, **context},
        url=event.get_absolute_url(),
        dedupe_key=f"{template}:{registration.pk}",
    )


def _promote_waitlisted(event: Event) -> list[Registration]:
    """Fill free places from the waiting list, first come first served (event row locked)."""
    if event.capacity is None:
        free = None
    else:
        free = event.capacity - _confirmed_count(event)
        if free <= 0:
            return []
    waiting = event.registrations.filter(status=RegistrationStatus.WAITLISTED).order_by(
        "waitlisted_at", "created_at"
    )
    promoted = list(waiting if free is None else waiting[:free])
    if promoted:
        _touch(event)
    for registration in promoted:
        registration.status = RegistrationStatus.CONFIRMED
        registration.save(update_fields=["status"])
        registration.event = event
        _tell(
            registration,
            EventNotice.REGISTRATION_PROMOTED,
            gettext_lazy("A place for you at %(event)s"),
            "registration_promoted",
        )
    return promoted


@transaction.atomic
def registration_create(
    *, user: User, event: Event, visible_to_exhibitors: bool = False
) -> Registration:
    """Confirmed while places are left, else on the waiting list (or refused when it has none).

    The event row is locked, so two people asking for the last place are served one by one.
    `visible_to_exhibitors` is the attendee's own choice; nobody is shown to exhibitors
    unless they ask for it.
    """
    locked = Event.objects.select_for_update().get(pk=event.pk)
    refusal = permissions.registration_refusal(user, locked)
    if refusal:
        if not user.is_authenticated:
            raise ActionForbidden(refusal)
        raise ConflictError({"detail": refusal})
    if locked.registrations.filter(user=user, status__in=LIVE_STATUSES).exists():
        raise ConflictError({"detail": _("You are already registered for this event.")})
    full = locked.capacity is not None and _confirmed_count(locked) >= locked.capacity
    if full and not locked.waitlist_enabled:
        raise ConflictError({"detail": _("This event is full.")})
    now = timezone.now()
    try:
        with transaction.atomic():
            registration = Registration.objects.create(
                event=locked,
                user=user,
                status=RegistrationStatus.WAITLISTED if full else RegistrationStatus.CONFIRMED,
                waitlisted_at=now if full else None,
                visible_to_exhibitors=bool(visible_to_exhibitors),
            )
    except IntegrityError as error:
        raise ConflictError({"detail": _("You are already registered for this event.")}) from error
    if registration.visible_to_exhibitors:
        registration.exhibitor_consent = _exhibitor_consent(user, locked, now=now)
        registration.save(update_fields=["exhibitor_consent"])
    _touch(locked)
    registration_changed(registration=registration, event_type=REGISTRATION_CREATED)
    if full:
        from apps.events.selectors import waitlist_position

        _tell(
            registration,
            EventNotice.REGISTRATION_WAITLISTED,
            gettext_lazy("On the waiting list for %(event)s"),
            "registration_waitlisted",
            position=waitlist_position(registration=registration),
        )
    else:
        _tell(
            registration,
            EventNotice.REGISTRATION_CONFIRMED,
            gettext_lazy("You are registered for %(event)s"),
            "registration_confirmed",
        )
    return registration


@transaction.atomic
def registration_cancel(*, user: User, event: Event) -> Registration:
    """Give the place back up to the start; the first on the waiting list gets it at once."""
    locked = Event.objects.select_for_update().get(pk=event.pk)
    registration = (
        locked.registrations.select_for_update()
        .filter(user=user, status__in=(RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED))
        .first()
    )
    if registration is None:
        raise ServiceError({"detail": _("You are not registered for this event.")})
    if locked.has_started:
        raise ConflictError({"detail": _("The event has started; it can no longer be cancelled.")})
    registration.status = RegistrationStatus.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at"])
    _touch(locked)
    registration.event = locked
    registration_changed(registration=registration, event_type=REGISTRATION_CANCELLED)
    hooks.registration_cancelled(registration=registration)
    _promote_waitlisted(locked)
    return registration


@transaction.atomic
def registration_set_visibility(*, user: User, event: Event, visible: bool) -> Registration:
    """The attendee shows themselves to the event's exhibitors, or stops doing so, at once."""
    registration = (
        Registration.objects.select_for_update()
        .filter(event=event, user=user, status__in=LIVE_STATUSES)
        .first()
    )
    if registration is None:
        raise ServiceError({"detail": _("You are not registered for this event.")})
    if registration.visible_to_exhibitors != bool(visible):
        registration.visible_to_exhibitors = bool(visible)
        if visible:
            registration.exhibitor_consent = _exhibitor_consent(user, event, now=timezone.now())
        elif registration.exhibitor_consent_id:
            consent_end(consent_id=registration.exhibitor_consent_id)
        registration.save(update_fields=["visible_to_exhibitors", "exhibitor_consent"])
    return registration


# --- Consent to be listed for the exhibitors ----------------------------------------------

EXHIBITOR_LISTING_PURPOSE = "exhibitor_listing"


def exhibitor_listing_text(event: Event) -> str:
    """The words an attendee agrees to by choosing to be visible to the exhibitors."""
    return _(
        "The exhibitors of “%(event)s” may see my talent profile and find me as in the talent "
        "pool, until the event ends; never my email address or CVs."
    ) % {"event": event.title}


def _exhibitor_consent(user: User, event: Event, *, now: datetime) -> Consent:
    return consent_give(
        user=user,
        purpose=EXHIBITOR_LISTING_PURPOSE,
        text=exhibitor_listing_text(event),
        expires_at=event.ends_at,
        now=now,
    )


def exhibitor_consent_withdrawn(*, consent: Consent) -> None:
    """Withdrawn from the privacy page: the exhibitors no longer see the person, at once."""
    Registration.objects.filter(exhibitor_consent=consent).update(visible_to_exhibitors=False)


@transaction.atomic
def registration_check_in(*, actor: User, registration: Registration) -> Registration:
    if not permissions.can_organize(actor, registration.event):
        raise ActionForbidden(_("Only the event's organizers check people in."))
    locked = Registration.objects.select_for_update().get(pk=registration.pk)
    if locked.status == RegistrationStatus.ATTENDED:
        raise ConflictError({"detail": _("Already checked in.")})
    if locked.status != RegistrationStatus.CONFIRMED:
        raise ConflictError({"detail": _("Only confirmed registrations can be checked in.")})
    locked.status = RegistrationStatus.ATTENDED
    locked.checked_in_at = timezone.now()
    locked.save(update_fields=["status", "checked_in_at"])
    return locked


def events_send_reminders() -> int:
    """About 24 hours before the start, remind everyone confirmed; once per registration."""
    now = timezone.now()
    due = Registration.objects.filter(
        status=RegistrationStatus.CONFIRMED,
        event__status=EventStatus.PUBLISHED,
        event__starts_at__gt=now,
        event__starts_at__lte=now + timedelta(hours=24),
    ).select_related("event", "user")
    sent = 0
    for registration in due.iterator(chunk_size=500):
        with transaction.atomic():
            _tell(
                registration,
                EventNotice.EVENT_REMINDER,
                gettext_lazy("Tomorrow: %(event)s"),
                "event_reminder",
            )
            sent += 1
    return sent


# --- Erasure and how long registrations are kept ------------------------------------------


def registrations_anonymise(*, ids: list, now: datetime | None = None) -> int:
    """Take the person out of these registrations; the event, status and dates stay for the
    figures. Safe to run twice."""
    rows = Registration.objects.filter(pk__in=ids, user__isnull=False)
    consents = list(
        rows.exclude(exhibitor_consent=None).values_list("exhibitor_consent_id", flat=True)
    )
    done = rows.update(
        user=None,
        anonymised_at=now or timezone.now(),
        visible_to_exhibitors=False,
        exhibitor_consent=None,
    )
    consents_forget(consent_ids=consents)
    return done


def registrations_erase_person(*, user: User) -> int:
    """On erasure: places at events to come are given back (the waiting list moves up),
    then every registration of the person stays counted, without them."""
    now = timezone.now()
    holding = Registration.objects.filter(
        user=user,
        status__in=(RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED),
        event__ends_at__gt=now,
    ).select_related("event")
    for registration in holding:
        if registration.event.has_started:
            # Too late to hand the place on; the place is simply no longer held.
            Registration.objects.filter(pk=registration.pk).update(
                status=RegistrationStatus.CANCELLED, cancelled_at=now
            )
        else:
            registration_cancel(user=user, event=registration.event)
    ids = list(Registration.objects.filter(user=user).values_list("pk", flat=True))
    return registrations_anonymise(ids=ids, now=now)


def registrations_apply_retention(
    *, now: datetime, dry_run: bool = False, limit: int | None = None
) -> list[retention.Step]:
    return [
        retention.run_in_batches(
            due=selectors.registrations_due(at=now),
            action=gettext_lazy("anonymised"),
            apply=lambda ids: registrations_anonymise(ids=ids, now=now),
            dry_run=dry_run,
            limit=limit,
        )
    ]


def registrations_upcoming(*, now: datetime, until: datetime, limit: int) -> retention.Upcoming:
    return retention.upcoming_from(
        due=selectors.registrations_due(at=until).select_related("event"),
        order_by=("event__ends_at", "pk"),
        item=lambda registration: retention.DueItem(
            label=_("Registration for “%(event)s”") % {"event": registration.event.title},
            goes_at=selectors.registration_goes_at(registration),
        ),
        limit=limit,
    )


def registrations_period() -> str:
    return _("%(months)d months after the event") % {
        "months": settings.RETENTION_REGISTRATIONS_MONTHS
    }
