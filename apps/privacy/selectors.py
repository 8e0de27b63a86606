"""Reads of consents and of the accounts the inactivity rule is about to warn or erase."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from uuid import UUID

from django.conf import settings
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.core import personal_data, retention
from apps.core.personal_data import Holding, Link
from apps.privacy import purposes
from apps.privacy.models import Consent, InactivityWarning

CONSENT_LIMIT = 500


def live_consent(prefix: str = "", *, at: datetime) -> Q:
    """Consents (or rows whose `prefix` consent is one) that hold at `at`."""
    return Q(**{f"{prefix}withdrawn_at__isnull": True}) & (
        Q(**{f"{prefix}expires_at__isnull": True}) | Q(**{f"{prefix}expires_at__gt": at})
    )


def consents_of(*, user: User) -> QuerySet[Consent]:
    return Consent.objects.filter(user=user).order_by("-given_at", "pk")


def consent_of(*, user: User, consent_id: UUID | str) -> Consent:
    """One of the user's own consents; another person's answers DoesNotExist (a 404)."""
    return consents_of(user=user).get(pk=consent_id)


@dataclass(frozen=True)
class ConsentView:
    """A consent as the person sees it: what for, the words, whether it holds, the effect."""

    consent: Consent
    purpose_label: str
    effect: str
    live: bool

    def as_dict(self) -> dict:
        consent = self.consent
        return {
            "id": str(consent.pk),
            "purpose": consent.purpose,
            "purpose_label": self.purpose_label,
            "text": consent.text,
            "version": consent.version,
            "given_at": consent.given_at.isoformat(),
            "expires_at": consent.expires_at.isoformat() if consent.expires_at else None,
            "withdrawn_at": consent.withdrawn_at.isoformat() if consent.withdrawn_at else None,
            "live": self.live,
            "effect_of_withdrawing": self.effect if self.live else None,
        }


def consent_view(*, consent: Consent, now: datetime) -> ConsentView:
    try:
        purpose = purposes.get(consent.purpose)
        label, effect = str(purpose.label), str(purpose.effect)
    except LookupError:  # a purpose no app asks for any more: the record stays readable
        label, effect = consent.purpose, ""
    return ConsentView(
        consent=consent, purpose_label=label, effect=effect, live=consent.is_live(now)
    )


def consent_views(*, user: User, now: datetime) -> list[ConsentView]:
    return [
        consent_view(consent=consent, now=now) for consent in consents_of(user=user)[:CONSENT_LIMIT]
    ]


# --- Accounts nobody uses -----------------------------------------------------------------


def _months() -> int:
    return settings.RETENTION_ACCOUNTS_MONTHS


def warning_period() -> timedelta:
    return timedelta(days=settings.RETENTION_ACCOUNT_WARNING_DAYS)


def with_last_use(queryset: QuerySet[User] | None = None) -> QuerySet[User]:
    """Accounts with `last_use`: the last sign-in, or the day they were made."""
    queryset = User.objects.all() if queryset is None else queryset
    return queryset.annotate(last_use=Coalesce("last_login", "date_joined"))


def _warned_since_last_use() -> Exists:
    return Exists(
        InactivityWarning.objects.filter(user=OuterRef("pk"), warned_at__gte=OuterRef("last_use"))
    )


def accounts_to_warn(*, now: datetime) -> QuerySet[User]:
    """Accounts whose erasure date is less than the warning period away, not yet warned."""
    return with_last_use().filter(
        Q(last_use__lte=retention.cutoff(at=now + warning_period(), months=_months())),
        ~_warned_since_last_use(),
    )


def accounts_to_erase(*, at: datetime) -> QuerySet[User]:
    """Accounts warned, not signed in since, whose erasure date has come by `at`."""
    return with_last_use().filter(
        Q(inactivity_warning__erase_at__lte=at, inactivity_warning__warned_at__gte=F("last_use"))
    )


def accounts_erased_by(*, now: datetime, until: datetime) -> QuerySet[User]:
    """Accounts the rule erases between now and `until` unless their owners sign in: the
    warned ones whose date comes, and those a warning today would give a date by then."""
    warned = Q(
        inactivity_warning__erase_at__lte=until,
        inactivity_warning__warned_at__gte=F("last_use"),
    )
    if now + warning_period() > until:
        return with_last_use().filter(warned)
    unwarned = (
        Q(last_use__lte=retention.cutoff(at=until, months=_months())) & ~_warned_since_last_use()
    )
    return with_last_use().filter(warned | unwarned)


def account_erasure_date(*, user: User, now: datetime) -> tuple[datetime, bool]:
    """When the account goes if its owner stays away, and whether they were warned."""
    last_use = user.last_login or user.date_joined
    warning = InactivityWarning.objects.filter(user=user, warned_at__gte=last_use).first()
    if warning is not None:
        return warning.erase_at, True
    return max(retention.goes_at(start=last_use, months=_months()), now + warning_period()), False


def account_holdings(*, user: User, now: datetime) -> list[Holding]:
    erase_at, _warned = account_erasure_date(user=user, now=now)
    return [
        Holding(
            kind="account",
            label=_("Your account: email address, name, password and sign-in times"),
            since=user.date_joined,
            until=erase_at,
            kept=_(
                "While you use it: erased after %(months)d months without signing in, "
                "with an email %(days)d days before"
            )
            % {"months": _months(), "days": settings.RETENTION_ACCOUNT_WARNING_DAYS},
            links=(
                Link(_("Download your data"), reverse("account_my_data")),
                Link(_("Erase your account"), reverse("account_erase")),
            ),
        )
    ]


@dataclass(frozen=True)
class PrivacyOverview:
    """What the privacy page and `GET me/privacy/` show a person."""

    holdings: list[Holding]
    consents: list[ConsentView]
    generated_at: datetime

    @property
    def portal_holdings(self) -> list[Holding]:
        return [holding for holding in self.holdings if not holding.holder]

    @property
    def by_organization(self) -> list[tuple[str, list[Holding]]]:
        groups: dict[str, list[Holding]] = {}
        for holding in self.holdings:
            if holding.holder:
                groups.setdefault(holding.holder, []).append(holding)
        return list(groups.items())


def privacy_overview(*, user: User, now: datetime | None = None) -> PrivacyOverview:
    now = now or timezone.now()
    return PrivacyOverview(
        holdings=personal_data.holdings_all(user=user, now=now),
        consents=consent_views(user=user, now=now),
        generated_at=now,
    )


def personal_data_export(*, user: User, build_url: Callable[[str], str]) -> dict:
    """The consents on record, for the GDPR export."""
    return {"consents": [view.as_dict() for view in consent_views(user=user, now=timezone.now())]}
