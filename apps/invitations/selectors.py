"""Reads of invitations to apply: the invitee's inbox and what an organization sent."""

from collections.abc import Callable
from datetime import datetime
from uuid import UUID

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from apps.accounts.models import User
from apps.invitations.models import InvitationStatus, InvitationToApply
from apps.organizations.models import Membership, Organization
from apps.talent.models import TalentProfile
from apps.vacancies.models import Application, Vacancy, VacancyStatus
from apps.vacancies.selectors import SHARING_STATUSES


def _with_applied(queryset: QuerySet[InvitationToApply]) -> QuerySet[InvitationToApply]:
    """Each invitation says whether the person applied to its vacancy (and so shared more)."""
    applied = Application.objects.filter(
        vacancy_id=OuterRef("vacancy_id"),
        applicant_id=OuterRef("invitee_id"),
        status__in=SHARING_STATUSES,
    )
    return queryset.annotate(applied=Exists(applied))


def invitations_of(*, user: User) -> QuerySet[InvitationToApply]:
    """The invitations the person received, newest first."""
    return _with_applied(
        InvitationToApply.objects.filter(invitee=user).select_related(
            "vacancy", "vacancy__organization", "organization"
        )
    ).order_by("-created_at", "pk")


def invitations_waiting_for(*, user: User) -> QuerySet[InvitationToApply]:
    """Invitations the person has not answered, to vacancies still open."""
    return invitations_of(user=user).filter(
        status=InvitationStatus.PENDING,
        vacancy__status=VacancyStatus.PUBLISHED,
        vacancy__expires_at__gt=timezone.now(),
    )


def invitation_of_invitee(*, user: User, invitation_id: UUID | str) -> InvitationToApply:
    """One of the person's own invitations; another person's raises DoesNotExist."""
    return invitations_of(user=user).get(pk=invitation_id)


def invitations_sent_by_organizations_of(*, user: User) -> QuerySet[InvitationToApply]:
    """What the user's organizations sent, with the invitee's profile as the pool shows it."""
    own = Membership.objects.filter(user=user).values("organization_id")
    return _with_applied(
        InvitationToApply.objects.filter(organization_id__in=own).select_related(
            "vacancy", "organization", "invited_by", "invitee", "invitee__talent_profile"
        )
    ).order_by("-created_at", "pk")


def invitations_sent_to(*, user: User, profile: TalentProfile) -> QuerySet[InvitationToApply]:
    """What the user's organizations sent to the person of this profile."""
    return invitations_sent_by_organizations_of(user=user).filter(invitee_id=profile.user_id)


def vacancies_to_invite_to(*, user: User) -> QuerySet[Vacancy]:
    """Open vacancies of the user's verified organizations, newest first."""
    own = Membership.objects.filter(user=user, organization__verified=True).values(
        "organization_id"
    )
    return (
        Vacancy.objects.filter(
            organization_id__in=own,
            status=VacancyStatus.PUBLISHED,
            expires_at__gt=timezone.now(),
        )
        .select_related("organization")
        .order_by("organization__name", "-published_at", "pk")
    )


def invited_today(*, organization: Organization, since: datetime) -> int:
    return InvitationToApply.objects.filter(
        organization=organization, created_at__gte=since
    ).count()


def personal_data_export(*, user: User, build_url: Callable[[str], str]) -> dict:
    """Invitations the person received, and those they sent for an organization."""
    received = invitations_of(user=user).order_by("created_at")
    sent = InvitationToApply.objects.filter(invited_by=user).select_related(
        "vacancy", "organization"
    )
    return {
        "invitations_to_apply": [
            {
                "organization": invitation.organization.name,
                "vacancy": invitation.vacancy.title,
                "message": invitation.message,
                "status": invitation.status,
                "decline_reason": invitation.decline_reason,
                "received_at": invitation.created_at.isoformat(),
                "answered_at": invitation.answered_at.isoformat()
                if invitation.answered_at
                else None,
            }
            for invitation in received
        ],
        "invitations_to_apply_sent": [
            {
                "organization": invitation.organization.name,
                "vacancy": invitation.vacancy.title,
                "message": invitation.message,
                "sent_at": invitation.created_at.isoformat(),
            }
            for invitation in sent.order_by("created_at")[:1000]
        ],
    }
