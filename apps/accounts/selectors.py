from collections.abc import Callable
from typing import Any

from allauth.account.models import EmailAddress
from django.utils import timezone

from apps.accounts.models import User, normalize_email_address
from apps.core import personal_data


def user_get_by_email(*, email: str) -> User | None:
    return User.objects.filter(email=normalize_email_address(email), is_active=True).first()


def user_has_verified_email(*, user: User) -> bool:
    return EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists()


def account_export(*, user: User, build_url: Callable[[str], str]) -> dict[str, Any]:
    """Every piece of personal data the portal holds about the user: the account itself,
    then each app's part as it registered it (see apps/core/personal_data.py), then what
    each item is, who holds it and the day the retention rules delete it."""
    export = {
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "email_addresses": [
                {"email": address.email, "verified": address.verified, "primary": address.primary}
                for address in EmailAddress.objects.filter(user=user)
            ],
            "has_api_token": hasattr(user, "auth_token"),
        },
        **personal_data.export_all(user=user, build_url=build_url),
    }
    export["retention"] = [
        holding.as_dict() for holding in personal_data.holdings_all(user=user, now=timezone.now())
    ]
    return export
