from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import QuerySet
from django.utils import timezone

from apps.core import retention
from apps.organizations.models import MembershipRequest, MembershipRole, RequestStatus
from apps.staff.models import Report, ReportStatus


def open_reports() -> QuerySet[Report]:
    return Report.objects.filter(status=ReportStatus.OPEN).select_related("reporter")


def ownerless_membership_requests() -> QuerySet[MembershipRequest]:
    """Claims of organizations nobody manages yet: only staff can answer them."""
    return (
        MembershipRequest.objects.filter(status=RequestStatus.PENDING)
        .exclude(organization__memberships__role=MembershipRole.OWNER)
        .select_related("user", "organization")
        .order_by("created_at")
    )


@dataclass(frozen=True)
class RuleOutlook:
    """One retention rule on the staff page: how long it keeps, and what goes soon."""

    rule: retention.RetentionRule
    period: str
    due_now: int
    upcoming: retention.Upcoming


def retention_outlook(
    *, now: datetime | None = None, days: int = 30, limit: int = 50
) -> list[RuleOutlook]:
    """For every registered rule: what is due now, and what goes in the next `days` days,
    soonest first (two counts and one bounded list per rule)."""
    now = now or timezone.now()
    until = now + timedelta(days=days)
    return [
        RuleOutlook(
            rule=rule,
            period=rule.period(),
            due_now=rule.upcoming(now=now, until=now, limit=0).count,
            upcoming=rule.upcoming(now=now, until=until, limit=limit),
        )
        for rule in retention.rules()
    ]
