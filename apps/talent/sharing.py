"""Profiles and CVs a job seeker shared by their own act, as the apps above talent record it.

Applying to a vacancy shares the applicant's profile, and the CV sent, with the
organization applied to; booking a meeting at an event shares the CV attached with the
organization met. Applications and meetings belong to apps above talent, so those apps
register here, in their `AppConfig.ready()`, how to find what was shared and under which
purpose a download is logged. Talent's permissions ask here and know nothing of them.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from apps.organizations.models import Organization


@dataclass(frozen=True)
class Sharer:
    # (member, applicant_id) -> whether one of the member's organizations was shared with.
    profile_shared_with_member: Callable[..., bool]
    # (cv_id) -> the organizations the CV was shared with.
    organizations_given_cv: Callable[..., QuerySet[Organization]]
    # What a download of a CV shared this way is logged as, e.g. "application".
    purpose: str


_sharers: dict[str, Sharer] = {}


def register(
    app: str,
    *,
    profile_shared_with_member: Callable[..., bool],
    organizations_given_cv: Callable[..., QuerySet[Organization]],
    purpose: str,
) -> None:
    _sharers[app] = Sharer(profile_shared_with_member, organizations_given_cv, purpose)


def profile_shared_with_member(*, member, applicant_id) -> bool:
    return any(
        sharer.profile_shared_with_member(member=member, applicant_id=applicant_id)
        for sharer in _sharers.values()
    )


def organizations_given_cv(*, cv_id) -> QuerySet[Organization]:
    """Every organization the CV was shared with, as one queryset (no query is run here)."""
    shared = Q(pk__in=[])
    for sharer in _sharers.values():
        shared |= Q(pk__in=sharer.organizations_given_cv(cv_id=cv_id).values("pk"))
    return Organization.objects.filter(shared)


def organizations_given_cv_by_purpose(*, cv_id) -> list[tuple[str, QuerySet[Organization]]]:
    """For each way of sharing, its purpose and the organizations the CV was shared with."""
    return [
        (sharer.purpose, sharer.organizations_given_cv(cv_id=cv_id)) for sharer in _sharers.values()
    ]
