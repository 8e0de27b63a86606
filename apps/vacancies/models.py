import uuid

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.talent.models import ContractType, Discipline
from apps.vacancies.language import VacancyLanguage


class Workplace(models.TextChoices):
    ONSITE = "onsite", _("On site")
    HYBRID = "hybrid", _("Hybrid")
    REMOTE = "remote", _("Remote")


class Experience(models.TextChoices):
    STUDENT = "student", _("Student")
    JUNIOR = "junior", _("Junior")
    MEDIOR = "medior", _("Medior")
    SENIOR = "senior", _("Senior")


class VacancyStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PENDING_REVIEW = "pending_review", _("Waiting for review")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Rejected")
    CLOSED = "closed", _("Closed")
    EXPIRED = "expired", _("Expired")


SALARY_RANGE_ERROR = "salary_range"


class Vacancy(models.Model):
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="vacancies"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    title = models.CharField(_("title"), max_length=160)
    slug = models.SlugField(max_length=190, unique=True)
    description = models.TextField(
        _("description"), help_text=_("Formatting is kept; scripts and styles are removed.")
    )
    # What the poster typed (Markdown); `description` is its sanitised HTML, shown as it is.
    description_markdown = models.TextField(_("description as written"), blank=True, db_default="")
    # The language the title and description are written in; PostgreSQL stems them in it.
    language = models.CharField(
        _("language"),
        max_length=2,
        choices=VacancyLanguage.choices,
        default=VacancyLanguage.ENGLISH,
        db_default=VacancyLanguage.ENGLISH,
        help_text=_("The language the vacancy is written in."),
    )
    city = models.CharField(_("city"), max_length=100)
    workplace = models.CharField(_("workplace"), max_length=16, choices=Workplace.choices)
    contract = models.CharField(_("contract"), max_length=16, choices=ContractType.choices)
    experience = models.CharField(_("experience"), max_length=16, choices=Experience.choices)
    discipline = models.CharField(_("discipline"), max_length=32, choices=Discipline.choices)
    sectors = models.ManyToManyField(
        "organizations.Sector", related_name="vacancies", blank=True, verbose_name=_("sectors")
    )
    salary_min = models.PositiveIntegerField(
        _("minimum yearly gross salary (EUR)"), null=True, blank=True
    )
    salary_max = models.PositiveIntegerField(
        _("maximum yearly gross salary (EUR)"), null=True, blank=True
    )
    apply_url = models.URLField(
        _("apply at this address instead"),
        blank=True,
        max_length=500,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text=_("Leave empty to receive applications in the portal."),
    )
    application_email = models.EmailField(_("email for questions about the job"), blank=True)
    status = models.CharField(
        max_length=16, choices=VacancyStatus.choices, default=VacancyStatus.DRAFT, db_index=True
    )
    reviewer_note = models.TextField(_("reviewer note"), blank=True, max_length=2000)
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    expires_at = models.DateTimeField(null=True, blank=True, db_index=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    # When members closed it; with `expires_at`, when it ended (applications are kept from then).
    closed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)
    # Weighted title (A), organization (B) and description (C); kept by the services.
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        ordering = ["-published_at", "-created_at"]
        verbose_name = _("vacancy")
        verbose_name_plural = _("vacancies")
        indexes = [
            models.Index(fields=["status", "expires_at"]),
            # Syncs (`updated_since`) read in the order of change; Last-Modified takes the max.
            models.Index(fields=["updated_at", "id"], name="vacancy_updated"),
            # The live list, newest first: LIMIT 20 reads 20 index entries instead of sorting.
            models.Index(
                models.F("published_at").desc(),
                models.F("id").desc(),
                condition=models.Q(status="published"),
                name="vacancy_live_newest",
            ),
            # Counts and facets of the live board read this narrow index, not the wide rows.
            models.Index(
                fields=["expires_at"],
                include=[
                    "id",
                    "published_at",
                    "contract",
                    "experience",
                    "workplace",
                    "city",
                    "organization",
                    "discipline",
                ],
                condition=models.Q(status="published"),
                name="vacancy_live_facets",
            ),
        ]
        constraints = [
            # The one statement of the salary rule: the database keeps it, and full_clean()
            # (which every service runs) reports it next to the minimum.
            models.CheckConstraint(
                condition=models.Q(salary_min__isnull=True)
                | models.Q(salary_max__isnull=True)
                | models.Q(salary_min__lte=models.F("salary_max")),
                name="salary_min_not_above_max",
                violation_error_code=SALARY_RANGE_ERROR,
                violation_error_message=_("The minimum salary is above the maximum."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("vacancies:detail", kwargs={"slug": self.slug})

    def validate_constraints(self, exclude=None) -> None:
        try:
            super().validate_constraints(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict({})
            general = errors.pop(NON_FIELD_ERRORS, [])
            salary = [e for e in general if getattr(e, "code", None) == SALARY_RANGE_ERROR]
            rest = [e for e in general if e not in salary]
            if salary:
                errors.setdefault("salary_min", []).extend(salary)
            if rest:
                errors[NON_FIELD_ERRORS] = rest
            raise ValidationError(errors) from error

    @property
    def applies_in_portal(self) -> bool:
        return not self.apply_url

    @property
    def current_status(self) -> str:
        """The status, with a published vacancy past its date already shown as expired."""
        if (
            self.status == VacancyStatus.PUBLISHED
            and self.expires_at is not None
            and self.expires_at <= timezone.now()
        ):
            return VacancyStatus.EXPIRED
        return self.status

    @property
    def is_live(self) -> bool:
        return (
            self.status == VacancyStatus.PUBLISHED
            and self.expires_at is not None
            and self.expires_at > timezone.now()
        )


class BoardListing(models.Model):
    """A published vacancy as the job board searches, counts and facets it.

    PostgreSQL writes this table itself, in the statement of every write to a vacancy or its
    sectors (the `board_listing` migration), so it can never differ from the vacancies;
    Python only reads it. Its rows are narrow, so a word that matches a third of the board
    is counted and faceted from memory. It exists on PostgreSQL only: SQLite searches the
    vacancy table.
    """

    vacancy = models.OneToOneField(
        Vacancy,
        primary_key=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    published_at = models.DateTimeField(null=True)
    expires_at = models.DateTimeField(null=True)
    contract = models.CharField(max_length=16)
    experience = models.CharField(max_length=16)
    workplace = models.CharField(max_length=16)
    discipline = models.CharField(max_length=32)
    city = models.CharField(max_length=100)
    language = models.CharField(max_length=2)
    # Sector slugs, sorted.
    sectors = ArrayField(models.CharField(max_length=32), default=list)
    search_vector = SearchVectorField(null=True)

    class Meta:
        managed = False
        db_table = "vacancies_board_listing"

    def __str__(self) -> str:
        return f"listing of vacancy {self.pk}"


class VacancyStatusChange(models.Model):
    """Every move of a vacancy through the workflow: from, to, who, when, why."""

    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=16, blank=True)
    to_status = models.CharField(max_length=16)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("status change of a vacancy")
        verbose_name_plural = _("status changes of vacancies")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.vacancy_id}: {self.from_status or '∅'} → {self.to_status}"


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    IN_REVIEW = "in_review", _("In review")
    SHORTLISTED = "shortlisted", _("Shortlisted")
    REJECTED = "rejected", _("Not selected")
    HIRED = "hired", _("Hired")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Application(models.Model):
    """One person's application to one vacancy.

    When it has been kept long enough (see the retention rules), or its applicant is
    erased, it is anonymised rather than deleted: the person, the CV and the letter go,
    the vacancy, status and dates stay for the figures.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="applications")
    # Empty once anonymised.
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="applications",
    )
    cv = models.ForeignKey(
        "talent.CV", on_delete=models.SET_NULL, null=True, related_name="applications"
    )
    cover_letter = models.TextField(_("cover letter"), max_length=10000, blank=True)
    status = models.CharField(
        max_length=16, choices=ApplicationStatus.choices, default=ApplicationStatus.SUBMITTED
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    status_changed_at = models.DateTimeField(default=timezone.now)
    # Why the application was not selected, in the organization's words; the applicant sees it.
    rejection_reason = models.TextField(
        _("reason given to the applicant"), blank=True, db_default=""
    )
    # What the applicant agreed to: the organization keeps the application and CV for this
    # vacancy; optionally, it keeps the person in its own talent pool for a while.
    consent = models.ForeignKey(
        "privacy.Consent", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    talent_pool_consent = models.ForeignKey(
        "privacy.Consent", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    anonymised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["vacancy", "applicant"], name="one_application_per_vacancy"
            )
        ]

    def __str__(self) -> str:
        return f"{self.applicant or _('(anonymised)')} → {self.vacancy}"


class ApplicationStatusChange(models.Model):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(max_length=16, blank=True)
    to_status = models.CharField(max_length=16)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("status change of an application")
        verbose_name_plural = _("status changes of applications")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.from_status or '∅'} → {self.to_status}"


class AlertFrequency(models.TextChoices):
    INSTANT = "instant", _("At once")
    DAILY = "daily", _("Daily digest")
    WEEKLY = "weekly", _("Weekly digest")


class JobAlert(models.Model):
    """A saved job board search; new vacancies that match it are sent at once or as a digest."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="job_alerts"
    )
    name = models.CharField(_("name"), max_length=120)
    filters = models.JSONField(default=dict, blank=True)
    frequency = models.CharField(
        _("frequency"), max_length=8, choices=AlertFrequency.choices, default=AlertFrequency.DAILY
    )
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    last_run_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("job alert")
        verbose_name_plural = _("job alerts")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["is_active", "frequency"], name="notificatio_is_acti_7c9638_idx")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.frequency})"


class JobAlertMatch(models.Model):
    """A vacancy that matched an alert; unique, so a vacancy is never sent twice."""

    alert = models.ForeignKey(JobAlert, on_delete=models.CASCADE, related_name="matches")
    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="alert_matches")
    created_at = models.DateTimeField(default=timezone.now)
    notification = models.ForeignKey(
        "notifications.Notification",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("job alert match")
        verbose_name_plural = _("job alert matches")
        constraints = [
            models.UniqueConstraint(fields=["alert", "vacancy"], name="one_match_per_alert")
        ]
        indexes = [
            models.Index(fields=["alert", "notification"], name="notificatio_alert_i_a024c8_idx")
        ]

    def __str__(self) -> str:
        return f"{self.alert_id} × {self.vacancy_id}"


class VacancyNotice(models.TextChoices):
    """The notices the job board sends (registered with notifications in apps.py)."""

    JOB_ALERT = "job_alert", _("Job alerts")
    APPLICATION_RECEIVED = "application_received", _("Application received")
    APPLICATION_STATUS = "application_status", _("Application status changed")
    VACANCY_APPROVED = "vacancy_approved", _("Vacancy approved")
    VACANCY_REJECTED = "vacancy_rejected", _("Vacancy rejected")
    VACANCY_EXPIRING = "vacancy_expiring", _("Vacancy expiring in 7 days")
