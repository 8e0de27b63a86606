"""Content reports and the moderator group."""

from datetime import timedelta
from typing import Any

from django.apps import apps
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.core.exceptions import ActionForbidden, ConflictError, NotFoundError, ServiceError
from apps.core.services import audit_record
from apps.staff.models import Report, ReportReason, ReportStatus, ReportTarget

REPORTS_PER_HOUR = 5


class ReportLimitReached(ServiceError):
    status_code = 429


def _find_target(target_type: str, key: str) -> Any:
    if target_type == ReportTarget.VACANCY:
        from apps.vacancies.selectors import live_vacancies

        return live_vacancies().filter(slug=key).first()
    if target_type == ReportTarget.ORGANIZATION:
        from apps.organizations.models import Organization

        return Organization.objects.filter(slug=key).first()
    if target_type == ReportTarget.NEWS and apps.is_installed("apps.content"):
        from apps.content.selectors import published_news

        return published_news().filter(slug=key).first()
    return None


@transaction.atomic
def report_create(
    *, reporter: User, target_type: str, target_key: str, reason: str, message: str = ""
) -> Report:
    """Any signed-in user reports a vacancy, organization page or news item to staff."""
    if not reporter.is_authenticated:
        raise ActionForbidden(_("Sign in to report content."))
    if target_type not in ReportTarget.values:
        raise ServiceError({"target_type": [_("Choose vacancy, organization or news.")]})
    if reason not in ReportReason.values:
        raise ServiceError({"reason": [_("Choose a reason.")]})
    target = _find_target(target_type, target_key)
    if target is None:
        raise NotFoundError({"detail": _("There is nothing to report there.")})
    recent = Report.objects.filter(
        reporter=reporter, created_at__gte=timezone.now() - timedelta(hours=1)
    ).count()
    if recent >= REPORTS_PER_HOUR:
        raise ReportLimitReached(
            {"detail": _("You reported a lot in the last hour; please try again later.")}
        )
    return Report.objects.create(
        reporter=reporter,
        target_type=target_type,
        target_key=target_key,
        target_label=str(target)[:255],
        target_url=target.get_absolute_url(),
        reason=reason,
        message=(message or "").strip()[:2000],
    )


@transaction.atomic
def report_resolve(*, actor: User, report: Report, dismiss: bool, note: str = "") -> Report:
    if not actor.is_staff:
        raise ActionForbidden(_("Only staff handle reports."))
    locked = Report.objects.select_for_update().get(pk=report.pk)
    if locked.status != ReportStatus.OPEN:
        raise ConflictError({"detail": _("This report has already been handled.")})
    locked.status = ReportStatus.DISMISSED if dismiss else ReportStatus.RESOLVED
    locked.resolved_by = actor
    locked.resolved_at = timezone.now()
    locked.resolution_note = (note or "").strip()[:2000]
    locked.save(update_fields=["status", "resolved_by", "resolved_at", "resolution_note"])
    audit_record(
        actor=actor,
        action="report.dismiss" if dismiss else "report.resolve",
        target=locked,
        note=locked.resolution_note,
    )
    return locked
