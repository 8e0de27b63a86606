from allauth.account.models import EmailAddress
from django.contrib.auth import authenticate
from django.db import transaction
from rest_framework.authtoken.models import Token

from apps.accounts.models import User, normalize_email_address
from apps.accounts.selectors import user_has_verified_email
from apps.core.exceptions import ServiceError
from apps.core.services import audit_forget_actor


@transaction.atomic
def user_create(
    *,
    email: str,
    password: str | None,
    first_name: str = "",
    last_name: str = "",
    is_staff: bool = False,
    email_verified: bool = False,
) -> User:
    email = normalize_email_address(email)
    if User.objects.filter(email=email).exists():
        raise ServiceError({"email": ["A user with this email address already exists."]})
    user = User.objects.create_user(
        email=email,
        password=password,
        first_name=first_name,
        last_name=last_name,
        is_staff=is_staff,
    )
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=email_verified)
    return user


def user_update_name(*, user: User, first_name: str, last_name: str) -> User:
    user.first_name = first_name.strip()
    user.last_name = last_name.strip()
    user.save(update_fields=["first_name", "last_name"])
    return user


def auth_token_issue(*, email: str, password: str, request=None) -> Token:
    """The API token of the account with these credentials; one token per user."""
    user = authenticate(request=request, email=normalize_email_address(email), password=password)
    if user is None or not user.is_active:
        raise ServiceError({"detail": "Unable to sign in with the email and password given."})
    if not user_has_verified_email(user=user):
        raise ServiceError(
            {"detail": "This email address is not verified yet: follow the link we emailed."}
        )
    token, _ = Token.objects.get_or_create(user=user)
    return token


def auth_token_revoke(*, user: User) -> None:
    Token.objects.filter(user=user).delete()


@transaction.atomic
def account_erase(*, user: User) -> None:
    """Erase the account and everything that identifies the person, CV files included.

    Rows that others need (a download log entry, a verification decision) keep their
    organization but lose the person.
    """
    from apps.talent.services import talent_erase_files

    talent_erase_files(user=user)
    audit_forget_actor(user=user)
    user.delete()
