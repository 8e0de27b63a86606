"""Statistics pages; thin: check the permission, call a selector, render."""

import csv

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.views import staff_only
from apps.organizations.models import Organization
from apps.stats import charts, selectors
from apps.stats import permissions as rules


def organization_stats(request, slug):
    organization = get_object_or_404(Organization, slug=slug)
    if not rules.can_view_organization_stats(request.user, organization):
        raise PermissionDenied(
            _("Only members of %(name)s and staff see its statistics.")
            % {"name": organization.name}
        )
    figures = selectors.organization_figures(organization=organization)
    context = {
        "organization": organization,
        "figures": figures,
        "charts": charts.organization_charts(figures),
        "views_in_cache": settings.VACANCY_VIEWS_IN_CACHE,
    }
    return render(request, "stats/organization.html", context)


def portal_stats(request):
    staff_only(request, _("Only staff see the portal's statistics."))
    months = selectors.portal_monthly_figures()
    context = {"months": months, "charts": charts.portal_charts(months)}
    return render(request, "stats/portal.html", context)


def portal_stats_csv(request):
    staff_only(request, _("Only staff see the portal's statistics."))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"portal-statistics-{timezone.localdate().isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow(["month", *selectors.MONTH_COLUMNS])
    for month in selectors.portal_monthly_figures():
        writer.writerow(
            [month.month.strftime("%Y-%m"), *(getattr(month, c) for c in selectors.MONTH_COLUMNS)]
        )
    return response
