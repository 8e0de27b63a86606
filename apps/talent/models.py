import uuid

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.files.storage import storages
from django.core.validators import MaxValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Visibility(models.TextChoices):
    PRIVATE = "private", _("Private: only me")
    VERIFIED_COMPANIES = "verified_companies", _("Verified organizations")
    PUBLIC = "public", _("Public: verified organizations, and my profile page for anyone")


class EducationLevel(models.TextChoices):
    SECONDARY = "secondary", _("Secondary school")
    BACHELOR = "bachelor", _("Bachelor")
    MASTER = "master", _("Master")
    PHD = "phd", _("PhD")
    POSTDOC = "postdoc", _("Postdoctoral")


class Discipline(models.TextChoices):
    MOLECULAR_BIOLOGY = "molecular_biology", _("Molecular biology")
    BIOINFORMATICS = "bioinformatics", _("Bioinformatics and data science")
    CHEMISTRY = "chemistry", _("Chemistry")
    BIOPROCESS = "bioprocess", _("Bioprocess engineering")
    CLINICAL = "clinical", _("Clinical research")
    REGULATORY = "regulatory", _("Regulatory affairs and quality")
    PLANT_SCIENCE = "plant_science", _("Plant science")
    IMMUNOLOGY = "immunology", _("Immunology")
    NEUROSCIENCE = "neuroscience", _("Neuroscience")
    MEDTECH = "medtech_engineering", _("Medical technology")
    BUSINESS = "business", _("Business development")
    OTHER = "other", _("Other")


class ContractType(models.TextChoices):
    PERMANENT = "permanent", _("Permanent")
    FIXED_TERM = "fixed_term", _("Fixed-term")
    INTERNSHIP = "internship", _("Internship")
    PHD = "phd", _("PhD position")
    POSTDOC = "postdoc", _("Postdoc")
    FREELANCE = "freelance", _("Freelance")


# ISO 639-1 codes of the languages people in the cluster work in.
LANGUAGES = {
    "nl": _("Dutch"),
    "fr": _("French"),
    "en": _("English"),
    "de": _("German"),
    "es": _("Spanish"),
    "it": _("Italian"),
    "pt": _("Portuguese"),
    "pl": _("Polish"),
    "tr": _("Turkish"),
    "ar": _("Arabic"),
    "zh": _("Chinese"),
    "ja": _("Japanese"),
    "hi": _("Hindi"),
    "ru": _("Russian"),
}
LANGUAGE_CHOICES = list(LANGUAGES.items())


class TalentProfile(models.Model):
    """What a job seeker tells organizations about themselves; visibility is theirs to set."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="talent_profile"
    )
    headline = models.CharField(_("headline"), max_length=160, blank=True)
    summary = models.TextField(_("summary"), max_length=5000, blank=True)
    # Lists of normalised values; filtered with JSON containment on PostgreSQL.
    skills = models.JSONField(_("skills"), default=list, blank=True)
    disciplines = models.JSONField(_("disciplines"), default=list, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    contract_types = models.JSONField(_("open to"), default=list, blank=True)
    education_level = models.CharField(
        _("education"), max_length=16, choices=EducationLevel.choices, blank=True
    )
    years_of_experience = models.PositiveSmallIntegerField(
        _("years of experience"), default=0, validators=[MaxValueValidator(60)]
    )
    city = models.CharField(_("city"), max_length=100, blank=True)
    available_from = models.DateField(_("available from"), null=True, blank=True)
    visibility = models.CharField(
        _("visibility"), max_length=24, choices=Visibility.choices, default=Visibility.PRIVATE
    )
    # A database default too, so bulk loads and raw inserts that leave it out still work.
    accepts_invitations = models.BooleanField(
        _("organizations may invite me to apply"),
        default=True,
        db_default=True,
        help_text=_("Members of verified organizations who find you may invite you to apply."),
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)
    # Headline and skills (A), summary (B): kept by a PostgreSQL trigger on every write.
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("talent profile")
        verbose_name_plural = _("talent profiles")
        indexes = [
            models.Index(fields=["visibility", "-updated_at"]),
            # The talent pool, newest first: a page reads its rows in index order.
            models.Index(
                models.F("updated_at").desc(),
                models.F("id").desc(),
                condition=models.Q(visibility__in=["verified_companies", "public"]),
                name="talent_pool_newest",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(years_of_experience__lte=60), name="experience_at_most_60"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.headline or 'profile'}"

    def get_absolute_url(self) -> str:
        return reverse("talent:profile_detail", kwargs={"profile_id": self.pk})


def private_storage():
    return storages["private"]


def cv_storage_path(instance: "CV", filename: str) -> str:
    # Nothing the uploader chose reaches the path: a random name and the detected type.
    return f"cvs/{uuid.uuid4().hex}.{instance.detected_type}"


class CVType(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", _("Word (DOCX)")
    ODT = "odt", _("OpenDocument (ODT)")


class CV(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    profile = models.ForeignKey(TalentProfile, on_delete=models.CASCADE, related_name="cvs")
    file = models.FileField(storage=private_storage, upload_to=cv_storage_path, max_length=200)
    original_name = models.CharField(_("name"), max_length=200)
    size = models.PositiveIntegerField(_("size in bytes"))
    detected_type = models.CharField(_("type"), max_length=8, choices=CVType.choices)
    uploaded_at = models.DateTimeField(default=timezone.now, editable=False)
    is_primary = models.BooleanField(_("primary"), default=False)

    class Meta:
        ordering = ["-is_primary", "-uploaded_at"]
        verbose_name = _("CV")
        verbose_name_plural = _("CVs")
        constraints = [
            models.UniqueConstraint(
                fields=["profile"], condition=models.Q(is_primary=True), name="one_primary_cv"
            )
        ]

    def __str__(self) -> str:
        return self.original_name


class CVAccess(models.Model):
    """Who downloaded a CV, for which organization, when: the seeker sees this list."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    cv = models.ForeignKey(CV, on_delete=models.CASCADE, related_name="accesses")
    accessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reason = models.CharField(max_length=32)
    accessed_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-accessed_at"]
        verbose_name = _("CV download")
        verbose_name_plural = _("CV downloads")
        # The retention rule deletes the oldest entries every night.
        indexes = [models.Index(fields=["accessed_at"], name="cv_access_accessed_at")]

    def __str__(self) -> str:
        return f"{self.cv_id} by {self.accessed_by_id} at {self.accessed_at:%Y-%m-%d %H:%M}"
