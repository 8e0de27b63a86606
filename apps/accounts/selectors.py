from allauth.account.models import EmailAddress

from apps.accounts.models import User, normalize_email_address


def user_get_by_email(*, email: str) -> User | None:
    return User.objects.filter(email=normalize_email_address(email), is_active=True).first()


def user_has_verified_email(*, user: User) -> bool:
    return EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists()


def account_export(*, user, build_url) -> dict:
    """Every piece of personal data the portal holds about the user, app by app."""
    from apps.organizations.selectors import organizations_export
    from apps.talent.selectors import cv_downloads_by, talent_export

    return {
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
        **organizations_export(user=user),
        **talent_export(user=user, build_url=build_url),
        "cv_downloads_by_me": cv_downloads_by(user=user),
    }
