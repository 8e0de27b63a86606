"""Pages of invitations to apply: thin views that validate, call a service and render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core.exceptions import ServiceError
from apps.core.views import add_service_errors, render_refusal
from apps.invitations import permissions as rules
from apps.invitations import selectors, services
from apps.invitations.forms import DeclineForm, InviteForm
from apps.invitations.models import InvitationToApply
from apps.talent.models import TalentProfile

PAGE_SIZE = 30


def profile_panel(request: HttpRequest, profile: TalentProfile) -> dict | None:
    """On a profile of the talent pool, for members of verified organizations: invite this
    person to apply, and what your organizations already sent them."""
    user = request.user
    if not rules.can_invite_from_pool(user) or profile.user_id == user.pk:
        return None
    if not rules.profile_in_pool(profile):
        return None
    return {
        "profile": profile,
        "sent": list(selectors.invitations_sent_to(user=user, profile=profile)[:20]),
    }


@login_required
def my_invitations(request):
    page = Paginator(selectors.invitations_of(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {"page": page, "decline_form": DeclineForm(), "querystring": ""}
    return render(request, "invitations/mine.html", context)


def _own(request, invitation_id) -> InvitationToApply:
    try:
        return selectors.invitation_of_invitee(user=request.user, invitation_id=invitation_id)
    except InvitationToApply.DoesNotExist as error:
        raise Http404 from error


@require_POST
@login_required
def accept(request, invitation_id):
    invitation = _own(request, invitation_id)
    try:
        services.invitation_accept(actor=request.user, invitation=invitation)
    except ServiceError as error:
        return render_refusal(request, error, back_url=reverse("invitations:mine"))
    messages.success(request, _("Here is the application form. Good luck!"))
    return redirect(f"{invitation.vacancy.get_absolute_url()}#apply")


@require_POST
@login_required
def decline(request, invitation_id):
    invitation = _own(request, invitation_id)
    form = DeclineForm(request.POST)
    try:
        if not form.is_valid():
            raise ServiceError({"reason": form.errors.get("reason", [])})
        services.invitation_decline(
            actor=request.user, invitation=invitation, reason=form.cleaned_data["reason"]
        )
    except ServiceError as error:
        return render_refusal(request, error, back_url=reverse("invitations:mine"))
    messages.success(request, _("You declined the invitation. The organization is told."))
    return redirect("invitations:mine")


@login_required
def invite(request, profile_id):
    if not rules.can_invite_from_pool(request.user):
        raise PermissionDenied(
            _("Only members of verified organizations invite people from the talent pool.")
        )
    profile = TalentProfile.objects.select_related("user").filter(pk=profile_id).first()
    if profile is None or not rules.profile_in_pool(profile):
        raise Http404
    vacancies = list(selectors.vacancies_to_invite_to(user=request.user)[:200])
    form = InviteForm(request.POST if request.method == "POST" else None, vacancies=vacancies)
    if request.method == "POST" and form.is_valid():
        try:
            services.invitation_send(actor=request.user, profile=profile, **form.cleaned_data)
        except ServiceError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("%(name)s is invited to apply. You will know when they apply.")
                % {"name": profile.user.display_name},
            )
            return redirect(profile)
    context = {
        "profile": profile,
        "form": form,
        "vacancies": vacancies,
        "sent": list(selectors.invitations_sent_to(user=request.user, profile=profile)[:20]),
    }
    return render(request, "invitations/invite.html", context, status=400 if form.errors else 200)


@login_required
def sent(request):
    page = Paginator(
        selectors.invitations_sent_by_organizations_of(user=request.user), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    return render(request, "invitations/sent.html", {"page": page, "querystring": ""})
