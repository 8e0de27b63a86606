"""Job-fair pages: thin views that validate, call a service and render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core.exceptions import ServiceError
from apps.core.views import add_service_errors, page_query, render_refusal
from apps.events.models import Event, EventStatus
from apps.events.selectors import events_visible_to, registration_of
from apps.jobfair import exports, selectors, services
from apps.jobfair import permissions as rules
from apps.jobfair.forms import BookForm, CancelMeetingForm, SlotOpenForm
from apps.jobfair.models import Meeting, MeetingSlot
from apps.talent.filters import TalentFilter
from apps.talent.selectors import cvs_of

PAGE_SIZE = 20


def _event(request, slug: str) -> Event:
    try:
        return events_visible_to(user=request.user).get(slug=slug)
    except Event.DoesNotExist as error:
        raise Http404 from error


def _back(request, default: str) -> str:
    """Where to go after a form: the `next` the page gave, if it stays on this site."""
    target = request.POST.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return default


def event_panel(request: HttpRequest, event: Event) -> dict | None:
    """The job fair on an event's page: who's hiring, slots to book, the visitor's meetings
    and, for exhibitors, their schedule. Nothing when nobody exhibits and nothing is booked."""
    user = request.user
    hiring = selectors.hiring_at(event=event, user=user)
    meetings = (
        list(selectors.meetings_at_event_of(user=user, event=event))
        if user.is_authenticated
        else []
    )
    if not hiring.exhibitors and not meetings:
        return None
    bookable = event.status == EventStatus.PUBLISHED and not event.is_past
    slots = (
        list(selectors.event_slots(event=event)[: selectors.MAX_SLOTS_SHOWN]) if bookable else []
    )
    by_organization: dict[int, list[MeetingSlot]] = {}
    for slot in slots:
        by_organization.setdefault(slot.organization_id, []).append(slot)
    exhibitors = selectors.exhibiting_organizations_of(event=event)
    registration = registration_of(user=user, event=event)
    return {
        "event": event,
        "hiring": hiring,
        "slot_groups": [
            (organization, by_organization[organization.pk])
            for organization in exhibitors
            if organization.pk in by_organization
        ],
        "my_meetings": meetings,
        "booking_refusal": rules.booking_refusal(user, registration),
        "my_exhibitors": rules.exhibitor_memberships(user, event),
    }


@login_required
def book(request, slot_id):
    try:
        slot = selectors.slot_for_booking(slot_id=slot_id)
    except MeetingSlot.DoesNotExist as error:
        raise Http404 from error
    event = slot.event
    if not events_visible_to(user=request.user).filter(pk=event.pk).exists():
        raise Http404
    data = request.POST if request.method == "POST" else None
    form = BookForm(data, cvs=list(cvs_of(user=request.user)))
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_book(
                attendee=request.user,
                slot=slot,
                message=form.cleaned_data["message"],
                cv=form.cleaned_data["cv"],
            )
        except ServiceError as error:
            if error.status_code != 400:
                return render_refusal(
                    request, error, back_url=f"{event.get_absolute_url()}#meetings"
                )
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Your meeting with %(name)s is booked. It is in your agenda below.")
                % {"name": slot.organization.name},
            )
            return redirect(f"{event.get_absolute_url()}#meetings")
    context = {
        "slot": slot,
        "event": event,
        "form": form,
        "refusal": rules.booking_refusal(
            request.user, registration_of(user=request.user, event=event)
        )
        or rules.own_organization_refusal(request.user, slot),
    }
    return render(request, "jobfair/book.html", context, status=400 if form.errors else 200)


@require_POST
@login_required
def cancel(request, meeting_id):
    try:
        meeting = selectors.meeting_for_actor(meeting_id=meeting_id)
    except Meeting.DoesNotExist as error:
        raise Http404 from error
    if not rules.can_see_meeting(request.user, meeting):
        raise Http404
    back = _back(request, f"{meeting.slot.event.get_absolute_url()}#meetings")
    form = CancelMeetingForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.meeting_cancel(actor=request.user, meeting=meeting, reason=reason)
    except ServiceError as error:
        return render_refusal(request, error, back_url=back)
    messages.success(request, _("The meeting is cancelled; the slot is free again."))
    return redirect(back)


@require_POST
@login_required
def close_slot(request, slot_id):
    try:
        slot = selectors.slot_for_booking(slot_id=slot_id)
    except MeetingSlot.DoesNotExist as error:
        raise Http404 from error
    back = reverse(
        "jobfair:schedule",
        kwargs={"slug": slot.event.slug, "organization_slug": slot.organization.slug},
    )
    try:
        services.meeting_slot_close(actor=request.user, slot=slot)
    except ServiceError as error:
        return render_refusal(request, error, back_url=back)
    messages.success(request, _("The slot is closed."))
    return redirect(back)


@login_required
def my_meetings(request):
    meetings = selectors.meetings_of(user=request.user, upcoming_only=True)[:200]
    return render(
        request,
        "jobfair/my_meetings.html",
        {"meetings": meetings, "cancel_form": CancelMeetingForm()},
    )


@login_required
def my_meetings_calendar(request):
    return exports.meetings_calendar_response(user=request.user)


def _exhibitor(request, event: Event, organization_slug: str):
    for organization in rules.exhibitor_memberships(request.user, event):
        if organization.slug == organization_slug:
            return organization
    raise PermissionDenied(_("Only members of this exhibitor see its schedule."))


@login_required
def schedule(request, slug, organization_slug):
    """An exhibitor's page at the event: open slots, and see who booked which."""
    event = _event(request, slug)
    organization = _exhibitor(request, event, organization_slug)
    slots = selectors.exhibitor_schedule(event=event, organization=organization)
    if request.GET.get("format") == "csv":
        return exports.schedule_csv_response(event=event, organization=organization, slots=slots)
    form = SlotOpenForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            opened = services.meeting_slots_open(
                actor=request.user, event=event, organization=organization, **form.cleaned_data
            )
        except ServiceError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("%(n)d slots are open for booking.") % {"n": len(opened)},
            )
            return redirect(request.path)
    context = {
        "event": event,
        "organization": organization,
        "slots": list(slots[:500]),
        "form": form,
        "cancel_form": CancelMeetingForm(),
    }
    return render(request, "jobfair/schedule.html", context, status=400 if form.errors else 200)


@login_required
def attendees(request, slug):
    """People with a place who chose to be visible to exhibitors, filtered as the talent pool."""
    event = _event(request, slug)
    if not rules.can_see_visible_attendees(request.user, event):
        raise PermissionDenied(_("Only members of the event's exhibitors see its attendees."))
    filterset = TalentFilter(request.GET, queryset=selectors.visible_attendees(event=event))
    if not filterset.is_valid():
        context = {"event": event, "filterset": filterset, "filter_errors": filterset.errors}
        return render(request, "jobfair/attendees.html", context, status=400)
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "event": event,
        "filterset": filterset,
        "page": page,
        "querystring": page_query(request),
    }
    return render(request, "jobfair/attendees.html", context)
