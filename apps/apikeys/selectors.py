"""Reads of API keys."""

from django.db.models import QuerySet

from apps.apikeys.models import ApiKey
from apps.organizations.models import Organization


def api_keys_of(*, organization: Organization) -> QuerySet[ApiKey]:
    return (
        ApiKey.objects.filter(organization=organization)
        .select_related("created_by", "organization")
        .order_by("-created_at")
    )
