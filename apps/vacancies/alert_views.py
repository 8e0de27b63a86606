"""Job alert pages: save a search, manage alerts, unsubscribe from the email."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from apps.core.exceptions import ServiceError
from apps.core.views import render_refusal
from apps.vacancies import alerts, selectors
from apps.vacancies.forms import AlertForm
from apps.vacancies.models import JobAlert


@login_required
def alert_list(request):
    alerts = list(selectors.alerts_of(user=request.user)[:50])
    described = selectors.alert_filters_described(alerts=alerts)
    for alert in alerts:
        alert.described_filters = described[alert.pk]
    return render(request, "vacancies/alerts/list.html", {"alerts": alerts, "form": AlertForm()})


@login_required
def alert_create(request):
    """Save a /jobs/ search as an alert.

    Signed in, the jobs page posts here (one click). Signed out, it links here with the
    search in the query string: after signing in, the person confirms the alert on a page
    that shows the search, so nothing is saved without them seeing it.
    """
    source = request.POST if request.method == "POST" else request.GET
    filters = {k: v for k, v in source.items() if k in alerts.ALERT_FILTERS and v}
    frequency = source.get("frequency") or "daily"
    jobs_url = reverse("vacancies:list")
    back_url = f"{jobs_url}?{urlencode(filters)}"
    if request.method != "POST":
        try:
            cleaned = alerts.clean_alert_filters(filters)
        except ServiceError as error:
            return render_refusal(request, error, back_url=jobs_url)
        form = AlertForm(
            initial={"frequency": frequency, "name": alerts.alert_default_name(cleaned)}
        )
        context = {
            "form": form,
            "filters": cleaned,
            "filter_labels": selectors.alert_filter_labels(filters=cleaned),
            "back_url": back_url,
        }
        return render(request, "vacancies/alerts/confirm.html", context)
    form = AlertForm(request.POST)
    try:
        alerts.job_alert_create(
            user=request.user,
            filters=filters,
            frequency=frequency,
            name=form.data.get("name", ""),
        )
    except ServiceError as error:
        return render_refusal(request, error, back_url=back_url)
    messages.success(request, _("Alert saved: we tell you about new vacancies of this search."))
    return redirect("alerts:list")


@require_POST
@login_required
def alert_update(request, alert_id):
    alert = get_object_or_404(selectors.alerts_of(user=request.user), pk=alert_id)
    try:
        if request.POST.get("action") == "delete":
            alerts.job_alert_delete(user=request.user, alert=alert)
            messages.success(request, _("The alert was deleted."))
        else:
            fields = {"frequency": request.POST.get("frequency", alert.frequency)}
            if "is_active" in request.POST:
                fields["is_active"] = request.POST["is_active"] == "true"
            alerts.job_alert_update(user=request.user, alert=alert, **fields)
            messages.success(request, _("The alert was saved."))
    except ServiceError as error:
        return render_refusal(request, error, back_url=reverse("alerts:list"))
    return redirect("alerts:list")


@csrf_exempt  # mail clients' one-click POST carries no cookie; the signed token is the proof
def unsubscribe(request, alert_id, token):
    """From the email, without signing in: GET confirms, POST unsubscribes (one-click clients)."""
    if request.method == "POST":
        try:
            alert = alerts.job_alert_unsubscribe(alert_id=alert_id, token=token)
        except ServiceError as error:
            return render_refusal(request, error, back_url=reverse("vacancies:list"))
        return render(request, "vacancies/alerts/unsubscribed.html", {"alert": alert})
    try:
        alerts.unsubscribe_check(alert_id=alert_id, token=token)
    except ServiceError as error:
        return render_refusal(request, error, back_url=reverse("vacancies:list"))
    alert = get_object_or_404(JobAlert, pk=alert_id)
    return render(request, "vacancies/alerts/unsubscribe.html", {"alert": alert})
