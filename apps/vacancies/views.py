"""Job board pages; thin: validate, call a service, render."""

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core.exceptions import ServiceError
from apps.core.html import html_to_text, markdown_to_html
from apps.core.views import add_service_errors, page_query, render_refusal
from apps.organizations.models import Organization
from apps.organizations.selectors import user_verified_organizations
from apps.talent.selectors import cvs_of
from apps.vacancies import page_views, selectors, services
from apps.vacancies import permissions as rules
from apps.vacancies.filters import VacancyFilter
from apps.vacancies.forms import ApplyForm, RejectForm, VacancyForm
from apps.vacancies.language import VacancyLanguage, detect_language
from apps.vacancies.models import Application, ApplicationStatus, Vacancy, VacancyStatus

PAGE_SIZE = 20
JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


class _InvalidFilters(Exception):
    def __init__(self, errors: dict):
        super().__init__(errors)
        self.errors = errors


def vacancy_list(request):
    filters = request.GET.copy()
    now = timezone.now()
    # The page lists live vacancies only, the same for everyone: the results and facets are
    # cached with the board's version (read first), per address, language, time zone and
    # day. A page found in the cache needs nothing else, not even its filters checked again.
    version = selectors.board_version(now=now)
    querystring = page_query(request)
    context = {
        "query": filters.get("q", ""),
        "active_filters": {
            k: v for k, v in filters.items() if k not in ("page", "q", "ordering") and v
        },
        "querystring": querystring,
        "feed_query": querystring,
        "can_post": bool(user_verified_organizations(user=request.user)),
    }

    def fragments() -> tuple[str, str]:
        filterset = VacancyFilter(filters, queryset=selectors.board_rows(now=now))
        if not filterset.is_valid():
            raise _InvalidFilters(filterset.errors)
        search = selectors.board_query(filterset=filterset, now=now, version=version)
        # The facets count every match, so the page needs no count of its own.
        facets = selectors.vacancy_facets(search=search)
        context["facets"] = facets.facets
        context["page"] = selectors.vacancy_board_page(
            search=search,
            number=request.GET.get("page"),
            per_page=PAGE_SIZE,
            strict=False,
            total=facets.total,
        )
        parts = {**context, "request": request}
        return (
            render_to_string("vacancies/includes/board_facets.html", parts),
            render_to_string("vacancies/includes/board_results.html", parts),
        )

    # What the rendering depends on besides the data: the language, the time zone, and the
    # day, since the cards say how long ago a vacancy was posted ("3 days ago").
    today = timezone.localdate(now)
    signature = f"{get_language()}|{timezone.get_current_timezone_name()}|{today}|"
    signature += request.get_full_path()
    try:
        facets_html, results_html = selectors.board_cached(version, "html", signature, fragments)
    except _InvalidFilters as invalid:
        context = {"filter_errors": invalid.errors}
        return render(request, "vacancies/list.html", context, status=400)
    # Rendered by the portal's own templates, which escape every user text.
    context["facets_html"] = mark_safe(facets_html)  # noqa: S308
    context["results_html"] = mark_safe(results_html)  # noqa: S308
    return render(request, "vacancies/list.html", context)


def _visible_vacancy(request, slug) -> Vacancy:
    try:
        return selectors.vacancies_visible_to(user=request.user).get(slug=slug)
    except Vacancy.DoesNotExist as error:
        raise Http404 from error


def _job_posting(request, vacancy: Vacancy) -> str:
    """schema.org JobPosting, so search engines list the vacancy."""
    contract_types = {
        "permanent": "FULL_TIME",
        "fixed_term": "TEMPORARY",
        "internship": "INTERN",
        "freelance": "CONTRACTOR",
        "phd": "FULL_TIME",
        "postdoc": "FULL_TIME",
    }
    data = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": vacancy.title,
        "description": vacancy.description,
        "datePosted": vacancy.published_at.isoformat() if vacancy.published_at else None,
        "validThrough": vacancy.expires_at.isoformat() if vacancy.expires_at else None,
        "employmentType": contract_types.get(vacancy.contract, "OTHER"),
        "hiringOrganization": {
            "@type": "Organization",
            "name": vacancy.organization.name,
            "sameAs": vacancy.organization.website or None,
            "url": request.build_absolute_uri(vacancy.organization.get_absolute_url()),
        },
        "jobLocation": {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "addressLocality": vacancy.city,
                "addressCountry": "BE",
            },
        },
        "url": request.build_absolute_uri(vacancy.get_absolute_url()),
    }
    if vacancy.workplace == "remote":
        data["jobLocationType"] = "TELECOMMUTE"
    if vacancy.salary_min or vacancy.salary_max:
        data["baseSalary"] = {
            "@type": "MonetaryAmount",
            "currency": "EUR",
            "value": {
                "@type": "QuantitativeValue",
                "minValue": vacancy.salary_min,
                "maxValue": vacancy.salary_max,
                "unitText": "YEAR",
            },
        }
    # No "<", ">" or "&" at all (as json_script does): neither "</script>" nor "<!--<script>"
    # in user text can end the element early or keep it from ending.
    return json.dumps(data, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES)


def _apply_form(vacancy, user, *, data=None, files=None) -> ApplyForm:
    return ApplyForm(
        data,
        files,
        cvs=list(cvs_of(user=user)),
        consent_text=services.application_consent_text(vacancy),
        talent_pool_text=services.talent_pool_consent_text(vacancy.organization),
    )


def vacancy_detail(request, slug):
    vacancy = _visible_vacancy(request, slug)
    user = request.user
    context = {
        "vacancy": vacancy,
        "can_manage": rules.can_manage_vacancy(user, vacancy),
        "can_moderate": rules.can_moderate(user),
        "apply_refusal": rules.apply_refusal(user, vacancy),
        "json_ld": _job_posting(request, vacancy) if vacancy.is_live else None,
        "editable": vacancy.status in rules.EDITABLE_STATUSES,
        "description_text": html_to_text(vacancy.description)[:300],
    }
    page_views.vacancy_page_viewed(request=request, vacancy=vacancy)
    if user.is_authenticated:
        context["my_application"] = Application.objects.filter(
            vacancy=vacancy, applicant=user
        ).first()
        if not context["apply_refusal"] and not context["my_application"]:
            context["apply_form"] = _apply_form(vacancy, user)
    if context["can_moderate"]:
        context["reject_form"] = RejectForm()
    if context["can_manage"]:
        context["history"] = vacancy.status_changes.select_related("actor")[:20]
        context["counts"] = selectors.application_counts_by_status(vacancy=vacancy)
    return render(request, "vacancies/detail.html", context)


def _form_with_preview(request, form: VacancyForm, vacancy: Vacancy | None = None):
    """The form as typed, with the description rendered as it will be published; nothing saved."""
    context = {
        "form": form,
        "vacancy": vacancy,
        "preview": markdown_to_html(request.POST.get("description", "")),
        # A suggestion; the poster's own choice stays as it is.
        "detected_language": VacancyLanguage(
            detect_language(
                f"{request.POST.get('title', '')}\n{request.POST.get('description', '')}"
            )
        ).label,
    }
    return render(request, "vacancies/form.html", context)


@login_required
def vacancy_create(request):
    organizations = user_verified_organizations(user=request.user)
    if not organizations:
        raise PermissionDenied(
            _(
                "Only members of verified organizations post vacancies. Add your organization, "
                "or ask staff to verify it from its page."
            )
        )
    form = VacancyForm(request.POST or None, organizations=organizations)
    if "preview" in request.POST:
        return _form_with_preview(request, form)
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        try:
            vacancy = services.vacancy_create(
                actor=request.user,
                organization=values.pop("organization"),
                sectors=values.pop("sectors"),
                submit="submit" in request.POST,
                **values,
            )
        except ServiceError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Sent for review: staff will publish it soon.")
                if vacancy.status == VacancyStatus.PENDING_REVIEW
                else _("Saved as a draft. Preview it, then submit it for review."),
            )
            return redirect(vacancy)
    status = 400 if request.method == "POST" else 200
    return render(request, "vacancies/form.html", {"form": form}, status=status)


@login_required
def vacancy_edit(request, slug):
    vacancy = _visible_vacancy(request, slug)
    if not rules.can_manage_vacancy(request.user, vacancy):
        raise PermissionDenied(_("Only members of a verified organization edit its vacancies."))
    if vacancy.status not in rules.EDITABLE_STATUSES:
        return render_refusal(
            request,
            ServiceError(_("A published, closed or expired vacancy cannot be edited.")),
            back_url=vacancy.get_absolute_url(),
        )
    form = VacancyForm(request.POST or None, instance=vacancy)
    if "preview" in request.POST:
        return _form_with_preview(request, form, vacancy=vacancy)
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        try:
            services.vacancy_update(
                actor=request.user, vacancy=vacancy, sectors=values.pop("sectors"), **values
            )
        except ServiceError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your changes were saved."))
            return redirect(vacancy)
    status = 400 if request.method == "POST" else 200
    return render(request, "vacancies/form.html", {"form": form, "vacancy": vacancy}, status=status)


ACTIONS = {
    "submit": (services.vacancy_submit, _("Sent for review.")),
    "approve": (services.vacancy_approve, _("Published.")),
    "close": (services.vacancy_close, _("The vacancy is closed.")),
    "extend": (services.vacancy_extend, _("The vacancy runs for another full period.")),
    "delete": (services.vacancy_delete, _("The vacancy was deleted.")),
}


@require_POST
@login_required
def vacancy_action(request, slug, action):
    vacancy = _visible_vacancy(request, slug)
    back = request.POST.get("next") or vacancy.get_absolute_url()
    if not back.startswith("/") or back.startswith("//"):
        back = vacancy.get_absolute_url()
    try:
        if action == "reject":
            form = RejectForm(request.POST)
            if not form.is_valid():
                raise ServiceError({"reason": form.errors.get("reason", [])})
            services.vacancy_reject(
                actor=request.user, vacancy=vacancy, reason=form.cleaned_data["reason"]
            )
            message = _("Rejected; the poster sees your reason.")
        else:
            service, message = ACTIONS[action]
            service(actor=request.user, vacancy=vacancy)
    except ServiceError as error:
        return render_refusal(request, error, back_url=vacancy.get_absolute_url())
    messages.success(request, message)
    if action == "delete":
        return redirect("dashboard")
    return redirect(back)


@login_required
def moderation_queue(request):
    if not rules.can_moderate(request.user):
        raise PermissionDenied(_("Only staff moderate vacancies."))
    page = Paginator(selectors.moderation_queue(), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "reject_form": RejectForm(), "querystring": ""}
    return render(request, "vacancies/moderation.html", context)


@require_POST
@login_required
def apply(request, slug):
    vacancy = _visible_vacancy(request, slug)
    form = _apply_form(vacancy, request.user, data=request.POST, files=request.FILES)
    if form.is_valid():
        try:
            services.application_create(
                applicant=request.user,
                vacancy=vacancy,
                cv=form.cleaned_data["cv"],
                upload=form.cleaned_data["file"],
                cover_letter=form.cleaned_data["cover_letter"],
                talent_pool=form.cleaned_data["talent_pool"],
            )
        except ServiceError as error:
            if error.status_code != 400:
                return render_refusal(request, error, back_url=vacancy.get_absolute_url())
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your application was sent. Follow it on your dashboard."))
            return redirect(vacancy)
    context = {
        "vacancy": vacancy,
        "apply_form": form,
        "apply_refusal": None,
        "json_ld": None,
        "description_text": "",
    }
    return render(request, "vacancies/detail.html", context, status=400)


@login_required
def vacancy_applications(request, slug):
    vacancy = _visible_vacancy(request, slug)
    if not rules.can_handle_applications(request.user, vacancy):
        raise PermissionDenied(_("Only members of the organization see its applications."))
    page = Paginator(selectors.applications_for_vacancy(vacancy=vacancy), 50).get_page(
        request.GET.get("page")
    )
    context = {
        "vacancy": vacancy,
        "page": page,
        "transitions": {k: sorted(v) for k, v in services.APPLICATION_TRANSITIONS.items()},
        "status_labels": dict(ApplicationStatus.choices),
        "querystring": "",
    }
    return render(request, "vacancies/applications.html", context)


@require_POST
@login_required
def application_status(request, application_id):
    application = get_object_or_404(
        selectors.applications_visible_to(user=request.user), pk=application_id
    )
    back = reverse("vacancies:applications", kwargs={"slug": application.vacancy.slug})
    if request.POST.get("next") == "received":
        back = reverse("vacancies:received")
    try:
        services.application_change_status(
            actor=request.user,
            application=application,
            status=request.POST.get("status", ""),
            reason=request.POST.get("reason", ""),
        )
    except ServiceError as error:
        return render_refusal(request, error, back_url=back)
    messages.success(
        request,
        _("%(name)s: %(status)s.")
        % {"name": application.applicant.display_name, "status": application.get_status_display()},
    )
    return redirect(back)


@require_POST
@login_required
def application_withdraw(request, application_id):
    application = get_object_or_404(
        selectors.applications_visible_to(user=request.user), pk=application_id
    )
    try:
        services.application_withdraw(actor=request.user, application=application)
    except ServiceError as error:
        return render_refusal(request, error, back_url=reverse("dashboard"))
    messages.success(request, _("Your application was withdrawn."))
    return redirect("vacancies:my_applications")


@login_required
def my_applications(request):
    """The job seeker's applications and where each one stands."""
    applications = selectors.applications_of(user=request.user).order_by("-created_at")
    page = Paginator(applications, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "querystring": "", "withdrawable": rules.WITHDRAWABLE_STATUSES}
    return render(request, "vacancies/my_applications.html", context)


@login_required
def our_vacancies(request):
    """Every vacancy of the organizations the user recruits for, in any status."""
    vacancies = selectors.vacancies_of_member(user=request.user)
    page = Paginator(vacancies, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "querystring": "",
        "can_post": bool(user_verified_organizations(user=request.user)),
    }
    return render(request, "vacancies/our_vacancies.html", context)


@login_required
def applications_received(request):
    """Applications to every vacancy of the user's organizations, by status."""
    status = request.GET.get("status", "")
    if status not in ApplicationStatus.values:
        status = ""
    applications = selectors.applications_received(user=request.user, status=status)
    page = Paginator(applications, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "querystring": page_query(request),
        "status": status,
        "statuses": ApplicationStatus.choices,
        "transitions": {k: sorted(v) for k, v in services.APPLICATION_TRANSITIONS.items()},
        "status_labels": dict(ApplicationStatus.choices),
    }
    return render(request, "vacancies/applications_received.html", context)


@login_required
def talent_pool(request, slug):
    """The people who agreed to stay in the organization's own talent pool, for its members."""
    organization = get_object_or_404(Organization, slug=slug)
    if not rules.can_see_talent_pool(request.user, organization):
        raise PermissionDenied(_("Only members of the organization see its talent pool."))
    page = Paginator(selectors.talent_pool_of(organization=organization), 50).get_page(
        request.GET.get("page")
    )
    context = {"organization": organization, "page": page, "querystring": ""}
    return render(request, "vacancies/talent_pool.html", context)


@require_POST
@login_required
def talent_pool_join(request, application_id):
    application = get_object_or_404(selectors.applications_of(user=request.user), pk=application_id)
    try:
        services.application_talent_pool_join(actor=request.user, application=application)
    except ServiceError as error:
        return render_refusal(request, error, back_url=reverse("privacy:overview"))
    messages.success(
        request,
        _("You stay in the talent pool of %(organization)s for %(months)d months.")
        % {
            "organization": application.vacancy.organization.name,
            "months": settings.TALENT_POOL_MONTHS,
        },
    )
    return redirect("privacy:overview")
