from allauth.account.models import EmailAddress

from apps.accounts.models import User, normalize_email_address


def user_get_by_email(*, email: str) -> User | None:
    return User.objects.filter(email=normalize_email_address(email), is_active=True).first()


def user_has_verified_email(*, user: User) -> bool:
    return EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists()
