"""The organization's API keys page: owners make keys, see when each was used, revoke them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.apikeys import permissions as rules
from apps.apikeys import selectors, services
from apps.apikeys.forms import ApiKeyForm
from apps.core.exceptions import ServiceError
from apps.core.views import add_service_errors, render_refusal
from apps.organizations.models import Organization

PAGE_LIMIT = 100


def _organization(request, slug: str) -> Organization:
    organization = get_object_or_404(Organization, slug=slug)
    rules.check_key_manager(request.user, organization)
    return organization


@login_required
def api_key_list(request, slug):
    organization = _organization(request, slug)
    can_create = rules.can_create_api_keys(request.user, organization)
    form = ApiKeyForm(request.POST or None)
    new_key = None
    if request.method == "POST":
        if not can_create:
            raise PermissionDenied(_("Only the organization's owners create API keys."))
        if form.is_valid():
            try:
                api_key, new_key = services.api_key_create(
                    actor=request.user, organization=organization, **form.cleaned_data
                )
            except ServiceError as error:
                add_service_errors(form, error)
            else:
                form = ApiKeyForm()
    context = {
        "organization": organization,
        "api_keys": selectors.api_keys_of(organization=organization)[:PAGE_LIMIT],
        "form": form,
        "can_create": can_create,
        # Shown on this answer only: the page is not cached and the key is not stored.
        "new_key": new_key,
    }
    status = 400 if request.method == "POST" and new_key is None else 200
    response = render(request, "apikeys/list.html", context, status=status)
    response["Cache-Control"] = "no-store"
    return response


@require_POST
@login_required
def api_key_revoke(request, slug, key_id):
    organization = _organization(request, slug)
    api_key = get_object_or_404(selectors.api_keys_of(organization=organization), pk=key_id)
    try:
        services.api_key_revoke(actor=request.user, api_key=api_key)
    except ServiceError as error:
        return render_refusal(
            request, error, back_url=reverse("apikeys:list", kwargs={"slug": slug})
        )
    messages.success(request, _("The key “%(name)s” was revoked.") % {"name": api_key.name})
    return redirect("apikeys:list", slug=slug)
