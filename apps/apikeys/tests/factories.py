from apps.apikeys.models import ApiKey, Scope
from apps.apikeys.services import KEY_PREFIX, hash_key
from apps.organizations.models import Organization
from apps.organizations.tests.factories import OrganizationFactory

_counter = iter(range(1, 10**9))


def api_key_for(
    organization: Organization | None = None, scopes: list[str] | None = None, **fields
) -> tuple[ApiKey, str]:
    """A key written directly (no owner needed) and its secret, for tests of what keys do."""
    raw_key = f"{KEY_PREFIX}test-key-{next(_counter):08d}-" + "x" * 24
    api_key = ApiKey.objects.create(
        organization=organization or OrganizationFactory(verified=True),
        name=fields.pop("name", "Test program"),
        prefix=raw_key[:12],
        key_hash=hash_key(raw_key),
        scopes=list(Scope.values) if scopes is None else scopes,
        **fields,
    )
    return api_key, raw_key


def key_header(raw_key: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Api-Key {raw_key}"}
