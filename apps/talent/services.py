"""Every write to profiles and CVs, with the privacy rules."""

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.accounts.models import User
from apps.core import retention
from apps.core.exceptions import ActionForbidden, ServiceError
from apps.core.input import file_name_problem
from apps.talent import permissions, selectors
from apps.talent.files import CV_MAX_BYTES, CVS_PER_PERSON, detect_cv_type
from apps.talent.models import (
    CV,
    LANGUAGES,
    ContractType,
    CVAccess,
    Discipline,
    EducationLevel,
    TalentProfile,
    Visibility,
)

MAX_SKILLS = 40
PROFILE_FIELDS = (
    "headline",
    "summary",
    "skills",
    "disciplines",
    "languages",
    "contract_types",
    "education_level",
    "years_of_experience",
    "city",
    "available_from",
    "visibility",
    "accepts_invitations",
)


def normalize_skill(skill: str) -> str:
    return " ".join(str(skill).split()).lower()[:60]


def _clean_choice_list(name: str, values: Iterable[str], allowed: Iterable[str]) -> list[str]:
    values = list(values or [])
    allowed = set(allowed)
    unknown = [value for value in values if value not in allowed]
    if unknown:
        raise ServiceError(
            {name: [_("Unknown value: %(v)s.") % {"v": ", ".join(map(str, unknown))}]}
        )
    return sorted(set(values), key=values.index)


def talent_profile_get_or_create(*, user: User) -> TalentProfile:
    profile, _created = TalentProfile.objects.get_or_create(user=user)
    return profile


@transaction.atomic
def talent_profile_update(*, user: User, **fields: Any) -> TalentProfile:
    """The seeker's own profile; every list is normalised and every choice checked."""
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise ServiceError({name: [_("This field cannot be changed.")] for name in sorted(unknown)})
    profile = talent_profile_get_or_create(user=user)
    if "skills" in fields:
        skills = [normalize_skill(skill) for skill in fields["skills"] or [] if str(skill).strip()]
        skills = list(dict.fromkeys(skills))
        if len(skills) > MAX_SKILLS:
            raise ServiceError({"skills": [_("At most %(n)d skills.") % {"n": MAX_SKILLS}]})
        fields["skills"] = skills
    if "languages" in fields:
        fields["languages"] = _clean_choice_list("languages", fields["languages"], LANGUAGES)
    if "disciplines" in fields:
        fields["disciplines"] = _clean_choice_list(
            "disciplines", fields["disciplines"], Discipline.values
        )
    if "contract_types" in fields:
        fields["contract_types"] = _clean_choice_list(
            "contract_types", fields["contract_types"], ContractType.values
        )
    if fields.get("education_level") not in (None, "", *EducationLevel.values):
        raise ServiceError({"education_level": [_("Unknown education level.")]})
    if fields.get("visibility") is not None and fields["visibility"] not in Visibility.values:
        raise ServiceError({"visibility": [_("Choose private, verified_companies or public.")]})
    years = fields.get("years_of_experience")
    if years is not None and (not isinstance(years, int) or years < 0 or years > 60):
        raise ServiceError({"years_of_experience": [_("Between 0 and 60 years.")]})
    available = fields.get("available_from")
    if available is not None and not isinstance(available, date):
        raise ServiceError({"available_from": [_("A date, such as 2027-02-01.")]})
    for name, value in fields.items():
        if isinstance(value, str):
            value = value.strip()
        setattr(profile, name, value)
    profile.updated_at = timezone.now()
    profile.full_clean(exclude=["user"])
    profile.save()
    return profile


def _display_name(name: str, detected_type: str) -> str:
    stem = name.rsplit(".", 1)[0] if "." in name else name
    stem = " ".join(stem.split())[:180] or "CV"
    return f"{stem}.{detected_type}"


@transaction.atomic
def cv_upload(
    *, user: User, upload: UploadedFile, name: str | None = None, make_primary: bool = False
) -> CV:
    """Store a CV whose content is PDF, DOCX or ODT, at most 10 MB, under a generated name."""
    given_name = name if name is not None else (upload.name or "")
    problem = file_name_problem(given_name)
    if problem:
        raise ServiceError({"name" if name is not None else "file": [problem]})
    size = upload.size or 0
    if size == 0:
        raise ServiceError({"file": [_("The file is empty.")]})
    if size > CV_MAX_BYTES:
        raise ServiceError({"file": [_("A CV may be at most 10 MB.")]})
    detected = detect_cv_type(upload)
    if detected is None:
        raise ServiceError({"file": [_("Upload a PDF, Word (DOCX) or OpenDocument (ODT) file.")]})
    profile = talent_profile_get_or_create(user=user)
    # The profile row is locked: two uploads at once cannot both take the last place.
    profile = TalentProfile.objects.select_for_update().get(pk=profile.pk)
    kept = profile.cvs.count()
    if kept >= CVS_PER_PERSON:
        raise ServiceError(
            {
                "file": [
                    _("You can keep at most %(n)d CVs: delete one before adding another.")
                    % {"n": CVS_PER_PERSON}
                ]
            }
        )
    first = kept == 0
    cv = CV(
        profile=profile,
        original_name=_display_name(given_name, detected),
        size=size,
        detected_type=detected,
        is_primary=False,
    )
    upload.seek(0)
    cv.file.save(f"cv.{detected}", upload, save=False)
    stored_name = cv.file.name
    try:
        cv.save()
    except Exception:
        cv.file.storage.delete(stored_name)
        raise
    if first or make_primary:
        cv_set_primary(user=user, cv=cv)
    return cv


def _own_cv(*, user: User, cv: CV) -> None:
    if not permissions.can_edit_own(user, cv.profile):
        raise ActionForbidden(_("This is not your CV."))


@transaction.atomic
def cv_set_primary(*, user: User, cv: CV) -> CV:
    _own_cv(user=user, cv=cv)
    CV.objects.filter(profile_id=cv.profile_id, is_primary=True).exclude(pk=cv.pk).update(
        is_primary=False
    )
    CV.objects.filter(pk=cv.pk).update(is_primary=True)
    cv.is_primary = True
    return cv


@transaction.atomic
def cv_rename(*, user: User, cv: CV, name: str) -> CV:
    _own_cv(user=user, cv=cv)
    problem = file_name_problem(name)
    if problem:
        raise ServiceError({"name": [problem]})
    cv.original_name = _display_name(name, cv.detected_type)
    cv.save(update_fields=["original_name"])
    return cv


def _delete_files_after_commit(storage: Any, names: list[str]) -> None:
    def delete() -> None:
        for stored in names:
            storage.delete(stored)

    transaction.on_commit(delete)


@transaction.atomic
def cv_delete(*, user: User, cv: CV) -> None:
    """Remove the CV and, once that is committed, its file from storage."""
    _own_cv(user=user, cv=cv)
    was_primary = cv.is_primary
    profile_id = cv.profile_id
    _delete_files_after_commit(cv.file.storage, [cv.file.name])
    cv.delete()
    if was_primary:
        successor = CV.objects.filter(profile_id=profile_id).order_by("-uploaded_at").first()
        if successor:
            CV.objects.filter(pk=successor.pk).update(is_primary=True)


def cv_download(*, user: User, cv: CV, organization_slug: str | None = None) -> CV:
    """Allow the download when the rules do, and record who, for whom and when."""
    decision = permissions.cv_download_decision(user, cv, organization_slug)
    if not decision.allowed:
        raise ActionForbidden(decision.reason)
    if decision.logged:
        CVAccess.objects.create(
            cv=cv, accessed_by=user, organization=decision.organization, reason=decision.purpose
        )
    return cv


def talent_erase_files(*, user: User) -> int:
    """Schedule the removal of every CV file of the user once the erasure commits."""
    cvs = list(CV.objects.filter(profile__user=user).only("file"))
    if cvs:
        _delete_files_after_commit(cvs[0].file.storage, [cv.file.name for cv in cvs])
    return len(cvs)


def skills_from_text(text: str) -> list[str]:
    """`Python, RNA-seq; CRISPR` → the list of skills, for forms."""
    parts = [part for chunk in (text or "").split(";") for part in chunk.split(",")]
    return [normalize_skill(part) for part in parts if part.strip()]


def cv_safe_download_name(cv: CV) -> str:
    return f"{slugify(cv.original_name.rsplit('.', 1)[0]) or 'cv'}.{cv.detected_type}"


# --- How long the download log is kept -----------------------------------------------------


def _cv_downloads_delete(ids: list) -> int:
    deleted, _by_model = CVAccess.objects.filter(pk__in=ids).delete()
    return deleted


def cv_downloads_apply_retention(
    *, now: datetime, dry_run: bool = False, limit: int | None = None
) -> list[retention.Step]:
    return [
        retention.run_in_batches(
            due=selectors.cv_downloads_due(at=now),
            action=gettext_lazy("deleted"),
            apply=_cv_downloads_delete,
            dry_run=dry_run,
            limit=limit,
        )
    ]


def cv_downloads_upcoming(*, now: datetime, until: datetime, limit: int) -> retention.Upcoming:
    months = settings.RETENTION_CV_DOWNLOADS_MONTHS
    return retention.upcoming_from(
        due=selectors.cv_downloads_due(at=until).select_related("organization"),
        order_by=("accessed_at", "pk"),
        item=lambda access: retention.DueItem(
            label=_("Download of a CV by %(organization)s")
            % {"organization": access.organization or _("an organization")},
            goes_at=retention.goes_at(start=access.accessed_at, months=months),
        ),
        limit=limit,
    )


def cv_downloads_period() -> str:
    return _("%(months)d months after the download") % {
        "months": settings.RETENTION_CV_DOWNLOADS_MONTHS
    }
