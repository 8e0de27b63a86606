from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from apps.accounts import selectors, services
from apps.accounts.forms import EraseAccountForm, LanguageForm, NameForm
from apps.accounts.languages import set_language_cookie
from apps.core.exceptions import ServiceError
from apps.core.i18n import localized_url
from apps.core.views import add_service_errors


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """The language switcher: Django's (the cookie, and `next` in the new language), and for
    a signed-in person the saved choice that notices, emails and signing in follow."""
    response = django_set_language(request)
    language = request.POST.get("language", "")
    if language not in {code for code, _name in settings.LANGUAGES}:
        return response
    # Django translates `next` only when it is in the language the request came in; a page
    # read under another prefix than the cookie's is sent to the chosen language too.
    if response.get("Location"):
        response["Location"] = localized_url(response["Location"], language)
    if request.user.is_authenticated:
        services.user_set_language(user=request.user, language=language)  # type: ignore[arg-type]
    return response


@login_required
def account_settings(request):
    form = NameForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        services.user_update_name(user=request.user, **form.cleaned_data)
        messages.success(request, _("Your name was saved."))
        return redirect("account_settings")
    status = 400 if request.method == "POST" else 200
    language_form = LanguageForm(initial={"language": request.user.language})
    return render(
        request,
        "accounts/settings.html",
        {"form": form, "language_form": language_form},
        status=status,
    )


@require_POST
@login_required
def account_language(request):
    """Save the preferred language and show the settings page in it."""
    form = LanguageForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "accounts/settings.html",
            {"form": NameForm(instance=request.user), "language_form": form},
            status=400,
        )
    language = form.cleaned_data["language"]
    services.user_set_language(user=request.user, language=language)
    with translation.override(language):
        messages.success(request, _("Your language was saved."))
        target = reverse("account_settings")
    return set_language_cookie(redirect(target), language)


@login_required
def my_data(request):
    """The GDPR page: download everything the portal holds about you."""
    if request.GET.get("format") == "json":
        data = selectors.account_export(user=request.user, build_url=request.build_absolute_uri)
        response = JsonResponse(data, json_dumps_params={"indent": 2, "ensure_ascii": False})
        response["Content-Disposition"] = 'attachment; filename="my-portal-data.json"'
        response["Cache-Control"] = "private, no-store"
        return response
    return render(request, "accounts/my_data.html")


@login_required
def erase_account(request):
    form = EraseAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = request.user
        try:
            services.account_erase_own(
                request=request, user=user, password=form.cleaned_data["password"]
            )
        except ServiceError as error:
            add_service_errors(form, error)
            status = error.status_code
        else:
            logout(request)
            messages.success(request, _("Your account and everything in it were erased."))
            return redirect("home")
    else:
        status = 400 if request.method == "POST" else 200
    return render(request, "accounts/erase.html", {"form": form}, status=status)
