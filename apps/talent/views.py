"""Talent pages: the seeker's profile and CVs, the search, profile pages, CV downloads."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core import panels
from apps.core.exceptions import ActionForbidden, ServiceError
from apps.core.views import add_service_errors, page_query, render_refusal
from apps.talent import permissions as rules
from apps.talent import selectors, services
from apps.talent.api import cv_file_response
from apps.talent.filters import TalentFilter
from apps.talent.forms import CVRenameForm, CVUploadForm, ProfileForm
from apps.talent.models import CV, TalentProfile

PAGE_SIZE = 20


@login_required
def my_profile(request):
    profile = services.talent_profile_get_or_create(user=request.user)
    form = ProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        try:
            services.talent_profile_update(user=request.user, **form.cleaned_data)
        except ServiceError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your profile was saved."))
            return redirect("talent:my_profile")
    context = {
        "form": form,
        "profile": profile,
        "cvs": selectors.cvs_of(user=request.user),
        "upload_form": CVUploadForm(),
    }
    return render(request, "talent/my_profile.html", context, status=400 if form.errors else 200)


@login_required
def my_cvs(request):
    form = CVUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.cv_upload(
                user=request.user,
                upload=form.cleaned_data["file"],
                make_primary=form.cleaned_data["make_primary"],
            )
        except ServiceError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your CV was uploaded."))
            return redirect("talent:my_cvs")
    context = {
        "upload_form": form,
        "cvs": selectors.cvs_of(user=request.user),
        "profile": selectors.talent_profile_of(user=request.user),
        "downloads": selectors.cv_downloads_of(user=request.user)[:50],
    }
    return render(request, "talent/my_cvs.html", context, status=400 if form.errors else 200)


@require_POST
@login_required
def my_cv_update(request, cv_id):
    cv = get_object_or_404(selectors.cvs_of(user=request.user), pk=cv_id)
    action = request.POST.get("action")
    try:
        if action == "delete":
            services.cv_delete(user=request.user, cv=cv)
            messages.success(request, _("The CV was deleted."))
        elif action == "primary":
            services.cv_set_primary(user=request.user, cv=cv)
            messages.success(request, _("This is now your primary CV."))
        elif action == "rename":
            form = CVRenameForm(request.POST)
            if not form.is_valid():
                raise ServiceError({"name": form.errors.get("name", [_("Give a name.")])})
            services.cv_rename(user=request.user, cv=cv, name=form.cleaned_data["name"])
            messages.success(request, _("The CV was renamed."))
        else:
            raise ServiceError(_("Unknown action."))
    except ServiceError as error:
        return render_refusal(request, error, back_url=reverse("talent:my_cvs"))
    return redirect("talent:my_cvs")


def talent_search(request):
    refusal = rules.talent_search_refusal(request.user)
    if refusal:
        if not request.user.is_authenticated:
            return redirect_to_login(request.path)
        raise PermissionDenied(refusal)
    filterset = TalentFilter(request.GET, queryset=selectors.talent_pool())
    if not filterset.is_valid():
        context = {"filterset": filterset, "filter_errors": filterset.errors}
        return render(request, "talent/search.html", context, status=400)
    page = selectors.talent_search_page(
        filterset=filterset,
        number=request.GET.get("page"),
        per_page=PAGE_SIZE,
        strict=False,
        version=selectors.talent_pool_version(),
    )
    context = {"filterset": filterset, "page": page, "querystring": page_query(request)}
    return render(request, "talent/search.html", context)


def profile_detail(request, profile_id):
    try:
        profile = selectors.talent_profile_for_viewer(profile_id=profile_id)
    except TalentProfile.DoesNotExist as error:
        raise Http404 from error
    if not rules.can_view_profile(request.user, profile):
        raise Http404
    cvs = [cv for cv in profile.cvs.all() if rules.cv_download_decision(request.user, cv).allowed]
    context = {
        "profile": profile,
        "cvs": cvs,
        "is_owner": profile.user_id == request.user.pk,
        "panels": panels.panels_for("talent:profile_detail", request, profile),
    }
    return render(request, "talent/profile_detail.html", context)


@login_required
def cv_download(request, cv_id):
    try:
        cv = selectors.cv_for_download(cv_id=cv_id)
    except CV.DoesNotExist as error:
        raise Http404 from error
    try:
        services.cv_download(
            user=request.user, cv=cv, organization_slug=request.GET.get("organization")
        )
    except ActionForbidden as refusal:
        if not rules.can_view_profile(request.user, cv.profile):
            raise Http404 from None
        raise PermissionDenied(refusal.messages[0]) from None
    return cv_file_response(cv)
