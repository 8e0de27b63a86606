"""Pages in a language: the portal's pages live under /en/, /nl/ and /fr/."""

from typing import Any
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.urls import is_valid_path, reverse
from django.utils import formats, translation
from django.utils.functional import Promise, lazy


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def strip_language(path: str) -> str:
    """`/nl/jobs/` gives `/jobs/`; a path without a language prefix comes back as it is."""
    language = translation.get_language_from_path(path)
    return path[len(language) + 1 :] if language else path


def localized_url(url: str, language: str) -> str:
    """The same page in `language`: the prefix of a page path swapped, or added to a bare path
    that only lives under a prefix. Other addresses (another site, the API, a feed that
    answers unprefixed) come back unchanged; the query string and fragment are kept."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return url
    prefixed = translation.get_language_from_path(parts.path)
    bare = strip_language(parts.path)
    with translation.override(language):
        candidate = f"/{language}{bare}"
        if not prefixed and (is_valid_path(bare) or not is_valid_path(candidate)):
            return url
    return urlunsplit(("", "", candidate, parts.query, parts.fragment))


def _interpolate(message: Any, params: dict[str, Any]) -> str:
    return str(message) % {
        name: str(value) if isinstance(value, Promise) else value for name, value in params.items()
    }


_interpolate_lazy = lazy(_interpolate, str)


def lazy_format(message: Any, **params: Any) -> Any:
    """`message % params`, translated when it is read rather than when it is written.

    A notice is written in the recipient's language whoever caused it: its subject is given
    as `lazy_format(gettext_lazy("Published: %(title)s"), title=...)` and read inside the
    recipient's language. Lazy values among the params (choice labels) follow too."""
    return _interpolate_lazy(message, params)


def short_month_date(value: Any, format_string: str) -> str:
    """`value` in `format_string`, whose `M` (the month in three letters) is written as the
    current language abbreviates it: "29 Jan 2026", "29 jan 2026", "29 jan. 2026", "5 mars
    2026". Django's `M` capitalises the month whatever the language; Dutch and French write
    it in lower case, and French abbreviates it with a full stop or not at all."""
    if translation.get_language() != "en":
        format_string = format_string.replace("M", "N")
    return formats.date_format(value, format_string)


def _date(value: Any, format_name: str) -> str:
    return formats.date_format(value, format_name)


lazy_date = lazy(_date, str)
"""A date (or a datetime, already in local time) written in the language it is read in."""


def _reverse_absolute(viewname: str, kwargs: dict | None) -> str:
    return settings.SITE_URL + reverse(viewname, kwargs=kwargs)


reverse_absolute_lazy = lazy(_reverse_absolute, str)
"""The absolute address of a page, in the language that reads it (an email's links)."""
