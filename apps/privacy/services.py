"""Every write about consents, and the rule that erases the accounts nobody uses."""

from collections.abc import Iterable, Sequence
from datetime import datetime
from uuid import UUID

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.accounts.models import ErasureReason, User
from apps.accounts.services import account_erase
from apps.core import retention
from apps.core.exceptions import ConflictError, NotFoundError, ServiceError
from apps.notifications.services import notify
from apps.privacy import purposes, selectors
from apps.privacy.models import Consent, InactivityWarning, PrivacyNotice


def consent_give(
    *,
    user: User,
    purpose: str,
    text: str,
    expires_at: datetime | None = None,
    now: datetime | None = None,
) -> Consent:
    """Record that the user agreed to `text`, for a registered purpose, in its current version."""
    registered = purposes.get(purpose)
    text = (text or "").strip()
    if not text:
        raise ServiceError({"text": [_("A consent needs the words agreed to.")]})
    return Consent.objects.create(
        user=user,
        purpose=registered.key,
        version=registered.version,
        text=text,
        given_at=now or timezone.now(),
        expires_at=expires_at,
    )


@transaction.atomic
def consent_withdraw(*, user: User, consent: Consent, now: datetime | None = None) -> Consent:
    """End a consent that still holds; its purpose's effect happens in this transaction."""
    now = now or timezone.now()
    locked = Consent.objects.select_for_update().get(pk=consent.pk)
    if locked.user_id != user.pk:
        raise NotFoundError(_("This is not your consent."))
    if locked.withdrawn_at is not None:
        raise ConflictError({"detail": _("You have already withdrawn this consent.")})
    if not locked.is_live(now):
        raise ConflictError({"detail": _("This consent has already run out.")})
    locked.withdrawn_at = now
    locked.save(update_fields=["withdrawn_at"])
    withdraw = purposes.get(locked.purpose).withdraw
    if withdraw is not None:
        withdraw(consent=locked)
    return locked


def consent_end(*, consent_id: UUID, now: datetime | None = None) -> int:
    """End a consent because what it covers ended (an application withdrawn), no effect run."""
    return Consent.objects.filter(pk=consent_id, withdrawn_at__isnull=True).update(
        withdrawn_at=now or timezone.now()
    )


def consents_forget(*, consent_ids: Iterable) -> int:
    """Delete the consents of something that was erased: they name the person and it."""
    ids = [consent_id for consent_id in consent_ids if consent_id is not None]
    if not ids:
        return 0
    deleted, _by_model = Consent.objects.filter(pk__in=ids).delete()
    return deleted


# --- Accounts nobody uses -----------------------------------------------------------------


def _warn(user: User, *, now: datetime) -> bool:
    locked = User.objects.select_for_update().get(pk=user.pk)
    if not selectors.accounts_to_warn(now=now).filter(pk=locked.pk).exists():
        return False  # signed in, or warned, meanwhile
    last_use = locked.last_login or locked.date_joined
    erase_at = max(
        retention.goes_at(start=last_use, months=settings.RETENTION_ACCOUNTS_MONTHS),
        now + selectors.warning_period(),
    )
    InactivityWarning.objects.update_or_create(
        user=locked, defaults={"warned_at": now, "erase_at": erase_at}
    )
    notify(
        recipient=locked,
        kind=PrivacyNotice.ACCOUNT_INACTIVE,
        subject=_("Your account will be erased on %(date)s unless you sign in")
        % {"date": timezone.localtime(erase_at).date().isoformat()},
        template="privacy/email/account_inactive",
        context={
            "erase_at": erase_at,
            "months": settings.RETENTION_ACCOUNTS_MONTHS,
            "last_use": last_use,
        },
        url=reverse("account_login"),
        # One warning per stretch without use: the same absence never warns twice.
        dedupe_key=f"account-inactive:{locked.pk}:{last_use:%Y%m%d%H%M%S%f}",
    )
    return True


def _erase(user_id: int, *, now: datetime) -> bool:
    locked = User.objects.select_for_update().filter(pk=user_id).first()
    if locked is None or not selectors.accounts_to_erase(at=now).filter(pk=user_id).exists():
        return False  # signed in meanwhile, or already gone
    account_erase(user=locked, reason=ErasureReason.INACTIVE)
    return True


def accounts_apply_inactivity(
    *, now: datetime, dry_run: bool = False, limit: int | None = None
) -> Sequence[retention.Step]:
    """Warn the accounts whose date is near, then erase those whose date has come.

    Both steps check again, row by row under a lock, that the person has not signed in:
    running twice, or at the same time as a sign-in, never erases someone who came back.
    """

    def warn(ids: list) -> int:
        return sum(_warn(user, now=now) for user in User.objects.filter(pk__in=ids))

    def erase(ids: list) -> int:
        return sum(_erase(user_id, now=now) for user_id in ids)

    erased = retention.run_in_batches(
        due=selectors.accounts_to_erase(at=now),
        action=gettext_lazy("erased"),
        apply=erase,
        dry_run=dry_run,
        limit=limit,
    )
    warned = retention.run_in_batches(
        due=selectors.accounts_to_warn(now=now),
        action=gettext_lazy("warned by email"),
        apply=warn,
        dry_run=dry_run,
        limit=limit,
    )
    return [warned, erased]


def accounts_upcoming(*, now: datetime, until: datetime, limit: int) -> retention.Upcoming:
    def item(user: User) -> retention.DueItem:
        erase_at, _warned = selectors.account_erasure_date(user=user, now=now)
        return retention.DueItem(label=user.email, goes_at=erase_at)

    return retention.upcoming_from(
        due=selectors.accounts_erased_by(now=now, until=until).select_related("inactivity_warning"),
        order_by=("last_use", "pk"),
        item=item,
        limit=limit,
    )


def accounts_period() -> str:
    return _(
        "unused for %(months)d months: warned by email %(days)d days before, then erased "
        "unless the person signs in"
    ) % {
        "months": settings.RETENTION_ACCOUNTS_MONTHS,
        "days": settings.RETENTION_ACCOUNT_WARNING_DAYS,
    }
