from django.conf import settings
from django.contrib.auth.models import (
    AbstractBaseUser,
    AnonymousUser,
    BaseUserManager,
    PermissionsMixin,
)
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def normalize_email_address(email: str) -> str:
    return (email or "").strip().lower()


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=normalize_email_address(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email: str, password: str | None = None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, email: str):
        return self.get(email__iexact=normalize_email_address(email))


class User(AbstractBaseUser, PermissionsMixin):
    """A person with an account; roles come from relations (memberships, profile), not flags."""

    email = models.EmailField(_("email address"), unique=True)
    first_name = models.CharField(_("first name"), max_length=150, blank=True)
    last_name = models.CharField(_("last name"), max_length=150, blank=True)
    is_staff = models.BooleanField(
        _("staff status"),
        default=False,
        help_text=_("Staff moderate content and can sign in to the admin site."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    # Pages, notices and emails speak it; empty until chosen (then the cookie or the
    # browser decides, and notices use English, the source language).
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=settings.LANGUAGES,
        blank=True,
        default="",
        db_default="",
    )

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self) -> str:
        return self.email

    def clean(self) -> None:
        super().clean()
        self.email = normalize_email_address(self.email)

    def get_full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self) -> str:
        return self.first_name

    @property
    def language(self) -> str:
        """The language to write to this person in."""
        return self.preferred_language or settings.LANGUAGE_CODE

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.email.split("@")[0]


# Whoever makes a request: a signed-in person, or an anonymous visitor.
AnyUser = User | AnonymousUser


class ErasureReason(models.TextChoices):
    OWN_REQUEST = "own_request", _("At the person's request")
    INACTIVE = "inactive", _("Unused for too long")


class ErasedAccount(models.Model):
    """What is left of an erased account: nothing of the person, only what the figures count.

    The statistics count new members by the month they joined; an erased account keeps
    its day, so the counts of the past do not change when people leave.
    """

    joined_on = models.DateField(_("joined on"))
    erased_at = models.DateTimeField(_("erased"), default=timezone.now, editable=False)
    reason = models.CharField(_("reason"), max_length=16, choices=ErasureReason.choices)

    class Meta:
        ordering = ["-erased_at"]
        verbose_name = _("erased account")
        verbose_name_plural = _("erased accounts")
        indexes = [models.Index(fields=["joined_on"])]

    def __str__(self) -> str:
        return f"joined {self.joined_on}, erased {self.erased_at:%Y-%m-%d} ({self.reason})"
