"""Reads of the organization directory: every list bounded, related rows fetched up front."""

from collections.abc import Callable
from datetime import datetime

from django.conf import settings
from django.db.models import Count, F, Prefetch, Q, QuerySet, Value
from django.utils.translation import gettext as _

from apps.accounts.models import AnyUser, User
from apps.accounts.selectors import user_has_verified_email
from apps.core.facets import Facet, facet_counts
from apps.core.personal_data import Holding, Link
from apps.organizations.agents import OrganizationAgent
from apps.organizations.models import (
    Invitation,
    Membership,
    MembershipRequest,
    Organization,
    OrganizationKind,
    RequestStatus,
    Sector,
    VerificationRequest,
    normalize_organization_name,
    organization_name_key,
)


def organization_list(*, filters: dict | None = None) -> QuerySet[Organization]:
    """The directory, filtered; the filter set is the one the page and the API share."""
    from apps.organizations.filters import OrganizationFilter

    queryset = (
        Organization.objects.select_related("parent")
        .prefetch_related(Prefetch("sectors", queryset=Sector.objects.order_by("position")))
        .order_by("name")
    )
    if filters is None:
        return queryset
    return OrganizationFilter(filters, queryset=queryset).qs


def organization_search(queryset: QuerySet[Organization], query: str) -> QuerySet[Organization]:
    """Full-text search ranked by weight (name, then city and sectors, then description in
    English, Dutch and French).

    On PostgreSQL this is a weighted search vector with ranking; on SQLite, FTS5 ranked by
    the same weights. A name that merely contains the words typed also matches, so "flan"
    finds Flanders.
    """
    query = query.strip()
    if not query:
        return queryset
    if settings.USES_POSTGRES:
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        vector = (
            SearchVector("name", weight="A", config="simple")
            + SearchVector("city", weight="B", config="simple")
            # The description as written in each language, each stemmed in its own.
            + SearchVector("description_en", weight="C", config="english")
            + SearchVector("description_nl", weight="C", config="dutch")
            + SearchVector("description_fr", weight="C", config="french")
        )
        search = SearchQuery(query, search_type="websearch", config="simple")
        for config in ("french", "dutch", "english"):
            search = SearchQuery(query, search_type="websearch", config=config) | search
        return (
            queryset.annotate(rank=SearchRank(vector, search))
            .filter(Q(rank__gt=0) | Q(name__icontains=query))
            .order_by("-rank", "name")
        )
    from apps.core.sqlite_search import fts_search
    from apps.organizations.fulltext import ORGANIZATION_INDEX, ORGANIZATION_WEIGHTS

    return fts_search(
        queryset,
        index=ORGANIZATION_INDEX.name,
        query=query,
        weights=ORGANIZATION_WEIGHTS,
        also=Q(name__icontains=query),
        first=Q(name__iexact=query),
    ).order_by("-rank", "name")


def organization_facets(*, filters: dict) -> dict[str, list[dict]]:
    """Counts for each facet value, given every other active filter (drill-down facets).

    One grouped query per facet, whatever the number of organizations or the page size.
    """
    from apps.organizations.filters import OrganizationFilter

    sectors = {
        slug: (name, position)
        for slug, name, position in Sector.objects.values_list("slug", "name", "position")
    }
    kinds = dict(OrganizationKind.choices)
    membership = {True: _("Cluster members"), False: _("Not members")}

    def without(parameter: str) -> QuerySet[Organization]:
        others = {k: v for k, v in filters.items() if k not in (parameter, "page")}
        return OrganizationFilter(others, queryset=Organization.objects.all()).qs

    return facet_counts(
        filtered_without=without,
        facets={
            "kind": Facet("kind", label=lambda kind: kinds.get(kind, kind)),
            "sector": Facet(
                "sectors__slug",
                label=lambda slug: sectors.get(slug, (slug, 0))[0],
                position=lambda slug: sectors.get(slug, (slug, 0))[1],
            ),
            "city": Facet("city"),
            "is_member": Facet(
                "is_member",
                label=lambda member: str(membership[member]),
                value=lambda member: "true" if member else "false",
            ),
        },
        selected=filters,
    )


def organization_name_taken(*, name: str, exclude_pk: int | None = None) -> bool:
    """Whether another organization has this name, give or take case and spacing."""
    key = organization_name_key(Value(normalize_organization_name(name)))
    others = Organization.objects.exclude(pk=exclude_pk) if exclude_pk else Organization.objects
    keyed = others.alias(name_key=organization_name_key(F("name")))
    return keyed.filter(**{"name_key": key}).exists()


def organization_get(*, slug: str) -> Organization:
    return Organization.objects.select_related("parent").prefetch_related("sectors").get(slug=slug)


def organization_affiliates(*, organization: Organization) -> QuerySet[Organization]:
    return organization.affiliates.prefetch_related("sectors").order_by("name")


def membership_role(*, user: User, organization: Organization) -> str | None:
    """The user's role in the organization, cached on the user object for the request."""
    cache = user.__dict__.setdefault("_organization_roles", None)
    if cache is None:
        cache = dict(Membership.objects.filter(user=user).values_list("organization_id", "role"))
        user.__dict__["_organization_roles"] = cache
    return cache.get(organization.pk)


def organization_ids_acted_for(*, user: User | OrganizationAgent) -> QuerySet | list[int]:
    """The organizations the user acts for, for `organization_id__in=`: a person's
    memberships (a subquery), or an API key's own organization."""
    if isinstance(user, OrganizationAgent):
        return [user.organization.pk]
    return Membership.objects.filter(user=user).values("organization_id")


def organization_members(*, organization: Organization) -> QuerySet[Membership]:
    return organization.memberships.select_related("user").order_by("role", "user__email")


def user_memberships(*, user: User) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(user=user)
        .select_related("organization")
        .order_by("organization__name")
    )


def membership_requests_pending(*, organization: Organization) -> QuerySet[MembershipRequest]:
    return organization.membership_requests.filter(status=RequestStatus.PENDING).select_related(
        "user"
    )


def membership_requests_of_user(*, user: User) -> QuerySet[MembershipRequest]:
    return MembershipRequest.objects.filter(user=user).select_related("organization", "decided_by")


def membership_requests_to_decide(*, user: User) -> QuerySet[MembershipRequest]:
    """Pending requests the user may answer: all of them for staff, their own orgs for owners."""
    pending = MembershipRequest.objects.filter(status=RequestStatus.PENDING).select_related(
        "user", "organization"
    )
    if user.is_staff:
        return pending
    return pending.filter(
        organization__memberships__user=user, organization__memberships__role="owner"
    )


def verification_requests_pending() -> QuerySet[VerificationRequest]:
    return VerificationRequest.objects.filter(status=RequestStatus.PENDING).select_related(
        "organization", "requested_by"
    )


def verification_request_latest(*, organization: Organization) -> VerificationRequest | None:
    return organization.verification_requests.order_by("-created_at").first()


def directory_summary() -> dict:
    """Headline figures of the directory for the home page, in one query."""
    totals = Organization.objects.aggregate(
        organizations=Count("id"),
        members=Count("id", filter=Q(is_member=True)),
        companies=Count("id", filter=Q(kind=OrganizationKind.COMPANY)),
        research=Count(
            "id",
            filter=Q(
                kind__in=[
                    OrganizationKind.UNIVERSITY,
                    OrganizationKind.RESEARCH_INSTITUTE,
                    OrganizationKind.ACADEMIC_HOSPITAL,
                ]
            ),
        ),
    )
    return totals


def user_verified_organizations(*, user: AnyUser) -> list[Organization]:
    """The verified organizations the user is a member of, cached on the user object."""
    if not user.is_authenticated:
        return []
    cached = user.__dict__.get("_verified_organizations")
    if cached is None:
        cached = list(
            Organization.objects.filter(memberships__user=user, verified=True).order_by("name")
        )
        user.__dict__["_verified_organizations"] = cached
    return cached


def personal_data_export(*, user: User, build_url: Callable[[str], str]) -> dict:
    """The user's memberships and requests, for the GDPR export."""
    return {
        "memberships": [
            {"organization": m.organization.name, "role": m.role, "since": m.created_at.isoformat()}
            for m in user_memberships(user=user)
        ],
        "membership_requests": [
            {
                "organization": r.organization.name,
                "message": r.message,
                "status": r.status,
                "created_at": r.created_at.isoformat(),
                "decision_note": r.decision_note,
            }
            for r in membership_requests_of_user(user=user).order_by("created_at")
        ],
        "verification_requests": [
            {
                "organization": v.organization.name,
                "message": v.message,
                "status": v.status,
                "created_at": v.created_at.isoformat(),
            }
            for v in VerificationRequest.objects.filter(requested_by=user).select_related(
                "organization"
            )
        ],
        "organization_invitations": [
            {
                "organization": i.organization.name,
                "role": i.role,
                "invited_at": i.created_at.isoformat(),
                "accepted_at": i.accepted_at.isoformat() if i.accepted_at else None,
                "declined_at": i.declined_at.isoformat() if i.declined_at else None,
            }
            for i in Invitation.objects.filter(email=user.email.lower())
            .select_related("organization")
            .order_by("created_at")
        ],
    }


def invitations_open_for(*, user: AnyUser) -> QuerySet[Invitation]:
    """Invitations waiting for the user's address, once they confirmed it is theirs."""
    if not (user.is_authenticated and user_has_verified_email(user=user)):
        return Invitation.objects.none()
    return Invitation.objects.filter(
        email=user.email.lower(), accepted_at__isnull=True, declined_at__isnull=True
    ).select_related("organization", "invited_by")


def invitations_open_of(*, organization: Organization) -> QuerySet[Invitation]:
    return organization.invitations.filter(
        accepted_at__isnull=True, declined_at__isnull=True
    ).select_related("invited_by")


def organization_holdings(*, user: User, now: datetime) -> list[Holding]:
    """The user's memberships and requests, as each organization holds them."""
    held = [
        Holding(
            kind="membership",
            label=_("Your membership (%(role)s)") % {"role": membership.get_role_display()},
            holder=membership.organization.name,
            since=membership.created_at,
            kept=_("While you are a member"),
            links=(Link(_("Members"), membership.organization.get_absolute_url()),),
        )
        for membership in user_memberships(user=user)[:500]
    ]
    held += [
        Holding(
            kind="membership_request",
            label=_("Your request to join (%(status)s)") % {"status": request.get_status_display()},
            holder=request.organization.name,
            since=request.created_at,
            kept=_("Until you erase your account"),
        )
        for request in membership_requests_of_user(user=user).order_by("-created_at")[:500]
    ]
    return held
