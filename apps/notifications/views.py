"""Inbox, email settings and job alert pages."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from apps.core.exceptions import ServiceError
from apps.core.views import render_refusal
from apps.notifications import selectors, services
from apps.notifications.forms import AlertForm, PreferencesForm
from apps.notifications.models import JobAlert


@login_required
def inbox(request):
    page = Paginator(selectors.inbox(user=request.user), 30).get_page(request.GET.get("page"))
    return render(request, "notifications/inbox.html", {"page": page, "querystring": ""})


@require_POST
@login_required
def open_notification(request, notification_id):
    notification = get_object_or_404(selectors.inbox(user=request.user), pk=notification_id)
    services.notification_mark_read(user=request.user, notification=notification)
    target = notification.url or "/notifications/"
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/notifications/"
    return redirect(target)


@require_POST
@login_required
def mark_all_read(request):
    services.notifications_mark_all_read(user=request.user)
    messages.success(request, _("Everything is marked as read."))
    return redirect("notifications:inbox")


@login_required
def preferences(request):
    form = PreferencesForm(
        request.POST or None, preferences=selectors.email_preferences(user=request.user)
    )
    if request.method == "POST" and form.is_valid():
        services.preferences_set(user=request.user, email_by_kind=form.cleaned_data)
        messages.success(request, _("Your email settings were saved."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})


@login_required
def alerts(request):
    return render(
        request,
        "notifications/alerts.html",
        {"alerts": selectors.alerts_of(user=request.user)[:50], "form": AlertForm()},
    )


@login_required
def alert_create(request):
    """Save a /jobs/ search as an alert.

    Signed in, the jobs page posts here (one click). Signed out, it links here with the
    search in the query string: after signing in, the person confirms the alert on a page
    that shows the search, so nothing is saved without them seeing it.
    """
    source = request.POST if request.method == "POST" else request.GET
    filters = {k: v for k, v in source.items() if k in services.ALERT_FILTERS and v}
    frequency = source.get("frequency") or "daily"
    back_url = "/jobs/?" + urlencode(filters)
    if request.method != "POST":
        try:
            cleaned = services.clean_alert_filters(filters)
        except ServiceError as error:
            return render_refusal(request, error, back_url="/jobs/")
        form = AlertForm(
            initial={"frequency": frequency, "name": services.alert_default_name(cleaned)}
        )
        context = {
            "form": form,
            "filters": cleaned,
            "filter_labels": selectors.alert_filter_labels(filters=cleaned),
            "back_url": back_url,
        }
        return render(request, "notifications/alert_confirm.html", context)
    form = AlertForm(request.POST)
    try:
        services.job_alert_create(
            user=request.user,
            filters=filters,
            frequency=frequency,
            name=form.data.get("name", ""),
        )
    except ServiceError as error:
        return render_refusal(request, error, back_url=back_url)
    messages.success(request, _("Alert saved: we tell you about new vacancies of this search."))
    return redirect("notifications:alerts")


@require_POST
@login_required
def alert_update(request, alert_id):
    alert = get_object_or_404(selectors.alerts_of(user=request.user), pk=alert_id)
    try:
        if request.POST.get("action") == "delete":
            services.job_alert_delete(user=request.user, alert=alert)
            messages.success(request, _("The alert was deleted."))
        else:
            fields = {"frequency": request.POST.get("frequency", alert.frequency)}
            if "is_active" in request.POST:
                fields["is_active"] = request.POST["is_active"] == "true"
            services.job_alert_update(user=request.user, alert=alert, **fields)
            messages.success(request, _("The alert was saved."))
    except ServiceError as error:
        return render_refusal(request, error, back_url="/alerts/")
    return redirect("notifications:alerts")


@csrf_exempt  # mail clients' one-click POST carries no cookie; the signed token is the proof
def unsubscribe(request, alert_id, token):
    """From the email, without signing in: GET confirms, POST unsubscribes (one-click clients)."""
    if request.method == "POST":
        try:
            alert = services.job_alert_unsubscribe(alert_id=alert_id, token=token)
        except ServiceError as error:
            return render_refusal(request, error, back_url="/jobs/")
        return render(request, "notifications/unsubscribed.html", {"alert": alert})
    try:
        services.unsubscribe_check(alert_id=alert_id, token=token)
    except ServiceError as error:
        return render_refusal(request, error, back_url="/jobs/")
    alert = get_object_or_404(JobAlert, pk=alert_id)
    return render(request, "notifications/unsubscribe.html", {"alert": alert})
