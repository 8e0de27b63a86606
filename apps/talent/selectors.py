"""Reads of profiles, CVs and the download log; the talent search."""

import json
from collections.abc import Callable
from datetime import datetime
from typing import Any
from uuid import UUID

from django.conf import settings
from django.core.paginator import Page
from django.db.models import Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from apps.accounts.models import User
from apps.core import retention
from apps.core.personal_data import Holding, Link
from apps.core.search import (
    CountedPaginator,
    cached_under,
    capped_count,
    data_version,
    few_matches_plan,
    ranked_ids,
    search_matches,
)
from apps.talent.models import CV, CVAccess, TalentProfile
from apps.talent.permissions import VISIBLE_TO_ORGANIZATIONS

NEWEST = ("-updated_at", "-pk")


def json_list_contains(field: str, value: str) -> Q:
    """Rows whose JSON list `field` holds `value` (containment on PostgreSQL)."""
    if settings.USES_POSTGRES:
        return Q(**{f"{field}__contains": [value]})
    # SQLite keeps JSON as text: look for the quoted element.
    return Q(**{f"{field}__contains": json.dumps(value)})


def talent_profile_of(*, user: User) -> TalentProfile | None:
    return TalentProfile.objects.filter(user=user).first()


def cvs_of(*, user: User) -> QuerySet[CV]:
    return CV.objects.filter(profile__user=user).select_related("profile")


def talent_pool() -> QuerySet[TalentProfile]:
    """Profiles their owners share with organizations, newest first; never a private one."""
    primary_cvs = CV.objects.filter(is_primary=True)
    return (
        TalentProfile.objects.filter(visibility__in=VISIBLE_TO_ORGANIZATIONS)
        .select_related("user")
        .prefetch_related(Prefetch("cvs", queryset=primary_cvs, to_attr="primary_cvs"))
        .order_by(*NEWEST)
    )


def talent_search(queryset: QuerySet[TalentProfile], query: str) -> QuerySet[TalentProfile]:
    """Profiles that match the words: the GIN-indexed vector that PostgreSQL keeps (headline
    and skills, then summary), plain matching on SQLite. The page ranks them."""
    query = query.strip()
    if not query:
        return queryset
    if settings.USES_POSTGRES:
        return search_matches(queryset, query)
    matches = Q()
    for word in query.split():
        matches &= (
            Q(headline__icontains=word) | Q(summary__icontains=word) | Q(skills__icontains=word)
        )
    return queryset.filter(matches)


def talent_pool_version() -> str | None:
    """Changes whenever a profile, a CV or a name shown in the pool changes (PostgreSQL
    triggers), or None when nothing may be cached."""
    return data_version("SELECT version FROM talent_pool_version WHERE id = 1")


def talent_search_page(
    *, filterset: Any, number: Any, per_page: int, strict: bool, version: str | None = None
) -> Page:
    """One page of a valid TalentFilter: a capped count, the most relevant of the newest
    matches first, then the page's profiles by id with their user and primary CV. Counts
    and ids are cached under `version` (from `talent_pool_version`, read before anything)."""
    matches = filterset.qs
    text = (filterset.form.cleaned_data.get("q") or "").strip()
    signature = json.dumps(
        {k: str(v) for k, v in sorted(filterset.form.cleaned_data.items()) if v not in (None, "")}
    )
    count = cached_under(version, "talent:count", signature, lambda: capped_count(matches))
    paginator = CountedPaginator(matches, per_page, count=count)
    number = paginator.page_number(number, strict=strict)
    offset = (number - 1) * per_page
    # A count that stopped at the cap: the pages stop there too.
    limit = max(0, min(per_page, paginator.count - offset))

    def page_ids() -> list:
        if text:
            with few_matches_plan(count):
                return ranked_ids(matches, text=text, newest=NEWEST, offset=offset, limit=limit)
        newest = matches.order_by(*NEWEST).values_list("pk", flat=True)
        return list(newest[offset : offset + limit])

    ids = cached_under(version, "talent:ids", f"{signature}|{offset}|{limit}", page_ids)
    rows = talent_pool().defer("search_vector").order_by().in_bulk(ids) if ids else {}
    return Page([rows[pk] for pk in ids if pk in rows], number, paginator)


def talent_profile_for_viewer(*, profile_id: UUID | str) -> TalentProfile:
    return (
        TalentProfile.objects.select_related("user")
        .prefetch_related(
            Prefetch("cvs", queryset=CV.objects.order_by("-is_primary", "-uploaded_at"))
        )
        .get(pk=profile_id)
    )


def cv_for_download(*, cv_id: UUID | str) -> CV:
    return CV.objects.select_related("profile").get(pk=cv_id)


def cv_downloads_of(*, user: User) -> QuerySet[CVAccess]:
    """Who downloaded the user's CVs: the list the seeker sees on their dashboard."""
    return CVAccess.objects.filter(cv__profile__user=user).select_related(
        "cv", "accessed_by", "organization"
    )


def talent_export(*, user: User, build_url: Callable[[str], str]) -> dict:
    """Everything the talent app holds about the user, for the GDPR export."""
    profile = talent_profile_of(user=user)
    if profile is None:
        return {"profile": None, "cvs": [], "cv_downloads": []}
    return {
        "profile": {
            "id": str(profile.id),
            "headline": profile.headline,
            "summary": profile.summary,
            "skills": profile.skills,
            "disciplines": profile.disciplines,
            "languages": profile.languages,
            "contract_types": profile.contract_types,
            "education_level": profile.education_level,
            "years_of_experience": profile.years_of_experience,
            "city": profile.city,
            "available_from": profile.available_from.isoformat()
            if profile.available_from
            else None,
            "visibility": profile.visibility,
            "accepts_invitations": profile.accepts_invitations,
            "created_at": profile.created_at.isoformat(),
            "updated_at": profile.updated_at.isoformat(),
        },
        "cvs": [
            {
                "id": str(cv.id),
                "name": cv.original_name,
                "type": cv.detected_type,
                "size": cv.size,
                "primary": cv.is_primary,
                "uploaded_at": cv.uploaded_at.isoformat(),
                "download_url": build_url(f"/api/v1/cvs/{cv.id}/download/"),
            }
            for cv in profile.cvs.order_by("uploaded_at")
        ],
        "cv_downloads": [
            {
                "cv": access.cv.original_name,
                "by": access.accessed_by.display_name if access.accessed_by else None,
                "organization": access.organization.name if access.organization else None,
                "at": access.accessed_at.isoformat(),
            }
            for access in cv_downloads_of(user=user)
        ],
    }


def cv_downloads_by(*, user: User) -> list[dict]:
    """CVs the user downloaded for an organization (their own personal data as recruiter)."""
    return [
        {
            "cv": str(access.cv_id),
            "organization": access.organization.name if access.organization else None,
            "at": access.accessed_at.isoformat(),
        }
        for access in CVAccess.objects.filter(accessed_by=user).select_related("organization")[
            :1000
        ]
    ]


def personal_data_export(*, user: User, build_url: Callable[[str], str]) -> dict:
    """The profile, CVs and who downloaded them, and the CVs the user downloaded."""
    return {
        **talent_export(user=user, build_url=build_url),
        "cv_downloads_by_me": cv_downloads_by(user=user),
    }


# --- How long the download log is kept, and what the talent app holds about a person -----

HOLDINGS_LIMIT = 200


def cv_downloads_due(*, at: datetime) -> QuerySet[CVAccess]:
    """Download log entries older than the configured number of months at `at`."""
    return CVAccess.objects.filter(
        accessed_at__lte=retention.cutoff(at=at, months=settings.RETENTION_CV_DOWNLOADS_MONTHS)
    )


def talent_holdings(*, user: User, now: datetime) -> list[Holding]:
    """The profile, the CVs, and the log of who downloaded them, with the log's dates."""
    profile = talent_profile_of(user=user)
    held: list[Holding] = []
    if profile is not None:
        held.append(
            Holding(
                kind="talent_profile",
                label=_("Your talent profile (%(visibility)s)")
                % {"visibility": profile.get_visibility_display()},
                since=profile.created_at,
                kept=_("Until you erase your account"),
                links=(Link(_("Edit your profile"), reverse("talent:my_profile")),),
            )
        )
        for cv in profile.cvs.order_by("uploaded_at")[:HOLDINGS_LIMIT]:
            held.append(
                Holding(
                    kind="cv",
                    label=_("Your CV “%(name)s”") % {"name": cv.original_name},
                    since=cv.uploaded_at,
                    kept=_("Until you delete it"),
                    links=(Link(_("Manage your CVs"), reverse("talent:my_cvs")),),
                )
            )
    months = settings.RETENTION_CV_DOWNLOADS_MONTHS
    kept = _("%(months)d months after the download") % {"months": months}
    for access in cv_downloads_of(user=user)[:HOLDINGS_LIMIT]:
        held.append(
            Holding(
                kind="cv_download",
                label=_("The record that %(organization)s downloaded your CV “%(name)s”")
                % {
                    "organization": access.organization.name
                    if access.organization
                    else _("an organization"),
                    "name": access.cv.original_name,
                },
                since=access.accessed_at,
                until=retention.goes_at(start=access.accessed_at, months=months),
                kept=kept,
            )
        )
    made = CVAccess.objects.filter(accessed_by=user)
    oldest = made.order_by("accessed_at").values_list("accessed_at", flat=True).first()
    if oldest is not None:
        count = made.count()
        held.append(
            Holding(
                kind="cv_downloads_made",
                label=ngettext(
                    "The record of %(count)d CV you downloaded for an organization",
                    "The record of the %(count)d CVs you downloaded for organizations",
                    count,
                )
                % {"count": count},
                since=oldest,
                until=retention.goes_at(start=oldest, months=months),
                kept=kept + " " + _("(the date is the oldest's)"),
            )
        )
    return held
