"""Which language a request is answered in.

Pages carry their language in the path (/en/, /nl/, /fr/). A bare page path redirects to
the signed-in person's saved language, else the language cookie, else Accept-Language.
The API and the other unprefixed endpoints programs call answer in the language of
Accept-Language alone, so a program gets the same answer whoever used the browser last.
"""

from django.http import HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.urls import is_valid_path
from django.utils import translation
from django.utils.cache import patch_vary_headers

from apps.accounts.languages import language_from_accept_header, supported_language

# Paths answered in the language of Accept-Language only.
ACCEPT_LANGUAGE_ONLY = ("/api/", "/healthz")


class LocaleMiddleware(DjangoLocaleMiddleware):
    def process_request(self, request: HttpRequest) -> None:
        if request.path_info.startswith(ACCEPT_LANGUAGE_ONLY):
            translation.activate(language_from_accept_header(request))
            request.LANGUAGE_CODE = translation.get_language()
            return
        super().process_request(request)

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        if response.status_code == 404 and not translation.get_language_from_path(
            request.path_info
        ):
            if is_valid_path(request.path_info, getattr(request, "urlconf", None)):
                # An unprefixed address that answered 404 itself (a calendar of a draft, the
                # unsubscribe link of a deleted alert): that is the answer, not a redirect.
                patch_vary_headers(response, ("Accept-Language",))
                response.headers.setdefault("Content-Language", translation.get_language())
                return response
            # A bare page path: the signed-in person's saved choice comes before the cookie.
            # request.user exists by now (AuthenticationMiddleware ran on the way in).
            user = getattr(request, "user", None)
            preferred = supported_language(
                getattr(user, "preferred_language", "") if user and user.is_authenticated else ""
            )
            if preferred:
                translation.activate(preferred)
        return super().process_response(request, response)
