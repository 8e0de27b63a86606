"""The webhook pages: an organization's endpoints (owners), the portal-wide ones (staff)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core.exceptions import ServiceError
from apps.core.views import add_service_errors, render_refusal
from apps.organizations.models import Organization
from apps.webhooks import permissions as rules
from apps.webhooks import selectors, services
from apps.webhooks.forms import EndpointForm
from apps.webhooks.models import WebhookEndpoint

DELIVERIES_PER_PAGE = 25


def _organization(request, slug: str | None) -> Organization | None:
    organization = get_object_or_404(Organization, slug=slug) if slug is not None else None
    rules.check_webhook_manager(request.user, organization)
    return organization


def _endpoint(request, slug, endpoint_id) -> WebhookEndpoint:
    organization = _organization(request, slug)
    endpoint = get_object_or_404(selectors.endpoints_of(organization=organization), pk=endpoint_id)
    endpoint.organization = organization
    return endpoint


def _back(endpoint: WebhookEndpoint):
    if endpoint.organization is None:
        return redirect("webhooks:portal_detail", endpoint_id=endpoint.pk)
    return redirect("webhooks:detail", slug=endpoint.organization.slug, endpoint_id=endpoint.pk)


@login_required
def endpoint_list(request, slug=None):
    organization = _organization(request, slug)
    form = EndpointForm(request.POST or None, portal_wide=organization is None)
    new_endpoint = None
    if request.method == "POST" and form.is_valid():
        try:
            new_endpoint, _secret = services.webhook_endpoint_create(
                actor=request.user, organization=organization, **form.cleaned_data
            )
        except ServiceError as error:
            add_service_errors(form, error)
        else:
            form = EndpointForm(portal_wide=organization is None)
    context = {
        "organization": organization,
        "endpoints": selectors.endpoints_of(organization=organization),
        "form": form,
        # Shown on this answer only: the page is not cached.
        "new_endpoint": new_endpoint,
    }
    status = 400 if request.method == "POST" and new_endpoint is None else 200
    response = render(request, "webhooks/list.html", context, status=status)
    response["Cache-Control"] = "no-store"
    return response


@login_required
def endpoint_detail(request, endpoint_id, slug=None):
    endpoint = _endpoint(request, slug, endpoint_id)
    deliveries = Paginator(selectors.deliveries_of(endpoint=endpoint), DELIVERIES_PER_PAGE)
    context = {
        "organization": endpoint.organization,
        "endpoint": endpoint,
        "page": deliveries.get_page(request.GET.get("page")),
    }
    return render(request, "webhooks/detail.html", context)


def _run(request, endpoint: WebhookEndpoint, action, success: str):
    try:
        action()
    except ServiceError as error:
        return render_refusal(request, error, back_url=_back(endpoint).url)
    messages.success(request, success)
    return _back(endpoint)


@require_POST
@login_required
def endpoint_ping(request, endpoint_id, slug=None):
    endpoint = _endpoint(request, slug, endpoint_id)
    return _run(
        request,
        endpoint,
        lambda: services.webhook_ping(actor=request.user, endpoint=endpoint),
        _("A test delivery is on its way; reload to see how it went."),
    )


@require_POST
@login_required
def endpoint_toggle(request, endpoint_id, slug=None):
    endpoint = _endpoint(request, slug, endpoint_id)
    turn_on = not endpoint.is_active
    return _run(
        request,
        endpoint,
        lambda: services.webhook_endpoint_update(
            actor=request.user, endpoint=endpoint, is_active=turn_on
        ),
        _("The webhook is on again.") if turn_on else _("The webhook is off."),
    )


@require_POST
@login_required
def endpoint_delete(request, endpoint_id, slug=None):
    endpoint = _endpoint(request, slug, endpoint_id)
    try:
        services.webhook_endpoint_delete(actor=request.user, endpoint=endpoint)
    except ServiceError as error:
        return render_refusal(request, error, back_url=_back(endpoint).url)
    messages.success(request, _("The webhook was deleted."))
    if endpoint.organization is None:
        return redirect("webhooks:portal_list")
    return redirect("webhooks:list", slug=endpoint.organization.slug)


@require_POST
@login_required
def delivery_redeliver(request, endpoint_id, delivery_id, slug=None):
    endpoint = _endpoint(request, slug, endpoint_id)
    delivery = get_object_or_404(selectors.deliveries_of(endpoint=endpoint), pk=delivery_id)
    delivery.endpoint = endpoint
    return _run(
        request,
        endpoint,
        lambda: services.delivery_redeliver(actor=request.user, delivery=delivery),
        _("The delivery is sent again."),
    )
