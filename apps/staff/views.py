"""The staff console: everything waiting for staff, handled in one or two clicks."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core.exceptions import ServiceError
from apps.core.views import render_refusal, staff_only
from apps.events import selectors as event_selectors
from apps.organizations import selectors as organization_selectors
from apps.staff import selectors, services
from apps.staff.models import Report, ReportReason
from apps.vacancies import selectors as vacancy_selectors

OUTLOOK_DAYS = 30


@login_required
def console(request):
    staff_only(request, _("The console is for staff."))
    context = {
        "vacancies": vacancy_selectors.moderation_queue()[:50],
        "events": event_selectors.review_queue()[:50],
        "verifications": organization_selectors.verification_requests_pending()[:50],
        "claims": selectors.ownerless_membership_requests()[:50],
        "reports": selectors.open_reports()[:50],
    }
    return render(request, "staff/console.html", context)


@login_required
def retention_overview(request):
    """What the retention rules will delete or anonymise in the next 30 days."""
    staff_only(request, _("The retention overview is for staff."))
    context = {"outlook": selectors.retention_outlook(days=OUTLOOK_DAYS), "days": OUTLOOK_DAYS}
    return render(request, "staff/retention.html", context)


@require_POST
@login_required
def report_resolve(request, report_id):
    staff_only(request, _("The console is for staff."))
    report = get_object_or_404(Report, pk=report_id)
    try:
        services.report_resolve(
            actor=request.user,
            report=report,
            dismiss=request.POST.get("action") == "dismiss",
            note=request.POST.get("note", ""),
        )
    except ServiceError as error:
        return render_refusal(request, error, back_url=reverse("staff:console"))
    messages.success(request, _("The report was handled."))
    return redirect("staff:console")


@login_required
def report_create(request, target_type, target_key):
    """A form to tell staff about a vacancy, organization page or news item."""
    if request.method == "POST":
        try:
            report = services.report_create(
                reporter=request.user,
                target_type=target_type,
                target_key=target_key,
                reason=request.POST.get("reason", ""),
                message=request.POST.get("message", ""),
            )
        except ServiceError as error:
            return render_refusal(request, error, back_url="/")
        messages.success(request, _("Thank you: staff will look at your report."))
        return redirect(report.target_url)
    context = {
        "reasons": ReportReason.choices,
        "target_type": target_type,
        "target_key": target_key,
    }
    return render(request, "staff/report.html", context)
