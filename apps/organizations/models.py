import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models
from django.db.models import Value
from django.db.models.functions import Lower, Replace
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Sector(models.Model):
    """One of the cluster's fixed sectors; the slug is the key used in URLs and fixtures."""

    slug = models.SlugField(primary_key=True, max_length=32)
    name = models.CharField(_("name"), max_length=64)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")

    def __str__(self) -> str:
        return self.name


class OrganizationKind(models.TextChoices):
    COMPANY = "company", _("Company")
    UNIVERSITY = "university", _("University")
    ACADEMIC_HOSPITAL = "academic_hospital", _("Academic hospital")
    RESEARCH_INSTITUTE = "research_institute", _("Research institute")
    INCUBATOR = "incubator", _("Incubator or science park")
    CLUSTER_ORGANIZATION = "cluster_organization", _("Cluster organization")
    INVESTOR = "investor", _("Investor")
    GOVERNMENT_AGENCY = "government_agency", _("Government agency")
    SERVICE_PROVIDER = "service_provider", _("Service provider")


class SizeBand(models.TextChoices):
    TINY = "1-10", _("1–10 people")
    SMALL = "11-50", _("11–50 people")
    MEDIUM = "51-200", _("51–200 people")
    LARGE = "201-500", _("201–500 people")
    LARGER = "501-1000", _("501–1,000 people")
    VERY_LARGE = "1001-5000", _("1,001–5,000 people")
    HUGE = "5001+", _("more than 5,000 people")


def normalize_organization_name(name: str) -> str:
    """A name as it is stored: no outer white space, one plain space between words."""
    return " ".join(name.split())


def organization_name_key(name):
    """What makes two names the same organization: they differ only in case or spacing.

    `name` is the column or a value: the database compares both sides the same way.
    """
    return Lower(Replace(name, Value(" "), Value("")))


DUPLICATE_NAME_MESSAGE = _("An organization with this name is already in the directory.")


def organization_logo_path(instance: "Organization", filename: str) -> str:
    # The stored name is generated: nothing a user typed ends up in a path.
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "png"
    return f"logos/{uuid.uuid4().hex}.{extension}"


class Organization(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=OrganizationKind.choices)
    sectors = models.ManyToManyField(
        Sector, related_name="organizations", blank=True, verbose_name=_("sectors")
    )
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(
        _("website"), blank=True, validators=[URLValidator(schemes=["http", "https"])]
    )
    city = models.CharField(_("city"), max_length=100, blank=True, db_index=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    founded_year = models.PositiveSmallIntegerField(
        _("founded in"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1400), MaxValueValidator(2100)],
    )
    size_band = models.CharField(_("size"), max_length=16, choices=SizeBand.choices, blank=True)
    logo = models.ImageField(_("logo"), upload_to=organization_logo_path, blank=True)
    is_member = models.BooleanField(_("cluster member"), default=False)
    verified = models.BooleanField(
        _("verified"),
        default=False,
        help_text=_(
            "Verified by staff: only verified organizations post vacancies and search talent."
        ),
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="affiliates",
        verbose_name=_("parent organization"),
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        indexes = [models.Index(fields=["kind"]), models.Index(fields=["verified", "is_member"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("id")), name="organization_not_own_parent"
            ),
            models.UniqueConstraint(
                organization_name_key(models.F("name")),
                name="organization_name_unique_ignoring_case_and_spaces",
                violation_error_message=DUPLICATE_NAME_MESSAGE,
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organizations:detail", kwargs={"slug": self.slug})


class MembershipRole(models.TextChoices):
    OWNER = "owner", _("Owner")
    RECRUITER = "recruiter", _("Recruiter")


class Membership(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=16, choices=MembershipRole.choices)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["organization__name", "user__email"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "organization"], name="one_membership_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.organization} ({self.role})"


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")


class DecidedRequest(models.Model):
    """A request someone answers once: approved or declined, by whom, when and why."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    status = models.CharField(
        max_length=16, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True, max_length=2000)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        abstract = True
        ordering = ["created_at"]


class MembershipRequest(DecidedRequest):
    """A person asks to join (or claim) an organization already in the directory."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="membership_requests"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership_requests"
    )
    message = models.TextField(_("message"), blank=True, max_length=2000)

    class Meta(DecidedRequest.Meta):
        verbose_name = _("membership request")
        verbose_name_plural = _("membership requests")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "user"],
                condition=models.Q(status="pending"),
                name="one_pending_membership_request",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.organization} ({self.status})"


class VerificationRequest(DecidedRequest):
    """An owner asks staff to verify their organization."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="verification_requests"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    message = models.TextField(_("message"), blank=True, max_length=2000)

    class Meta(DecidedRequest.Meta):
        verbose_name = _("verification request")
        verbose_name_plural = _("verification requests")
        constraints = [
            models.UniqueConstraint(
                fields=["organization"],
                condition=models.Q(status="pending"),
                name="one_pending_verification_request",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization} ({self.status})"


class Invitation(models.Model):
    """An owner invites an address to join; the person joins only by accepting.

    The same happens whether or not the address has an account, so an invitation never
    tells the owner who is registered, and nobody becomes a member without consent.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("email address"))
    role = models.CharField(_("role"), max_length=16, choices=MembershipRole.choices)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    accepted_at = models.DateTimeField(null=True, blank=True)
    declined_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "email"],
                condition=models.Q(accepted_at__isnull=True, declined_at__isnull=True),
                name="one_open_invitation_per_address",
            ),
            models.CheckConstraint(
                condition=models.Q(accepted_at__isnull=True) | models.Q(declined_at__isnull=True),
                name="invitation_accepted_or_declined_not_both",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.organization}"

    def get_absolute_url(self) -> str:
        return reverse("organizations:invitation", kwargs={"invitation_id": self.pk})

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.declined_at is None


class OrganizationNotice(models.TextChoices):
    """The notices the directory sends (registered with notifications in apps.py)."""

    MEMBERSHIP_REQUEST = "membership_request", _("Request to join your organization")
    MEMBERSHIP_ANSWER = "membership_answer", _("Answer to your request to join")
    VERIFICATION_REQUEST = "verification_request", _("Verification request (staff)")
    VERIFICATION_ANSWER = "verification_answer", _("Answer to your verification request")
    ORGANIZATION_INVITATION = "organization_invitation", _("Invitation to join an organization")
