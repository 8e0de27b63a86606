"""Every write to vacancies and applications: the moderation workflow and its rules."""

from collections.abc import Iterable
from datetime import datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.accounts.models import User
from apps.core import retention
from apps.core.exceptions import ActionForbidden, ConflictError, ServiceError
from apps.core.html import html_to_text, markdown_to_html
from apps.core.services import audit_record
from apps.notifications.services import notify, notify_all
from apps.organizations.agents import person
from apps.organizations.models import Organization, Sector
from apps.privacy.models import Consent
from apps.privacy.services import consent_end, consent_give, consents_forget
from apps.talent.models import CV
from apps.talent.services import cv_upload
from apps.vacancies import permissions, selectors
from apps.vacancies.alerts import job_alerts_on_publish
from apps.vacancies.language import detect_language
from apps.vacancies.models import (
    Application,
    ApplicationStatus,
    ApplicationStatusChange,
    Vacancy,
    VacancyNotice,
    VacancyStatus,
    VacancyStatusChange,
)
from apps.vacancies.webhooks import (
    APPLICATION_RECEIVED,
    APPLICATION_STATUS_CHANGED,
    VACANCY_CLOSED,
    VACANCY_EXPIRED,
    VACANCY_PUBLISHED,
    application_changed,
    vacancy_changed,
)

EDITABLE_FIELDS = (
    "title",
    "description",
    "city",
    "workplace",
    "contract",
    "experience",
    "discipline",
    "salary_min",
    "salary_max",
    "apply_url",
    "application_email",
    "language",
)
APPLICATION_TRANSITIONS = {
    ApplicationStatus.SUBMITTED: {
        ApplicationStatus.IN_REVIEW,
        ApplicationStatus.SHORTLISTED,
        ApplicationStatus.REJECTED,
    },
    ApplicationStatus.IN_REVIEW: {ApplicationStatus.SHORTLISTED, ApplicationStatus.REJECTED},
    ApplicationStatus.SHORTLISTED: {ApplicationStatus.REJECTED, ApplicationStatus.HIRED},
}


def _members(organization: Organization) -> list[User]:
    return [m.user for m in organization.memberships.select_related("user")]


def vacancy_closing_time(*, start: datetime) -> datetime:
    """When a vacancy published (or extended) at `start` expires: at midnight, where the
    portal is (TIME_ZONE), at the end of the VACANCY_LIFETIME_DAYS-th day after `start`.

    A vacancy closes on a date, as its card says; and the board changes by the clock once a
    day, at midnight, instead of whenever one of its vacancies happens to run out, which
    would empty the board's cache every minute at 100,000 vacancies.
    """
    where = timezone.get_default_timezone()
    last_day = timezone.localdate(start, where) + timedelta(days=settings.VACANCY_LIFETIME_DAYS)
    return timezone.make_aware(datetime.combine(last_day + timedelta(days=1), time.min), where)


def _unique_slug(title: str, organization: Organization) -> str:
    base = slugify(f"{title} {organization.name}")[:170] or "vacancy"
    slug, counter = base, 2
    while Vacancy.objects.filter(slug=slug).exists():
        slug, counter = f"{base}-{counter}", counter + 1
    return slug


def _record(vacancy: Vacancy, *, actor: User | None, to_status: str, note: str = "") -> None:
    """Note the move in the history; the caller saves `status` and `updated_at`."""
    VacancyStatusChange.objects.create(
        vacancy=vacancy,
        from_status=vacancy.status,
        to_status=to_status,
        actor=person(actor),
        note=note,
    )
    vacancy.status = to_status
    vacancy.updated_at = timezone.now()


def vacancy_clean_fields(fields: dict) -> dict:
    """The editable fields, trimmed, the description sanitised; refuses any other field."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ServiceError({name: [_("This field cannot be changed.")] for name in sorted(unknown)})
    cleaned = {k: v.strip() if isinstance(v, str) else v for k, v in fields.items()}
    if "description" in cleaned:
        # Written in Markdown (HTML tags pass through); stored both as written and as
        # sanitised HTML, so an edit starts from the text the poster typed.
        cleaned["description_markdown"] = cleaned["description"]
        cleaned["description"] = markdown_to_html(cleaned["description"])
        if not html_to_text(cleaned["description"]):
            raise ServiceError({"description": [_("Describe the job.")]})
    return cleaned


def _with_language(vacancy: Vacancy, chosen: str | None) -> None:
    """The poster's language, or the one the title and description are written in when
    they chose none."""
    if not chosen:
        text = f"{vacancy.title}\n{vacancy.description_markdown or vacancy.description}"
        chosen = detect_language(text)
    vacancy.language = chosen


def _validate(vacancy: Vacancy) -> None:
    """The model's own rules (fields, salary range); a ServiceError names the field."""
    try:
        vacancy.full_clean(exclude=["slug", "search_vector", "organization", "created_by"])
    except ValidationError as error:
        # A ServiceError, so the pages show it next to the field instead of failing with a 500.
        raise ServiceError(error.message_dict) from error


@transaction.atomic
def vacancy_create(
    *,
    actor: User,
    organization: Organization,
    sectors: Iterable[Sector] = (),
    submit: bool = True,
    **fields: Any,
) -> Vacancy:
    """A new vacancy, sent to review unless kept as a draft."""
    refusal = permissions.post_refusal(actor, organization)
    if refusal:
        raise ActionForbidden(refusal)
    fields = vacancy_clean_fields(fields)
    language = fields.pop("language", "")
    vacancy = Vacancy(organization=organization, created_by=person(actor), **fields)
    _with_language(vacancy, language)
    vacancy.slug = _unique_slug(vacancy.title, organization)
    _validate(vacancy)
    vacancy.save()
    vacancy.sectors.set(sectors)
    VacancyStatusChange.objects.create(
        vacancy=vacancy, from_status="", to_status=VacancyStatus.DRAFT, actor=person(actor)
    )
    if submit:
        vacancy_submit(actor=actor, vacancy=vacancy)
    return vacancy


@transaction.atomic
def vacancy_update(
    *,
    actor: User,
    vacancy: Vacancy,
    sectors: Iterable[Sector] | None = None,
    as_moderator: bool = False,
    **fields: Any,
) -> Vacancy:
    """Edit while draft, pending or rejected; a pending or rejected one goes back to review.

    Staff correct any vacancy as moderators (`as_moderator=True`, as the admin does): in
    any status, which it keeps, with the same field rules, and an audit line.
    """
    if as_moderator:
        if not permissions.can_moderate(actor):
            raise ActionForbidden(_("Only staff correct vacancies."))
    elif not permissions.can_manage_vacancy(actor, vacancy):
        raise ActionForbidden(_("Only members of a verified organization edit its vacancies."))
    vacancy = Vacancy.objects.select_for_update().select_related("organization").get(pk=vacancy.pk)
    if as_moderator:
        _set_fields(vacancy, fields)
        _validate(vacancy)
        vacancy.updated_at = timezone.now()
        vacancy.save()
        if sectors is not None:
            vacancy.sectors.set(sectors)
        audit_record(actor=actor, action="vacancy.correct", target=vacancy)
        return vacancy
    if vacancy.status not in permissions.EDITABLE_STATUSES:
        raise ConflictError(
            {
                "detail": _("A %(status)s vacancy cannot be edited; close it and post a new one.")
                % {"status": vacancy.get_status_display().lower()}
            }
        )
    _set_fields(vacancy, fields)
    _validate(vacancy)
    if vacancy.status in (VacancyStatus.PENDING_REVIEW, VacancyStatus.REJECTED):
        _record(vacancy, actor=actor, to_status=VacancyStatus.PENDING_REVIEW, note="edited")
        vacancy.submitted_at = timezone.now()
    vacancy.updated_at = timezone.now()
    vacancy.save()
    if sectors is not None:
        vacancy.sectors.set(sectors)
    return vacancy


def _set_fields(vacancy: Vacancy, fields: dict) -> None:
    """The edited fields; a language given empty is detected again from the text."""
    cleaned = vacancy_clean_fields(fields)
    language = cleaned.pop("language", None)
    for name, value in cleaned.items():
        setattr(vacancy, name, value)
    if language is not None:
        _with_language(vacancy, language)


def _transition(vacancy: Vacancy, allowed_from: Iterable[str], action: str) -> Vacancy:
    locked = Vacancy.objects.select_for_update().select_related("organization").get(pk=vacancy.pk)
    if locked.status not in allowed_from:
        raise ConflictError(
            {
                "detail": _("A %(status)s vacancy cannot be %(action)s.")
                % {"status": locked.get_status_display().lower(), "action": action}
            }
        )
    return locked


@transaction.atomic
def vacancy_submit(*, actor: User, vacancy: Vacancy) -> Vacancy:
    if not permissions.can_manage_vacancy(actor, vacancy):
        raise ActionForbidden(_("Only members of a verified organization submit its vacancies."))
    locked = _transition(vacancy, (VacancyStatus.DRAFT, VacancyStatus.REJECTED), _("submitted"))
    _record(locked, actor=actor, to_status=VacancyStatus.PENDING_REVIEW)
    locked.submitted_at = timezone.now()
    locked.save(update_fields=["status", "submitted_at", "updated_at"])
    vacancy.status = locked.status
    return locked


@transaction.atomic
def vacancy_approve(*, actor: User, vacancy: Vacancy) -> Vacancy:
    """Publish: listed, searchable and open for applications until it expires."""
    if not permissions.can_moderate(actor):
        raise ActionForbidden(_("Only staff approve vacancies."))
    locked = _transition(vacancy, (VacancyStatus.PENDING_REVIEW,), _("approved"))
    _record(locked, actor=actor, to_status=VacancyStatus.PUBLISHED)
    now = timezone.now()
    locked.published_at = now
    locked.expires_at = vacancy_closing_time(start=now)
    locked.reviewer_note = ""
    locked.save(
        update_fields=["status", "published_at", "expires_at", "reviewer_note", "updated_at"]
    )
    notify_all(
        recipients=_members(locked.organization),
        kind=VacancyNotice.VACANCY_APPROVED,
        subject=_("Published: %(title)s") % {"title": locked.title},
        template="vacancies/email/vacancy_approved",
        context={"vacancy": locked},
        url=locked.get_absolute_url(),
        dedupe_key=f"vacancy-approved:{locked.pk}:{now:%Y%m%d%H%M%S}",
    )
    job_alerts_on_publish(vacancy_ids=[locked.pk])
    vacancy_changed(vacancy=locked, event_type=VACANCY_PUBLISHED)
    audit_record(actor=actor, action="vacancy.approve", target=locked)
    return locked


@transaction.atomic
def vacancy_reject(*, actor: User, vacancy: Vacancy, reason: str) -> Vacancy:
    if not permissions.can_moderate(actor):
        raise ActionForbidden(_("Only staff reject vacancies."))
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError({"reason": [_("Tell the poster what to change.")]})
    locked = _transition(vacancy, (VacancyStatus.PENDING_REVIEW,), _("rejected"))
    _record(locked, actor=actor, to_status=VacancyStatus.REJECTED, note=reason[:2000])
    locked.reviewer_note = reason[:2000]
    locked.save(update_fields=["status", "reviewer_note", "updated_at"])
    notify_all(
        recipients=_members(locked.organization),
        kind=VacancyNotice.VACANCY_REJECTED,
        subject=_("Changes needed: %(title)s") % {"title": locked.title},
        template="vacancies/email/vacancy_rejected",
        context={"vacancy": locked, "reason": locked.reviewer_note},
        url=locked.get_absolute_url(),
    )
    audit_record(actor=actor, action="vacancy.reject", target=locked, note=locked.reviewer_note)
    return locked


@transaction.atomic
def vacancy_close(*, actor: User, vacancy: Vacancy) -> Vacancy:
    if not permissions.can_manage_vacancy(actor, vacancy):
        raise ActionForbidden(_("Only members of the organization close its vacancies."))
    locked = _transition(vacancy, (VacancyStatus.PUBLISHED,), _("closed"))
    _record(locked, actor=actor, to_status=VacancyStatus.CLOSED)
    # Applications are kept for a while counted from here (see the retention rules).
    locked.closed_at = timezone.now()
    locked.save(update_fields=["status", "updated_at", "closed_at"])
    vacancy_changed(vacancy=locked, event_type=VACANCY_CLOSED)
    return locked


@transaction.atomic
def vacancy_extend(*, actor: User, vacancy: Vacancy) -> Vacancy:
    """Another full lifetime from today for a published vacancy."""
    if not permissions.can_manage_vacancy(actor, vacancy):
        raise ActionForbidden(_("Only members of the organization extend its vacancies."))
    locked = _transition(vacancy, (VacancyStatus.PUBLISHED,), _("extended"))
    if locked.expires_at is None or locked.expires_at <= timezone.now():
        # Past its date it is offline already; it comes back only through review.
        raise ConflictError({"detail": _("This vacancy has expired; post it again for review.")})
    locked.expires_at = vacancy_closing_time(start=timezone.now())
    _record(
        locked,
        actor=actor,
        to_status=locked.status,
        note=f"extended until {locked.expires_at:%Y-%m-%d}",
    )
    locked.save(update_fields=["expires_at", "updated_at"])
    return locked


@transaction.atomic
def vacancy_delete(*, actor: User, vacancy: Vacancy) -> None:
    """Only vacancies that were never published may be deleted; the rest are closed."""
    if not permissions.can_manage_vacancy(actor, vacancy):
        raise ActionForbidden(_("Only members of the organization delete its vacancies."))
    locked = _transition(vacancy, permissions.EDITABLE_STATUSES, _("deleted"))
    locked.delete()


def vacancies_expire_due() -> int:
    """Mark published vacancies past their date as expired (lists hide them already)."""
    now = timezone.now()
    expired = 0
    due = Vacancy.objects.filter(status=VacancyStatus.PUBLISHED, expires_at__lte=now)
    for vacancy_id in due.values_list("pk", flat=True)[:5000]:
        with transaction.atomic():
            locked = Vacancy.objects.select_for_update().get(pk=vacancy_id)
            if locked.status != VacancyStatus.PUBLISHED or (locked.expires_at or now) > now:
                continue  # extended or closed meanwhile; running twice changes nothing
            _record(locked, actor=None, to_status=VacancyStatus.EXPIRED)
            locked.save(update_fields=["status", "updated_at"])
            vacancy_changed(vacancy=locked, event_type=VACANCY_EXPIRED)
            expired += 1
    return expired


# --- Applications -------------------------------------------------------------------------


@transaction.atomic
def application_create(
    *,
    applicant: User,
    vacancy: Vacancy,
    cv: CV | None = None,
    upload: UploadedFile | None = None,
    cover_letter: str = "",
    talent_pool: bool = False,
) -> Application:
    """Apply once, with one of one's CVs or a new upload.

    Applying records the applicant's consent that the organization keeps the application
    and CV for this vacancy; `talent_pool` records the optional, separate consent to stay
    in the organization's own talent pool for a while.
    """
    refusal = permissions.apply_refusal(applicant, vacancy)
    if refusal:
        raise ActionForbidden(refusal)
    if Application.objects.filter(vacancy=vacancy, applicant=applicant).exists():
        raise ConflictError({"detail": _("You have already applied to this vacancy.")})
    if (cv is None) == (upload is None):
        raise ServiceError({"cv": [_("Choose one of your CVs or upload a new one.")]})
    if upload is not None:
        cv = cv_upload(user=applicant, upload=upload)
    elif cv is None or cv.profile.user_id != applicant.pk:
        raise ServiceError({"cv": [_("Choose one of your own CVs.")]})
    cover_letter = (cover_letter or "").strip()
    if len(cover_letter) > 10000:
        raise ServiceError({"cover_letter": [_("At most 10,000 characters.")]})
    try:
        with transaction.atomic():
            application = Application.objects.create(
                vacancy=vacancy, applicant=applicant, cv=cv, cover_letter=cover_letter
            )
    except IntegrityError as error:
        raise ConflictError({"detail": _("You have already applied to this vacancy.")}) from error
    ApplicationStatusChange.objects.create(
        application=application, to_status=ApplicationStatus.SUBMITTED, actor=applicant
    )
    application.consent = consent_give(
        user=applicant,
        purpose=APPLICATION_PURPOSE,
        text=application_consent_text(vacancy),
        now=application.created_at,
    )
    if talent_pool:
        application.talent_pool_consent = _talent_pool_consent(
            applicant, vacancy.organization, now=application.created_at
        )
    application.save(update_fields=["consent", "talent_pool_consent"])
    application_changed(application=application, event_type=APPLICATION_RECEIVED)
    notify_all(
        recipients=_members(vacancy.organization),
        kind=VacancyNotice.APPLICATION_RECEIVED,
        subject=_("New application: %(title)s") % {"title": vacancy.title},
        template="vacancies/email/application_received",
        context={"vacancy": vacancy, "applicant": applicant},
        url=f"/jobs/{vacancy.slug}/applications/",
        dedupe_key=f"application-received:{application.pk}",
    )
    return application


def _move(application: Application, *, actor: User, to_status: str) -> Application:
    locked = Application.objects.select_for_update().get(pk=application.pk)
    ApplicationStatusChange.objects.create(
        application=locked, from_status=locked.status, to_status=to_status, actor=person(actor)
    )
    locked.status = to_status
    locked.status_changed_at = timezone.now()
    locked.save(update_fields=["status", "status_changed_at"])
    application.status = locked.status
    application.status_changed_at = locked.status_changed_at
    return application


MAX_REJECTION_REASON = 2000


@transaction.atomic
def application_change_status(
    *, actor: User, application: Application, status: str, reason: str = ""
) -> Application:
    """Members move an application on: in review, shortlisted, then rejected or hired.

    Rejecting may give a reason: the applicant sees it with the status and in the notice.
    """
    if not permissions.can_handle_applications(actor, application.vacancy):
        raise ActionForbidden(_("Only members of the organization handle its applications."))
    if status not in ApplicationStatus.values:
        raise ServiceError({"status": [_("Unknown status.")]})
    reason = (reason or "").strip()
    if reason and status != ApplicationStatus.REJECTED:
        raise ServiceError({"reason": [_("A reason goes only with a rejection.")]})
    if len(reason) > MAX_REJECTION_REASON:
        raise ServiceError({"reason": [_("At most 2,000 characters.")]})
    current = Application.objects.select_for_update().get(pk=application.pk).status
    if status not in APPLICATION_TRANSITIONS.get(ApplicationStatus(current), set()):
        raise ConflictError(
            {
                "status": [
                    _("An application that is %(current)s cannot become %(new)s.")
                    % {"current": current, "new": status}
                ]
            }
        )
    application = _move(application, actor=actor, to_status=status)
    if reason:
        application.rejection_reason = reason
        application.save(update_fields=["rejection_reason"])
    vacancy = application.vacancy
    if application.applicant is None:
        return application  # anonymised meanwhile: nobody to tell
    notify(
        recipient=application.applicant,
        kind=VacancyNotice.APPLICATION_STATUS,
        subject=_("Your application to %(title)s: %(status)s")
        % {"title": vacancy.title, "status": application.get_status_display()},
        template="vacancies/email/application_status",
        context={
            "vacancy": vacancy,
            "status_label": application.get_status_display(),
            "reason": reason,
        },
        url="/jobs/my-applications/",
        dedupe_key=f"application-status:{application.pk}:{status}",
    )
    application_changed(application=application, event_type=APPLICATION_STATUS_CHANGED)
    return application


@transaction.atomic
def application_withdraw(*, actor: User, application: Application) -> Application:
    if application.applicant_id != actor.pk:
        raise ActionForbidden(_("Only the applicant withdraws an application."))
    application.status = Application.objects.select_for_update().get(pk=application.pk).status
    if not permissions.can_withdraw(actor, application):
        raise ConflictError({"detail": _("This application can no longer be withdrawn.")})
    if application.talent_pool_consent_id:
        # Withdrawing the application also takes the person out of the organization's pool.
        consent_end(consent_id=application.talent_pool_consent_id)
    application = _move(application, actor=actor, to_status=ApplicationStatus.WITHDRAWN)
    # The organization keeps that someone applied and when, not what they sent.
    Application.objects.filter(pk=application.pk).update(cover_letter="", cv=None)
    application.cover_letter, application.cv = "", None
    application_changed(application=application, event_type=APPLICATION_STATUS_CHANGED)
    return application


def vacancies_notify_expiring() -> int:
    """Tell the organization, once, that a vacancy expires within 7 days."""
    from apps.vacancies.selectors import live_vacancies

    soon = timezone.now() + timedelta(days=7)
    sent = 0
    for vacancy in live_vacancies().filter(expires_at__lte=soon)[:2000]:
        with transaction.atomic():
            created = notify_all(
                recipients=_members(vacancy.organization),
                kind=VacancyNotice.VACANCY_EXPIRING,
                subject=_("Expires soon: %(title)s") % {"title": vacancy.title},
                template="vacancies/email/vacancy_expiring",
                context={"vacancy": vacancy},
                url=vacancy.get_absolute_url(),
                # Once per expiry date: extending the vacancy allows a new warning.
                dedupe_key=f"vacancy-expiring:{vacancy.pk}:{vacancy.expires_at:%Y%m%d%H%M}",
            )
            sent += len(created)
    return sent


# --- Consents, the organizations' talent pools, and how long applications are kept ------

APPLICATION_PURPOSE = "application"
TALENT_POOL_PURPOSE = "talent_pool"


def application_consent_text(vacancy: Vacancy) -> str:
    """The words an applicant agrees to by applying (version: see apps.py)."""
    return _(
        "%(organization)s keeps my application, and the CV I send with it, for the vacancy "
        "“%(title)s”, until %(months)d months after the vacancy closes or expires."
    ) % {
        "organization": vacancy.organization.name,
        "title": vacancy.title,
        "months": settings.RETENTION_APPLICATIONS_MONTHS,
    }


def talent_pool_consent_text(organization: Organization) -> str:
    """The words of the optional consent to stay in the organization's own talent pool."""
    return _(
        "%(organization)s keeps me in its own talent pool for %(months)d months, with this "
        "application and CV, and may consider me for its other vacancies."
    ) % {"organization": organization.name, "months": settings.TALENT_POOL_MONTHS}


def _talent_pool_consent(applicant: User, organization: Organization, *, now: datetime) -> Consent:
    return consent_give(
        user=applicant,
        purpose=TALENT_POOL_PURPOSE,
        text=talent_pool_consent_text(organization),
        expires_at=retention.goes_at(start=now, months=settings.TALENT_POOL_MONTHS),
        now=now,
    )


@transaction.atomic
def application_talent_pool_join(*, actor: User, application: Application) -> Application:
    """The applicant agrees (again) to stay in the organization's talent pool, from today.

    A consent that still holds ends and a new one starts: the record keeps both.
    """
    locked = (
        Application.objects.select_for_update(of=("self",))
        .select_related("vacancy__organization", "talent_pool_consent")
        .get(pk=application.pk)
    )
    refusal = permissions.talent_pool_join_refusal(actor, locked)
    if refusal:
        raise ActionForbidden(refusal)
    now = timezone.now()
    if locked.talent_pool_consent_id:
        consent_end(consent_id=locked.talent_pool_consent_id, now=now)
    locked.talent_pool_consent = _talent_pool_consent(actor, locked.vacancy.organization, now=now)
    locked.save(update_fields=["talent_pool_consent"])
    return locked


def applications_anonymise(*, ids: list, now: datetime | None = None) -> int:
    """Take the person out of these applications: applicant, CV, letter and consents go; the
    vacancy, status and dates stay, so the figures keep counting them. Safe to run twice."""
    now = now or timezone.now()
    rows = list(
        Application.objects.select_for_update()
        .filter(pk__in=ids, applicant__isnull=False)
        .values_list("pk", "consent_id", "talent_pool_consent_id")
    )
    if not rows:
        return 0
    pks = [pk for pk, _consent, _pool in rows]
    ApplicationStatusChange.objects.filter(
        application_id__in=pks, actor_id=F("application__applicant_id")
    ).update(actor=None)
    Application.objects.filter(pk__in=pks).update(
        applicant=None,
        cv=None,
        cover_letter="",
        consent=None,
        talent_pool_consent=None,
        anonymised_at=now,
    )
    consents_forget(consent_ids=[c for _pk, *consents in rows for c in consents])
    return len(pks)


def applications_erase_person(*, user: User) -> int:
    """On erasure: the person's applications stay counted, without them."""
    ids = list(Application.objects.filter(applicant=user).values_list("pk", flat=True))
    return applications_anonymise(ids=ids)


def application_consent_withdrawn(*, consent: Consent) -> None:
    """Without the consent to keep it, the application is anonymised at once."""
    ids = list(Application.objects.filter(consent=consent).values_list("pk", flat=True))
    applications_anonymise(ids=ids, now=consent.withdrawn_at)


def talent_pool_consent_withdrawn(*, consent: Consent) -> None:
    """Out of the pool at once (the pool reads only consents that hold); an application kept
    only because of the pool goes now."""
    at = consent.withdrawn_at or timezone.now()
    due = selectors.applications_due(at=at).filter(talent_pool_consent=consent)
    applications_anonymise(ids=list(due.values_list("pk", flat=True)), now=at)


def applications_apply_retention(
    *, now: datetime, dry_run: bool = False, limit: int | None = None
) -> list[retention.Step]:
    return [
        retention.run_in_batches(
            due=selectors.applications_due(at=now),
            action=gettext_lazy("anonymised"),
            apply=lambda ids: applications_anonymise(ids=ids, now=now),
            dry_run=dry_run,
            limit=limit,
        )
    ]


def applications_upcoming(*, now: datetime, until: datetime, limit: int) -> retention.Upcoming:
    def item(application: Application) -> retention.DueItem:
        return retention.DueItem(
            label=_("Application to “%(title)s” (%(organization)s)")
            % {
                "title": application.vacancy.title,
                "organization": application.vacancy.organization,
            },
            goes_at=selectors.application_goes_at(application, now=now) or until,
        )

    return retention.upcoming_from(
        due=selectors.applications_due(at=until).select_related(
            "vacancy__organization", "talent_pool_consent"
        ),
        order_by=("vacancy_ended_at", "pk"),
        item=item,
        limit=limit,
    )


def applications_period() -> str:
    return _(
        "%(months)d months after the vacancy closes or expires; longer while the applicant "
        "stays in the organization's talent pool"
    ) % {"months": settings.RETENTION_APPLICATIONS_MONTHS}
