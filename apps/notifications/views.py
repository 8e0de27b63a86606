"""Inbox and email settings pages."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core.i18n import localized_url
from apps.notifications import selectors, services
from apps.notifications.forms import PreferencesForm


@login_required
def inbox(request):
    page = Paginator(selectors.inbox(user=request.user), 30).get_page(request.GET.get("page"))
    return render(request, "notifications/inbox.html", {"page": page, "querystring": ""})


@require_POST
@login_required
def open_notification(request, notification_id):
    notification = get_object_or_404(selectors.inbox(user=request.user), pk=notification_id)
    services.notification_mark_read(user=request.user, notification=notification)
    inbox_url = reverse("notifications:inbox")
    # Stored without regard to language (older notices have no prefix): the page opens in
    # the language being read.
    target = localized_url(notification.url, get_language()) if notification.url else inbox_url
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = inbox_url
    return redirect(target)


@require_POST
@login_required
def mark_all_read(request):
    services.notifications_mark_all_read(user=request.user)
    messages.success(request, _("Everything is marked as read."))
    return redirect("notifications:inbox")


@login_required
def preferences(request):
    form = PreferencesForm(
        request.POST or None, preferences=selectors.email_preferences(user=request.user)
    )
    if request.method == "POST" and form.is_valid():
        services.preferences_set(user=request.user, email_by_kind=form.cleaned_data)
        messages.success(request, _("Your email settings were saved."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})
