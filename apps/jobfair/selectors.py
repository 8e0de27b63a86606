"""Reads of the job fair: who is hiring, the slots, the agendas and schedules.

Every list is bounded and fetched in a fixed number of queries, whatever the number of
exhibitors, vacancies, slots or meetings.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID

from django.conf import settings
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import AnyUser, User
from apps.core import retention
from apps.core.html import html_to_text
from apps.core.personal_data import Holding, Link
from apps.events.models import (
    Event,
    EventParticipant,
    EventStatus,
    ParticipantRole,
    Registration,
    RegistrationStatus,
)
from apps.events.selectors import public_participations
from apps.jobfair.models import Meeting, MeetingSlot, MeetingStatus, SlotStatus
from apps.organizations.models import Membership, Organization
from apps.talent.models import TalentProfile
from apps.talent.selectors import talent_profile_of
from apps.vacancies.models import Vacancy
from apps.vacancies.selectors import live_vacancies

# The roles that meet people at an event: job-fair exhibitors and a cafe's host company.
EXHIBITING_ROLES = (ParticipantRole.EXHIBITOR, ParticipantRole.HOST)
ATTENDING = (RegistrationStatus.CONFIRMED, RegistrationStatus.ATTENDED)
MAX_EXHIBITORS = 200
VACANCIES_PER_EXHIBITOR = 5
MAX_SLOTS_SHOWN = 500


def exhibiting_organizations_of(*, event: Event) -> list[Organization]:
    """The organizations exhibiting (or hosting) at the event, once they accepted to take
    part, by name; kept on the event for the request."""
    cached = event.__dict__.get("_exhibiting_organizations")
    if cached is None:
        participations = public_participations(
            EventParticipant.objects.filter(event=event, role__in=EXHIBITING_ROLES)
        ).select_related("organization")
        cached = sorted(
            (participation.organization for participation in participations[:MAX_EXHIBITORS]),
            key=lambda organization: organization.name.lower(),
        )
        event.__dict__["_exhibiting_organizations"] = cached
    return cached


def exhibits(*, event: Event, organization: Organization) -> bool:
    return any(o.pk == organization.pk for o in exhibiting_organizations_of(event=event))


# --- Who's hiring -------------------------------------------------------------------------


@dataclass
class VacancyFit:
    vacancy: Vacancy
    score: int = 0
    matches: list[str] = field(default_factory=list)


@dataclass
class ExhibitorHiring:
    organization: Organization
    open_vacancy_count: int
    vacancies: list[VacancyFit]
    fit: int = 0
    matches: list[str] = field(default_factory=list)


@dataclass
class HiringBoard:
    exhibitors: list[ExhibitorHiring]
    # True when the list is ordered by fit with the viewer's talent profile.
    ranked_for_viewer: bool = False


def _mentions(text: str, skill: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(skill)}(?![\w-])", text) is not None


def vacancy_fit(vacancy: Vacancy, profile: TalentProfile) -> VacancyFit:
    """How well a vacancy suits a profile: its discipline, then the skills it mentions, then
    the contract. The matches are shown, so the person sees why."""
    fit = VacancyFit(vacancy)
    if vacancy.discipline in (profile.disciplines or []):
        fit.score += 3
        fit.matches.append(vacancy.get_discipline_display())
    text = f"{vacancy.title}\n{html_to_text(vacancy.description)}".lower()
    for skill in (profile.skills or [])[:40]:
        if len(fit.matches) < 8 and _mentions(text, skill):
            fit.score += 1
            fit.matches.append(skill)
    if vacancy.contract in (profile.contract_types or []):
        fit.score += 1
    return fit


def _viewer_profile(*, user: AnyUser, event: Event) -> TalentProfile | None:
    """The profile the list is ranked by: an attendee's own, when they have one."""
    if not user.is_authenticated:
        return None
    attending = Registration.objects.filter(event=event, user=user, status__in=ATTENDING).exists()
    if not attending:
        return None
    profile = talent_profile_of(user=user)
    if profile is None or not (profile.disciplines or profile.skills):
        return None
    return profile


def hiring_at(*, event: Event, user: AnyUser) -> HiringBoard:
    """Every exhibitor with its newest open vacancies, ranked by fit for an attendee.

    Three queries: the exhibitors, their newest vacancies (a window per organization) and
    the number each has open.
    """
    organizations = exhibiting_organizations_of(event=event)
    ids = [organization.pk for organization in organizations]
    if not ids:
        return HiringBoard([])
    live = live_vacancies().filter(organization_id__in=ids)
    newest = (
        live.select_related(None)
        .prefetch_related(None)
        .annotate(
            place=Window(
                RowNumber(),
                partition_by=[F("organization_id")],
                order_by=[F("published_at").desc(), F("pk").desc()],
            )
        )
        .filter(place__lte=VACANCIES_PER_EXHIBITOR)
        .order_by("organization_id", "place")
    )
    counts = dict(
        live.order_by()
        .values("organization_id")
        .annotate(n=Count("pk"))
        .values_list("organization_id", "n")
    )
    by_organization: dict[int, list[Vacancy]] = {}
    vacancy: Vacancy
    for vacancy in newest:
        by_organization.setdefault(vacancy.organization_id, []).append(vacancy)
    profile = _viewer_profile(user=user, event=event)
    exhibitors = []
    for organization in organizations:
        vacancies = by_organization.get(organization.pk, [])
        for vacancy in vacancies:
            vacancy.organization = organization
        fits = [
            vacancy_fit(vacancy, profile) if profile else VacancyFit(vacancy)
            for vacancy in vacancies
        ]
        fits.sort(key=lambda fit: -fit.score)
        exhibitor = ExhibitorHiring(organization, counts.get(organization.pk, 0), fits)
        if fits:
            exhibitor.fit = fits[0].score
            exhibitor.matches = list(dict.fromkeys(m for fit in fits for m in fit.matches))[:8]
        exhibitors.append(exhibitor)
    if profile is not None:
        exhibitors.sort(
            key=lambda e: (-e.fit, -sum(f.score for f in e.vacancies), e.organization.name.lower())
        )
    else:
        exhibitors.sort(key=lambda e: (-min(e.open_vacancy_count, 1), e.organization.name.lower()))
    return HiringBoard(exhibitors, ranked_for_viewer=profile is not None)


# --- Slots and meetings -------------------------------------------------------------------


def _live_meeting() -> QuerySet[Meeting]:
    return Meeting.objects.filter(slot_id=OuterRef("pk"), status=MeetingStatus.BOOKED)


def event_slots(
    *, event: Event, organization: Organization | None = None, available: bool | None = None
) -> QuerySet[MeetingSlot]:
    """The event's slots that are not closed, each saying whether it is taken (never by whom)."""
    slots = (
        MeetingSlot.objects.filter(event=event, status=SlotStatus.OPEN)
        .annotate(taken=Exists(_live_meeting()))
        .select_related("organization")
        .order_by("starts_at", "organization__name", "location", "pk")
    )
    if organization is not None:
        slots = slots.filter(organization=organization)
    if available is True:
        slots = slots.filter(taken=False, starts_at__gt=timezone.now())
    elif available is False:
        slots = slots.filter(Q(taken=True) | Q(starts_at__lte=timezone.now()))
    return slots


def slot_for_booking(*, slot_id: UUID | str) -> MeetingSlot:
    return MeetingSlot.objects.select_related("event", "organization").get(pk=slot_id)


def meetings_of(*, user: User, upcoming_only: bool = False) -> QuerySet[Meeting]:
    """The person's booked meetings, soonest first."""
    meetings = Meeting.objects.filter(attendee=user, status=MeetingStatus.BOOKED)
    if upcoming_only:
        meetings = meetings.filter(slot__ends_at__gt=timezone.now())
    return meetings.select_related("slot", "slot__event", "slot__organization", "cv").order_by(
        "slot__starts_at", "pk"
    )


def meetings_for_calendar(*, user: User) -> QuerySet[Meeting]:
    """Booked and cancelled meetings still to come, so a subscribed calendar learns of both."""
    return (
        Meeting.objects.filter(attendee=user, slot__ends_at__gt=timezone.now())
        .select_related("slot", "slot__event", "slot__organization")
        .order_by("slot__starts_at", "pk")
    )


def meetings_at_event_of(*, user: User, event: Event) -> QuerySet[Meeting]:
    return meetings_of(user=user).filter(slot__event=event)


def meetings_with_organizations_of(*, user: User, limit: int = 20) -> list[Meeting]:
    """Upcoming meetings with the organizations the user is a member of (their dashboard)."""
    own = Membership.objects.filter(user=user).values("organization_id")
    return list(
        Meeting.objects.filter(
            status=MeetingStatus.BOOKED,
            slot__organization_id__in=own,
            slot__ends_at__gt=timezone.now(),
        )
        .select_related("slot", "slot__event", "slot__organization", "attendee")
        .order_by("slot__starts_at", "pk")[:limit]
    )


def meeting_for_actor(*, meeting_id: UUID | str) -> Meeting:
    return Meeting.objects.select_related(
        "slot", "slot__event", "slot__organization", "attendee", "cv"
    ).get(pk=meeting_id)


def exhibitor_schedule(*, event: Event, organization: Organization) -> QuerySet[MeetingSlot]:
    """Every slot of the organization at the event, closed ones too, with its live meeting:
    the person, their profile, their message and the CV they chose to share."""
    live = Meeting.objects.filter(status=MeetingStatus.BOOKED).select_related(
        "attendee", "attendee__talent_profile", "cv"
    )
    return (
        MeetingSlot.objects.filter(event=event, organization=organization)
        .select_related("organization", "event")
        .prefetch_related(Prefetch("meetings", queryset=live, to_attr="live_meetings"))
        .order_by("starts_at", "location", "pk")
    )


def slots_overlapping(
    *,
    organization: Organization,
    event: Event,
    starts_at: datetime,
    ends_at: datetime,
    location: str,
) -> QuerySet[MeetingSlot]:
    """Open slots of the organization at the same place that share some minutes with a range."""
    return MeetingSlot.objects.filter(
        event=event,
        organization=organization,
        status=SlotStatus.OPEN,
        location__iexact=location,
        starts_at__lt=ends_at,
        ends_at__gt=starts_at,
    )


def meetings_overlapping(
    *, user: User, starts_at: datetime, ends_at: datetime
) -> QuerySet[Meeting]:
    return Meeting.objects.filter(
        attendee=user,
        status=MeetingStatus.BOOKED,
        slot__starts_at__lt=ends_at,
        slot__ends_at__gt=starts_at,
    )


# --- Attendees visible to exhibitors -----------------------------------------------------


def visible_attendees(*, event: Event) -> QuerySet[TalentProfile]:
    """Profiles of people with a place who chose to be visible to this event's exhibitors,
    whatever their talent-pool visibility: they chose this for this event."""
    chose = Registration.objects.filter(
        event=event,
        user_id=OuterRef("user_id"),
        status__in=ATTENDING,
        visible_to_exhibitors=True,
    )
    return (
        TalentProfile.objects.filter(Exists(chose), user__is_active=True)
        .select_related("user")
        .order_by("-updated_at", "-pk")
    )


# --- What is shared, for talent's rules --------------------------------------------------


def profile_shared_with_member(*, member: User, applicant_id: int) -> bool:
    """A person shares their profile with an organization by booking a meeting with it, and
    with the exhibitors of an event they attend by choosing to be visible to them."""
    own = Membership.objects.filter(user=member).values("organization_id")
    if Meeting.objects.filter(
        attendee_id=applicant_id, status=MeetingStatus.BOOKED, slot__organization_id__in=own
    ).exists():
        return True
    exhibiting = public_participations(
        EventParticipant.objects.filter(
            event_id=OuterRef("event_id"), role__in=EXHIBITING_ROLES, organization_id__in=own
        )
    )
    return (
        Registration.objects.filter(
            user_id=applicant_id,
            status__in=ATTENDING,
            visible_to_exhibitors=True,
            event__status=EventStatus.PUBLISHED,
            event__ends_at__gt=timezone.now(),
        )
        .filter(Exists(exhibiting))
        .exists()
    )


def organizations_given_cv(*, cv_id: UUID | str) -> QuerySet[Organization]:
    """Organizations a CV was shared with for a meeting still booked."""
    shared = Meeting.objects.filter(cv_id=cv_id, status=MeetingStatus.BOOKED).values(
        "slot__organization_id"
    )
    return Organization.objects.filter(pk__in=shared)


def personal_data_export(*, user: User, build_url: Callable[[str], str]) -> dict:
    """The person's meetings at events, for the GDPR export."""
    meetings = (
        Meeting.objects.filter(attendee=user)
        .select_related("slot", "slot__event", "slot__organization", "cv")
        .order_by("booked_at")
    )
    return {
        "meetings": [
            {
                "event": meeting.slot.event.title,
                "organization": meeting.slot.organization.name,
                "starts_at": meeting.slot.starts_at.isoformat(),
                "ends_at": meeting.slot.ends_at.isoformat(),
                "location": meeting.slot.location,
                "message": meeting.message,
                "cv_shared": meeting.cv.original_name if meeting.cv else None,
                "status": meeting.status,
                "booked_at": meeting.booked_at.isoformat(),
                "cancelled_at": meeting.cancelled_at.isoformat() if meeting.cancelled_at else None,
            }
            for meeting in meetings
        ]
    }


# --- How long meetings are kept -----------------------------------------------------------

HOLDINGS_LIMIT = 500


def _months() -> int:
    # Meetings are part of taking part in the event: kept as long as its registrations.
    return settings.RETENTION_REGISTRATIONS_MONTHS


def meetings_due(*, at: datetime) -> QuerySet[Meeting]:
    """Meetings, with their message and the CV they shared, of events that ended the
    configured number of months before `at`."""
    return Meeting.objects.filter(
        slot__event__ends_at__lte=retention.cutoff(at=at, months=_months())
    )


def meeting_goes_at(meeting: Meeting) -> datetime:
    return retention.goes_at(start=meeting.slot.event.ends_at, months=_months())


def meeting_holdings(*, user: User, now: datetime) -> list[Holding]:
    """The user's meetings as each exhibitor holds them, with the day each goes."""
    meetings = (
        Meeting.objects.filter(attendee=user)
        .select_related("slot__event", "slot__organization", "cv")
        .order_by("-slot__starts_at")[:HOLDINGS_LIMIT]
    )
    kept = _("%(months)d months after the event") % {"months": _months()}
    held = []
    for meeting in meetings:
        values = {
            "event": meeting.slot.event.title,
            "when": timezone.localtime(meeting.slot.starts_at).strftime("%Y-%m-%d %H:%M"),
        }
        if meeting.cv is not None and meeting.status == MeetingStatus.BOOKED:
            label = _("Your meeting at “%(event)s” on %(when)s, with your CV “%(cv)s”") % {
                **values,
                "cv": meeting.cv.original_name,
            }
        else:
            label = _("Your meeting at “%(event)s” on %(when)s") % values
        held.append(
            Holding(
                kind="meeting",
                label=label,
                holder=meeting.slot.organization.name,
                since=meeting.booked_at,
                until=meeting_goes_at(meeting),
                kept=kept,
                links=(Link(_("Your meetings"), reverse("dashboard")),),
            )
        )
    return held
