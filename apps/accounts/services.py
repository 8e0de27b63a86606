from allauth.account.models import EmailAddress
from django.contrib.auth import authenticate
from django.contrib.auth.models import update_last_login
from django.db import transaction
from django.utils import timezone
from rest_framework.authtoken.models import Token

from apps.accounts.models import ErasedAccount, ErasureReason, User, normalize_email_address
from apps.accounts.selectors import user_has_verified_email
from apps.core import personal_data
from apps.core.exceptions import ServiceError


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
    # Asking for a token is signing in: it keeps an account in use (see the retention rules).
    update_last_login(None, user)
    return token


def auth_token_revoke(*, user: User) -> None:
    Token.objects.filter(user=user).delete()


@transaction.atomic
def account_erase(*, user: User, reason: str = ErasureReason.OWN_REQUEST) -> None:
    """Erase the account and everything that identifies the person, CV files included.

    The one path for every erasure: the person's own request, and the retention rule for
    accounts nobody uses. Each app erases its own part first (see apps/core/personal_data.py).
    Rows that others need, such as a download log entry, a moderation decision or the
    applications counted in the statistics, keep their organization but lose the person;
    the account leaves only the day it joined, for the same counts.
    """
    personal_data.erase_all(user=user)
    ErasedAccount.objects.create(joined_on=timezone.localdate(user.date_joined), reason=reason)
    user.delete()
