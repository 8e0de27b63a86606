"""Event pages; thin: validate, call a service, render."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core import panels
from apps.core.exceptions import ServiceError
from apps.core.views import add_service_errors, page_query, render_refusal
from apps.events import ics, selectors, services
from apps.events import permissions as rules
from apps.events.api import registrations_csv
from apps.events.filters import EventFilter
from apps.events.forms import CancelEventForm, EventForm
from apps.events.models import PUBLIC_STATUSES, Event, EventKind, EventStatus
from apps.organizations.models import Organization
from apps.organizations.selectors import user_memberships

PAGE_SIZE = 20


def event_list(request):
    filterset = EventFilter(request.GET, queryset=selectors.events_visible_to(user=request.user))
    if not filterset.is_valid():
        return render(request, "events/list.html", {"filter_errors": filterset.errors}, status=400)
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "kinds": EventKind.choices,
        "showing_past": request.GET.get("upcoming") == "false",
        "querystring": page_query(request),
    }
    return render(request, "events/list.html", context)


@login_required
def my_events(request):
    """The events the user registered for: coming ones first, then the past ones."""
    registrations = selectors.registrations_of(user=request.user)
    now = timezone.now()
    context = {
        "upcoming": registrations.filter(event__ends_at__gt=now)[:50],
        "past": registrations.filter(event__ends_at__lte=now).order_by("-event__starts_at")[:50],
    }
    return render(request, "events/mine.html", context)


def _event(request, slug) -> Event:
    try:
        return selectors.event_detail(user=request.user, slug=slug)
    except Event.DoesNotExist as error:
        raise Http404 from error


def event_detail(request, slug):
    event = _event(request, slug)
    registration = selectors.registration_of(user=request.user, event=event)
    context = {
        "event": event,
        "places_left": selectors.places_left(event),
        "registration": registration,
        "position": selectors.waitlist_position(registration=registration)
        if registration
        else None,
        "refusal": rules.registration_refusal(request.user, event),
        "can_organize": rules.can_organize(request.user, event),
        "can_review": rules.can_review(request.user),
        "show_online_link": rules.can_see_online_link(request.user, event, registration),
        "invitations": selectors.participation_invitations(user=request.user, event=event),
        "cancel_form": CancelEventForm(),
        "panels": panels.panels_for("events:detail", request, event),
    }
    return render(request, "events/detail.html", context)


def event_calendar(request, slug):
    event = _event(request, slug)
    response = HttpResponse(
        ics.calendar_bytes([event], event.title, viewer=request.user),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    return response


def events_calendar(request):
    """Every upcoming event; cancelled ones stay, marked CANCELLED, so subscribers learn of it."""
    visible = selectors.events_visible_to(user=request.user).filter(status__in=PUBLIC_STATUSES)
    body = ics.calendar_bytes(
        selectors.upcoming(visible)[:500],
        _("Life-sciences events in Flanders"),
        viewer=request.user,
    )
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


@require_POST
@login_required
def register(request, slug):
    event = _event(request, slug)
    try:
        registration = services.registration_create(
            user=request.user,
            event=event,
            visible_to_exhibitors=request.POST.get("visible_to_exhibitors") == "on",
        )
    except ServiceError as error:
        return render_refusal(request, error, back_url=event.get_absolute_url())
    if registration.status == "confirmed":
        messages.success(request, _("You are registered. See you there!"))
    else:
        messages.success(
            request,
            _("The event is full: you are number %(n)d on the waiting list.")
            % {"n": selectors.waitlist_position(registration=registration)},
        )
    return redirect(event)


@require_POST
@login_required
def unregister(request, slug):
    event = _event(request, slug)
    try:
        services.registration_cancel(user=request.user, event=event)
    except ServiceError as error:
        return render_refusal(request, error, back_url=event.get_absolute_url())
    messages.success(request, _("Your registration was cancelled."))
    return redirect(event)


@require_POST
@login_required
def registration_visibility(request, slug):
    event = _event(request, slug)
    visible = request.POST.get("visible_to_exhibitors") == "on"
    try:
        services.registration_set_visibility(user=request.user, event=event, visible=visible)
    except ServiceError as error:
        return render_refusal(request, error, back_url=event.get_absolute_url())
    messages.success(
        request,
        _("Exhibitors can now see your profile.")
        if visible
        else _("Exhibitors no longer see your profile."),
    )
    return redirect(f"{event.get_absolute_url()}#register")


def _organizers_for(user) -> list[Organization]:
    if user.is_staff:
        return list(Organization.objects.order_by("name"))
    return [membership.organization for membership in user_memberships(user=user)]


@login_required
def event_create(request):
    organizers = _organizers_for(request.user)
    if not organizers:
        raise PermissionDenied(_("Only staff and members of an organization create events."))
    form = EventForm(request.POST or None, organizers=organizers)
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        try:
            event = services.event_create(
                actor=request.user,
                organizer=values.pop("organizer"),
                publish="publish" in request.POST,
                **values,
            )
        except ServiceError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The event was saved."))
            return redirect(event)
    return render(request, "events/form.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def event_edit(request, slug):
    event = _event(request, slug)
    if not rules.can_organize(request.user, event):
        raise PermissionDenied(_("Only the event's organizers edit it."))
    form = EventForm(request.POST or None, instance=event)
    if request.method == "POST" and form.is_valid():
        try:
            services.event_update(actor=request.user, event=event, **form.cleaned_data)
        except ServiceError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your changes were saved."))
            return redirect(event)
    return render(
        request,
        "events/form.html",
        {"form": form, "event": event},
        status=400 if form.errors else 200,
    )


@require_POST
@login_required
def event_action(request, slug, action):
    event = _event(request, slug)
    try:
        if action == "publish":
            event = services.event_publish(actor=request.user, event=event)
            if event.status == EventStatus.PUBLISHED:
                messages.success(request, _("The event is published."))
            else:
                messages.success(request, _("The event is sent to staff for review."))
        elif action == "approve":
            services.event_approve(actor=request.user, event=event)
            messages.success(request, _("The event is published."))
        elif action == "reject":
            reason = request.POST.get("reason", "")
            services.event_reject(actor=request.user, event=event, reason=reason)
            messages.success(request, _("The event was sent back to its organizers."))
        else:
            form = CancelEventForm(request.POST)
            reason = form.cleaned_data["reason"] if form.is_valid() else ""
            services.event_cancel(actor=request.user, event=event, reason=reason)
            messages.success(request, _("The event is cancelled; registrations were cancelled."))
    except ServiceError as error:
        return render_refusal(request, error, back_url=event.get_absolute_url())
    return redirect(_safe_next(request) or event.get_absolute_url())


def _safe_next(request) -> str | None:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return None


@require_POST
@login_required
def participation_answer(request, slug, organization, decision):
    event = _event(request, slug)
    invited = get_object_or_404(Organization, slug=organization)
    try:
        services.participation_answer(
            actor=request.user, event=event, organization=invited, accept=decision == "accept"
        )
    except ServiceError as error:
        return render_refusal(request, error, back_url=event.get_absolute_url())
    if decision == "accept":
        messages.success(request, _("%(name)s now shows as taking part.") % {"name": invited.name})
    else:
        messages.success(request, _("You declined for %(name)s.") % {"name": invited.name})
    return redirect(event)


@login_required
def event_registrations(request, slug):
    event = _event(request, slug)
    if not rules.can_organize(request.user, event):
        raise PermissionDenied(_("Only the event's organizers see its registrations."))
    if request.GET.get("format") == "csv":
        return registrations_csv(event)
    registrations = selectors.event_registrations(event=event)
    query = request.GET.get("q", "").strip()
    for word in query.split()[:5]:
        registrations = registrations.filter(
            Q(user__email__icontains=word)
            | Q(user__first_name__icontains=word)
            | Q(user__last_name__icontains=word)
        )
    page = Paginator(registrations, 100).get_page(request.GET.get("page"))
    context = {"event": event, "page": page, "query": query, "querystring": page_query(request)}
    template = (
        "events/check_in.html"
        if request.resolver_match.url_name == "check_in"
        else ("events/registrations.html")
    )
    return render(request, template, context)


@require_POST
@login_required
def check_in(request, slug, registration_id):
    event = _event(request, slug)
    if not rules.can_organize(request.user, event):
        raise PermissionDenied(_("Only the event's organizers check people in."))
    registration = get_object_or_404(selectors.event_registrations(event=event), pk=registration_id)
    back = f"{event.get_absolute_url()}check-in/"
    if request.POST.get("q"):
        back += "?" + urlencode({"q": request.POST["q"][:100]})
    try:
        services.registration_check_in(actor=request.user, registration=registration)
    except ServiceError as error:
        return render_refusal(request, error, back_url=back)
    messages.success(
        request, _("%(name)s is checked in.") % {"name": registration.user.display_name}
    )
    return redirect(back)
