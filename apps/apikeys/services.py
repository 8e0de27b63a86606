"""Every write to API keys: made by owners, shown once, stored as a hash, revoked for good."""

import hashlib
import secrets
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.apikeys import permissions
from apps.apikeys.models import ApiKey, Scope
from apps.core.exceptions import ActionForbidden, ConflictError, ServiceError
from apps.organizations.models import Organization

KEY_PREFIX = "flp_"
# Writing the last use on every request would make each read a write: once a minute is enough.
LAST_USED_PRECISION = timedelta(minutes=1)
MAX_ACTIVE_KEYS = 20


def hash_key(raw_key: str) -> str:
    # The key is 256 random bits: a fast hash cannot be brute-forced, and lookups stay indexed.
    return hashlib.sha256(raw_key.encode()).hexdigest()


def _clean_scopes(scopes: Iterable[str]) -> list[str]:
    scopes = list(scopes)
    unknown = sorted({str(scope) for scope in scopes} - set(Scope.values))
    if unknown:
        raise ServiceError(
            {"scopes": [_("Unknown scope: %(scopes)s.") % {"scopes": ", ".join(unknown)}]}
        )
    if not scopes:
        raise ServiceError({"scopes": [_("Choose at least one scope.")]})
    return [scope for scope in Scope.values if scope in scopes]


@transaction.atomic
def api_key_create(
    *,
    actor: User,
    organization: Organization,
    name: str,
    scopes: Iterable[str],
    expires_at: datetime | None = None,
) -> tuple[ApiKey, str]:
    """A new key and its secret, which is never shown again."""
    if not permissions.can_create_api_keys(actor, organization):
        raise ActionForbidden(_("Only the organization's owners create API keys."))
    name = (name or "").strip()
    if not name:
        raise ServiceError({"name": [_("Name the key after the program that uses it.")]})
    if len(name) > 100:
        raise ServiceError({"name": [_("At most 100 characters.")]})
    scopes = _clean_scopes(scopes)
    if expires_at is not None and expires_at <= timezone.now():
        raise ServiceError({"expires_at": [_("The expiry must be in the future.")]})
    # Counted under a lock on the organization, so two requests cannot pass the cap together.
    Organization.objects.select_for_update().filter(pk=organization.pk).first()
    active = ApiKey.objects.filter(organization=organization, revoked_at__isnull=True).exclude(
        expires_at__lte=timezone.now()
    )
    if active.count() >= MAX_ACTIVE_KEYS:
        raise ConflictError(
            {"detail": _("An organization has at most %(n)d active keys.") % {"n": MAX_ACTIVE_KEYS}}
        )
    raw_key = KEY_PREFIX + secrets.token_urlsafe(32)
    api_key = ApiKey.objects.create(
        organization=organization,
        name=name,
        prefix=raw_key[:12],
        key_hash=hash_key(raw_key),
        scopes=scopes,
        created_by=actor,
        expires_at=expires_at,
    )
    return api_key, raw_key


@transaction.atomic
def api_key_revoke(*, actor: User, api_key: ApiKey) -> ApiKey:
    if not permissions.can_manage_api_keys(actor, api_key.organization):
        raise ActionForbidden(_("Only the organization's owners revoke its API keys."))
    locked = ApiKey.objects.select_for_update().get(pk=api_key.pk)
    if locked.revoked_at is not None:
        raise ConflictError({"detail": _("This key was revoked already.")})
    locked.revoked_at = timezone.now()
    locked.revoked_by = actor
    locked.save(update_fields=["revoked_at", "revoked_by"])
    return locked


def api_key_authenticate(*, raw_key: str) -> ApiKey | None:
    """The key with this secret, whatever its status, or None; an active key's use is noted."""
    if not raw_key.startswith(KEY_PREFIX) or len(raw_key) > 100:
        return None
    api_key = (
        ApiKey.objects.select_related("organization").filter(key_hash=hash_key(raw_key)).first()
    )
    if api_key is None:
        return None
    now = timezone.now()
    if api_key.status_at(now) == "active" and (
        api_key.last_used_at is None or api_key.last_used_at <= now - LAST_USED_PRECISION
    ):
        ApiKey.objects.filter(pk=api_key.pk).update(last_used_at=now)
        api_key.last_used_at = now
    return api_key
