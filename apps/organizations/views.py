"""Pages of the organization directory; thin: validate, call a service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core import panels
from apps.core.exceptions import ServiceError
from apps.core.views import add_service_errors, page_query, render_refusal
from apps.organizations import permissions as rules
from apps.organizations import selectors, services
from apps.organizations.filters import OrganizationFilter
from apps.organizations.forms import AddMemberForm, DecisionForm, MessageForm, OrganizationForm
from apps.organizations.models import (
    Invitation,
    Membership,
    MembershipRequest,
    MembershipRole,
    Organization,
    OrganizationKind,
    RequestStatus,
    Sector,
)

PAGE_SIZE = 20


def organization_list(request):
    filters = request.GET.copy()
    filterset = OrganizationFilter(filters, queryset=selectors.organization_list())
    if not filterset.is_valid():
        context = {"filter_errors": filterset.errors, "kinds": OrganizationKind.choices}
        return render(request, "organizations/list.html", context, status=400)
    queryset: QuerySet[Organization] = filterset.qs
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "query": filters.get("q", ""),
        "facets": selectors.organization_facets(filters=filters.dict()),
        "active_filters": {k: v for k, v in filters.items() if k not in ("page", "q") and v},
        "querystring": page_query(request),
        "sectors": Sector.objects.all(),
    }
    return render(request, "organizations/list.html", context)


def organization_detail(request, slug):
    organization = get_object_or_404(
        Organization.objects.select_related("parent").prefetch_related("sectors"), slug=slug
    )
    user = request.user
    context = {
        "organization": organization,
        "affiliates": selectors.organization_affiliates(organization=organization),
        "is_member": rules.is_member(user, organization),
        "can_edit": rules.can_edit_organization(user, organization),
        "can_manage_members": rules.can_manage_members(user, organization),
        "can_request_membership": rules.can_request_membership(user, organization),
        "can_request_verification": rules.can_request_verification(user, organization),
        "can_decide_verification": rules.can_decide_verification(user),
        "join_form": MessageForm(),
        "panels": panels.panels_for("organizations:detail", request, organization),
    }
    if user.is_authenticated:
        context["my_pending_request"] = MembershipRequest.objects.filter(
            user=user, organization=organization, status=RequestStatus.PENDING
        ).exists()
    if context["can_edit"] or context["can_decide_verification"]:
        context["verification_request"] = selectors.verification_request_latest(
            organization=organization
        )
        context["decision_form"] = DecisionForm()
    return render(request, "organizations/detail.html", context)


@login_required
def organization_create(request):
    form = OrganizationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        try:
            organization = services.organization_create(
                creator=request.user, sectors=values.pop("sectors"), **values
            )
        except ServiceError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("%(name)s was added. You are its owner; ask staff to verify it.")
                % {"name": organization.name},
            )
            return redirect(organization)
    status = 400 if request.method == "POST" else 200
    return render(request, "organizations/form.html", {"form": form}, status=status)


@login_required
def organization_edit(request, slug):
    organization = get_object_or_404(Organization, slug=slug)
    if not rules.can_edit_organization(request.user, organization):
        raise PermissionDenied(_("Only the organization's owners and staff may edit it."))
    form = OrganizationForm(request.POST or None, request.FILES or None, instance=organization)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in form.changed_data}
        sectors = values.pop("sectors", None)
        if values.get("logo") is False:  # "clear" ticked
            values["logo"] = None
        try:
            services.organization_update(
                actor=request.user, organization=organization, sectors=sectors, **values
            )
        except ServiceError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your changes were saved."))
            return redirect(organization)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "organization": organization}
    return render(request, "organizations/form.html", context, status=status)


@login_required
def organization_members(request, slug):
    organization = get_object_or_404(Organization, slug=slug)
    if not rules.can_view_members(request.user, organization):
        raise PermissionDenied(_("Only the organization's members and staff see its members."))
    can_manage = rules.can_manage_members(request.user, organization)
    if request.method == "POST" and not can_manage:
        raise PermissionDenied(_("Only the organization's owners and staff may add members."))
    form = AddMemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.invitation_create(
                actor=request.user, organization=organization, **form.cleaned_data
            )
        except ServiceError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("We sent an invitation to %(email)s. They join once they accept it.")
                % {"email": form.cleaned_data["email"]},
            )
            return redirect("organizations:members", slug=slug)
    members = list(selectors.organization_members(organization=organization))
    last_owner = rules.last_owner(members)
    context = {
        "organization": organization,
        "members": members,
        # The last owner is offered neither "make recruiter" nor "leave": both would fail.
        "sole_owner_id": last_owner.pk if last_owner else None,
        "pending_requests": selectors.membership_requests_pending(organization=organization)
        if rules.can_decide_membership_requests(request.user, organization)
        else [],
        "can_manage": can_manage,
        "form": form,
        "roles": MembershipRole.choices,
        "decision_form": DecisionForm(),
        "invitations": selectors.invitations_open_of(organization=organization)[:50]
        if can_manage
        else [],
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "organizations/members.html", context, status=status)


def _run(request, action, success: str, slug: str, target: str = "organizations:detail"):
    """Run a service from a button; a refusal is a 4xx page that says why and links back."""
    try:
        action()
    except ServiceError as error:
        return render_refusal(request, error, back_url=reverse(target, kwargs={"slug": slug}))
    messages.success(request, success)
    back = request.POST.get("next", "")
    if back.startswith("/") and not back.startswith("//"):
        return redirect(back)  # e.g. back to the staff console
    return redirect(target, slug=slug)


@require_POST
@login_required
def member_update(request, slug, membership_id):
    membership = get_object_or_404(
        Membership.objects.select_related("organization", "user"),
        pk=membership_id,
        organization__slug=slug,
    )
    if request.POST.get("action") == "remove":
        return _run(
            request,
            lambda: services.membership_remove(actor=request.user, membership=membership),
            _("%(email)s no longer belongs to the organization.") % {"email": membership.user},
            slug,
            "organizations:detail" if membership.user == request.user else "organizations:members",
        )
    return _run(
        request,
        lambda: services.membership_change_role(
            actor=request.user, membership=membership, role=request.POST.get("role", "")
        ),
        _("The role was changed."),
        slug,
        "organizations:members",
    )


@require_POST
@login_required
def membership_request_create(request, slug):
    organization = get_object_or_404(Organization, slug=slug)
    form = MessageForm(request.POST)
    message = form.cleaned_data["message"] if form.is_valid() else ""
    return _run(
        request,
        lambda: services.membership_request_create(
            user=request.user, organization=organization, message=message
        ),
        _("Your request was sent. The organization's owners or staff will answer it."),
        slug,
    )


@require_POST
@login_required
def membership_request_decide(request, slug, request_id, decision):
    membership_request = get_object_or_404(
        MembershipRequest.objects.select_related("organization", "user"),
        pk=request_id,
        organization__slug=slug,
    )
    form = DecisionForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    if decision == "approve":
        action = lambda: services.membership_request_approve(  # noqa: E731
            actor=request.user,
            membership_request=membership_request,
            role=request.POST.get("role", MembershipRole.RECRUITER),
        )
        success = _("%(email)s joined the organization.") % {"email": membership_request.user}
    else:
        action = lambda: services.membership_request_decline(  # noqa: E731
            actor=request.user, membership_request=membership_request, note=note
        )
        success = _("The request was declined.")
    member = rules.is_member(request.user, membership_request.organization)
    target = "organizations:members" if member else "organizations:detail"
    return _run(request, action, success, slug, target)


@require_POST
@login_required
def verification_request_create(request, slug):
    organization = get_object_or_404(Organization, slug=slug)
    form = MessageForm(request.POST)
    message = form.cleaned_data["message"] if form.is_valid() else ""
    return _run(
        request,
        lambda: services.verification_request_create(
            actor=request.user, organization=organization, message=message
        ),
        _("Verification was requested. Staff will check your organization and answer."),
        slug,
    )


@require_POST
@login_required
def verification_decide(request, slug, decision):
    organization = get_object_or_404(Organization, slug=slug)
    if not rules.can_decide_verification(request.user):
        raise PermissionDenied(_("Only staff verify organizations."))
    pending = organization.verification_requests.filter(status=RequestStatus.PENDING).first()
    if pending is None:
        messages.error(request, _("There is no pending verification request."))
        return redirect(organization)
    form = DecisionForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    decide = (
        services.verification_request_approve
        if decision == "approve"
        else services.verification_request_decline
    )
    success = (
        _("The organization is verified.")
        if decision == "approve"
        else _("Verification was declined.")
    )
    return _run(
        request,
        lambda: decide(actor=request.user, verification_request=pending, note=note),
        success,
        slug,
    )


@login_required
def invitation(request, invitation_id):
    """The invited person accepts or declines, signed in with the invited address."""
    invitation = get_object_or_404(
        Invitation.objects.select_related("organization", "invited_by"), pk=invitation_id
    )
    if request.method == "POST":
        accept = request.POST.get("answer") != "decline"
        try:
            if accept:
                services.invitation_accept(user=request.user, invitation=invitation)
            else:
                services.invitation_decline(user=request.user, invitation=invitation)
        except ServiceError as error:
            return render_refusal(request, error, back_url=reverse("dashboard"))
        organization = invitation.organization
        if accept:
            messages.success(request, _("You joined %(org)s.") % {"org": organization.name})
            return redirect(organization)
        messages.success(
            request, _("You declined the invitation to %(org)s.") % {"org": organization.name}
        )
        return redirect("dashboard")
    context = {
        "invitation": invitation,
        "can_answer": rules.can_answer_invitation(request.user, invitation),
    }
    return render(request, "organizations/invitation.html", context)


@require_POST
@login_required
def invitation_withdraw(request, slug, invitation_id):
    invitation = get_object_or_404(
        Invitation.objects.select_related("organization"),
        pk=invitation_id,
        organization__slug=slug,
    )
    return _run(
        request,
        lambda: services.invitation_withdraw(actor=request.user, invitation=invitation),
        _("The invitation to %(email)s was withdrawn.") % {"email": invitation.email},
        slug,
        "organizations:members",
    )
