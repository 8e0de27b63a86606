from allauth.account.adapter import get_adapter
from allauth.account.models import EmailAddress
from django.contrib.auth.models import update_last_login
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from apps.accounts.models import ErasedAccount, ErasureReason, User, normalize_email_address
from apps.accounts.selectors import user_has_verified_email
from apps.core import personal_data
from apps.core.exceptions import ServiceError, TooManyRequests


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
        raise ServiceError({"email": [_("A user with this email address already exists.")]})
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


def credentials_authenticate(*, request: HttpRequest, email: str, password: str) -> User | None:
    """The active account this email address and password open, or None.

    Every password check goes through allauth, as the web sign-in does, so all of them
    share one lockout: after too many failures for one address, or from one client, every
    attempt is refused before any password is hashed (hashing is the costly part), until
    the window passes. The limits are `ACCOUNT_RATE_LIMITS["login_failed"]`.
    """
    try:
        user = get_adapter(request).authenticate(
            request, email=normalize_email_address(email), password=password
        )
    except ValidationError as error:
        if error.code == "too_many_login_attempts":
            raise TooManyRequests(
                {"detail": _("Too many failed sign-in attempts. Try again later.")}
            ) from error
        raise
    return user if user is not None and user.is_active else None


def auth_token_issue(*, request: HttpRequest, email: str, password: str) -> Token:
    """The API token of the account with these credentials; one token per user."""
    user = credentials_authenticate(request=request, email=email, password=password)
    if user is None:
        raise ServiceError({"detail": _("Unable to sign in with the email and password given.")})
    if not user_has_verified_email(user=user):
        raise ServiceError(
            {"detail": _("This email address is not verified yet: follow the link we emailed.")}
        )
    token, _created = Token.objects.get_or_create(user=user)
    # Asking for a token is signing in: it keeps an account in use (see the retention rules).
    update_last_login(User, user)
    return token


def auth_token_revoke(*, user: User) -> None:
    Token.objects.filter(user=user).delete()


def account_erase_own(*, request: HttpRequest, user: User, password: str) -> None:
    """A person erases their own account: only with its password, counted by the lockout."""
    confirmed = credentials_authenticate(request=request, email=user.email, password=password)
    if confirmed is None or confirmed.pk != user.pk:
        raise ServiceError({"password": [_("That is not your password.")]})
    account_erase(user=user)


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
