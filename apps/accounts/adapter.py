"""allauth, the portal's way: signing in switches the pages to the person's language."""

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest, HttpResponse
from django.utils import translation

from apps.accounts.languages import set_language_cookie, supported_language
from apps.core.i18n import localized_url


class AccountAdapter(DefaultAccountAdapter):
    def post_login(self, request: HttpRequest, user: Any, **kwargs: Any) -> HttpResponse:
        language = supported_language(getattr(user, "preferred_language", ""))
        if not language:
            return super().post_login(request, user, **kwargs)
        # The message "signed in" and the page after it already speak the saved language.
        translation.activate(language)
        request.LANGUAGE_CODE = language  # type: ignore[attr-defined]
        if kwargs.get("redirect_url"):
            kwargs["redirect_url"] = localized_url(kwargs["redirect_url"], language)
        response = super().post_login(request, user, **kwargs)
        if response.status_code in (301, 302, 303) and response.get("Location"):
            response["Location"] = localized_url(response["Location"], language)
        return set_language_cookie(response, language)
