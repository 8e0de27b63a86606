"""The privacy page: what the portal and each organization hold about you, and until when."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core.exceptions import ServiceError
from apps.core.views import render_refusal
from apps.privacy import selectors, services
from apps.privacy.models import Consent


@login_required
def privacy(request):
    overview = selectors.privacy_overview(user=request.user)
    response = render(request, "privacy/privacy.html", {"overview": overview})
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
@login_required
def consent_withdraw(request, consent_id):
    try:
        consent = selectors.consent_of(user=request.user, consent_id=consent_id)
    except Consent.DoesNotExist as error:
        raise Http404 from error
    try:
        services.consent_withdraw(user=request.user, consent=consent)
    except ServiceError as error:
        return render_refusal(request, error, back_url=reverse("privacy:overview"))
    messages.success(request, _("Your consent was withdrawn."))
    return redirect("privacy:overview")
