"""Who may post, moderate, see and apply to vacancies, and handle applications."""

from django.utils.translation import gettext as _

from apps.accounts.selectors import user_has_verified_email
from apps.organizations.models import Organization
from apps.organizations.permissions import is_member, is_staff
from apps.vacancies.models import Application, ApplicationStatus, Vacancy, VacancyStatus

EDITABLE_STATUSES = (VacancyStatus.DRAFT, VacancyStatus.PENDING_REVIEW, VacancyStatus.REJECTED)


def post_refusal(user, organization: Organization) -> str | None:
    """Why the user may not post for the organization, or None when they may."""
    if not user.is_authenticated:
        return _("Sign in to post a vacancy.")
    if not is_member(user, organization):
        return _("Only members of %(name)s post its vacancies.") % {"name": organization.name}
    if not organization.verified:
        return _(
            "%(name)s is not verified yet: only verified organizations post vacancies. "
            "Ask staff to verify it from the organization's page."
        ) % {"name": organization.name}
    return None


def can_manage_vacancy(user, vacancy: Vacancy) -> bool:
    return post_refusal(user, vacancy.organization) is None


def can_moderate(user) -> bool:
    return is_staff(user)


def can_view_vacancy(user, vacancy: Vacancy) -> bool:
    if vacancy.is_live:
        return True
    return is_staff(user) or is_member(user, vacancy.organization)


def apply_refusal(user, vacancy: Vacancy) -> str | None:
    if not user.is_authenticated:
        return _("Sign in to apply.")
    if not vacancy.is_live:
        return _("This vacancy is not open for applications.")
    if not vacancy.applies_in_portal:
        return _("Apply on the organization's own site for this vacancy.")
    if not user_has_verified_email(user=user):
        return _("Confirm your email address before you apply.")
    if is_member(user, vacancy.organization):
        return _("You are a member of this organization.")
    return None


def can_handle_applications(user, vacancy: Vacancy) -> bool:
    return is_member(user, vacancy.organization)


def can_see_application(user, application: Application) -> bool:
    return application.applicant_id == user.pk or can_handle_applications(user, application.vacancy)


# An application can be withdrawn while the organization is still deciding.
WITHDRAWABLE_STATUSES = (
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.IN_REVIEW,
    ApplicationStatus.SHORTLISTED,
)


def can_see_applicant(user, application: Application) -> bool:
    """The applicant's name and address: gone for the organization once they withdraw."""
    return application.applicant_id == user.pk or (
        application.status != ApplicationStatus.WITHDRAWN
    )


def can_withdraw(user, application: Application) -> bool:
    return application.applicant_id == user.pk and application.status in WITHDRAWABLE_STATUSES


def can_see_talent_pool(user, organization: Organization) -> bool:
    """Members see the people who agreed to stay in their organization's talent pool."""
    return is_member(user, organization)


def talent_pool_join_refusal(user, application: Application) -> str | None:
    """Why the user may not (re)join the organization's pool with this application."""
    if application.applicant_id is None or application.applicant_id != user.pk:
        return _("Only the applicant decides to stay in an organization's talent pool.")
    if application.status == ApplicationStatus.WITHDRAWN:
        return _("This application was withdrawn.")
    return None
