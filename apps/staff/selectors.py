from django.db.models import QuerySet

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
