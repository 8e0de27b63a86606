from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from apps.accounts import selectors, services
from apps.accounts.forms import EraseAccountForm, NameForm
from apps.core.exceptions import ServiceError
from apps.core.views import add_service_errors


@login_required
def account_settings(request):
    form = NameForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        services.user_update_name(user=request.user, **form.cleaned_data)
        messages.success(request, _("Your name was saved."))
        return redirect("account_settings")
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/settings.html", {"form": form}, status=status)


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
